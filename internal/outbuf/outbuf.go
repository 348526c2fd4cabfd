// Package outbuf holds the buffers that output goes to SSH clients through, pooled and as large as
// an SSH channel packet (OpenSSH and x/crypto clients take 32 KiB): a large output then leaves in a
// few full packets, where a 4 KiB buffer sent eight small ones, each a syscall and a wake-up of the
// client, for a 30 KB configuration. Pooled, the size costs nothing per command (Get, Put), nor
// per idle relayed session (Relay).
package outbuf

import (
	"bufio"
	"io"
	"sync"
)

// Size is the buffer size: one channel packet's payload.
const Size = 32 << 10

var pool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, Size) }}

// Get returns an empty buffered writer onto w.
func Get(w io.Writer) *bufio.Writer {
	b := pool.Get().(*bufio.Writer)
	b.Reset(w)
	return b
}

// Put gives b back; what it still holds is dropped (flush it first). b must not be used after.
func Put(b *bufio.Writer) {
	b.Reset(nil) // holds no client's writer while pooled
	pool.Put(b)
}

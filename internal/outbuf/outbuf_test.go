package outbuf

import (
	"bytes"
	"testing"
)

// TestPoolKeepsNothing: a writer given back holds nothing of its last client for the next one —
// neither bytes left unflushed nor the client's writer — and holds a full packet before writing.
func TestPoolKeepsNothing(t *testing.T) {
	var first, second bytes.Buffer
	for range 100 { // the pool may drop a writer; enough rounds give one back
		b := Get(&first)
		_, _ = b.WriteString("secret, never flushed")
		Put(b)
		b = Get(&second)
		if b.Buffered() != 0 || b.Available() != Size {
			t.Fatalf("a pooled writer holds %d bytes, %d free, want 0 and %d", b.Buffered(), b.Available(), Size)
		}
		_, _ = b.WriteString("display clock\n")
		if err := b.Flush(); err != nil {
			t.Fatal(err)
		}
		Put(b)
	}
	if first.Len() != 0 {
		t.Errorf("the first client got %q", first.String())
	}
	if want := bytes.Repeat([]byte("display clock\n"), 100); !bytes.Equal(second.Bytes(), want) {
		t.Errorf("the second client got %d bytes, want %d", second.Len(), len(want))
	}
}

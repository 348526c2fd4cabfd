package netconf

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// FuzzFrames feeds arbitrary bytes to the framer in both framings and each message to the XML
// reader and the RPC dispatcher's parser: any input ends in a message, a typed error or the end of
// the stream, never a panic or a message over the limit.
func FuzzFrames(f *testing.F) {
	for _, seed := range []string{
		"<rpc/>]]>]]>",
		"\n#5\n<rpc/\n#1\n>\n##\n",
		"\n#0\n", "\n##\n", "]]>]]]]>]]>",
		`<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><get><filter><top xmlns="http://www.hp.com/netconf/data:1.0"><VLAN/></top></filter></get></rpc>]]>]]>`,
		"<a><b><c></a>]]>]]>",
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	const max = 4096
	f.Fuzz(func(t *testing.T, data []byte, chunked bool) {
		fr := newFramer(strings.NewReader(string(data)), io.Discard, max)
		fr.chunked = chunked
		for i := 0; i < 64; i++ {
			msg, err := fr.read()
			if err != nil {
				if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) &&
					!errors.Is(err, ErrFraming) && !errors.Is(err, ErrTooBig) {
					t.Fatalf("untyped error %v", err)
				}
				return
			}
			if len(msg) > max {
				t.Fatalf("a message of %d bytes passed a limit of %d", len(msg), max)
			}
			if n, err := parseTree(msg); err == nil && n == nil {
				t.Fatal("parseTree gave neither a tree nor an error")
			}
		}
	})
}

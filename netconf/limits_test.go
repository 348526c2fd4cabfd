package netconf

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestHugeMessageIsRefusedAndClosed(t *testing.T) {
	for _, v11 := range []bool{false, true} {
		c := start(t, newDevice(t), Config{MaxMessage: 4096})
		c.readEOM()
		if v11 {
			c.send(clientHello11)
		} else {
			c.send(clientHello10)
		}
		c.chunked = v11
		huge := strings.Repeat("<a>", 4096)
		if v11 {
			huge = "\n#" + strconv.Itoa(len(huge)) + "\n" + huge
		}
		go func() { // the server stops reading at the limit: the writer must not hold the test
			_, _ = io.WriteString(c.conn, huge)
		}()
		mustContain(t, c.read(), "<error-tag>too-big</error-tag>", "longer than 4096 bytes")
		if err := c.closed(); !errors.Is(err, ErrTooBig) {
			t.Errorf("base1.1=%v: Serve = %v, want ErrTooBig", v11, err)
		}
	}
}

// A message that begins and never ends is cut off by the message timeout, an idle session by
// the idle timeout: the stream closes, nothing hangs.
func TestTimeouts(t *testing.T) {
	tests := []struct {
		name string
		send string
	}{
		{"message never ends", `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><get>`},
		{"idle", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{MessageTimeout: 50 * time.Millisecond, IdleTimeout: 100 * time.Millisecond}
			if tt.send != "" {
				cfg.IdleTimeout = time.Hour // only the message timeout can end it
			}
			c := start(t, newDevice(t), cfg)
			c.readEOM()
			c.send(clientHello10)
			if tt.send != "" {
				if _, err := io.WriteString(c.conn, tt.send); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.closed(); !errors.Is(err, ErrTimeout) {
				t.Errorf("Serve = %v, want ErrTimeout", err)
			}
		})
	}
}

func TestBadChunkFramingCloses(t *testing.T) {
	for name, raw := range map[string]string{
		"no header":      "<rpc/>",
		"zero size":      "\n#0\n",
		"leading zero":   "\n#01\nx\n##\n",
		"end first":      "\n##\n",
		"letters":        "\n#1a\n",
		"size too large": "\n#99999999999\n",
	} {
		t.Run(name, func(t *testing.T) {
			c := open(t, newDevice(t), true)
			if _, err := io.WriteString(c.conn, raw); err != nil {
				t.Fatal(err)
			}
			if err := c.closed(); !errors.Is(err, ErrFraming) && !errors.Is(err, ErrTooBig) {
				t.Errorf("Serve = %v, want a framing error", err)
			}
		})
	}
}

// A chunked message may come in many chunks; EOM's marker may straddle reads.
func TestFramerReadsPieces(t *testing.T) {
	msg := `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="7"><close-session/></rpc>`
	var chunks strings.Builder
	for i := 0; i < len(msg); i += 10 {
		part := msg[i:min(i+10, len(msg))]
		chunks.WriteString("\n#" + strconv.Itoa(len(part)) + "\n" + part)
	}
	chunks.WriteString("\n##\n")
	for name, in := range map[string]struct {
		raw     string
		chunked bool
	}{
		"chunks": {chunks.String(), true},
		"eom":    {msg + "]]>]]" + ">", false},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFramer(strings.NewReader(in.raw), io.Discard, 1<<20)
			f.chunked = in.chunked
			got, err := f.read()
			if err != nil || string(got) != msg {
				t.Errorf("read = %q, %v", got, err)
			}
		})
	}
}

package remote

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
)

// BenchmarkExec: one `display version` exec per op through Exec on the pooled connection, against
// a fresh connection (new pool) per exec, on the replay switch and on vtyd's line CLI.
func BenchmarkExec(b *testing.B) {
	r := newReplayServer(b)
	for _, dev := range []struct {
		name string
		t    Target
	}{{"replay", r.target()}, {"vtyd", vtydDevice(b)}} {
		b.Run(dev.name+"/pooled", func(b *testing.B) {
			p := NewPool(PoolOptions{})
			defer p.Close()
			for b.Loop() {
				if Exec(context.Background(), p, dev.t, "display version", io.Discard, io.Discard) != 0 {
					b.Fatal("exec failed")
				}
			}
		})
		b.Run(dev.name+"/fresh", func(b *testing.B) {
			for b.Loop() {
				p := NewPool(PoolOptions{})
				if Exec(context.Background(), p, dev.t, "display version", io.Discard, io.Discard) != 0 {
					b.Fatal("exec failed")
				}
				p.Close()
			}
		})
	}
}

// configOutput is what a shell reads for `display current-configuration` of a large switch: the
// echo, about 900 lines of configuration with \r\n line ends, and the prompt.
func configOutput() []byte {
	var b bytes.Buffer
	b.WriteString("display current-configuration\r\n#\r\n version 7.1.070, Release 3506P06\r\n#\r\n sysname core1\r\n#\r\n")
	for i := 1; i <= 220; i++ {
		fmt.Fprintf(&b, "interface Ten-GigabitEthernet1/0/%d\r\n port link-mode bridge\r\n description uplink %d\r\n#\r\n", i, i)
	}
	b.WriteString("return\r\n<core1>")
	return b.Bytes()
}

// BenchmarkClean: the text of a large configuration's output, as runLine cleans it once a command
// ended.
func BenchmarkClean(b *testing.B) {
	raw := configOutput()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		_ = clean(raw)
	}
}

// BenchmarkFindError: a large configuration's output looked at for a `%` error line, as runLine does
// after every command.
func BenchmarkFindError(b *testing.B) {
	text := clean(configOutput())
	s := &Shell{plat: comware()}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := s.findError(text, "display current-configuration", "<core1>"); err != nil {
			b.Fatal(err)
		}
	}
}

package linecli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"vtyd/internal/termtest"
	"vtyd/switchctl"
)

// pasteWay is how a paste reaches the CLI: between bracketed-paste markers, or as a burst of
// input that arrives at once from a terminal without them.
type pasteWay struct {
	name    string
	wrap    func(string) string
	bracket bool
}

func pasteWays() []pasteWay {
	return []pasteWay{
		{"bracketed", func(s string) string { return "\x1b[200~" + s + "\x1b[201~" }, true},
		{"burst", func(s string) string { return s }, false},
	}
}

func TestLineCLIPasteRefused(t *testing.T) {
	for _, tc := range pasteWays() {
		t.Run(tc.name, func(t *testing.T) {
			l := startCLI(t, Options{BracketedPaste: tc.bracket}, "system-view")
			if tc.bracket && !strings.HasPrefix(l.out.String(), bracketOn) {
				t.Errorf("bracketed paste not turned on: %q", l.out.String())
			}
			l.send(t, "system-view\r")
			l.out.WaitFor(t, "[HPE]")
			text, _ := termtest.VLANLines(100, 3000, "\r")
			l.send(t, "sysn")
			l.out.WaitFor(t, "sysn")
			l.send(t, tc.wrap(text))
			got := l.out.WaitFor(t, "[HPE]sysn")
			if !strings.Contains(got, "% Paste refused:") || !strings.Contains(got, "startup saved-configuration") ||
				!strings.Contains(got, "SFTP") || !strings.Contains(got, "reboot") {
				t.Errorf("refusal %q", got)
			}
			if termtest.HasVLAN(l.d, 100) || strings.Contains(got, "vlan 100") {
				t.Error("part of a refused paste ran or was echoed")
			}
			// The session goes on, with the line typed before the paste.
			l.send(t, "ame SW1\r")
			l.out.WaitFor(t, "[SW1]")
			l.end(t)
		})
	}
}

func TestLineCLIPasteWithinLimit(t *testing.T) {
	for _, tc := range pasteWays() {
		t.Run(tc.name, func(t *testing.T) {
			l := startCLI(t, Options{BracketedPaste: tc.bracket})
			l.send(t, "system-view\r")
			l.out.WaitFor(t, "[HPE]")
			text, n := termtest.VLANLines(200, 1500, "\r\n")
			l.send(t, tc.wrap("interface vlan-interface 1 ?\r"+text))
			l.out.WaitFor(t, fmt.Sprintf("[HPE-vlan%d]", 200+n-1))
			l.send(t, "quit\r")
			l.out.WaitFor(t, "[HPE]")
			for id := 200; id < 200+n; id++ {
				if !termtest.HasVLAN(l.d, id) {
					t.Errorf("vlan %d of the paste is missing", id)
				}
			}
			if got := l.out.String(); tc.bracket == strings.Contains(got, "  <cr>") {
				t.Errorf("? in a bracketed paste must be text, typed it is help: %q", got)
			}
			l.end(t)
		})
	}
}

// TestLineCLILineByLine: lines written one at a time, as netmiko's send_config_set does, have no
// limit however much they add up to.
func TestLineCLILineByLine(t *testing.T) {
	l := startCLI(t, Options{})
	l.send(t, "system-view\n")
	l.out.WaitFor(t, "[HPE]")
	text, n := termtest.VLANLines(300, 4000, "\n")
	for _, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		l.send(t, line)
		l.out.WaitFor(t, "]")
	}
	for id := 300; id < 300+n; id++ {
		if !termtest.HasVLAN(l.d, id) {
			t.Fatalf("vlan %d is missing", id)
		}
	}
	l.end(t)
}

// writerFunc adapts a function to io.Writer.
type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestLineCLIPasteQueuedBeforeWait: a paste that is already queued when the CLI comes to wait for
// input (it came while the prompt was being written) is judged as one that came while it waited.
func TestLineCLIPasteQueuedBeforeWait(t *testing.T) {
	d, s := cliSession(t)
	pr, pw := io.Pipe()
	out := termtest.NewBuffer()
	text, n := termtest.VLANLines(100, 3000, "\r")
	var cli *CLI
	gated := false
	pasted := make(chan error, 1)
	// The prompt after system-view is held until the paste is queued; the gate runs on the CLI's
	// goroutine, so it may look at its input.
	gate := writerFunc(func(p []byte) (int, error) {
		if !gated && bytes.Contains(p, []byte("[HPE]")) {
			gated = true
			go func() { _, err := io.WriteString(pw, text); pasted <- err }()
			for {
				cli.in.mu.Lock()
				queued := cli.in.size
				cli.in.mu.Unlock()
				if queued >= len(text) {
					break
				}
				<-cli.in.ready
			}
		}
		return out.Write(p)
	})
	cli = New(s, pr, gate, Options{Terminal: true})
	done := make(chan error, 1)
	go func() { done <- cli.Run(context.Background()) }()
	defer func() { pw.Close(); <-done }()
	out.WaitFor(t, "<HPE>")
	if _, err := io.WriteString(pw, "system-view\r"); err != nil {
		t.Fatal(err)
	}
	out.WaitFor(t, "[HPE]")
	got := out.WaitFor(t, "[HPE]")
	if err := <-pasted; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "% Paste refused: 3") {
		t.Errorf("no refusal after the prompt: %q", got)
	}
	for id := 100; id < 100+n; id++ {
		if termtest.HasVLAN(d, id) {
			t.Fatalf("vlan %d of the refused paste ran", id)
		}
	}
	if _, err := io.WriteString(pw, "vlan 99\r"); err != nil {
		t.Fatal(err)
	}
	out.WaitFor(t, "[HPE-vlan99]")
}

// TestLineCLIPasteWhilePaging: a paste that comes while a command's output waits at the pager's
// prompt is judged as at a command prompt; its refusal is shown above the pager's prompt, and
// nothing of it reaches the pager or the next prompt.
func TestLineCLIPasteWhilePaging(t *testing.T) {
	for _, tc := range pasteWays() {
		t.Run(tc.name, func(t *testing.T) {
			l := startCLI(t, Options{BracketedPaste: tc.bracket}, "system-view", "line vty 0", "screen-length 4", "return")
			l.send(t, "display current-configuration\r")
			l.out.WaitFor(t, MorePrompt)
			text, n := termtest.VLANLines(100, 3000, "\r")
			l.send(t, tc.wrap(text))
			refusal := strings.ReplaceAll(switchctl.PasteRefusal(len(text)), "\n", "\r\n")
			if got, want := l.out.WaitFor(t, MorePrompt), moreErase+refusal+MorePrompt; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			l.send(t, "q")
			if got, want := l.out.WaitFor(t, "<HPE>"), moreErase+"<HPE>"; got != want {
				t.Errorf("after q %q, want %q", got, want)
			}
			for id := 100; id < 100+n; id++ {
				if termtest.HasVLAN(l.d, id) {
					t.Fatalf("vlan %d of the refused paste ran", id)
				}
			}
			l.end(t)
		})
	}
}

// fullReader has input without end, a whole buffer each Read.
type fullReader struct{}

func (fullReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// TestInputQueueBounded: the reader holds at most inputQueue bytes of type-ahead, and the first
// chunk it reads after waiting for room says so (its arrival time is unknown).
func TestInputQueueBounded(t *testing.T) {
	in := startInput(fullReader{})
	defer in.stop()
	const chunks = inputQueue / inputChunk
	for {
		in.mu.Lock()
		size := in.size
		in.mu.Unlock()
		if size >= inputQueue {
			if size != chunks*inputChunk {
				t.Fatalf("%d bytes queued, want %d", size, chunks*inputChunk)
			}
			break
		}
		<-in.ready
	}
	for i := 0; i <= chunks; i++ {
		ch, ok, err := in.next()
		for !ok && err == nil {
			<-in.ready
			ch, ok, err = in.next()
		}
		if err != nil {
			t.Fatal(err)
		}
		if want := i == chunks; ch.held != want {
			t.Errorf("chunk %d: held %v, want %v", i, ch.held, want)
		}
	}
}

// TestLineCLILoneEnterIsAKey: an Enter that comes alone, after the line it ends was typed (as a
// person presses it, and as vtyd's own driver sends it once the line is echoed), runs the line at
// once; a paste that follows it is judged on its own, and refused alone when over the limit.
func TestLineCLILoneEnterIsAKey(t *testing.T) {
	l := startCLI(t, Options{}, "system-view")
	l.send(t, "system-view\r")
	l.out.WaitFor(t, "[HPE]")
	l.send(t, "vlan 77")
	l.out.WaitFor(t, "vlan 77")
	text, _ := termtest.VLANLines(100, 3000, "\r")
	l.send(t, "\r")
	l.send(t, text) // back to back with the Enter: a burst, were the Enter part of it
	got := l.out.WaitFor(t, "% Paste refused:")
	if !termtest.HasVLAN(l.d, 77) || !strings.Contains(got, "[HPE-vlan77]") {
		t.Errorf("the line ended by a lone Enter did not run:\n%s", got)
	}
	if termtest.HasVLAN(l.d, 100) {
		t.Error("part of the refused paste ran")
	}
	l.end(t)
}

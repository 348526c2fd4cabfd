package term

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
)

// typist feeds an Input through a pipe, read by read, and collects what it delivers.
type typist struct {
	w    *io.PipeWriter
	msgs chan tea.Msg
	done chan error
	in   *Input
}

func newTypist(in *Input) *typist {
	r, w := io.Pipe()
	t := &typist{w: w, msgs: make(chan tea.Msg, 100), done: make(chan error, 1), in: in}
	go func() { t.done <- in.Run(r, func(m tea.Msg) { t.msgs <- m }) }()
	return t
}

// send writes each part as a read of its own: the pipe hands every write to one Read.
func (t *typist) send(tb testing.TB, parts ...string) {
	tb.Helper()
	for _, p := range parts {
		if _, err := io.WriteString(t.w, p); err != nil {
			tb.Fatal(err)
		}
	}
}

// next is the next message, within a second.
func (t *typist) next(tb testing.TB) tea.Msg {
	tb.Helper()
	select {
	case m := <-t.msgs:
		return m
	case <-time.After(time.Second):
		tb.Fatal("no message")
		return nil
	}
}

// none checks that nothing more arrives within d.
func (t *typist) none(tb testing.TB, d time.Duration) {
	tb.Helper()
	select {
	case m := <-t.msgs:
		tb.Fatalf("unexpected %T %v", m, m)
	case <-time.After(d):
	}
}

func (t *typist) close(tb testing.TB) {
	tb.Helper()
	t.w.Close()
	if err := <-t.done; err != nil {
		tb.Errorf("Run: %v", err)
	}
}

func keyName(m tea.Msg) string {
	if k, ok := m.(tea.KeyPressMsg); ok {
		return k.String()
	}
	return fmt.Sprintf("%T", m)
}

// TestInputKeys decodes what common terminals send for the keys the console uses.
func TestInputKeys(t *testing.T) {
	ty := newTypist(&Input{EscTimeout: 20 * time.Millisecond})
	defer ty.close(t)
	for _, tc := range []struct{ seq, key string }{
		{"a", "a"}, {"é", "é"}, {"\r", "enter"}, {"\t", "tab"}, {"\x1b[Z", "shift+tab"},
		{"\x7f", "backspace"}, {"\x03", "ctrl+c"}, {"\x15", "ctrl+u"},
		{"\x1b[A", "up"}, {"\x1bOB", "down"}, {"\x1b[C", "right"}, {"\x1b[1;5D", "ctrl+left"},
		{"\x1b[5~", "pgup"}, {"\x1b[6~", "pgdown"}, {"\x1b[H", "home"}, {"\x1b[4~", "end"},
		{"\x1b[1~", "home"}, {"\x1b[3~", "delete"}, {"\x1bOP", "f1"}, {"\x1b[11~", "f1"},
		{"\x1bx", "alt+x"}, {"\x1b", "esc"},
	} {
		ty.send(t, tc.seq)
		if got := keyName(ty.next(t)); got != tc.key {
			t.Errorf("%q: got %s, want %s", tc.seq, got, tc.key)
		}
	}
	ty.none(t, 50*time.Millisecond)
}

// TestInputSplitSequences: a sequence cut across reads is one key, not Escape and letters; a lone
// Escape is the Escape key once nothing follows it in time; keys typed together all arrive.
func TestInputSplitSequences(t *testing.T) {
	ty := newTypist(&Input{EscTimeout: 200 * time.Millisecond})
	defer ty.close(t)
	ty.send(t, "\x1b", "[", "A")
	if got := keyName(ty.next(t)); got != "up" {
		t.Errorf("ESC [ A in three reads: %s", got)
	}
	ty.send(t, "\x1b[1;", "5C")
	if got := keyName(ty.next(t)); got != "ctrl+right" {
		t.Errorf("a modified arrow in two reads: %s", got)
	}
	start := time.Now()
	ty.send(t, "\x1b")
	if got := keyName(ty.next(t)); got != "esc" {
		t.Errorf("lone ESC: %s", got)
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("a lone ESC was taken after %v, before its timeout", d)
	}
	ty.send(t, "ls\x1b[B\r")
	var keys []string
	for i := 0; i < 4; i++ {
		keys = append(keys, keyName(ty.next(t)))
	}
	if strings.Join(keys, " ") != "l s down enter" {
		t.Errorf("one read of keys: %v", keys)
	}
}

// TestInputPaste: a bracketed paste arrives as one message however the reads cut it, end marker
// included; keys after it are keys; a paste over MaxPaste arrives as its length only.
func TestInputPaste(t *testing.T) {
	ty := newTypist(&Input{MaxPaste: 100})
	defer ty.close(t)
	ty.send(t, "\x1b[200~system-view\r\nvlan 10\r\n", "name Ser", "vers\r\x1b[2", "01~", "q")
	m, ok := ty.next(t).(tea.PasteMsg)
	if !ok || m.Content != "system-view\r\nvlan 10\r\nname Servers\r" {
		t.Errorf("paste: %#v", m)
	}
	if got := keyName(ty.next(t)); got != "q" {
		t.Errorf("the key after the paste: %s", got)
	}
	// Escape sequences inside a paste are text: only the end marker ends it.
	ty.send(t, "\x1b[200~a\x1b[Ab\xffc\x1b[201~")
	if m, ok := ty.next(t).(tea.PasteMsg); !ok || m.Content != "a\x1b[Abc" {
		t.Errorf("paste with an escape and a stray byte: %#v", m)
	}
	big := strings.Repeat("vlan 100\r\n", 30)
	ty.send(t, "\x1b[200~"+big[:150], big[150:]+"\x1b[201~")
	if m, ok := ty.next(t).(PasteTooLongMsg); !ok || m.Bytes != len(big) {
		t.Errorf("a paste of %d bytes over the limit: %#v", len(big), m)
	}
	ty.in.mu.Lock()
	defer ty.in.mu.Unlock()
	if ty.in.paste != nil {
		t.Errorf("the refused paste is still held: %d bytes", len(ty.in.paste))
	}
}

// TestInputReplies: the terminal's answer to the background-colour query reaches the model; an
// answer nobody asked for, or an unknown sequence, does not turn into keys.
func TestInputReplies(t *testing.T) {
	ty := newTypist(&Input{EscTimeout: 20 * time.Millisecond})
	defer ty.close(t)
	ty.send(t, "\x1b]11;rgb:0000/0000/0000\x07")
	if m, ok := ty.next(t).(tea.BackgroundColorMsg); !ok || !m.IsDark() {
		t.Errorf("background colour: %#v", m)
	}
	ty.send(t, "\x1b]11;rgb:ffff/ffff/ffff\x1b\\")
	if m, ok := ty.next(t).(tea.BackgroundColorMsg); !ok || m.IsDark() {
		t.Errorf("light background colour: %#v", m)
	}
	ty.send(t, "\x1b[?62;22c", "\x1b[I", "\x1b[99;99;99X")
	ty.none(t, 80*time.Millisecond)
}

// TestInputEndlessSequence: a client streaming an escape sequence that never ends does not make the
// reader keep it all.
func TestInputEndlessSequence(t *testing.T) {
	ty := newTypist(&Input{EscTimeout: time.Hour})
	defer ty.close(t)
	sent := make(chan error, 1)
	go func() {
		_, err := io.WriteString(ty.w, "\x1b]0;")
		for i := 0; i < 100 && err == nil; i++ {
			_, err = io.WriteString(ty.w, strings.Repeat("x", 1000))
		}
		if err == nil {
			_, err = io.WriteString(ty.w, "\x07z")
		}
		sent <- err
	}()
	// Whatever became of the flood, z is a key and little was held.
	deadline := time.After(10 * time.Second)
	for done := false; !done; {
		select {
		case m := <-ty.msgs:
			done = keyName(m) == "z"
		case <-deadline:
			t.Fatal("z never arrived")
		}
	}
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
	ty.in.mu.Lock()
	defer ty.in.mu.Unlock()
	if len(ty.in.pending) > maxPending {
		t.Errorf("%d bytes held", len(ty.in.pending))
	}
}

// TestInputEnd: at the end of input a pending Escape is delivered and Run returns nil.
func TestInputEnd(t *testing.T) {
	ty := newTypist(&Input{EscTimeout: time.Hour})
	ty.send(t, "\x1b")
	ty.close(t)
	if got := keyName(ty.next(t)); got != "esc" {
		t.Errorf("pending ESC at the end: %s", got)
	}
}

// TestInputLongSequenceDiscarded: an escape sequence longer than the reader keeps is dropped whole,
// up to its terminator: none of it arrives as keys (a 6,000-byte OSC 52 once switched the view),
// and what follows it does.
func TestInputLongSequenceDiscarded(t *testing.T) {
	long := strings.Repeat("QUJD", 1500) // 6,000 bytes of base64, as OSC 52 carries
	for _, tc := range []struct{ name, seq string }{
		{"OSC 52 ended by BEL", "\x1b]52;c;" + long + "\x07"},
		{"OSC 52 ended by ST", "\x1b]52;c;" + long + "\x1b\\"},
		{"DCS", "\x1bP" + long + "\x1b\\"},
		{"APC", "\x1b_" + long + "\x07"},
		{"CSI", "\x1b[" + strings.Repeat("1;", 3000) + "m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ty := newTypist(&Input{EscTimeout: time.Hour})
			defer ty.close(t)
			// In reads of 700 bytes, as a client sends them.
			for s := tc.seq + "z"; s != ""; {
				n := min(len(s), 700)
				ty.send(t, s[:n])
				s = s[n:]
			}
			if got := keyName(ty.next(t)); got != "z" {
				t.Errorf("the first key after the sequence is %s, want z", got)
			}
			ty.none(t, 30*time.Millisecond)
			ty.in.mu.Lock()
			defer ty.in.mu.Unlock()
			if len(ty.in.pending) > 0 || ty.in.discard != 0 {
				t.Errorf("after the sequence: %d bytes pending, discarding %v", len(ty.in.pending), ty.in.discard)
			}
		})
	}
}

// TestInputPanic: a panic in the decoder, in a read or in the timer that ends a sequence, ends Run
// with a PanicError that carries the stack, and calls OnPanic once; it never reaches the process.
func TestInputPanic(t *testing.T) {
	for _, when := range []string{"read", "timer"} {
		t.Run(when, func(t *testing.T) {
			var got []*PanicError
			reported := make(chan struct{}, 2)
			in := &Input{EscTimeout: 5 * time.Millisecond, OnPanic: func(e *PanicError) {
				got = append(got, e)
				reported <- struct{}{}
			}}
			in.decode = func(p []byte, expired bool) (int, uv.Event) {
				if when == "read" || expired {
					panic("decoder bug")
				}
				return 0, nil // wait for more: the timer decodes it
			}
			r, w := io.Pipe()
			done := make(chan error, 1)
			go func() { done <- in.Run(r, func(tea.Msg) {}) }()
			io.WriteString(w, "\x1b")
			select {
			case <-reported:
			case <-time.After(5 * time.Second):
				t.Fatal("no panic reported")
			}
			if when == "timer" {
				// The read goroutine learns of it at its next read.
				go io.WriteString(w, "x")
			}
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Run did not end")
			}
			w.Close()
			var pe *PanicError
			if !errors.As(err, &pe) || pe.Value != "decoder bug" || !strings.Contains(string(pe.Stack), "TestInputPanic") {
				t.Errorf("Run: %v", err)
			}
			if len(got) != 1 {
				t.Errorf("OnPanic called %d times", len(got))
			}
		})
	}
}

// TestInputBurstIsPaste: text that arrives at once without bracketed paste (a terminal without it,
// or a client that writes a script) is a paste when it holds a line break: several printable
// characters and Enter in one read, or in reads within BurstWindow, are one PasteMsg, never keys.
// Keys typed one by one, and short bursts without Enter, stay keys.
func TestInputBurstIsPaste(t *testing.T) {
	ty := newTypist(&Input{EscTimeout: 20 * time.Millisecond, BurstWindow: 200 * time.Millisecond})
	defer ty.close(t)
	ty.send(t, "system-view\ninterface GE1/0/1\nshutdown\n")
	if m, ok := ty.next(t).(tea.PasteMsg); !ok || m.Content != "system-view\ninterface GE1/0/1\nshutdown\n" {
		t.Errorf("a burst with line breaks: %#v", m)
	}
	// Cut across reads.
	ty.send(t, "display ver", "sion\r")
	if m, ok := ty.next(t).(tea.PasteMsg); !ok || m.Content != "display version\r" {
		t.Errorf("a burst in two reads: %#v", m)
	}
	// Typed: one key a read.
	for _, k := range []string{"s", "y", "\r"} {
		ty.send(t, k)
		if got := keyName(ty.next(t)); got != map[string]string{"s": "s", "y": "y", "\r": "enter"}[k] {
			t.Errorf("typed %q: %s", k, got)
		}
	}
	// Two keys at once without Enter are keys; so is a key then an arrow.
	ty.send(t, "jk")
	if a, b := keyName(ty.next(t)), keyName(ty.next(t)); a+b != "jk" {
		t.Errorf("jk: %s %s", a, b)
	}
	ty.none(t, 30*time.Millisecond)
}

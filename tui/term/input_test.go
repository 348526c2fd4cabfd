package term

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
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

package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"vtyd/internal/termtest"
)

// castEvents reads a recording back as asciinema does: a header object, then [time, code, data] arrays.
func castEvents(t *testing.T, path string) (map[string]any, [][]any) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var head map[string]any
	var events [][]any
	for sc.Scan() {
		if head == nil {
			if err := json.Unmarshal(sc.Bytes(), &head); err != nil {
				t.Fatalf("header: %v: %q", err, sc.Text())
			}
			continue
		}
		var ev []any
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil || len(ev) != 3 {
			t.Fatalf("event %q: %v", sc.Text(), err)
		}
		events = append(events, ev)
	}
	return head, events
}

func TestRecording(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 12, 7, 21, 58, 0, 0, time.UTC)
	r, err := NewRecording(dir, Header{Width: 120, Height: 40, Title: "alice@core1", Timestamp: at,
		Env: map[string]string{"TERM": "xterm-256color"}, ID: "s-42"})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "20261207", "215800-s-42.cast"); r.Path() != want {
		t.Errorf("path %s, want %s", r.Path(), want)
	}
	var screen bytes.Buffer
	w := r.Writer(&screen)
	// "café" and "中" cut mid-rune across writes; \xff can never be UTF-8.
	chunks := []string{"<core1>display clock\r\n", "caf\xc3", "\xa9 \xe4\xb8", "\xad \xff ok\r\n", "<core1>"}
	for _, c := range chunks {
		w.Write([]byte(c))
	}
	r.Input([]byte("password simple Hunter2\r")) // not recorded: Input is off
	r.Resize(100, 30)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if screen.String() != strings.Join(chunks, "") {
		t.Errorf("the tap changed what the terminal got: %q", screen.String())
	}
	assertMode(t, r.Path(), 0o600)
	assertMode(t, filepath.Dir(r.Path()), 0o700)
	raw, _ := os.ReadFile(r.Path())
	if bytes.Contains(raw, []byte("Hunter2")) {
		t.Errorf("typed input was recorded with Input off:\n%s", raw)
	}
	head, events := castEvents(t, r.Path())
	if head["version"] != 2.0 || head["width"] != 120.0 || head["height"] != 40.0 || head["title"] != "alice@core1" ||
		head["timestamp"] != float64(at.Unix()) {
		t.Errorf("header %v", head)
	}
	var out strings.Builder
	last := -1.0
	for _, ev := range events {
		if ts := ev[0].(float64); ts < last {
			t.Errorf("time goes back: %v after %v", ts, last)
		} else {
			last = ts
		}
		if ev[1] == "o" {
			out.WriteString(ev[2].(string))
		}
	}
	if got := events[len(events)-1]; got[1] != "r" || got[2] != "100x30" {
		t.Errorf("last event %v, want the resize", got)
	}
	want := "<core1>display clock\r\ncafé 中 \ufffd ok\r\n<core1>"
	if out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
	if !regexp.MustCompile(`(?m)^\[\d+\.\d{6}, "o", `).Match(raw) {
		t.Errorf("event times are not seconds with microseconds:\n%s", raw)
	}
	if err := r.Close(); !errors.Is(err, ErrRecordingClosed) {
		t.Errorf("second Close = %v", err)
	}
	asciinemaCat(t, r.Path(), want)
}

func TestRecordingInput(t *testing.T) {
	r, err := NewRecording(t.TempDir(), Header{Input: true, ID: "in"})
	if err != nil {
		t.Fatal(err)
	}
	r.Input([]byte("dis\xe2"))
	r.Input([]byte("\x82\xac ver\r\x03"))
	r.Output([]byte("tail \xe2\x82")) // never completed: written as U+FFFD on Close
	r.Close()
	_, events := castEvents(t, r.Path())
	got := map[string]string{}
	for _, ev := range events {
		got[ev[1].(string)] += ev[2].(string)
	}
	if got["i"] != "dis€ ver\r\x03" || got["o"] != "tail \ufffd\ufffd" {
		t.Errorf("input %q, output %q", got["i"], got["o"])
	}
}

func TestRecordingBadID(t *testing.T) {
	for _, id := range []string{"../x", "a/b", ".."} {
		if _, err := NewRecording(t.TempDir(), Header{ID: id}); err == nil {
			t.Errorf("id %q accepted", id)
		}
	}
}

// asciinemaCat checks that Debian's asciinema plays the file and prints what the user saw.
func asciinemaCat(t *testing.T, path, want string) {
	t.Helper()
	if got := termtest.AsciinemaCat(t, path); got != want {
		t.Errorf("asciinema cat printed %q, want %q", got, want)
	}
}

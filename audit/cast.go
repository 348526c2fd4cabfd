package audit

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ErrRecordingClosed is returned by Close on a recording already closed.
var ErrRecordingClosed = errors.New("audit: recording closed")

// Header describes a recording: the asciicast v2 header, and the two settings that are not in it.
type Header struct {
	Width, Height int
	Title         string
	Env           map[string]string // e.g. TERM and SHELL, as asciinema records them
	Timestamp     time.Time         // start of the session; now when zero

	ID    string // names the file (the session id); random when empty
	Input bool   // record what the user typed: off by default, since typed input can hold passwords
}

// Recording is an asciicast v2 file being written. Its methods are safe for concurrent use; a write
// error stops the recording and is returned by Close (the session goes on).
type Recording struct {
	mu     sync.Mutex
	f      *os.File
	path   string
	start  time.Time
	input  bool
	out    []byte // an incomplete UTF-8 sequence held until the next Output
	in     []byte // the same for Input
	err    error
	closed bool
}

// NewRecording creates DIR/YYYYMMDD/HHMMSS-ID.cast (0600, in 0700 directories) and writes its header.
func NewRecording(dir string, h Header) (*Recording, error) {
	if h.Timestamp.IsZero() {
		h.Timestamp = time.Now()
	}
	if h.Width <= 0 {
		h.Width = 80
	}
	if h.Height <= 0 {
		h.Height = 24
	}
	if h.ID == "" {
		var b [6]byte
		rand.Read(b[:])
		h.ID = hex.EncodeToString(b[:])
	}
	if filepath.Base(h.ID) != h.ID || h.ID == "." || h.ID == ".." {
		return nil, fmt.Errorf("audit: recording id %q is not a file name", h.ID)
	}
	utc := h.Timestamp.UTC()
	day := filepath.Join(dir, utc.Format("20060102"))
	if err := os.MkdirAll(day, 0o700); err != nil {
		return nil, fmt.Errorf("audit: recording: %w", err)
	}
	path := filepath.Join(day, utc.Format("150405")+"-"+h.ID+".cast")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit: recording: %w", err)
	}
	head, err := json.Marshal(struct {
		Version   int               `json:"version"`
		Width     int               `json:"width"`
		Height    int               `json:"height"`
		Timestamp int64             `json:"timestamp"`
		Title     string            `json:"title,omitempty"`
		Env       map[string]string `json:"env,omitempty"`
	}{2, h.Width, h.Height, h.Timestamp.Unix(), h.Title, h.Env})
	if err == nil {
		_, err = f.Write(append(head, '\n'))
	}
	if err == nil {
		err = syncDir(day)
	}
	if err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("audit: recording %s: %w", path, err)
	}
	return &Recording{f: f, path: path, start: time.Now(), input: h.Input}, nil
}

// Path is the recording's file.
func (r *Recording) Path() string { return r.path }

// Output records bytes the session sent to the user's terminal.
func (r *Recording) Output(p []byte) { r.event('o', p) }

// Input records bytes the user typed, when the Header asked for it; otherwise it does nothing.
func (r *Recording) Input(p []byte) {
	if r.input {
		r.event('i', p)
	}
}

// Resize records a change of the terminal's size.
func (r *Recording) Resize(w, h int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.write('r', fmt.Appendf(nil, "%dx%d", w, h))
}

// Writer returns a writer that writes to w and records what w took as output.
func (r *Recording) Writer(w io.Writer) io.Writer { return tap{w, r} }

type tap struct {
	w io.Writer
	r *Recording
}

func (t tap) Write(p []byte) (int, error) {
	n, err := t.w.Write(p)
	if n > 0 {
		t.r.Output(p[:n])
	}
	return n, err
}

// event writes p, less an incomplete rune at its end, which waits for the next event of its kind.
func (r *Recording) event(kind byte, p []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	held := &r.out
	if kind == 'i' {
		held = &r.in
	}
	data := p
	if len(*held) > 0 {
		data = append(*held, p...)
	}
	whole, tail := splitRune(data)
	*held = append((*held)[:0:0], tail...)
	if len(whole) > 0 {
		r.write(kind, whole)
	}
}

// write appends one event line with one write call, so that a crash loses at most that event.
func (r *Recording) write(kind byte, data []byte) {
	if r.err != nil || r.closed {
		return
	}
	line := make([]byte, 0, len(data)+32)
	line = append(line, '[')
	line = appendSeconds(line, time.Since(r.start).Seconds())
	line = append(line, ',', ' ', '"', kind, '"', ',', ' ')
	line = appendJSONString(line, string(data))
	line = append(line, ']', '\n')
	if _, err := r.f.Write(line); err != nil {
		r.err = fmt.Errorf("audit: recording %s: %w", r.path, err)
	}
}

// Close writes what is held back (as U+FFFD: the rune will not be completed), syncs and closes the
// file. It returns the first error the recording met.
func (r *Recording) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return ErrRecordingClosed
	}
	if len(r.out) > 0 {
		r.write('o', r.out)
	}
	if len(r.in) > 0 {
		r.write('i', r.in)
	}
	r.closed = true
	err := r.err
	if serr := r.f.Sync(); err == nil && serr != nil {
		err = serr
	}
	if cerr := r.f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return err
}

package remote

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/ssh"

	"vtyd/switchctl"
	"vtyd/tui"
)

// The PTY a Shell asks for. Comware has no terminal-width command and wraps some output at the
// terminal width, so the widest sensible terminal keeps lines whole; the height does not drive
// Comware's pager (screen-length does).
const (
	ptyTerm = "vt100"
	ptyCols = 512
	ptyRows = 24
)

// Shell drives the Comware CLI over one session channel with a PTY on a pooled connection. One
// command runs at a time; a Shell is safe for use by several goroutines.
type Shell struct {
	tui.OpTracker // the operation (paste, action) its lines belong to, for the audit

	t       Target
	plat    platform
	sess    *ssh.Session
	release func()
	stdin   io.Writer

	run sync.Mutex // one command at a time

	mu      sync.Mutex // guards what follows
	observe func(switchctl.Ran)
	asker   tui.Asker
	prompt  string
	paged   bool  // `screen-length disable` was refused: output comes a screen at a time
	broken  error // set once the shell is unusable (timeout, closed)

	in inbox
}

// inbox is the device's output not yet consumed, filled by the reader goroutine.
type inbox struct {
	mu     sync.Mutex
	buf    []byte
	end    error         // why the output ended (io.EOF when the device closed it)
	notify chan struct{} // signalled (capacity 1) on new output or its end
}

// OpenShell opens a CLI session on t: it waits for the first prompt after the login banner and
// disables the pager (when the device refuses, the pager is answered instead).
func OpenShell(ctx context.Context, p *Pool, t Target) (*Shell, error) {
	return openExecShell(ctx, p, t, nil)
}

// openExecShell is OpenShell for an exec when handed is not nil: a shell another exec hands over while
// this one waits for a slot is returned as it is (Pool.session).
func openExecShell(ctx context.Context, p *Pool, t Target, handed chan *Shell) (*Shell, error) {
	sess, release, sh, err := p.session(ctx, t, handed)
	if err != nil || sh != nil {
		return sh, err
	}
	s := &Shell{t: t, plat: comware(), sess: sess, release: release, in: inbox{notify: make(chan struct{}, 1)}}
	if err := s.start(); err != nil {
		release()
		return nil, fmt.Errorf("remote: %s: opening a shell: %w", t.name(), err)
	}
	if err := s.login(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Shell) start() error {
	modes := ssh.TerminalModes{ssh.ECHO: 1, ssh.TTY_OP_ISPEED: 38400, ssh.TTY_OP_OSPEED: 38400}
	if err := s.sess.RequestPty(ptyTerm, ptyRows, ptyCols, modes); err != nil {
		return err
	}
	w, err := s.sess.StdinPipe()
	if err != nil {
		return err
	}
	r, err := s.sess.StdoutPipe()
	if err != nil {
		return err
	}
	s.stdin = w
	if err := s.sess.Shell(); err != nil {
		return err
	}
	go s.in.fill(r)
	return nil
}

// fill copies the device's output into the inbox until it ends.
func (in *inbox) fill(r io.Reader) {
	b := make([]byte, 32<<10)
	for {
		n, err := r.Read(b)
		in.mu.Lock()
		in.buf = append(in.buf, b[:n]...)
		if err != nil {
			in.end = err
		}
		in.mu.Unlock()
		select {
		case in.notify <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

// login reads the banner up to the first prompt (answering "Press Y or ENTER to continue"), then
// runs the platform's on-open commands; a refused `screen-length disable` leaves the pager on.
func (s *Shell) login(ctx context.Context) error {
	for answered := false; ; {
		raw, ev, err := s.wait(ctx, s.atPrompt)
		if err != nil {
			return err
		}
		if ev == evPrompt {
			s.setPrompt(lastLine(clean(raw)))
			break
		}
		// Some HPE boxes hold the session at "Press Y or ENTER to continue, N to exit." (FACTS.md).
		if !answered && strings.Contains(clean(raw), "N to exit.") {
			answered = true
			s.write("\n")
		}
	}
	for _, cmd := range s.plat.onOpen {
		err := s.Run(ctx, cmd, io.Discard)
		var ce *CommandError
		switch {
		case errors.As(err, &ce) && cmd == "screen-length disable":
			s.mu.Lock()
			s.paged = true
			s.mu.Unlock()
		case err != nil:
			return err
		}
	}
	return nil
}

// event is what ended a wait: the device is waiting for something.
type event int

const (
	evNone     event = iota
	evPrompt         // the CLI prompt: the command is done
	evPager          // `---- More ----`
	evQuestion       // a dialog's question
	evOther          // the output stopped at something a caller was looking for
)

// atPrompt is the matcher of a command's output: it stops at the pager, a question or the prompt,
// each with nothing after it.
func (s *Shell) atPrompt(raw []byte) event {
	if pagerWaiting(raw) {
		return evPager
	}
	// Only the last line can be a prompt or a question: cleaning just that keeps a long output
	// linear to read (the whole output is cleaned once, at the end).
	if i := bytes.LastIndexByte(raw, '\n'); i >= 0 {
		raw = raw[i+1:]
	}
	last := lastLine(clean(raw))
	switch {
	case questionRe.MatchString(last):
		return evQuestion
	case s.plat.isPrompt(last):
		return evPrompt
	}
	return evNone
}

// wait reads the device's output until match names an event, and consumes what it saw. match sees
// all output since the last consumption each time more arrives. Each wait for more output is
// bounded by the target's timeout.
func (s *Shell) wait(ctx context.Context, match func(raw []byte) event) ([]byte, event, error) {
	s.mu.Lock()
	broken := s.broken
	s.mu.Unlock()
	if broken != nil {
		return nil, evNone, broken
	}
	timer := time.NewTimer(s.t.timeout())
	defer timer.Stop()
	for {
		s.in.mu.Lock()
		if ev := match(s.in.buf); ev != evNone {
			out := s.in.buf
			s.in.buf = nil
			s.in.mu.Unlock()
			return out, ev, nil
		}
		end := s.in.end
		s.in.mu.Unlock()
		if end != nil {
			return nil, evNone, s.fail(ErrClosed)
		}
		select {
		case <-s.in.notify:
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
			timer.Reset(s.t.timeout())
		case <-timer.C:
			return nil, evNone, s.fail(ErrTimeout)
		case <-ctx.Done():
			return nil, evNone, s.fail(ctx.Err())
		}
	}
}

// fail marks the shell unusable: after a timeout or a cancelled wait, what the device prints next
// cannot be matched to a command any more.
func (s *Shell) fail(err error) error {
	err = fmt.Errorf("remote: %s: %w", s.t.name(), err)
	s.mu.Lock()
	if s.broken == nil {
		s.broken = err
	}
	s.mu.Unlock()
	return err
}

// write sends keys to the device; a failed write shows up as the end of the output.
func (s *Shell) write(keys string) { _, _ = io.WriteString(s.stdin, keys) }

// setPrompt keeps a copy of p: cut from a command's output, it would keep all of that alive in a
// shell the pool holds warm.
func (s *Shell) setPrompt(p string) {
	p = strings.Clone(strings.TrimPrefix(p, "\x00"))
	s.mu.Lock()
	s.prompt = p
	s.mu.Unlock()
}

// Prompt is the prompt the device printed last: <sw>, [sw], [sw-GigabitEthernet1/0/1].
func (s *Shell) Prompt() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prompt
}

// Paged reports whether the device refused `screen-length disable`, so output is paged.
func (s *Shell) Paged() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.paged
}

// SetAsker sets who answers the device's questions; nil refuses them.
func (s *Shell) SetAsker(a tui.Asker) {
	s.mu.Lock()
	s.asker = a
	s.mu.Unlock()
}

// Close ends the session and frees its slot in the pool; the connection stays pooled.
func (s *Shell) Close() error {
	s.mu.Lock()
	if s.broken == nil {
		s.broken = fmt.Errorf("remote: %s: %w", s.t.name(), ErrClosed)
	}
	s.mu.Unlock()
	s.release()
	return nil
}

// Check cannot check a batch on a real switch: it has no dry run.
func (s *Shell) Check([]string) (int, error) { return -1, tui.ErrNoDryRun }

// Exec implements tui.Shell: Run.
func (s *Shell) Exec(ctx context.Context, line string, w io.Writer) error { return s.Run(ctx, line, w) }

// Reset returns to user view with `return`, which every view but user view takes.
func (s *Shell) Reset() {
	if strings.HasPrefix(s.Prompt(), "[") {
		ctx, cancel := context.WithTimeout(context.Background(), s.t.timeout())
		defer cancel()
		_ = s.Run(ctx, "return", io.Discard)
	}
}

var _ tui.Shell = (*Shell)(nil)

// runeLen is the number of characters a line occupies on the device's edit line.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

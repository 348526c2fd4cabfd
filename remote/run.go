package remote

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"vtyd/switchctl"
)

// ErrLine is returned for a command line the shell cannot send as one line.
var ErrLine = errors.New("remote: a command line cannot contain a line end or a control character")

// Run sends line and writes its output, without the echo and the prompt, to w. A `%` error line in
// the output is returned as a *CommandError (and not written to w). The pager is answered, and
// questions go to the Asker (refused with N when there is none: *ConfirmError). No prompt in time
// is ErrTimeout, after which the shell is unusable; the device closing the session is ErrClosed.
func (s *Shell) Run(ctx context.Context, line string, w io.Writer) error {
	s.mu.Lock()
	observe := s.observe
	s.mu.Unlock()
	if observe == nil || strings.TrimSpace(line) == "" {
		return s.runLine(ctx, line, w)
	}
	prompt, start := s.Prompt(), time.Now()
	err := s.runLine(ctx, line, w)
	observe(switchctl.Ran{Prompt: prompt, Line: strings.TrimSpace(line), Err: err, Took: time.Since(start)})
	return err
}

// SetObserver has f told of every line Run runs (the gateway's audit); nil for none.
func (s *Shell) SetObserver(f func(switchctl.Ran)) {
	s.mu.Lock()
	s.observe = f
	s.mu.Unlock()
}

func (s *Shell) runLine(ctx context.Context, line string, w io.Writer) error {
	if strings.ContainsFunc(line, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Errorf("%w: %q", ErrLine, line)
	}
	s.run.Lock()
	defer s.run.Unlock()
	prompt := s.Prompt()
	s.typeLine(ctx, line)
	var transcript []byte
	var asked []string
	var refused *ConfirmError
	for {
		raw, ev, err := s.wait(ctx, s.atPrompt)
		if err != nil {
			return err
		}
		if transcript == nil {
			transcript = raw // the wait hands its buffer over: most commands end at one wait
		} else {
			transcript = append(transcript, raw...)
		}
		switch ev {
		case evPager:
			s.write(" ")
			continue
		case evQuestion:
			q := strings.TrimSpace(lastLine(clean(raw)))
			asked = append(asked, q)
			if refused != nil {
				s.write("\x03") // a second question after a refusal: interrupt the command
				continue
			}
			answer, ok := s.ask(ctx, q)
			if !ok {
				refused = &ConfirmError{Line: line, Question: q}
				if strings.Contains(q, "Y/N") {
					answer = "N"
				} else {
					s.write("\x03")
					continue
				}
			}
			s.write(answer + "\n")
			continue
		}
		break
	}
	text := clean(transcript)
	s.setPrompt(lastLine(text))
	body := text[:len(text)-len(lastLine(text))]
	// The first line is the echo of the command.
	if i := strings.IndexByte(body, '\n'); i >= 0 && strings.HasSuffix(strings.TrimRight(body[:i], " "), strings.TrimRight(line, " ")) {
		body = body[i+1:]
	}
	body = dropQuestions(body, asked)
	body, cerr := s.findError(body, line, prompt)
	if _, err := io.WriteString(w, body); err != nil {
		return err
	}
	if refused != nil {
		return refused
	}
	if cerr != nil {
		return cerr
	}
	return nil
}

// ask puts a question to the Asker; ok is false when there is none or it declined.
func (s *Shell) ask(ctx context.Context, q string) (string, bool) {
	s.mu.Lock()
	a := s.asker
	s.mu.Unlock()
	if a == nil {
		return "", false
	}
	answer, err := a.Ask(ctx, q)
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(answer), true
}

// dropQuestions removes the lines of the questions asked (each with the answer's echo): the Asker
// showed them already.
func dropQuestions(body string, asked []string) string {
	if len(asked) == 0 {
		return body
	}
	lines := strings.SplitAfter(body, "\n")
	out := lines[:0]
	for _, l := range lines {
		drop := false
		for _, q := range asked {
			if q != "" && strings.HasPrefix(strings.TrimSpace(l), q) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}

// findError takes the first `%` error line (and the caret line above it) out of body. The caret
// counts from the prompt the line was typed after.
func (s *Shell) findError(body, line, prompt string) (string, error) {
	if !s.plat.mayHoldError(body) {
		return body, nil
	}
	lines := strings.SplitAfter(body, "\n")
	for i, l := range lines {
		text := strings.TrimRight(l, "\n")
		if !s.plat.isError(text) {
			continue
		}
		ce := &CommandError{Line: line, Text: strings.TrimRight(text, " "), Caret: -1}
		from := i
		if i > 0 {
			prev := strings.TrimRight(lines[i-1], "\n")
			if strings.TrimSpace(prev) == "^" {
				ce.Caret = max(0, runeLen(prev[:strings.IndexByte(prev, '^')])-runeLen(prompt))
				from = i - 1
			}
		}
		rest := append(lines[:from:from], lines[i+1:]...)
		return strings.Join(rest, ""), ce
	}
	return body, nil
}

// Help sends line followed by `?` and writes what the device listed; the device's edit line is
// then emptied again.
func (s *Shell) Help(line string, w io.Writer) error {
	listing, _, err := s.interact(line, "?")
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, listing)
	return err
}

// Complete sends line followed by Tab, then `?` so the device redisplays the edit line after a
// listing: that shows the completed line, and when Tab could not complete, the listing holds the
// candidates.
func (s *Shell) Complete(line string) (string, []string) {
	listing, edit, err := s.interact(line, "\t?")
	if err != nil {
		return line, nil
	}
	if strings.TrimRight(edit, " ") != strings.TrimRight(line, " ") {
		return edit, nil
	}
	var cands []string
	for _, l := range strings.Split(listing, "\n") {
		if f := strings.Fields(l); strings.HasPrefix(l, "  ") && len(f) > 0 && f[0] != "<cr>" && !s.plat.isError(l) {
			cands = append(cands, f[0])
		}
	}
	return line, cands
}

// interact types line and keys, waits for the device to redisplay the edit line (prompt first)
// after its listing, and returns the listing and the redisplayed edit line. It then erases the
// edit line with backspaces and sends an empty line, which only prints a new prompt: the device
// is left as it was.
func (s *Shell) interact(line, keys string) (listing, edit string, err error) {
	if strings.ContainsFunc(line, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '?' }) {
		return "", "", fmt.Errorf("%w: %q", ErrLine, line)
	}
	s.run.Lock()
	defer s.run.Unlock()
	ctx := context.Background()
	prompt := s.Prompt()
	s.write(line + keys)
	// The listing starts after the echo of `?` and ends at the redisplayed edit line. (Tab may
	// redisplay the line too, before the `?`.)
	split := func(text string) (listing, last string, ok bool) {
		i := strings.Index(text, "?\n")
		last = lastLine(text)
		if i < 0 || len(text)-len(last) < i+2 || !strings.HasPrefix(last, prompt) {
			return "", "", false
		}
		return text[i+2 : len(text)-len(last)], last, true
	}
	raw, _, err := s.wait(ctx, func(raw []byte) event {
		if _, _, ok := split(clean(raw)); ok {
			return evOther
		}
		return evNone
	})
	if err != nil {
		return "", "", err
	}
	listing, last, _ := split(clean(raw))
	edit = strings.TrimPrefix(last, prompt)
	listing = strings.TrimSuffix(listing, "\n") // the blank line before the redisplay
	s.write(strings.Repeat("\b", runeLen(edit)) + "\n")
	if _, ev, err := s.wait(ctx, s.atPrompt); err != nil {
		return "", "", err
	} else if ev != evPrompt {
		return "", "", s.fail(fmt.Errorf("unexpected output after %q", line+keys))
	}
	return listing, edit, nil
}

// echoWait bounds how long typeLine waits for the echo of a line before it presses Enter anyway.
const echoWait = 200 * time.Millisecond

// typeLine types line and presses Enter once the device has echoed it, as a person does: the Enter
// then comes alone, which a CLI that tells pastes from typing by their bursts (vtyd's waits 25 ms
// after a line end that may start a paste) runs at once. A device that echoes nothing gets the
// Enter after echoWait. The echo is left for Run to read.
func (s *Shell) typeLine(ctx context.Context, line string) {
	if line == "" {
		s.write("\n")
		return
	}
	s.write(line)
	tail := line
	if len(tail) > 16 { // the device may redraw a long line; its end is echoed last
		tail = tail[len(tail)-16:]
	}
	deadline := time.NewTimer(echoWait)
	defer deadline.Stop()
	for {
		s.in.mu.Lock()
		echoed, end := bytes.Contains(s.in.buf, []byte(tail)), s.in.end
		s.in.mu.Unlock()
		if echoed || end != nil {
			break
		}
		select {
		case <-s.in.notify:
			continue
		case <-deadline.C:
		case <-ctx.Done():
		}
		break
	}
	s.write("\n")
}

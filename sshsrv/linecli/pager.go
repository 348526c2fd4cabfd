package linecli

import (
	"bytes"
	"io"
)

// MorePrompt is the pager's prompt and moreErase the bytes that erase it, as a Comware 7 switch
// sends them: the prompt stays on its own row without a line end, and on Space or Enter the device
// moves back 16 columns, blanks them and moves back again, then goes on with the output on that row.
const (
	MorePrompt = "  ---- More ----"
	moreErase  = "\x1b[16D                \x1b[16D"
)

// pager writes a command's output to a terminal a screen at a time (the session's screen-length;
// 0 is no paging): Space shows the next screen, Enter the next line, q or Ctrl+C stops the output,
// whose rest is then discarded while the command finishes.
type pager struct {
	w       io.Writer
	page    int
	lines   int // lines written
	limit   int // lines that may be written before the next prompt
	stopped bool
	key     func() (key, error)
}

func newPager(w io.Writer, page int, next func() (key, error)) *pager {
	return &pager{w: w, page: page, limit: page, key: next}
}

// Write writes b, stopping for a key whenever a screen is full and more is to come.
func (p *pager) Write(b []byte) (int, error) {
	n := len(b)
	if p.page <= 0 {
		_, err := p.w.Write(b)
		return n, err
	}
	for len(b) > 0 && !p.stopped {
		if p.lines >= p.limit && !p.more() {
			p.stopped = true
			break
		}
		chunk := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			chunk = b[:i+1]
			p.lines++
		}
		if _, err := p.w.Write(chunk); err != nil {
			return n - len(b), err
		}
		b = b[len(chunk):]
	}
	return n, nil
}

// more shows the prompt and waits: it reports whether output goes on. Other keys are ignored; the
// end of the session stops the output.
func (p *pager) more() bool {
	if _, err := io.WriteString(p.w, MorePrompt); err != nil {
		return false
	}
	for {
		k, err := p.key()
		if err != nil {
			return false
		}
		switch {
		case k.kind == kRune && k.r == ' ':
			p.limit = p.lines + p.page
		case k.kind == kEnter:
			p.limit = p.lines + 1
		case k.kind == kRune && (k.r == 'q' || k.r == 'Q'), k.kind == kCtrl && k.r == ctrlC:
			_, _ = io.WriteString(p.w, moreErase)
			return false
		default:
			continue
		}
		_, err = io.WriteString(p.w, moreErase)
		return err == nil
	}
}

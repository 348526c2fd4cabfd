package linecli

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
	"time"

	"vtyd/switchctl"
)

// burstQuiet is the pause that ends a burst of input. Pasted text leaves the client at once (OpenSSH
// sends what the terminal gave it in one packet) and arrives back to back; typing, and tools that
// write a line at a time (netmiko's send_config_set sleeps 50 ms after each line), leave gaps
// between lines. The pause is measured between arrival stamps (chunk.at), so a CLI that is slow to
// look, under load or while a command runs, judges the same bursts as a quick one.
const burstQuiet = 25 * time.Millisecond

// refusedQuiet is the pause that ends a burst once it is over the limit: the rest of a large paste
// can stall on the way (a lost packet, a full window), and none of it may run; nobody types in
// reply to a refusal they have not seen yet.
const refusedQuiet = 250 * time.Millisecond

// burst collects the chunks that arrived back to back with first, a chunk that may start a paste
// (startsBurst), until a pause of burstQuiet between their arrivals (refusedQuiet once they are over
// the limit), however late the CLI gets to them. Within the paste limit they become pending input
// and run line by line as typed; over it, all of them are dropped — nothing runs half way, and what
// is beyond the limit is never held — and the refusal is shown.
func (c *CLI) burst(first chunk) error {
	limit := switchctl.PasteLimit
	total := len(first.b)
	var buf []byte
	if total <= limit {
		buf = append(buf, first.b...)
	}
	last := first.at
	t := time.NewTimer(burstQuiet)
	defer t.Stop()
	for {
		quiet := burstQuiet
		if total > limit {
			quiet = refusedQuiet
		}
		_ = c.out.Flush() // the prompt is shown while the burst is judged
		now := time.Now()
		ch, ok, end := c.next()
		if ok {
			if !ch.held && ch.at.Sub(last) > quiet {
				c.ahead = &ch // the start of what follows the burst
				break
			}
			c.touch()
			total += len(ch.b)
			if total <= limit {
				buf = append(buf, ch.b...)
			} else {
				buf = nil
			}
			last = ch.at
			continue
		}
		// Nothing was queued at now: once now is quiet past the last arrival, a later chunk is
		// stamped later still, so the burst is over. The end of the input ends it too; the next
		// fill reports that end.
		wait := last.Add(quiet).Sub(now)
		if end != nil || wait <= 0 {
			break
		}
		t.Reset(wait)
		select {
		case <-c.in.ready:
		case <-t.C:
		case <-c.opt.Freed:
			c.ended = c.whyFreed()
			return c.ended
		case <-c.ctx.Done():
			c.ended = c.ctx.Err()
			return c.ended
		}
	}
	if total > limit {
		c.refuse(total)
		return nil
	}
	c.pending = append(c.pending, buf...)
	c.notePaste(buf, 2)
	return nil
}

// notePaste makes the lines a paste of text holds one operation for the session's observer (the
// audit), when it holds at least `least` line ends: an unbracketed burst needs two, since one line
// and its Enter in one read is what a tool that writes a line at a time sends too.
func (c *CLI) notePaste(text []byte, least int) {
	n := lineEnds(text)
	if n < least {
		return
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	c.pasteOp, c.pasteLines = hex.EncodeToString(b), c.pasteLines+n
}

// lineEnds counts the lines text ends: CR, LF and CR LF each end one.
func lineEnds(text []byte) int {
	n := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\r':
			n++
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
		case '\n':
			n++
		}
	}
	return n
}

// refuse tells the user at once that a paste of size bytes was dropped: under the line being
// edited, or in place of a pager's prompt, which is shown again below it.
func (c *CLI) refuse(size int) {
	msg := switchctl.PasteRefusal(size)
	if c.paging {
		_, _ = io.WriteString(c.out, moreErase+msg+MorePrompt)
		return
	}
	c.interject(msg)
}

// paste takes a bracketed paste, whose start marker was just read: its text up to the end marker is
// entered as typed (line ends run the lines) when it is within the paste limit, and dropped whole
// with the refusal otherwise. What is beyond the limit is read and discarded, never held.
func (c *CLI) paste() {
	editing := c.editing
	c.editing = false  // log lines wait until the paste is in
	c.bracketed = true // its markers judge its size, not its speed
	defer func() { c.editing, c.bracketed = editing, false }()
	limit := switchctl.PasteLimit
	var text []byte
	size := 0
	for {
		if i := bytes.Index(c.pending, pasteEnd); i >= 0 {
			size += i
			if size <= limit {
				text = append(text, c.pending[:i]...)
			}
			c.pending = c.pending[i+len(pasteEnd):]
			break
		}
		// The last bytes may be the beginning of the end marker: they wait for the next chunk.
		n := len(c.pending) - min(len(c.pending), len(pasteEnd)-1)
		size += n
		if size <= limit {
			text = append(text, c.pending[:n]...)
		}
		c.pending = append(c.pending[:0], c.pending[n:]...)
		if err := c.fill(false); err != nil {
			return // the session ends, and the paste with it
		}
	}
	c.editing, c.bracketed = editing, false
	if size > limit {
		c.refuse(size)
		return
	}
	c.literal = append(c.literal, text...)
	c.notePaste(text, 1)
}

package sshsrv

import (
	"bytes"
	"fmt"
	"time"
)

// burstQuiet is the pause that ends a burst of input. Pasted text leaves the client at once (OpenSSH
// sends what the terminal gave it in one packet) and arrives back to back; typing, and tools that
// write a line at a time (netmiko's send_config_set), leave gaps between lines.
const burstQuiet = 15 * time.Millisecond

// pasteRefusal is what a refused paste prints: nothing of it ran, and how to load a large
// configuration instead.
func pasteRefusal(size, limit int) string {
	return fmt.Sprintf("%% Paste refused: %d bytes at one time, more than the %d bytes the command line accepts.\n"+
		"  Nothing of it was run. To load a large configuration, upload the file over SFTP\n"+
		"  (sftp> put new.cfg), then run startup saved-configuration new.cfg and reboot.\n", size, limit)
}

// burst collects input that started as a paste (startsBurst) until it pauses for burstQuiet. Within
// the paste limit it becomes pending input and runs line by line as typed; over it, all of it is
// dropped — nothing runs half way — and the refusal is shown under the line being edited.
func (c *LineCLI) burst(first []byte) error {
	limit := c.opt.PasteLimit
	total := len(first)
	var buf []byte
	if total <= limit {
		buf = append(buf, first...)
	}
	t := time.NewTimer(burstQuiet)
	defer t.Stop()
collect:
	for {
		select {
		case b, ok := <-c.in.chunks:
			if !ok {
				c.eof = true
				break collect
			}
			c.touch()
			total += len(b)
			if total <= limit {
				buf = append(buf, b...)
			} else {
				buf = nil
			}
			t.Reset(burstQuiet)
		case <-t.C:
			break collect
		case <-c.opt.Freed:
			c.ended = c.whyFreed()
			return c.ended
		case <-c.ctx.Done():
			c.ended = c.ctx.Err()
			return c.ended
		}
	}
	if total > limit {
		c.interject(pasteRefusal(total, limit))
		return nil
	}
	c.pending = append(c.pending, buf...)
	return nil
}

// paste takes a bracketed paste, whose start marker was just read: its text up to the end marker is
// entered as typed (line ends run the lines) when it is within the paste limit, and dropped whole
// with the refusal otherwise. What is beyond the limit is read and discarded, never held.
func (c *LineCLI) paste() {
	editing := c.editing
	c.editing = false // the paste is no burst, and log lines wait until it is in
	defer func() { c.editing = editing }()
	limit := c.opt.PasteLimit
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
	c.editing = editing
	if size > limit {
		c.interject(pasteRefusal(size, limit))
		return
	}
	c.literal = append(c.literal, text...)
}

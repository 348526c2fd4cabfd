package audit

import (
	"context"
	"errors"
	"os"
	"regexp"
	"strings"
	"time"
)

// promptRe finds a Comware prompt at the start of a screen line: <sw> in user view, [sw] and
// [sw-vlan10] in the others, with the MMI-mode (M) and the commit-mode ~ and * marks some releases add.
var promptRe = regexp.MustCompile(`^(?:\(M\))?(<([^<>\s]{1,96})>|\[[~*]?([^\[\]\s]{1,128})\])`)

// maxEnters bounds the Enter presses waiting for their echo (a paste of many lines).
const maxEnters = 4096

// Cutter finds the commands in a CLI session relayed byte for byte to a Comware device: feed it what
// the user typed (Input) and what the device sent (Output), in the order they passed, and it returns
// one Record per command. The command is the line as the device echoed it when Enter was pressed,
// after backspaces, Tab completions and `?` help redisplays, so it is what the user saw, not a guess
// at what the device understood. Result is error with the device's `%` line when the output had one.
//
// On a terminal (Terminal), the commands of one paste are one operation: their records share an Op
// and are of KindPaste. A paste is text between bracketed paste markers, or a burst of input that
// holds several line ends, as the simulated devices' line CLI tells it (paste.go); a line typed,
// or written whole by a tool that waits for the prompt before the next, is a command of its own.
//
// A Cutter is used by one session's relay; it is not safe for concurrent use.
type Cutter struct {
	Base     Record           // copied into every record: user, source, device, session, kind
	Now      func() time.Time // the clock; time.Now when nil
	Terminal bool             // the session has a terminal: pastes are told from typing
	NewOp    func() string    // ids for pastes; random when nil

	screen screenLine
	enters []enter // Enter presses the device has not echoed yet
	pastes pastes
	cr     bool     // the last key was \r: a \n or NUL after it is the same Enter
	pager  bool     // the output ends with the ---- More ---- pager: the next key answers it
	asked  bool     // the output ends with what may be a question ("[Y/N]:", "Password:")
	answer bool     // the user is typing after that question: their Enter answers it
	base   string   // the device's name, from the prompts
	run    *running // the command whose output is coming
	done   []Record
}

// enter is an Enter press: when, and the paste it came in (nil: typed).
type enter struct {
	at    time.Time
	paste *paste
}

type running struct {
	rec   Record
	start time.Time
	paste *paste
}

func (c *Cutter) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Cutter) newOp() string {
	if c.NewOp != nil {
		return c.NewOp()
	}
	return newOpID()
}

// Input takes bytes the user typed, a read at a time: when they arrived tells a paste.
func (c *Cutter) Input(p []byte) {
	now := c.now()
	if c.Terminal {
		c.pastes.read(p, now, len(c.enters) == 0 && c.run == nil)
	}
	for _, k := range p {
		var in *paste
		if c.Terminal {
			in = c.pastes.key(k, now)
		}
		if c.pager { // a key at the pager pages; it does not enter a command
			c.pager, c.cr = false, k == '\r'
			continue
		}
		if c.asked || c.answer { // keys typed at a question answer it, up to Enter
			c.asked, c.answer, c.cr = false, k != '\r' && k != '\n', k == '\r'
			continue
		}
		switch {
		case k == '\r' || (k == '\n' && !c.cr):
			if len(c.enters) < maxEnters {
				c.enters = append(c.enters, enter{at: now, paste: entered(in)})
			}
			c.cr = k == '\r'
		case (k == '\n' || k == 0) && c.cr:
			c.cr = false
		default:
			c.cr = false
		}
	}
}

// Output takes bytes the device sent and returns the records of the commands it finished.
func (c *Cutter) Output(p []byte) []Record {
	now := c.now()
	c.screen.feed(p, func(line string) { c.lineDone(line, now) })
	partial := c.screen.text()
	c.pager = strings.HasSuffix(partial, "---- More ----")
	c.asked = false
	if !c.pager {
		if _, _, ok := c.prompt(partial); ok {
			c.finish(now) // the device is back at its prompt
		} else {
			// Output can also pause after a colon; only keys typed while it stands make it a question.
			c.asked = !c.answer && strings.HasSuffix(partial, ":")
		}
	}
	out := c.done
	c.done = nil
	return out
}

// Close ends the session: the command still running, if any, is recorded with what was seen of it,
// or with err (a timeout, a closed connection) when it is not nil.
func (c *Cutter) Close(err error) []Record {
	if c.run != nil && err != nil {
		c.run.rec.Result, c.run.rec.Error = ResultError, err.Error()
		if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
			c.run.rec.Result = ResultTimeout
		}
	}
	c.finish(c.now())
	out := c.done
	c.done = nil
	return out
}

// lineDone looks at a line the device ended: a prompt line may be an entered command; other lines
// are the running command's output.
func (c *Cutter) lineDone(line string, now time.Time) {
	if prompt, cmd, ok := c.prompt(line); ok {
		c.finish(now)
		switch {
		case strings.HasSuffix(cmd, "?"): // help: the device redisplays the line, nothing ran
		case len(c.enters) > 0:
			e := c.enters[0]
			c.enters = c.enters[1:]
			if cmd != "" {
				rec := c.Base
				rec.Time, rec.Prompt, rec.Command, rec.Result = e.at, prompt, Mask(cmd), ResultOK
				rec.Error, rec.Duration = "", 0
				c.run = &running{rec: rec, start: e.at, paste: e.paste}
			}
		}
		return
	}
	if c.run != nil && c.run.rec.Result == ResultOK {
		if t := strings.TrimLeft(line, " "); strings.HasPrefix(t, "% ") || t == "Permission denied." {
			c.run.rec.Result, c.run.rec.Error = ResultError, strings.TrimSpace(t)
		}
	}
}

// finish records the running command, which ended now.
func (c *Cutter) finish(now time.Time) {
	if c.run == nil {
		return
	}
	r := c.run.rec
	r.Duration = max(now.Sub(c.run.start), 0)
	if op := c.run.paste.op(c.newOp); op != "" {
		r.Op, r.Kind = op, KindPaste
	}
	c.done = append(c.done, r)
	c.run = nil
}

// prompt splits a screen line into a prompt and what was typed after it. While a command runs, only
// the device's own prompts count (so output that looks like <tag> does not end it), unless the
// command was sysname, which changes them.
func (c *Cutter) prompt(line string) (prompt, typed string, ok bool) {
	m := promptRe.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	name := m[2] + m[3]
	// [sw-vlan10] is sw's; a first prompt seen in a sub-view is corrected by its parent's.
	ours := c.base != "" && (name == c.base || strings.HasPrefix(name, c.base+"-") || strings.HasPrefix(c.base, name+"-"))
	if !ours && c.run != nil && c.base != "" && !renames(c.run.rec.Command) {
		return "", "", false
	}
	if !ours || strings.HasPrefix(c.base, name+"-") {
		c.base = name
	}
	return m[0], strings.TrimSpace(line[len(m[0]):]), true
}

// renames reports whether cmd may be `[undo] sysname [NAME]` (abbreviated), after which the prompt
// changes.
func renames(cmd string) bool {
	f := strings.Fields(strings.ToLower(cmd))
	if len(f) > 0 && f[0] == "undo" {
		f = f[1:]
	}
	return len(f) > 0 && kw(f[0], "sysname", 2)
}

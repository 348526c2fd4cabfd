package switchctl

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"time"
)

// Asker answers the device's dialogs ("... [Y/N]:"): the adapter shows the prompt and returns what
// the user typed. Without one, commands that ask are refused with ErrNoAnswer.
type Asker interface {
	Ask(ctx context.Context, prompt string) (string, error)
}

// SessionInfo describes a login.
type SessionInfo struct {
	User   string
	Roles  []string
	Line   int    // VTY line, or -1 for sessions that take none (exec, SFTP, SCP, configuration loading)
	Proto  string // "SSH", "SFTP", "SCP", ...
	Remote string // host:port of the client

	// What `display ssh server session` shows of a registered login (Device.Register).
	SSHVersion string // protocol version (default "2.0")
	Cipher     string // negotiated encryption algorithm, client to server ("-" when unknown)
	Retries    int    // failed authentication attempts before this one succeeded
	Service    string // Stelnet, SFTP, SCP or NETCONF (default: from Proto; SSH is Stelnet)
}

// Session is one login's CLI state: its view stack, screen length, history and pending multi-line
// input. A Session is used by one goroutine at a time; the Device it runs against is shared.
type Session struct {
	d         *Device
	info      SessionInfo
	views     []View
	screenLen int // 0: paging disabled
	history   []string
	histMax   int
	asker     Asker
	collect   *collector   // a header text being typed over several lines
	keyHex    bytes.Buffer // hex typed in public-key view
	monitor   bool
	observe   func(Ran) // told of every line run (Observe)
	cwd       string    // the current directory on flash: (cd), flash:-relative; "" is the root
}

// Ran is one line a session ran, as an audit records it.
type Ran struct {
	Prompt string        // the prompt it was typed at: the view
	Line   string        // the line, its secrets masked where the grammar knows them
	Masked bool          // Line went through the grammar's masking (else it did not parse)
	Err    error         // nil when it succeeded
	Took   time.Duration // from the line to its end
	// Paste is the operation id of the paste the line came in, "" for a line of its own: what the
	// line CLI (InPaste) and a relayed shell's audit (audit.Cutter) tell, so that their records read
	// as the console's.
	Paste string
}

type pasteKey struct{}

// InPaste marks the lines run with ctx as lines of the paste id: the line CLI tells the observer
// (Ran.Paste, the gateway's audit) which lines came in one paste.
func InPaste(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, pasteKey{}, id)
}

func pasteOf(ctx context.Context) string {
	id, _ := ctx.Value(pasteKey{}).(string)
	return id
}

// Observe has f told of every non-empty line the session runs, after it ran (the gateway's
// audit). It is set before the session runs anything.
func (s *Session) Observe(f func(Ran)) { s.observe = f }

// collector gathers the lines of a delimited text (header motd %...%).
type collector struct {
	delim byte
	buf   strings.Builder
	done  func(text string) error
}

// NewSession opens a CLI session on the device in user view.
func (d *Device) NewSession(info SessionInfo) *Session {
	s := &Session{d: d, info: info, views: []View{{Kind: ViewUser}}, screenLen: 24, histMax: 10}
	d.read(func(c *Config) {
		if info.Line >= 0 && info.Line < len(c.Lines) {
			s.screenLen, s.histMax = c.Lines[info.Line].ScreenLength, c.Lines[info.Line].HistorySize
		}
	})
	return s
}

// Info is what the session was opened with.
func (s *Session) Info() SessionInfo { return s.info }

// SetAsker sets who answers dialogs; nil refuses them.
func (s *Session) SetAsker(a Asker) { s.asker = a }

// View is the view the session is in.
func (s *Session) View() View { return s.views[len(s.views)-1] }

// Prompt is the prompt to show before the next line; it is empty while a multi-line text is typed.
func (s *Session) Prompt() string {
	if s.collect != nil {
		return ""
	}
	return s.View().Prompt(s.d.Sysname())
}

// ScreenLength is the number of lines per page, 0 when paging is off.
func (s *Session) ScreenLength() int { return s.screenLen }

// Monitor reports whether log lines should be pushed to this session (terminal monitor).
func (s *Session) Monitor() bool { return s.monitor }

// CtrlZ returns to user view, as Ctrl+Z does on the device.
func (s *Session) CtrlZ() {
	s.views = s.views[:1]
	s.collect = nil
}

// History is the session's command history, oldest first.
func (s *Session) History() []string { return append([]string(nil), s.history...) }

// Exec runs one command line, writing its output to out. Errors are typed: *ParseError, *CommandError,
// ErrPermissionDenied, ErrLineTooLong, ErrSessionEnd (quit from user view); Message words them.
func (s *Session) Exec(ctx context.Context, line string, out io.Writer) error {
	if s.observe == nil || strings.TrimSpace(line) == "" {
		return s.exec(ctx, line, out)
	}
	r := Ran{Prompt: s.Prompt(), Line: strings.TrimSpace(line), Paste: pasteOf(ctx)}
	if s.collect != nil { // a line of a header's text, not a command
		r.Line = "(header text)"
	} else if p, err := s.parse(strings.TrimRight(line, "\r\n")); err == nil && p != nil {
		r.Line, r.Masked = maskSecrets(p.row, p.args, line), true
	}
	start := s.d.now()
	r.Err = s.exec(ctx, line, out)
	r.Took = s.d.now().Sub(start)
	s.observe(r)
	return r.Err
}

func (s *Session) exec(ctx context.Context, line string, out io.Writer) error {
	line = strings.TrimRight(line, "\r\n")
	if len(line) > MaxLineLen {
		return ErrLineTooLong
	}
	if s.collect != nil {
		return s.collectLine(line)
	}
	p, err := s.parse(line)
	if err != nil || p == nil {
		return err
	}
	c := &Ctx{ctx: ctx, S: s, D: s.d, A: p.args, Out: out, row: p.row, line: line}
	var buf *bytes.Buffer
	if p.filters != nil {
		buf = &bytes.Buffer{}
		c.Out = buf
	}
	saved := s.views
	s.views = s.views[:p.depth+1]
	if p.row.Run != nil {
		if err := p.row.Run(c); err != nil {
			if s.collect == nil && len(s.views) == p.depth+1 {
				s.views = saved // a refused command of an enclosing view leaves the session where it was
			}
			return err
		}
	}
	if buf != nil {
		p.filters.apply(buf.Bytes(), out)
	}
	if err := s.move(c); err != nil {
		return err
	}
	if len(p.row.Secret) == 0 { // as on Comware, password commands stay out of the history
		s.remember(line)
	}
	if p.row.Priv >= PrivWrite {
		s.d.commandRan(s, p.row, p.args, line)
	}
	return nil
}

// parsed is a line matched against the grammar in the view at depth of the stack.
type parsed struct {
	row     *Row
	args    *Args
	depth   int
	filters *filterChain
}

// parse matches a line in the current view, then in each enclosing view as Comware does (a system
// view command typed in interface view runs in system view). It returns nil for blank and comment lines.
func (s *Session) parse(line string) (*parsed, error) {
	toks, err := tokenize(line)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 || (!toks[0].Quoted && strings.HasPrefix(toks[0].Val, "#")) {
		return nil, nil
	}
	cmd, ftoks := splitFilters(toks)
	if len(cmd) == 0 {
		return nil, &ParseError{Kind: Unrecognized, Pos: toks[0].Pos}
	}
	env := &matchEnv{line: line[:cmdEnd(line, cmd, ftoks)], model: &s.d.model}
	var best error
	bestPos := -1
	for depth := len(s.views) - 1; depth >= 0; depth-- {
		row, args, err := theGrammar.match(s.views[depth].Kind, cmd, env)
		if err == nil {
			return s.accept(row, args, depth, ftoks, line)
		}
		var pe *ParseError
		if errors.As(err, &pe) && pe.Pos > bestPos {
			best, bestPos = err, pe.Pos
		}
	}
	return nil, best
}

func (s *Session) accept(row *Row, args *Args, depth int, ftoks []token, line string) (*parsed, error) {
	p := &parsed{row: row, args: args, depth: depth}
	if ftoks != nil {
		if !row.Display {
			return nil, &ParseError{Kind: Unrecognized, Pos: ftoks[0].Pos}
		}
		fc, err := parseFilters(line, ftoks)
		if err != nil {
			return nil, err
		}
		p.filters = fc
	}
	if !rolesAllow(s.info.Roles, row.Priv) {
		return nil, ErrPermissionDenied
	}
	return p, nil
}

// move applies the row's view change after it ran.
func (s *Session) move(c *Ctx) error {
	switch c.row.Move {
	case Enter:
		v, err := c.row.Target(c)
		if err != nil {
			return err
		}
		s.views = append(s.views, v)
	case Leave:
		if len(s.views) == 1 {
			return ErrSessionEnd
		}
		s.views = s.views[:len(s.views)-1]
	case Top:
		s.views = s.views[:1]
	}
	return nil
}

// remember keeps a successful command in the history as typed; a repeat of the last one is kept once.
func (s *Session) remember(line string) {
	line = strings.TrimSpace(line)
	if len(s.history) == 0 || s.history[len(s.history)-1] != line {
		s.rememberAll(line)
	}
	if s.histMax <= 0 || (len(s.history) > 0 && s.history[len(s.history)-1] == line) {
		return
	}
	s.history = append(s.history, line)
	if len(s.history) > s.histMax {
		s.history = s.history[len(s.history)-s.histMax:]
	}
}

// collectLine takes one line of a multi-line text; a line with a terminal control is refused as the
// same text typed on one line would be, and the text goes on with the next line.
func (s *Session) collectLine(line string) error {
	c := s.collect
	if i := firstUnsafe(line); i >= 0 {
		return &ParseError{Kind: WrongParam, Pos: i}
	}
	if i := strings.IndexByte(line, c.delim); i >= 0 {
		c.buf.WriteString(line[:i])
		s.collect = nil
		return c.done(c.buf.String())
	}
	c.buf.WriteString(line)
	c.buf.WriteByte('\n')
	return nil
}

// Check parses a batch of lines through their view changes without running anything and returns the
// index of the first line the grammar rejects, with its error; -1 and nil when every line parses.
// It works on a shadow of the session, which is left as it was.
func (s *Session) Check(lines []string) (int, error) {
	sh := &Session{d: s.d, info: s.info, views: append([]View(nil), s.views...)}
	for i, line := range lines {
		line = strings.TrimRight(line, "\r\n")
		if len(line) > MaxLineLen {
			return i, ErrLineTooLong
		}
		if sh.collect != nil {
			_ = sh.collectLine(line)
			continue
		}
		p, err := sh.parse(line)
		if err != nil {
			return i, err
		}
		if p == nil {
			continue
		}
		sh.views = sh.views[:p.depth+1]
		c := &Ctx{ctx: context.Background(), S: sh, D: s.d, A: p.args, Out: io.Discard, row: p.row, line: line, checking: true}
		if p.row.Multiline {
			if err := p.row.Run(c); err != nil {
				return i, err
			}
		}
		if err := sh.move(c); err != nil && !errors.Is(err, ErrSessionEnd) {
			return i, err
		}
	}
	return -1, nil
}

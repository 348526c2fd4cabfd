package netconf

import (
	"bytes"
	"errors"
	"strings"

	"vtyd/switchctl"
)

// <CLI><Execution> and <CLI><Configuration>: command lines run through the device's engine with the
// session's roles, answered with the transcript a terminal would show (prompt, the echoed command,
// its output) in CDATA, as Comware does (pyhpecw7 test/unit/test_device.py). Execution starts in
// user view; Configuration enters system view itself, and its transcript shows that `system`.

func (s *session) cli(op *node) (string, *RPCError) {
	if len(op.kids) != 1 {
		return "", &RPCError{Type: "protocol", Tag: "missing-element",
			Message: "The CLI element must hold one Execution or Configuration element.",
			Info:    []infoItem{{"bad-element", "CLI"}}}
	}
	mode := op.kids[0]
	var out string
	var err *RPCError
	switch mode.name.Local {
	case "Execution":
		out = s.execution(mode.text)
	case "Configuration":
		out, err = s.configuration(mode.text)
	default:
		return "", unknownElement(mode, "/rpc/CLI")
	}
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("<CLI><" + mode.name.Local + ">")
	cdata(&b, out)
	b.WriteString("</" + mode.name.Local + "></CLI>")
	return b.String(), nil
}

// cliSession is a fresh engine session with the login's identity and roles. Commands that would ask
// a question are refused (no Asker), as in an SSH exec: their force forms work.
func (s *session) cliSession() *switchctl.Session {
	return s.d.NewSession(s.login.Info)
}

// execution runs every line, errors included in the transcript as the CLI prints them; `quit` in
// user view stops the run.
func (s *session) execution(text string) string {
	cs := s.cliSession()
	var t transcript
	for _, line := range cliLines(text) {
		err := t.run(s, cs, line)
		if errors.Is(err, switchctl.ErrSessionEnd) {
			break
		}
	}
	return t.String()
}

// configuration enters system view, then runs the lines; it stops at the first line that fails and
// answers an rpc-error carrying the device's words (the lines before it stay applied, as pasted
// into a terminal).
func (s *session) configuration(text string) (string, *RPCError) {
	cs := s.cliSession()
	var t transcript
	if err := t.run(s, cs, "system"); err != nil {
		return "", operationFailed(strings.TrimSpace(switchctl.Message(err)))
	}
	for _, line := range cliLines(text) {
		if err := t.run(s, cs, line); err != nil {
			if errors.Is(err, switchctl.ErrSessionEnd) {
				break
			}
			e := operationFailed(strings.TrimSpace(switchctl.Message(err)))
			e.Info = []infoItem{{"bad-element", line}}
			return "", e
		}
	}
	return t.String(), nil
}

// cliLines splits the element's text into command lines (clients join a list with "\n"), dropping
// blank lines and a CR before the LF.
func cliLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(strings.TrimSuffix(l, "\r")); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// transcript is what a terminal would show of the lines run.
type transcript struct{ bytes.Buffer }

// run writes the prompt and the line, runs it and writes its output, or its error as the CLI words
// it (caret line first for a parse error).
func (t *transcript) run(s *session, cs *switchctl.Session, line string) error {
	prompt := cs.Prompt()
	t.WriteString(prompt + line + "\n")
	err := cs.Exec(s.ctx, line, &t.Buffer)
	if err != nil && !errors.Is(err, switchctl.ErrSessionEnd) {
		if caret := switchctl.Caret(err, len(prompt)); caret != "" {
			t.WriteString(caret + "\n")
		}
		t.WriteString(switchctl.Message(err) + "\n")
	}
	return err
}

// cdata writes text as CDATA; a "]]>" inside is split across two sections, the one way to carry it.
func cdata(b *strings.Builder, text string) {
	b.WriteString("<![CDATA[")
	b.WriteString(strings.ReplaceAll(text, "]]>", "]]]]><![CDATA[>"))
	b.WriteString("]]>")
}

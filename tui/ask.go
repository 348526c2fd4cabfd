package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/switchctl"
)

// The device asks questions in the middle of some commands (save, reboot, free line: "... [Y/N]:").
// Typed in the CLI line, such a command runs in a goroutine of its own; its questions are posted to
// the console as askMsg and the answer typed in the CLI line goes back to it. The wait is bounded
// by the session's context. Anything else that runs on the CLI session (a pasted batch) is not
// attached, and its questions are refused, as they are over exec.

// askBridge is the CLI session's Asker.
type askBridge struct {
	mu  sync.Mutex
	run *cliRun // the command typed in the CLI line, while it runs
}

// askRequest is a question on its way to the console.
type askRequest struct {
	prompt string
	reply  chan askReply
}

type askReply struct {
	answer string
	err    error
}

// Ask implements switchctl.Asker: it posts the prompt to the console and waits for the answer.
func (a *askBridge) Ask(ctx context.Context, prompt string) (string, error) {
	a.mu.Lock()
	r := a.run
	a.mu.Unlock()
	if r == nil {
		return "", switchctl.ErrNoAnswer
	}
	req := askRequest{prompt: prompt, reply: make(chan askReply, 1)}
	select {
	case r.asks <- req:
	case <-ctx.Done():
		return "", switchctl.ErrAborted
	}
	select {
	case rep := <-req.reply:
		return rep.answer, rep.err
	case <-ctx.Done():
		return "", switchctl.ErrAborted
	}
}

func (a *askBridge) attach(r *cliRun) {
	a.mu.Lock()
	a.run = r
	a.mu.Unlock()
}

// cliRun is a command typed in the CLI line while it runs.
type cliRun struct {
	asks chan askRequest
	done chan cliDoneMsg
	out  outputRing // what it printed and the console has not shown yet (its tail)
}

// askMsg is a question of the command running in the CLI line, with what it printed before it.
type askMsg struct {
	req    askRequest
	output string
	run    *cliRun
}

// outputEvery is how often the output of a command typed in the CLI line is shown while it runs:
// a command that prints fast (ping) costs a few redraws a second, not one a write.
const outputEvery = 200 * time.Millisecond

// cliOutputMsg is what the command running in the CLI line printed since it was last shown.
type cliOutputMsg struct {
	output string
	run    *cliRun
}

// startCLI runs line on the CLI session in a goroutine and returns the command that reports its
// output, its next question or its end. Ctrl+C cancels the command's context (see cliModel.stop).
func (m *Model) startCLI(line string) tea.Cmd {
	sh, bridge := m.b.CLI(), m.asker
	ctx, cancel := context.WithCancel(m.opt.Context)
	m.cli.stop = cancel
	r := &cliRun{asks: make(chan askRequest), done: make(chan cliDoneMsg, 1)}
	r.out.more = make(chan struct{}, 1)
	bridge.attach(r)
	go func() {
		err := sh.Exec(ctx, line, &r.out)
		bridge.attach(nil)
		r.done <- cliDoneMsg{line: line, prompt: sh.Prompt(), output: Clean(r.out.take()), err: err}
	}()
	return r.wait()
}

// wait reports the run's output (at most every outputEvery), its next question, or its end.
func (r *cliRun) wait() tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-r.done:
			return msg
		case req := <-r.asks:
			return askMsg{req: req, output: Clean(r.out.take()), run: r}
		case <-r.out.more:
		}
		t := time.NewTimer(outputEvery)
		defer t.Stop()
		select {
		case msg := <-r.done:
			return msg
		case req := <-r.asks:
			return askMsg{req: req, output: Clean(r.out.take()), run: r}
		case <-t.C:
			return cliOutputMsg{output: Clean(r.out.take()), run: r}
		}
	}
}

// cliOutput shows what the running command printed and waits for more.
func (m *Model) cliOutput(msg cliOutputMsg) tea.Cmd {
	if msg.output != "" {
		m.cli.print(kindText, strings.TrimSuffix(msg.output, "\n"))
	}
	return msg.run.wait()
}

// pendingAsk is a question shown in the CLI line, waiting for its answer.
type pendingAsk struct {
	prompt string // the last line of the question, shown as the CLI line's prompt
	req    askRequest
	run    *cliRun
}

// asked shows a question: its output so far and all but the last line of the prompt go to the
// scrollback, the last line becomes the CLI line's prompt.
func (m *Model) asked(msg askMsg) tea.Cmd {
	c := &m.cli
	if msg.output != "" {
		c.print(kindText, msg.output)
	}
	prompt := CleanLine(msg.req.prompt)
	if i := strings.LastIndex(msg.req.prompt, "\n"); i >= 0 {
		c.print(kindText, Clean(msg.req.prompt[:i]))
		prompt = CleanLine(msg.req.prompt[i+1:])
	}
	c.ask = &pendingAsk{prompt: prompt, req: msg.req, run: msg.run}
	c.in.Reset()
	c.pinned, c.unseen = true, false
	c.out.bottom()
	m.focus = focusCLI
	return nil
}

// answer sends the typed answer (or, with err, aborts the command, as Ctrl+C does on the device)
// and waits for what the command does next.
func (m *Model) answer(text string, err error) tea.Cmd {
	c := &m.cli
	a := c.ask
	c.ask = nil
	c.in.Reset()
	shown := text
	if err != nil {
		shown = "^C"
	}
	c.print(kindMuted, a.prompt+CleanLine(shown))
	a.req.reply <- askReply{answer: text, err: err}
	return a.run.wait()
}

// scriptedAsker answers an action's questions with the answers the action planned (free line
// answers Y after the console's own confirmation), writing each question and its answer to the
// output as a terminal would show them. A question it has no answer for fails the command.
type scriptedAsker struct {
	answers []string
	w       io.Writer
}

func (s *scriptedAsker) Ask(_ context.Context, prompt string) (string, error) {
	if len(s.answers) == 0 {
		fmt.Fprintln(s.w, prompt)
		return "", switchctl.ErrNoAnswer
	}
	a := s.answers[0]
	s.answers = s.answers[1:]
	fmt.Fprintln(s.w, prompt+a)
	return a, nil
}

// errAborted is the answer Ctrl+C gives to a question.
var errAborted = switchctl.ErrAborted

// isSessionEnd reports whether a command ended the session (quit in user view, reboot).
func isSessionEnd(err error) bool { return errors.Is(err, switchctl.ErrSessionEnd) }

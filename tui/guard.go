package tui

import (
	"fmt"
	"runtime/debug"

	tea "charm.land/bubbletea/v2"
)

// guard wraps the console so that a panic stays in its session. Bubble Tea would recover a panic
// too, but it then ends the program and prints the stack on the server's standard error; the guard
// instead recovers in Update, in View and in every command the console starts, and replaces the
// screen with an error that names the failure, keeping the SSH session and every other session
// alive. The stack goes to OnPanic (the Handler logs it to the process log).
type guard struct {
	m       tea.Model // the console: a Model, or a fleetModel over one
	crashed string
	OnPanic func(value any, stack []byte)
}

// panicMsg reports a panic in a command goroutine.
type panicMsg struct {
	value any
	stack []byte
}

func (g *guard) Init() tea.Cmd {
	var cmd tea.Cmd
	g.protect(func() { cmd = g.m.Init() })
	return wrapCmd(cmd)
}

func (g *guard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if p, ok := msg.(panicMsg); ok {
		g.crash(p.value, p.stack)
		return g, nil
	}
	if g.crashed != "" {
		if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "q" || k.String() == "ctrl+c" || k.String() == "enter") {
			return g, tea.Quit
		}
		return g, nil
	}
	var cmd tea.Cmd
	g.protect(func() {
		g.m, cmd = g.m.Update(msg)
	})
	return g, wrapCmd(cmd)
}

func (g *guard) View() (v tea.View) {
	if g.crashed == "" {
		g.protect(func() { v = g.m.View() })
	}
	if g.crashed != "" {
		v = tea.NewView("\r\n  The console stopped on an internal error:\r\n\r\n    " + g.crashed +
			"\r\n\r\n  Your session and the device are unaffected; the line CLI still works\r\n" +
			"  (log in with VTYD_CONSOLE=cli). Press q to end this console.\r\n")
		v.AltScreen = true
	}
	return v
}

// protect runs f, turning a panic into the crash screen.
func (g *guard) protect(f func()) {
	defer func() {
		if r := recover(); r != nil {
			g.crash(r, debug.Stack())
		}
	}()
	f()
}

func (g *guard) crash(value any, stack []byte) {
	g.crashed = CleanLine(fmt.Sprint(value))
	if g.OnPanic != nil {
		g.OnPanic(value, stack)
	}
}

// wrapCmd makes a command report a panic as a panicMsg instead of crashing the program; the
// commands of a batch are wrapped as Bubble Tea unpacks them.
func wrapCmd(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = panicMsg{value: r, stack: debug.Stack()}
			}
		}()
		msg = cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for i := range b {
				b[i] = wrapCmd(b[i])
			}
		}
		return msg
	}
}

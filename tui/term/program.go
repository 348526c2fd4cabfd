package term

import (
	"io"

	tea "charm.land/bubbletea/v2"
)

// Drawn wraps m so that r draws every frame of it: Bubble Tea views the model after each message it
// handles, in its event loop, and the wrapper hands that view to r. A window size message resizes
// r before the frame it causes.
func Drawn(m tea.Model, r *Renderer) tea.Model { return &drawn{m: m, r: r} }

type drawn struct {
	m tea.Model
	r *Renderer
}

func (d *drawn) Init() tea.Cmd { return d.m.Init() }

func (d *drawn) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.r.Resize(msg.Width, msg.Height)
	case CopyMsg:
		if len(msg.Text) <= MaxCopy {
			_ = d.r.copy(msg.Text) // a write error is Render's to report
		}
		return d, nil
	}
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	return d, cmd
}

// View draws the frame. A write error means the terminal has gone; the session ends on its own, so
// it is not reported here (Renderer.Close returns it).
func (d *drawn) View() tea.View {
	v := d.m.View()
	_ = d.r.Render(v)
	return v
}

// ProgramOptions are the options that turn off what this package replaces: Bubble Tea's renderer
// and input reader, and its own output (clipboard and raw sequences, which the console does not
// use), so that everything on the screen goes through the Renderer. Bubble Tea still runs a ticker
// for its renderer's frame rate; at 1 frame a second it costs 200 idle consoles 200 wake-ups a
// second instead of 12,000.
func ProgramOptions() []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithoutRenderer(), tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithFPS(1)}
}

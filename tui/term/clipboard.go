package term

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// MaxCopy is the most text CopyMsg sends to the terminal's clipboard: OSC 52 carries it base64
// encoded in one sequence, and terminals drop sequences past a limit of their own (xterm's and
// tmux's are around 100 KB to 1 MB), so a longer copy is refused rather than sent to be lost.
const MaxCopy = 256 << 10

// CopyMsg asks the terminal to put Text on the system clipboard with OSC 52. A program run with
// Drawn hands it to the Renderer between frames; it never reaches the model. Whether the terminal
// honours it cannot be known: OSC 52 has no reply, and many terminals ignore it or ask first.
type CopyMsg struct{ Text string }

// Copy is the command that sends CopyMsg.
func Copy(text string) tea.Cmd { return func() tea.Msg { return CopyMsg{Text: text} } }

// copy writes the OSC 52 sequence that sets the system clipboard to text.
func (r *Renderer) copy(text string) error {
	_, err := r.Write([]byte(ansi.SetSystemClipboard(text)))
	return err
}

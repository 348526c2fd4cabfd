package term

import (
	"bytes"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

type viewModel struct{ got []tea.Msg }

func (m *viewModel) Init() tea.Cmd { return nil }
func (m *viewModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.got = append(m.got, msg)
	return m, nil
}
func (m *viewModel) View() tea.View { return tea.NewView("x") }

// TestCopy: a CopyMsg reaches the terminal as one OSC 52 sequence (base64, system clipboard) and
// never the model; a copy over MaxCopy sends nothing.
func TestCopy(t *testing.T) {
	var out bytes.Buffer
	r := NewRenderer(&out, colorprofile.ANSI256, 80, 24)
	inner := &viewModel{}
	d := Drawn(inner, r)
	d.Update(Copy("GE1/0/1 UP")())
	if got, want := out.String(), "\x1b]52;c;R0UxLzAvMSBVUA==\x07"; got != want {
		t.Errorf("sent %q, want %q", got, want)
	}
	if len(inner.got) != 0 {
		t.Errorf("the model got %v", inner.got)
	}
	out.Reset()
	d.Update(CopyMsg{Text: strings.Repeat("x", MaxCopy+1)})
	if out.Len() != 0 {
		t.Errorf("a copy over MaxCopy sent %d bytes", out.Len())
	}
}

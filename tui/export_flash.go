package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/switchctl/flash"
)

// FlashWriter is a Backend that can write a file on the device's flash:, where SFTP and SCP fetch
// it: ":save-to" uses it. The embedded switch's backend has it; a real switch's has not (its
// flash: is reached through its own file commands, which need a source to copy from).
type FlashWriter interface {
	// WriteFlash writes data to name (flash:/x.txt, x.txt, flash:/dir/x.txt) and returns the name
	// as the device shows it. It never replaces a file; errors wrap ErrExportName, ErrExportExists
	// and flash's ErrOutside, ErrBadPath, ErrNoSpace, ErrDirFull, ErrTooDeep.
	WriteFlash(name string, data []byte) (string, error)
}

// Why ":save-to" refuses a name.
var (
	ErrExportName   = errors.New("tui: not a file name on flash:")
	ErrExportExists = errors.New("tui: the file exists")
)

// maxExportName is the longest file name Comware's file commands take.
const maxExportName = 255

// WriteFlash implements FlashWriter on the device's flash:, with its capacity, its limits of
// files per directory and depth, and its jail.
func (b *SwitchBackend) WriteFlash(name string, data []byte) (string, error) {
	if len(name) > maxExportName {
		return "", fmt.Errorf("%w: longer than %d characters", ErrExportName, maxExportName)
	}
	rel, err := flash.Resolve(name)
	if err != nil {
		return "", err
	}
	shown := flash.Display(rel)
	if rel == "." || strings.HasSuffix(name, "/") {
		return shown, fmt.Errorf("%w: %s is a directory", ErrExportName, shown)
	}
	f := b.dev.Flash()
	if _, err := f.Stat(rel); err == nil {
		return shown, ErrExportExists
	} else if !errors.Is(err, fs.ErrNotExist) {
		return shown, err
	}
	return shown, f.WriteFileAtomic(rel, data)
}

// flashSavedMsg is the outcome of a ":save-to".
type flashSavedMsg struct {
	name, what string
	lines      int
	bytes      int
	err        error
}

// saveTo is ":save-to FILE [WHAT]": the text shown (or WHAT, as ":copy" takes it) written to
// flash:, off the console's loop.
func (m *Model) saveTo(arg string) tea.Cmd {
	f := strings.Fields(arg)
	if len(f) == 0 || len(f) > 2 {
		m.setStatus("save-to what file? :save-to flash:/NAME.txt [row|table|csv|config|diff|output]", true)
		return nil
	}
	if !m.canWrite() {
		m.setStatus("save-to: read-only role "+m.opt.Role+": writing to flash: needs network-admin or level-9 and up", true)
		return nil
	}
	fw, ok := m.b.(FlashWriter)
	if !ok {
		m.setStatus("save-to: this device's flash: cannot be written from the console; y copies the text instead", true)
		return nil
	}
	what := ""
	if len(f) == 2 {
		what = strings.ToLower(f[1])
	} else if t := m.currentTable(); t != nil && m.pager == nil && m.detail == nil {
		what = "table" // the table, not its row: a file is for the whole of it
	}
	e, err := m.exportText(what)
	if errors.Is(err, errNeedConfig) {
		return m.readConfigThen("save-to " + arg)
	}
	if err != nil {
		m.setStatus("save-to: "+err.Error(), true)
		return nil
	}
	name := f[0]
	m.setStatus("saving "+e.what+" to "+name+" ...", false)
	return func() tea.Msg {
		shown, err := fw.WriteFlash(name, []byte(e.text))
		if shown == "" {
			shown = name
		}
		return flashSavedMsg{name: shown, what: e.what, lines: e.lines, bytes: len(e.text), err: err}
	}
}

// flashSaved says how a ":save-to" went, in the words of the device's file commands.
func (m *Model) flashSaved(msg flashSavedMsg) {
	name := CleanLine(msg.name)
	switch err := msg.err; {
	case err == nil:
		m.setStatus("saved "+msg.what+" ("+strconv.Itoa(msg.bytes)+" bytes) to "+name+": SFTP or SCP fetches it as "+
			strings.TrimPrefix(name, "flash:/"), false)
	case errors.Is(err, ErrExportExists):
		m.setStatus("save-to: "+name+" exists; the console never replaces a file: choose another name", true)
	case errors.Is(err, flash.ErrOutside):
		m.setStatus("save-to: invalid path "+name+": only files on flash: can be written", true)
	case errors.Is(err, flash.ErrBadPath), errors.Is(err, ErrExportName):
		m.setStatus("save-to: invalid file name "+name+" ("+CleanLine(err.Error())+")", true)
	case errors.Is(err, flash.ErrNoSpace):
		m.setStatus("save-to: not enough free space on flash: for "+name+" ("+strconv.Itoa(msg.bytes)+" bytes)", true)
	case errors.Is(err, flash.ErrDirFull), errors.Is(err, flash.ErrTooDeep):
		m.setStatus("save-to: "+name+": "+CleanLine(err.Error()), true)
	case errors.Is(err, fs.ErrNotExist):
		m.setStatus("save-to: "+name+": the directory does not exist", true)
	default:
		m.setStatus("save-to: failed to write "+name+": "+CleanLine(err.Error()), true)
	}
}

package switchctl

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"vtyd/switchctl/flash"
)

// fileRows are the configuration-file and flash: commands: save, the startup file, reboot,
// configuration replace and the file system (dir, more, delete, mkdir).
func fileRows() []Row {
	return []Row{
		{Views: InAll, Path: "save [safely] [backup|main] [force]", Priv: PrivWrite, Run: runSave},
		{Views: InAll, Path: "save <fileurl:word:1-255>", Priv: PrivWrite, Run: runSaveFile},
		{Views: InUser, Path: "startup saved-configuration <cfgfile:word:1-255>", Priv: PrivWrite, Run: runStartup},
		{Views: InUser, Path: "undo startup saved-configuration", Priv: PrivWrite, Run: runUndoStartup},
		{Views: InAll, Path: "display startup", Priv: PrivRead, Run: runDisplayStartup, Display: true},
		{Views: InAll, Path: "display saved-configuration", Priv: PrivRead, Run: runDisplaySaved, Display: true},
		{Views: InUser, Path: "reset saved-configuration", Priv: PrivWrite, Run: runResetSaved},
		{Views: InUser, Path: "reboot [force]", Priv: PrivWrite, Run: runReboot},
		{Views: InSystem, Path: "configuration replace file <cfgfile:word:1-255>", Priv: PrivWrite, Run: runReplace},
		{Views: InUser, Path: "dir [/all] [<dirurl:word:1-255>]", Priv: PrivRead, Run: runDir},
		{Views: InUser, Path: "more <fileurl:word:1-255>", Priv: PrivRead, Run: runMore},
		{Views: InUser, Path: "delete [/unreserved] <fileurl:word:1-255>", Priv: PrivWrite, Run: runDelete},
		{Views: InUser, Path: "mkdir <dirurl:word:1-255>", Priv: PrivWrite, Run: runMkdir},
	}
}

var fileHelp = map[string]string{
	"save":                             "Save current configuration",
	"save force":                       "Save without confirmation",
	"startup":                          "Specify system startup parameters",
	"startup saved-configuration":      "Specify the configuration file for next startup",
	"undo startup":                     "Cancel system startup parameters",
	"undo startup saved-configuration": "Boot with the factory defaults at next startup",
	"display startup":                  "Startup configuration file names",
	"display saved-configuration":      "Contents of the configuration file for next startup",
	"reset":                            "Reset operation",
	"reset saved-configuration":        "Erase the configuration file for next startup",
	"reboot":                           "Reboot the device",
	"reboot force":                     "Reboot without checks or confirmation",
	"configuration":                    "Configuration management",
	"configuration replace":            "Replace the running configuration",
	"configuration replace file":       "Replace with the configuration in a file",
	"dir":                              "Display files and directories on the storage media",
	"more":                             "Display the contents of a file",
	"delete":                           "Delete a file",
	"delete /unreserved":               "Delete the file permanently, without the recycle bin",
	"dir /all":                         "Display all files, hidden ones included",
	"mkdir":                            "Create a new directory",
}

var fileArgHelp = map[string]string{
	"fileurl": "File name (flash:/name, /name or name)",
	"cfgfile": "Configuration file name (*.cfg)",
	"dirurl":  "Directory name (flash:/name, /name or name)",
}

// loadingFile refuses device operations while a configuration file is being loaded: a `save force`
// or `reboot force` line in a startup file must not write flash: or reboot the device mid-boot.
func loadingFile(c *Ctx) error {
	if c.S.info.Proto == "config" {
		return refuse(ErrUnsupported, "This command cannot be used in a configuration file.")
	}
	return nil
}

// needAsker refuses a dialog before it prints anything when nobody can answer it.
func needAsker(c *Ctx) error {
	if c.S.asker == nil {
		return ErrNoAnswer
	}
	return nil
}

// resolveName turns a typed file name into a flash:-relative path, refusing names on other media or
// climbing out of flash:.
func resolveName(name string) (string, error) { return resolveIn(".", name) }

// resolveIn is resolveName for a session whose current directory (cd) is cwd.
func resolveIn(cwd, name string) (string, error) {
	rel, err := flash.ResolveFrom(cwd, name)
	switch {
	case errors.Is(err, flash.ErrOutside):
		return "", refuse(errors.Join(ErrFile, err), "Invalid path %s: only files on flash: can be used.", name)
	case err != nil:
		return "", refuse(errors.Join(ErrInvalidValue, err), "Invalid file name %s.", name)
	}
	return rel, nil
}

// cfgName resolves a configuration file name: it must end in .cfg and, for a startup file, sit in
// the root of flash:.
func cfgName(name string, rootOnly bool) (string, error) {
	rel, err := resolveName(name)
	if err != nil {
		return "", err
	}
	if !strings.HasSuffix(strings.ToLower(rel), ".cfg") || rel == ".cfg" {
		return "", refuse(ErrInvalidValue, "Invalid file name %s: a configuration file name must end with .cfg.", name)
	}
	if rootOnly && strings.Contains(rel, "/") {
		return "", refuse(ErrInvalidValue, "Invalid file name %s: a startup configuration file must be in the root directory of flash:.", name)
	}
	return rel, nil
}

// fileErr words a flash: failure on rel for the CLI; errors.Is still finds the flash: reason.
func (d *Device) fileErr(rel string, err error) error {
	name := flash.Display(rel)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return refuse(errors.Join(ErrNotFound, err), "The file or directory %s does not exist.", name)
	case errors.Is(err, flash.ErrIsDir):
		return refuse(errors.Join(ErrFile, err), "%s is a directory.", name)
	case errors.Is(err, flash.ErrNotDir):
		return refuse(errors.Join(ErrFile, err), "%s is not a directory.", name)
	case errors.Is(err, flash.ErrExist), errors.Is(err, fs.ErrExist):
		return refuse(errors.Join(ErrFile, err), "The file or directory %s already exists.", name)
	case errors.Is(err, flash.ErrNoSpace):
		return refuse(errors.Join(ErrFile, err), "Not enough free space on flash: for %s.", name)
	case errors.Is(err, flash.ErrOutside), errors.Is(err, flash.ErrBadPath):
		return refuse(errors.Join(ErrFile, err), "Invalid path %s.", name)
	}
	d.log.Warn("flash: operation failed", "file", name, "err", err)
	return refuse(errors.Join(ErrFile, err), "Failed to access %s.", name)
}

// regularFile checks that rel names an existing file, not a directory.
func (d *Device) regularFile(rel string) error {
	e, err := d.flash.Stat(rel)
	if err != nil {
		return d.fileErr(rel, err)
	}
	if e.Dir {
		return d.fileErr(rel, flash.ErrIsDir)
	}
	return nil
}

func (d *Device) fileExists(rel string) bool {
	_, err := d.flash.Stat(rel)
	return err == nil
}

func runDir(c *Ctx) error {
	rel := c.S.dir()
	if c.A.IsSet("dirurl") {
		var err error
		if rel, err = c.resolve(c.A.Str("dirurl")); err != nil {
			return err
		}
	}
	entries, err := c.D.flash.List(rel)
	if err != nil {
		return c.D.fileErr(rel, err)
	}
	if e, err := c.D.flash.Stat(rel); err == nil && !e.Dir { // dir of a file lists it in its directory
		rel = path.Dir(rel)
	}
	all := c.A.Has("/all")
	shown := entries[:0]
	for _, e := range entries {
		if e.Hidden() && !all {
			continue
		}
		// Names come from SFTP, SCP or the host and may hold anything a file system allows: a
		// newline would split the listing, an escape sequence would reach the terminal.
		e.Name = escapeUnsafe(e.Name)
		shown = append(shown, e)
	}
	total, free := c.D.flashSpace()
	return flash.WriteDir(c.Out, rel, shown, total, free)
}

func runMore(c *Ctx) error {
	rel, err := c.resolve(c.A.Str("fileurl"))
	if err != nil {
		return err
	}
	data, err := c.D.flash.ReadFile(rel)
	if err != nil {
		return c.D.fileErr(rel, err)
	}
	writeFileText(c.Out, data)
	return nil
}

// writeFileText shows a file's lines with their terminal controls escaped: whoever could write the
// file (SFTP, SCP) must not steer the terminal of whoever reads it.
func writeFileText(w io.Writer, data []byte) {
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r") // CRLF is a line end too
		io.WriteString(w, escapeUnsafe(line)+"\n")
	}
}

// runDelete moves a file to the recycle bin of its directory (undelete brings it back), or removes it
// for good with /unreserved or when it is in a recycle bin already. Deleting the next-startup file is
// allowed, as on Comware; display startup then flags it.
func runDelete(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	rel, err := c.resolve(c.A.Str("fileurl"))
	if err != nil {
		return err
	}
	if err := c.D.regularFile(rel); err != nil {
		return err
	}
	if err := needAsker(c); err != nil {
		return err
	}
	name := flash.Display(rel)
	permanent := c.A.Has("/unreserved") || inTrash(rel)
	question := "Delete " + name + "?"
	if permanent {
		question = "The file cannot be restored. " + question
	}
	ok, err := c.Confirm(question)
	if err != nil || !ok {
		return err
	}
	if permanent {
		err = c.D.flash.Remove(rel)
	} else {
		err = c.D.toTrash(rel)
	}
	if err != nil {
		return c.D.fileErr(rel, err)
	}
	c.Printf("Deleting file %s... Done.\n", name)
	return nil
}

func runMkdir(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	rel, err := c.resolve(c.A.Str("dirurl"))
	if err != nil {
		return err
	}
	if err := c.D.flash.Mkdir(rel); err != nil {
		return c.D.fileErr(rel, err)
	}
	c.Printf("Creating directory %s... Done.\n", flash.Display(rel))
	return nil
}

// maxShownLoadErrors bounds the refused lines listed for one file, so that loading the wrong file
// does not flood the terminal.
const maxShownLoadErrors = 20

// writeLoadErrors lists the lines of a configuration file that the engine refused after a header,
// each with its line number, a caret under the word it stopped at and Comware's message.
func writeLoadErrors(w io.Writer, header string, errs []LoadError) {
	if len(errs) == 0 {
		return
	}
	fmt.Fprintln(w, header)
	for i, e := range errs {
		if i == maxShownLoadErrors {
			fmt.Fprintf(w, " ... and %d more.\n", len(errs)-i)
			return
		}
		lead := fmt.Sprintf(" Line %d: ", e.Line)
		text := e.Text
		if len(text) > 120 {
			text = text[:120] + "..."
		}
		fmt.Fprintf(w, "%s%s\n", lead, text)
		var pe *ParseError
		if errors.As(e.Err, &pe) && pe.Pos <= len(text) {
			fmt.Fprintln(w, Caret(e.Err, len(lead)))
		}
		fmt.Fprintln(w, Message(e.Err))
	}
}

// linesWord is "1 line" or "N lines".
func linesWord(n int) string {
	if n == 1 {
		return "1 line"
	}
	return fmt.Sprintf("%d lines", n)
}

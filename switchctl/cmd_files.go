package switchctl

import (
	"errors"
	"io/fs"
	"path"

	"vtyd/switchctl/flash"
)

// filesRows are the file system commands a backup or upgrade script runs besides dir, more, delete
// and mkdir: copy, rename, cd, pwd and the recycle bin. All of them go through flash:'s jail (no
// name outside flash:), its atomic writes and its space count.
func filesRows() []Row {
	return []Row{
		{Views: InUser, Path: "copy <srcurl:word:1-255> <dsturl:word:1-255>", Priv: PrivWrite, Run: runCopy},
		{Views: InUser, Path: "rename <srcurl:word:1-255> <dsturl:word:1-255>", Priv: PrivWrite, Run: runRename},
		{Views: InUser, Path: "cd <dirurl:word:1-255>", Priv: PrivRead, Run: runCd},
		{Views: InUser, Path: "pwd", Priv: PrivRead, Run: runPwd},
		{Views: InUser, Path: "undelete <fileurl:word:1-255>", Priv: PrivWrite, Run: runUndelete},
		{Views: InUser, Path: "reset recycle-bin [/force]", Priv: PrivWrite, Run: runResetRecycleBin},
	}
}

var filesHelp = map[string]string{
	"copy":                     "Copy a file",
	"rename":                   "Rename a file or directory",
	"cd":                       "Change the current directory",
	"pwd":                      "Display the current directory",
	"undelete":                 "Restore a file from the recycle bin",
	"reset recycle-bin":        "Clear the recycle bin of the current directory",
	"reset recycle-bin /force": "Clear the recycle bin without confirmation",
}

var filesArgHelp = map[string]string{
	"srcurl": "Source file name (flash:/name, /name or name)",
	"dsturl": "Destination file name (flash:/name, /name or name)",
}

// trashDir is the recycle bin of each directory: delete moves a file there, where it still takes its
// space, until undelete or reset recycle-bin. It is hidden: dir shows it with /all only, as drwh.
const trashDir = ".trash"

// trashOf is where rel goes when it is deleted: the recycle bin of its own directory.
func trashOf(rel string) string { return path.Join(path.Dir(rel), trashDir, path.Base(rel)) }

// inTrash reports whether rel is in a recycle bin.
func inTrash(rel string) bool { return path.Base(path.Dir(rel)) == trashDir }

// trashName is how the recycle bin's dialogs name a file in it: flash:/~/a.cfg for the root's.
func trashName(dir, name string) string {
	if dir == "." {
		return "flash:/~/" + name
	}
	return flash.Display(dir) + "/~/" + name
}

// toTrash moves rel into its directory's recycle bin, over an older deleted file of that name.
func (d *Device) toTrash(rel string) error {
	bin := path.Join(path.Dir(rel), trashDir)
	if err := d.flash.Mkdir(bin); err != nil && !errors.Is(err, flash.ErrExist) {
		return err
	}
	return d.flash.Rename(rel, trashOf(rel), true)
}

// dir is the session's current directory on flash:, "." for the root.
func (s *Session) dir() string {
	if s.cwd == "" {
		return "."
	}
	return s.cwd
}

// resolve turns a typed file name into a flash:-relative path from the session's current directory.
func (c *Ctx) resolve(name string) (string, error) { return resolveIn(c.S.dir(), name) }

// srcDst resolves a copy's or a rename's two names, refused while a configuration file loads.
func (c *Ctx) srcDst() (src, dst string, err error) {
	if err := loadingFile(c); err != nil {
		return "", "", err
	}
	if src, err = c.resolve(c.A.Str("srcurl")); err != nil {
		return "", "", err
	}
	dst, err = c.resolve(c.A.Str("dsturl"))
	return src, dst, err
}

func runCopy(c *Ctx) error {
	src, dst, err := c.srcDst()
	if err != nil {
		return err
	}
	if err := c.D.regularFile(src); err != nil {
		return err
	}
	if e, err := c.D.flash.Stat(dst); err == nil && e.Dir { // into a directory, under the same name
		dst = path.Join(dst, path.Base(src))
	}
	if src == dst {
		return refuse(ErrFile, "The source file and the destination file are the same: %s.", flash.Display(src))
	}
	if err := needAsker(c); err != nil {
		return err
	}
	from, to := flash.Display(src), flash.Display(dst)
	if ok, err := c.Confirm("Copy " + from + " to " + to + "?"); err != nil || !ok {
		return err
	}
	if e, err := c.D.flash.Stat(dst); err == nil {
		if e.Dir {
			return c.D.fileErr(dst, flash.ErrIsDir)
		}
		if ok, err := c.Confirm("The file " + to + " exists. Overwrite it?"); err != nil || !ok {
			return err
		}
	}
	if err := c.D.flash.Copy(src, dst); err != nil {
		return c.D.copyErr(src, dst, err)
	}
	c.Printf("Copying file %s to %s... Done.\n", from, to)
	return nil
}

// copyErr words a failed copy or rename by the file it concerns: a missing one is the source, one
// that is in the way or does not fit is the destination.
func (d *Device) copyErr(src, dst string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return d.fileErr(src, err)
	}
	return d.fileErr(dst, err)
}

func runRename(c *Ctx) error {
	src, dst, err := c.srcDst()
	if err != nil {
		return err
	}
	if src == "." || dst == "." {
		return refuse(ErrFile, "The root directory flash:/ cannot be renamed.")
	}
	if _, err := c.D.flash.Stat(src); err != nil {
		return c.D.fileErr(src, err)
	}
	if _, err := c.D.flash.Stat(dst); err == nil {
		return c.D.fileErr(dst, flash.ErrExist)
	}
	if err := needAsker(c); err != nil {
		return err
	}
	from, to := flash.Display(src), flash.Display(dst)
	if ok, err := c.Confirm("Rename " + from + " as " + to + "?"); err != nil || !ok {
		return err
	}
	if err := c.D.flash.Rename(src, dst, false); err != nil {
		return c.D.copyErr(src, dst, err)
	}
	c.Printf("Renaming %s as %s... Done.\n", from, to)
	return nil
}

func runCd(c *Ctx) error {
	rel, err := c.resolve(c.A.Str("dirurl"))
	if err != nil {
		return err
	}
	e, err := c.D.flash.Stat(rel)
	if err != nil {
		return c.D.fileErr(rel, err)
	}
	if !e.Dir {
		return c.D.fileErr(rel, flash.ErrNotDir)
	}
	c.S.cwd = rel
	return nil
}

func runPwd(c *Ctx) error {
	if d := c.S.dir(); d != "." {
		c.Println(flash.Display(d))
		return nil
	}
	c.Println("flash:")
	return nil
}

// runUndelete brings a deleted file back from its directory's recycle bin.
func runUndelete(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	rel, err := c.resolve(c.A.Str("fileurl"))
	if err != nil {
		return err
	}
	name := flash.Display(rel)
	bin := trashOf(rel)
	if e, err := c.D.flash.Stat(bin); err != nil || e.Dir {
		return refuse(errors.Join(ErrNotFound, fs.ErrNotExist), "The file %s is not in the recycle bin.", name)
	}
	if err := needAsker(c); err != nil {
		return err
	}
	if ok, err := c.Confirm("Undelete " + name + "?"); err != nil || !ok {
		return err
	}
	if e, err := c.D.flash.Stat(rel); err == nil {
		if e.Dir {
			return c.D.fileErr(rel, flash.ErrIsDir)
		}
		if ok, err := c.Confirm("The file " + name + " exists. Overwrite it?"); err != nil || !ok {
			return err
		}
	}
	if err := c.D.flash.Rename(bin, rel, true); err != nil {
		return c.D.fileErr(rel, err)
	}
	c.Printf("Undeleting file %s... Done.\n", name)
	return nil
}

// runResetRecycleBin removes the files in the current directory's recycle bin for good, asking for
// each one unless /force.
func runResetRecycleBin(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	dir := c.S.dir()
	bin := path.Join(dir, trashDir)
	entries, err := c.D.flash.List(bin)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // nothing was ever deleted here
	case err != nil:
		return c.D.fileErr(bin, err)
	}
	force := c.A.Has("/force")
	if !force {
		if err := needAsker(c); err != nil {
			return err
		}
	}
	for _, e := range entries {
		if e.Dir {
			continue
		}
		shown := escapeUnsafe(trashName(dir, e.Name))
		if !force {
			ok, err := c.Confirm("Clear " + shown + "?")
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
		}
		if err := c.D.flash.Remove(path.Join(bin, e.Name)); err != nil {
			return c.D.fileErr(path.Join(bin, e.Name), err)
		}
		c.Printf("Clearing file %s... Done.\n", shown)
	}
	return nil
}

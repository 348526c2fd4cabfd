package switchctl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vtyd/switchctl/flash"
)

// fileAsker answers dialogs from a script, echoing each prompt and answer into the output as a
// terminal shows them. It fails the test when asked a question the script did not expect.
type fileAsker struct {
	t       *testing.T
	answers []string
	out     *bytes.Buffer
}

func (a *fileAsker) Ask(_ context.Context, prompt string) (string, error) {
	if len(a.answers) == 0 {
		a.t.Errorf("unexpected question %q", prompt)
		return "", ErrNoAnswer
	}
	ans := a.answers[0]
	a.answers = a.answers[1:]
	fmt.Fprintf(a.out, "%s%s\n", prompt, ans)
	return ans, nil
}

// fileRig is a device on its own data dir with an admin session whose dialogs a script answers.
type fileRig struct {
	t     *testing.T
	dir   string
	d     *Device
	s     *Session
	asker *fileAsker
	out   bytes.Buffer
}

func newFileRig(t *testing.T) *fileRig {
	t.Helper()
	r := &fileRig{t: t, dir: t.TempDir()}
	r.open()
	return r
}

// open (re)opens the device from the rig's data dir, as a restart of vtyd does, and logs in again.
func (r *fileRig) open(opts ...func(*Options)) {
	r.t.Helper()
	o := Options{Dir: r.dir, SeedKeys: true, BcryptCost: 4, AdminPassword: "x"}
	for _, f := range opts {
		f(&o)
	}
	d, _, err := Open(o)
	if err != nil {
		r.t.Fatal(err)
	}
	r.d = d
	r.login(RoleAdmin)
}

func (r *fileRig) login(role string) {
	r.s = r.d.NewSession(SessionInfo{User: "admin", Roles: []string{role}, Line: 0, Proto: "SSH"})
	r.asker = &fileAsker{t: r.t, out: &r.out}
	r.s.SetAsker(r.asker)
}

// run executes one line with the given dialog answers and returns what the terminal showed.
func (r *fileRig) run(line string, answers ...string) (string, error) {
	r.t.Helper()
	r.out.Reset()
	r.asker.answers = answers
	err := r.s.Exec(context.Background(), line, &r.out)
	if len(r.asker.answers) > 0 {
		r.t.Errorf("%s: answers %q were never asked for", line, r.asker.answers)
	}
	return r.out.String(), err
}

// must runs a line that has to succeed.
func (r *fileRig) must(line string, answers ...string) string {
	r.t.Helper()
	out, err := r.run(line, answers...)
	if err != nil {
		r.t.Fatalf("%s: %v\n%s", line, err, out)
	}
	return out
}

func (r *fileRig) read(name string) string {
	r.t.Helper()
	b, err := r.d.Flash().ReadFile(name)
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

func (r *fileRig) write(name, content string) {
	r.t.Helper()
	if err := r.d.Flash().WriteFileAtomic(name, []byte(content)); err != nil {
		r.t.Fatal(err)
	}
}

func wantRefusal(t *testing.T, line string, err, reason error, text string) {
	t.Helper()
	if !errors.Is(err, reason) {
		t.Fatalf("%s: err = %v, want %v", line, err, reason)
	}
	if !strings.Contains(Message(err), text) {
		t.Fatalf("%s: message %q, want it to contain %q", line, Message(err), text)
	}
}

const (
	saveSure      = "The current configuration will be written to the device. Are you sure? [Y/N]:"
	saveName      = "Please input the file name(*.cfg)[flash:/startup.cfg]\n(To leave the existing filename unchanged, press the enter key):"
	saveOverwrite = "flash:/startup.cfg exists, overwrite? [Y/N]:"
	saveDone      = "Validating file. Please wait...\nSaved the current configuration to mainboard device successfully.\n"
	notYN         = "Before pressing ENTER you must choose 'YES' or 'NO'[Y/N]:"
)

func TestSaveDialogs(t *testing.T) {
	tests := []struct {
		name     string
		answers  []string
		want     string
		saved    bool   // startup.cfg holds the running configuration afterwards
		nextFile string // the next-startup file afterwards
	}{
		{"yes, keep name, overwrite", []string{"Y", "", "Y"},
			saveSure + "Y\n" + saveName + "\n" + saveOverwrite + "Y\n" + saveDone, true, "startup.cfg"},
		{"no", []string{"N"}, saveSure + "N\n", false, "startup.cfg"},
		{"bad answer then yes", []string{"maybe", "y", "", "", "YES"},
			saveSure + "maybe\n" + notYN + "y\n" + saveName + "\n" + saveOverwrite + "\n" + notYN + "YES\n" + saveDone, true, "startup.cfg"},
		{"do not overwrite", []string{"Y", "", "n"},
			saveSure + "Y\n" + saveName + "\n" + saveOverwrite + "n\n", false, "startup.cfg"},
		{"new name becomes the startup file", []string{"Y", "test.cfg"},
			saveSure + "Y\n" + saveName + "test.cfg\n" + saveDone, false, "test.cfg"},
		{"name typed with the device", []string{"Y", "flash:/startup.cfg", "Y"},
			saveSure + "Y\n" + saveName + "flash:/startup.cfg\n" + saveOverwrite + "Y\n" + saveDone, true, "startup.cfg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newFileRig(t)
			before := r.read("startup.cfg")
			r.must("system-view")
			r.must("vlan 42")
			out := r.must("save", tt.answers...)
			if out != tt.want {
				t.Errorf("dialog:\n%s\nwant:\n%s", out, tt.want)
			}
			got := r.read("startup.cfg")
			if tt.saved && got != r.d.CurrentConfig() {
				t.Error("startup.cfg does not hold the running configuration")
			}
			if !tt.saved && got != before {
				t.Error("startup.cfg changed")
			}
			if next := r.d.nextStartupFile(); next != tt.nextFile {
				t.Errorf("next-startup file %q, want %q", next, tt.nextFile)
			}
			if tt.nextFile != "startup.cfg" && r.read(tt.nextFile) != r.d.CurrentConfig() {
				t.Errorf("%s does not hold the running configuration", tt.nextFile)
			}
		})
	}
}

func TestSaveRefusals(t *testing.T) {
	r := newFileRig(t)
	for _, tt := range []struct {
		line    string
		answers []string
		reason  error
		text    string
	}{
		{"save", []string{"Y", "startup.txt"}, ErrInvalidValue, "must end with .cfg"},
		{"save", []string{"Y", "archive/x.cfg"}, ErrInvalidValue, "root directory of flash:"},
		{"save", []string{"Y", "usb:/x.cfg"}, flash.ErrOutside, "only files on flash:"},
		{"save backup.txt", nil, ErrInvalidValue, "must end with .cfg"},
		{"save ../backup.cfg", nil, flash.ErrOutside, "only files on flash:"},
		{"save cfa0:/backup.cfg", nil, flash.ErrOutside, "only files on flash:"},
	} {
		_, err := r.run(tt.line, tt.answers...)
		wantRefusal(t, tt.line, err, tt.reason, tt.text)
	}
	if err := r.d.Flash().Mkdir("dir.cfg"); err != nil {
		t.Fatal(err)
	}
	_, err := r.run("save dir.cfg")
	wantRefusal(t, "save dir.cfg", err, flash.ErrIsDir, "is a directory")
}

func TestSaveWithoutAsker(t *testing.T) {
	r := newFileRig(t)
	r.s.SetAsker(nil)
	r.must("system-view")
	r.must("vlan 7")
	for _, line := range []string{"save", "save b.cfg", "reset saved-configuration", "reboot", "delete startup.cfg"} {
		var out bytes.Buffer
		err := r.s.Exec(context.Background(), line, &out)
		if !errors.Is(err, ErrNoAnswer) {
			t.Errorf("%s without an asker: err = %v, want ErrNoAnswer", line, err)
		}
		if out.Len() > 0 {
			t.Errorf("%s printed %q before refusing", line, out.String())
		}
	}
	var out bytes.Buffer
	if err := r.s.Exec(context.Background(), "save force", &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != saveDone {
		t.Errorf("save force printed %q", out.String())
	}
	if r.read("startup.cfg") != r.d.CurrentConfig() {
		t.Error("save force did not save")
	}
}

func TestSaveForceFromAnyView(t *testing.T) {
	r := newFileRig(t)
	r.must("undo startup saved-configuration")
	r.must("system-view")
	r.must("interface GigabitEthernet1/0/1")
	r.must("description uplink")
	if out := r.must("write force"); out != saveDone {
		t.Errorf("write force printed %q", out)
	}
	if r.d.nextStartupFile() != "startup.cfg" {
		t.Errorf("save force with no startup file set next to %q, want startup.cfg", r.d.nextStartupFile())
	}
	if !strings.Contains(r.read("startup.cfg"), " description uplink") {
		t.Error("the saved file lacks the interface description")
	}
}

func TestSaveToNamedFile(t *testing.T) {
	r := newFileRig(t)
	r.must("system-view")
	r.must("sysname Backup")
	const ask = "The current configuration will be saved to flash:/backup.cfg. Continue? [Y/N]:"
	const done = "Now saving current configuration to the device.\nSaving configuration flash:/backup.cfg. Please wait...\nConfiguration is saved to flash successfully.\n"
	if out := r.must("save backup.cfg", "y"); out != ask+"y\n"+done {
		t.Errorf("save backup.cfg:\n%s", out)
	}
	if r.read("backup.cfg") != r.d.CurrentConfig() {
		t.Error("backup.cfg does not hold the running configuration")
	}
	if r.d.nextStartupFile() != "startup.cfg" {
		t.Errorf("save to a named file changed the startup file to %q", r.d.nextStartupFile())
	}
	r.must("sysname Other")
	if out := r.must("save flash:/backup.cfg", "Y", "N"); out != ask+"Y\nflash:/backup.cfg exists, overwrite? [Y/N]:N\n" {
		t.Errorf("declined overwrite:\n%s", out)
	}
	if !strings.Contains(r.read("backup.cfg"), "sysname Backup") {
		t.Error("declined overwrite changed the file")
	}
	if out := r.must("save backup.cfg", "N"); out != ask+"N\n" {
		t.Errorf("declined save:\n%s", out)
	}
	r.must("quit")
	r.must("mkdir archive")
	r.must("save archive/a1.cfg", "Y")
	if !strings.Contains(r.read("archive/a1.cfg"), "sysname Other") {
		t.Error("save into a directory failed")
	}
}

func TestStartupSavedConfiguration(t *testing.T) {
	r := newFileRig(t)
	big := bigConfig(1500)
	if len(big) < 50*1024 {
		t.Fatalf("test config is only %d bytes", len(big))
	}
	r.write("big.cfg", big) // as an SFTP upload would
	r.must("system-view")
	r.must("vlan 3999") // unsaved; lost at the reboot below
	r.must("return")
	if out := r.must("startup saved-configuration flash:/big.cfg"); out != "Please wait ....\n... Done!\n" {
		t.Errorf("startup saved-configuration printed %q", out)
	}
	want := " Current startup saved-configuration file: NULL\n" +
		" Next main startup saved-configuration file: flash:/big.cfg\n" +
		" Next backup startup saved-configuration file: NULL\n"
	if out := r.must("display startup"); out != want {
		t.Errorf("display startup:\n%s\nwant:\n%s", out, want)
	}
	if out := r.must("display saved-configuration"); out != big {
		t.Error("display saved-configuration does not print the next-startup file")
	}
	if _, err := r.run("reboot force"); !errors.Is(err, ErrSessionEnd) {
		t.Fatalf("reboot force: %v", err)
	}
	r.login(RoleAdmin)
	if r.d.Sysname() != "BIG" {
		t.Errorf("sysname %q after booting big.cfg", r.d.Sysname())
	}
	r.d.read(func(c *Config) {
		if len(c.VLANs) != 1500 || c.VLANs[1500] == nil || c.VLANs[1500].Name != "vlan-1500" {
			t.Errorf("%d VLANs after booting big.cfg, want 1500 with their names", len(c.VLANs))
		}
		if c.VLANs[3999] != nil {
			t.Error("an unsaved VLAN survived the reboot")
		}
	})
	if out := r.must("display startup"); !strings.Contains(out, "Current startup saved-configuration file: flash:/big.cfg\n") {
		t.Errorf("display startup after reboot:\n%s", out)
	}

	r.must("undo startup saved-configuration")
	if out := r.must("display startup"); !strings.Contains(out, "Next main startup saved-configuration file: NULL\n") {
		t.Errorf("display startup after undo:\n%s", out)
	}
	if out := r.must("display saved-configuration"); out != "" {
		t.Errorf("display saved-configuration with no startup file printed %q", out)
	}
	if r.read("big.cfg") != big {
		t.Error("undo startup saved-configuration changed the file")
	}
}

func TestStartupSavedConfigurationRefusals(t *testing.T) {
	r := newFileRig(t)
	r.write("notes.txt", "hello\n")
	r.must("mkdir sub")
	r.write("sub/a.cfg", "#\nreturn\n")
	for _, tt := range []struct {
		line   string
		reason error
		text   string
	}{
		{"startup saved-configuration missing.cfg", ErrNotFound, "flash:/missing.cfg does not exist"},
		{"startup saved-configuration notes.txt", ErrInvalidValue, "must end with .cfg"},
		{"startup saved-configuration sub/a.cfg", ErrInvalidValue, "root directory of flash:"},
		{"startup saved-configuration usb:/a.cfg", flash.ErrOutside, "only files on flash:"},
		{"startup saved-configuration ../a.cfg", flash.ErrOutside, "only files on flash:"},
	} {
		_, err := r.run(tt.line)
		wantRefusal(t, tt.line, err, tt.reason, tt.text)
	}
	if r.d.nextStartupFile() != "startup.cfg" {
		t.Errorf("a refused command changed the startup file to %q", r.d.nextStartupFile())
	}
}

// badConfig has refused lines at lines 4, 7 and 9 among good ones.
const badConfig = `#
 sysname Partial
#
 vlan 99999
vlan 20
 name users
 frobnicate now
#
vlan 30 40
#
vlan 50
 description servers
#
return
`

func TestBadLinesAreReportedWithNumbers(t *testing.T) {
	r := newFileRig(t)
	r.write("partial.cfg", badConfig)
	out := r.must("startup saved-configuration partial.cfg")
	for _, want := range []string{
		"Please wait ....\n... Done!\nWarning: 3 lines of flash:/partial.cfg will not be applied at the next startup:\n",
		" Line 4:  vlan 99999\n" + strings.Repeat(" ", 15) + "^\n % Wrong parameter found at '^' position.\n",
		" Line 7:  frobnicate now\n          ^\n % Unrecognized command found at '^' position.\n",
		" Line 9: vlan 30 40\n" + strings.Repeat(" ", 17) + "^\n % Too many parameters found at '^' position.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("startup saved-configuration output lacks %q:\n%s", want, out)
		}
	}
	if r.d.nextStartupFile() != "partial.cfg" {
		t.Error("a file with bad lines was not set as the startup file")
	}
	errs := r.d.Reboot().LoadErrors
	var lines []int
	for _, e := range errs {
		lines = append(lines, e.Line)
	}
	if fmt.Sprint(lines) != "[4 7 9]" {
		t.Errorf("Reboot reported lines %v, want [4 7 9]", lines)
	}
	r.login(RoleAdmin)
	r.d.read(func(c *Config) {
		if c.Sysname != "Partial" || c.VLANs[20] == nil || c.VLANs[20].Name != "users" || c.VLANs[50] == nil || c.VLANs[50].Description != "servers" {
			t.Error("the good lines of the file were not applied")
		}
	})
}

func TestDisplayStartupWhenTheFileIsDeleted(t *testing.T) {
	r := newFileRig(t)
	out := r.must("delete startup.cfg", "Y")
	if out != "Delete flash:/startup.cfg? [Y/N]:Y\nDeleting file flash:/startup.cfg... Done.\n" {
		t.Errorf("delete printed:\n%s", out)
	}
	want := " Current startup saved-configuration file: NULL\n" +
		" Next main startup saved-configuration file: flash:/startup.cfg (This file does not exist.)\n" +
		" Next backup startup saved-configuration file: NULL\n"
	if out := r.must("display startup"); out != want {
		t.Errorf("display startup:\n%s\nwant:\n%s", out, want)
	}
	if out := r.must("display saved-configuration"); out != "" {
		t.Errorf("display saved-configuration of a deleted file printed %q", out)
	}
	r.must("save force")
	if out := r.must("display startup"); strings.Contains(out, "does not exist") {
		t.Errorf("display startup after save:\n%s", out)
	}
	if out := r.must("display saved-configuration"); out != r.d.CurrentConfig() {
		t.Error("display saved-configuration does not show what was saved")
	}
}

func TestResetSavedConfiguration(t *testing.T) {
	r := newFileRig(t)
	const ask = "The saved configuration file will be erased. Are you sure? [Y/N]:"
	if out := r.must("reset saved-configuration", "N"); out != ask+"N\n" {
		t.Errorf("declined reset:\n%s", out)
	}
	if r.d.nextStartupFile() != "startup.cfg" || !r.d.fileExists("startup.cfg") {
		t.Fatal("a declined reset erased the file")
	}
	r.must("system-view")
	r.must("sysname Custom")
	r.must("vlan 5")
	r.must("save force")
	r.must("return")
	out := r.must("reset saved-configuration", "x", "Y")
	want := ask + "x\n" + notYN + "Y\nConfiguration file in flash: is being cleared.\nPlease wait ...\nConfiguration file is cleared.\n"
	if out != want {
		t.Errorf("reset saved-configuration:\n%s\nwant:\n%s", out, want)
	}
	if r.d.fileExists("startup.cfg") || r.d.nextStartupFile() != "" {
		t.Error("reset saved-configuration left the file or the setting")
	}
	out, err := r.run("reboot force")
	if !errors.Is(err, ErrSessionEnd) {
		t.Fatalf("reboot force: %v", err)
	}
	if out != "Now rebooting, please wait...\nStartup configuration file doesn't exist or is invalid.\n" {
		t.Errorf("reboot force printed:\n%s", out)
	}
	r.login(RoleAdmin)
	if r.d.Sysname() != DefaultSysname {
		t.Errorf("sysname %q after booting the factory configuration", r.d.Sysname())
	}
	r.d.read(func(c *Config) {
		if c.VLANs[5] != nil || c.Users["admin"] == nil || !c.SSH.Enabled {
			t.Error("the reboot did not give the factory configuration")
		}
	})
	want = " Current startup saved-configuration file: NULL\n Next main startup saved-configuration file: NULL\n Next backup startup saved-configuration file: NULL\n"
	if out := r.must("display startup"); out != want {
		t.Errorf("display startup:\n%s", out)
	}
	r.open() // a restart of vtyd too boots the factory configuration
	if r.d.Sysname() != DefaultSysname || r.d.nextStartupFile() != "" {
		t.Error("restart after reset did not boot the factory configuration")
	}
}

func TestConfigurationReplace(t *testing.T) {
	r := newFileRig(t)
	r.write("my_archive_1.cfg", badConfig)
	r.must("system-view")
	r.must("vlan 300")
	const ask = "Current configuration will be lost, save current configuration? [Y/N]:"
	out := r.must("configuration replace file my_archive_1.cfg", "n")
	for _, want := range []string{
		ask + "n\nNow replacing the current configuration. Please wait...\n",
		"Warning: 3 lines of flash:/my_archive_1.cfg could not be applied:\n Line 4:  vlan 99999\n",
		" Line 7:  frobnicate now\n",
		" Line 9: vlan 30 40\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("configuration replace output lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasSuffix(out, "Succeeded in replacing current configuration with the file my_archive_1.cfg.\n") {
		t.Errorf("configuration replace did not end with success:\n%s", out)
	}
	if r.s.Prompt() != "[Partial]" {
		t.Errorf("prompt %q after replace", r.s.Prompt())
	}
	r.d.read(func(c *Config) {
		if c.VLANs[300] != nil || c.VLANs[20] == nil || c.VLANs[50] == nil {
			t.Error("the running configuration was not replaced by the file's")
		}
	})
	if strings.Contains(r.read("startup.cfg"), "vlan 300") {
		t.Error("replace without saving changed startup.cfg")
	}

	// Answering Y saves first, through the save dialog.
	r.must("vlan 301")
	out = r.must("configuration replace file flash:/my_archive_1.cfg", "Y", "", "Y")
	if !strings.HasPrefix(out, ask+"Y\n"+saveName+"\n"+saveOverwrite+"Y\n"+saveDone+"Now replacing") {
		t.Errorf("replace with save:\n%s", out)
	}
	if !strings.Contains(r.read("startup.cfg"), "vlan 301") {
		t.Error("the save before the replace did not happen")
	}

	_, err := r.run("configuration replace file none.cfg")
	wantRefusal(t, "replace none.cfg", err, ErrNotFound, "does not exist")
	_, err = r.run("configuration replace file startup.txt")
	wantRefusal(t, "replace startup.txt", err, ErrInvalidValue, "must end with .cfg")
	_, err = r.run("configuration replace file ../x.cfg")
	wantRefusal(t, "replace ../x.cfg", err, flash.ErrOutside, "only files on flash:")
	r.s.SetAsker(nil)
	if _, err := r.run("configuration replace file my_archive_1.cfg"); !errors.Is(err, ErrNoAnswer) {
		t.Errorf("replace without an asker: %v", err)
	}
}

func TestDirMoreMkdirDelete(t *testing.T) {
	r := newFileRig(t)
	out := r.must("dir")
	if !strings.HasPrefix(out, "Directory of flash:\n   0 -rw-") || !strings.Contains(out, "   startup.cfg\n") ||
		!strings.HasSuffix(out, "KB free)\n") {
		t.Errorf("dir:\n%s", out)
	}
	if out := r.must("mkdir flash:/archive"); out != "Creating directory flash:/archive... Done.\n" {
		t.Errorf("mkdir printed %q", out)
	}
	if out := r.must("dir"); !strings.Contains(out, " drw-           - ") || !strings.Contains(out, "   archive\n") {
		t.Errorf("dir after mkdir:\n%s", out)
	}
	if out := r.must("dir archive"); !strings.HasPrefix(out, "Directory of flash:/archive\nThe directory is empty.\n") {
		t.Errorf("dir archive:\n%s", out)
	}
	_, err := r.run("mkdir archive")
	wantRefusal(t, "mkdir archive", err, flash.ErrExist, "already exists")
	_, err = r.run("mkdir none/sub")
	wantRefusal(t, "mkdir none/sub", err, ErrNotFound, "does not exist")

	if out := r.must("more startup.cfg"); out != r.read("startup.cfg") {
		t.Error("more does not print the file")
	}
	r.write("archive/note.txt", "no newline")
	if out := r.must("more /archive/note.txt"); out != "no newline\n" {
		t.Errorf("more printed %q", out)
	}
	_, err = r.run("more archive")
	wantRefusal(t, "more archive", err, flash.ErrIsDir, "is a directory")

	if out := r.must("delete archive/note.txt", "n"); out != "Delete flash:/archive/note.txt? [Y/N]:n\n" {
		t.Errorf("declined delete printed %q", out)
	}
	if !r.d.fileExists("archive/note.txt") {
		t.Fatal("a declined delete removed the file")
	}
	out = r.must("erase flash:/archive/note.txt", "", "y")
	if out != "Delete flash:/archive/note.txt? [Y/N]:\n"+notYN+"y\nDeleting file flash:/archive/note.txt... Done.\n" {
		t.Errorf("erase printed:\n%s", out)
	}
	if r.d.fileExists("archive/note.txt") {
		t.Error("delete left the file")
	}
	_, err = r.run("delete archive/note.txt")
	wantRefusal(t, "delete a deleted file", err, ErrNotFound, "flash:/archive/note.txt does not exist")
	_, err = r.run("delete archive")
	wantRefusal(t, "delete a directory", err, flash.ErrIsDir, "is a directory")
}

// TestPathsStayInFlash: names on other media or climbing out of flash: are refused; an absolute host
// path is just a name inside flash:.
func TestPathsStayInFlash(t *testing.T) {
	r := newFileRig(t)
	for _, line := range []string{"dir ..", "dir ../", "dir usb:/", "more ../../etc/passwd", "more usb:/x.cfg",
		"more slot2#flash:/startup.cfg", "delete ../vtyd.json", "mkdir ../escape", "dir flash:/../.."} {
		_, err := r.run(line)
		wantRefusal(t, line, err, flash.ErrOutside, "only files on flash:")
	}
	for _, line := range []string{"more /etc/passwd", "dir /etc", "delete /etc/passwd"} {
		_, err := r.run(line)
		wantRefusal(t, line, err, ErrNotFound, "does not exist")
	}
	_, err := r.run(`more a\b`)
	wantRefusal(t, `more a\b`, err, ErrInvalidValue, "Invalid file name")
	if _, err := os.Stat(filepath.Join(r.dir, "escape")); err == nil {
		t.Error("mkdir escaped flash:")
	}
	if _, err := os.Stat(filepath.Join(r.dir, "vtyd.json")); err != nil {
		t.Error("delete reached the data dir")
	}
}

func TestFileCommandRoles(t *testing.T) {
	r := newFileRig(t)
	r.login(RoleOperator)
	for _, line := range []string{"dir", "more startup.cfg", "display startup", "display saved-configuration"} {
		r.must(line)
	}
	for _, line := range []string{"save force", "delete startup.cfg", "mkdir x", "reboot force",
		"startup saved-configuration startup.cfg", "reset saved-configuration", "undo startup saved-configuration"} {
		if _, err := r.run(line); !errors.Is(err, ErrPermissionDenied) {
			t.Errorf("operator ran %q: %v", line, err)
		}
	}
}

// TestConfigFileCannotSaveOrReboot: device operations in a configuration file are refused lines, so
// that loading a file never writes flash: or reboots the device.
func TestConfigFileCannotSaveOrReboot(t *testing.T) {
	r := newFileRig(t)
	before := r.read("startup.cfg")
	errs := r.d.Load(strings.NewReader("vlan 8\n save force\nreboot force\nmkdir x\nundo startup saved-configuration\nsave x.cfg\n"))
	if len(errs) != 5 {
		t.Fatalf("load errors %v, want 5", errs)
	}
	for _, e := range errs {
		if !errors.Is(e.Err, ErrUnsupported) {
			t.Errorf("line %d: %v", e.Line, e.Err)
		}
	}
	if r.read("startup.cfg") != before || r.d.fileExists("x") || r.d.nextStartupFile() != "startup.cfg" {
		t.Error("a configuration file changed flash: or the startup file")
	}
}

// TestSaveIsAtomic: save goes through flash's WriteFileAtomic (whose crash points package flash
// tests), so a failed save leaves the old file whole and a save leaves no temp file behind.
func TestSaveIsAtomic(t *testing.T) {
	f, err := parser.ParseFile(gotoken.NewFileSet(), "cmd_save.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	atomic := false
	ast.Inspect(f, func(n ast.Node) bool {
		fd, ok := n.(*ast.FuncDecl)
		if !ok || fd.Name.Name != "saveConfig" {
			return true
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "WriteFileAtomic" {
				atomic = true
			}
			return true
		})
		return false
	})
	if !atomic {
		t.Fatal("saveConfig does not write through flash.WriteFileAtomic")
	}

	r := newFileRig(t)
	r.must("system-view")
	for i := 2; i <= 400; i++ {
		r.must(fmt.Sprintf("vlan %d", i))
		r.must(fmt.Sprintf("description %s", strings.Repeat("x", 200)))
	}
	r.must("save force")
	saved := r.read("startup.cfg")
	if saved != r.d.CurrentConfig() || !strings.HasSuffix(saved, "return\n") {
		t.Fatal("the saved file is not the whole running configuration")
	}
	entries, err := os.ReadDir(filepath.Join(r.dir, "flash"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("save left the temp file %s", e.Name())
		}
	}

	// A flash: too small for the new file: the save fails and the old file stays whole.
	r.open(func(o *Options) { o.FlashCapacity = int64(len(saved)) + 1024 })
	r.must("system-view")
	for i := 401; i <= 420; i++ {
		r.must(fmt.Sprintf("vlan %d", i))
		r.must(fmt.Sprintf("description %s", strings.Repeat("y", 200)))
	}
	_, err = r.run("save force")
	wantRefusal(t, "save force on a full flash:", err, flash.ErrNoSpace, "Not enough free space")
	if r.read("startup.cfg") != saved {
		t.Error("a failed save damaged startup.cfg")
	}

	// A crash in the middle of a save leaves a temp file beside the old one: the restart removes it
	// and boots the old file.
	tmp := filepath.Join(r.dir, "flash", ".tmp-crashed")
	if err := os.WriteFile(tmp, []byte("#\n sysname Torn\n vl"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.open()
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Error("the restart kept the torn temp file")
	}
	if out := r.must("dir"); strings.Contains(out, ".tmp-") {
		t.Errorf("dir lists a temp file:\n%s", out)
	}
	r.d.read(func(c *Config) {
		if c.Sysname == "Torn" || c.VLANs[400] == nil || c.VLANs[401] != nil {
			t.Error("the restart did not boot the last complete save")
		}
	})
}

// bigConfig is a configuration file with n VLANs, as an operator would upload it.
func bigConfig(n int) string {
	var b strings.Builder
	b.WriteString("#\n version 7.1.070, Release 6328\n#\n sysname BIG\n#\n")
	for i := 2; i <= n; i++ {
		fmt.Fprintf(&b, "vlan %d\n name vlan-%d\n description uplink group %d\n#\n", i, i, i)
	}
	b.WriteString("return\n")
	return b.String()
}

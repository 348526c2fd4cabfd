package switchctl

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadGoesOnAfterAnOverlongLine: a line longer than any command (here 10 MiB, past any reader's
// buffer) is refused with its number like other bad lines and the rest of the file loads; it used to
// end the load without a word, leaving SSH and the users of the file's end unconfigured.
func TestLoadGoesOnAfterAnOverlongLine(t *testing.T) {
	d := newTestDevice(t)
	text := "vlan 10\n#\ninterface GigabitEthernet1/0/1\n description " + strings.Repeat("x", 10<<20) + "\n#\nvlan 20\n#\n ssh server enable\n"
	cfg, errs := loadScratch(d, text)
	if len(errs) != 1 || errs[0].Line != 4 || !errors.Is(errs[0].Err, ErrLineTooLong) {
		t.Fatalf("refused lines %v, want line 4 as too long", errs)
	}
	if len(errs[0].Text) > MaxLineLen+3 {
		t.Errorf("the refused line is kept whole (%d bytes)", len(errs[0].Text))
	}
	if cfg.VLANs[10] == nil || cfg.VLANs[20] == nil || !cfg.SSH.Enabled {
		t.Errorf("the lines after the long one were not loaded:\n%s", cfg.Render())
	}
	// The last line without a newline, long or not, is a line too.
	_, errs = loadScratch(d, "vlan 30\n"+strings.Repeat("y", 2<<20))
	if len(errs) != 1 || errs[0].Line != 2 || !errors.Is(errs[0].Err, ErrLineTooLong) {
		t.Errorf("refused lines %v, want line 2 as too long", errs)
	}
}

// TestLoadReportsAReadError: a file that cannot be read to its end says so in a refused line
// instead of passing for complete.
func TestLoadReportsAReadError(t *testing.T) {
	d := newTestDevice(t)
	errRead := errors.New("disk gone")
	errs := d.Load(&failingReader{data: "vlan 10\nvlan 2", err: errRead})
	if len(errs) != 1 || errs[0].Line != 2 || !errors.Is(errs[0].Err, errRead) {
		t.Errorf("refused lines %v, want a read error at line 2", errs)
	}
}

type failingReader struct {
	data string
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// TestMissingSettingsKeepTheSavedConfiguration: with vtyd.json gone but flash:/startup.cfg there,
// vtyd boots the file, leaves it as it is, makes no new admin password and says what it did; the
// settings are made anew.
func TestMissingSettingsKeepTheSavedConfiguration(t *testing.T) {
	r := newFileRig(t)
	r.must("system-view")
	r.must("sysname MARKER")
	r.must("save force")
	saved := r.read("startup.cfg")
	if err := os.Remove(filepath.Join(r.dir, "vtyd.json")); err != nil {
		t.Fatal(err)
	}
	d, rep, err := Open(Options{Dir: r.dir, SeedKeys: true, BcryptCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	if rep.FirstStart || rep.GeneratedPassword != "" || rep.StartupFile != "startup.cfg" {
		t.Errorf("boot report %+v: want startup.cfg booted, no first start, no new password", rep)
	}
	if d.Sysname() != "MARKER" {
		t.Errorf("sysname %q: the saved configuration was not booted", d.Sysname())
	}
	if got, _ := d.Flash().ReadFile("startup.cfg"); string(got) != saved {
		t.Errorf("startup.cfg was rewritten:\n%s", lineDiff(saved, string(got)))
	}
	if !d.CheckPassword("admin", "x") {
		t.Error("admin lost the password of the saved configuration")
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "vtyd.json is missing") {
		t.Errorf("warnings %q", rep.Warnings)
	}
	if data, err := os.ReadFile(filepath.Join(r.dir, "vtyd.json")); err != nil || !strings.Contains(string(data), `"next_startup": "startup.cfg"`) {
		t.Errorf("settings not made anew: %v\n%s", err, data)
	}
}

// invalidStartups are startup files that cannot be booted (loadResult.invalid).
var invalidStartups = []struct{ name, text string }{
	{"empty", ""},
	{"only comments", "#\n#\nreturn\n"},
	{"garbage", strings.Repeat("\x00\xff\x13garbage \x7f\xfe\n", 200)},
	{"nearly all refused and no SSH", "sysname Half\n" + strings.Repeat("frobnicate\n", 20)},
}

// TestInvalidStartupBootsTheFactoryConfiguration: at process start an invalid startup file is left
// as it is, the factory configuration boots with a new admin password, and the boot report and log
// buffer say why.
func TestInvalidStartupBootsTheFactoryConfiguration(t *testing.T) {
	for _, tt := range invalidStartups {
		t.Run(tt.name, func(t *testing.T) {
			r := newFileRig(t)
			r.write("startup.cfg", tt.text)
			d, rep, err := Open(Options{Dir: r.dir, SeedKeys: true, BcryptCost: 4})
			if err != nil {
				t.Fatal(err)
			}
			if rep.StartupFile != "" || rep.GeneratedPassword == "" || !d.CheckPassword("admin", rep.GeneratedPassword) {
				t.Errorf("boot report %+v: want the factory configuration with a new password", rep)
			}
			if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "flash:/startup.cfg") || !strings.Contains(rep.Warnings[0], "invalid") {
				t.Errorf("warnings %q", rep.Warnings)
			}
			if got, _ := d.Flash().ReadFile("startup.cfg"); string(got) != tt.text {
				t.Error("the invalid file was overwritten")
			}
			if !logHas(d, "CFGMAN/4/CFGMAN_STARTUP: Startup configuration flash:/startup.cfg") {
				t.Errorf("log buffer:\n%s", strings.Join(d.LogEntries(), "\n"))
			}
		})
	}
}

// TestMostlyRefusedStartupThatLetsSomeoneInBoots: a file whose lines are mostly refused (a real
// switch's configuration, say) still boots when what it configures lets someone log in.
func TestMostlyRefusedStartupThatLetsSomeoneInBoots(t *testing.T) {
	r := newFileRig(t)
	good := r.read("startup.cfg") // the factory configuration: SSH on, admin with a password
	r.write("startup.cfg", good+strings.Repeat("dhcp snooping enable\n", 500))
	d, rep, err := Open(Options{Dir: r.dir, SeedKeys: true, BcryptCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	if rep.StartupFile != "startup.cfg" || len(rep.LoadErrors) != 500 || len(rep.Warnings) != 0 || !d.CheckPassword("admin", "x") {
		t.Errorf("boot report %+v", rep)
	}
}

// TestRebootIntoAnInvalidFileKeepsTheRunningConfiguration: `reboot force` with an empty or garbage
// next-startup file keeps the running configuration instead of coming up with SSH off.
func TestRebootIntoAnInvalidFileKeepsTheRunningConfiguration(t *testing.T) {
	for _, tt := range invalidStartups {
		t.Run(tt.name, func(t *testing.T) {
			r := newFileRig(t)
			r.open(func(o *Options) { o.AdminPassword = "" })
			r.must("system-view")
			r.must("sysname Keep")
			r.must("return")
			r.write("startup.cfg", tt.text)
			out, err := r.run("reboot force")
			if !errors.Is(err, ErrSessionEnd) {
				t.Fatalf("reboot force: %v", err)
			}
			want := rebootNow + "Startup configuration file doesn't exist or is invalid.\nStartup configuration flash:/startup.cfg "
			if !strings.HasPrefix(out, want) || !strings.HasSuffix(out, "it is invalid; the current configuration was kept.\n") {
				t.Errorf("reboot force printed:\n%s", out)
			}
			if r.d.Sysname() != "Keep" || !r.d.CheckPassword("admin", "x") || !r.d.SSHSettings().Enabled {
				t.Error("the running configuration was not kept")
			}
			if !logHas(r.d, "CFGMAN/4/CFGMAN_STARTUP: Startup configuration flash:/startup.cfg") {
				t.Errorf("log buffer:\n%s", strings.Join(r.d.LogEntries(), "\n"))
			}
		})
	}
}

// TestRebootWarnsBeforeALockout: when the next-startup file would leave SSH off or nobody able to
// log in over SSH, reboot and `startup saved-configuration` say so before going on.
func TestRebootWarnsBeforeALockout(t *testing.T) {
	tests := []struct{ name, file, why string }{
		{"SSH off", "#\n sysname NoSSH\n#\n", "leaves the SSH server disabled"},
		{"no SSH user", "#\n sysname NoUser\n#\n ssh server enable\n#\nlocal-user oper class manage\n service-type terminal\n#\n", "has no user who can log in through SSH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newFileRig(t)
			r.open(func(o *Options) { o.AdminPassword = "" })
			r.write("lock.cfg", tt.file)
			warning := "Warning: The configuration file flash:/lock.cfg " + tt.why + ": after the reboot nobody can log in to the device through SSH.\n"
			out := r.must("startup saved-configuration lock.cfg")
			if !strings.Contains(out, warning) {
				t.Errorf("startup saved-configuration:\n%s\nwant %q", out, warning)
			}
			out, err := r.run("reboot", "N", "N")
			if want := rebootCheck + rebootSave + "N\n" + warning + rebootContinue + "N\n"; out != want || err != nil {
				t.Errorf("reboot: err %v\n%s\nwant\n%s", err, out, want)
			}
		})
	}
}

func logHas(d *Device, s string) bool {
	for _, e := range d.LogEntries() {
		if strings.Contains(e, s) {
			return true
		}
	}
	return false
}

// TestStartupWarnsOfAnInvalidFile: `startup saved-configuration` of a file that would not boot says
// so at once.
func TestStartupWarnsOfAnInvalidFile(t *testing.T) {
	r := newFileRig(t)
	r.open(func(o *Options) { o.AdminPassword = "" })
	r.write("empty.cfg", "")
	want := "Warning: The configuration file flash:/empty.cfg configures nothing: it is invalid and will not be booted.\n"
	if out := r.must("startup saved-configuration empty.cfg"); !strings.HasSuffix(out, want) {
		t.Errorf("startup saved-configuration:\n%s\nwant it to end with %q", out, want)
	}
}

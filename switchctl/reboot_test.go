package switchctl

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

const (
	rebootCheck    = "Start to check configuration with next startup configuration file, please wait.........DONE!\n"
	rebootSave     = "Current configuration may be lost after the reboot, save current configuration? [Y/N]:"
	rebootContinue = "This command will reboot the device. Continue? [Y/N]:"
	rebootNow      = "Now rebooting, please wait...\n"
)

func TestRebootDialogs(t *testing.T) {
	tests := []struct {
		name     string
		saved    bool // save force before the change: the change is then the only difference
		change   bool // configure VLAN 77 before rebooting
		answers  []string
		want     string // the dialog, up to the reboot
		rebooted bool
		vlan77   bool // VLAN 77 exists afterwards
	}{
		{"unchanged: no save question", true, false, []string{"Y"},
			rebootCheck + rebootContinue + "Y\n" + rebootNow, true, false},
		{"changed, not saved", true, true, []string{"n", "y"},
			rebootCheck + rebootSave + "n\n" + rebootContinue + "y\n" + rebootNow, true, false},
		{"changed, saved first", true, true, []string{"Y", "", "Y", "Y"},
			rebootCheck + rebootSave + "Y\n" + saveName + "\n" + saveOverwrite + "Y\n" + saveDone + rebootContinue + "Y\n" + rebootNow, true, true},
		{"changed, saved under a new name", true, true, []string{"Y", "new.cfg", "Y"},
			rebootCheck + rebootSave + "Y\n" + saveName + "new.cfg\n" + saveDone + rebootContinue + "Y\n" + rebootNow, true, true},
		{"declined", true, true, []string{"N", "N"},
			rebootCheck + rebootSave + "N\n" + rebootContinue + "N\n", false, true},
		{"bad answers then yes", false, false, []string{"", "n", "later", "y"},
			rebootCheck + rebootSave + "\n" + notYN + "n\n" + rebootContinue + "later\n" + notYN + "y\n" + rebootNow, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newFileRig(t)
			r.must("system-view")
			r.must("sysname Lab")
			if tt.saved {
				r.must("save force")
			}
			if tt.change {
				r.must("vlan 77")
			}
			r.must("return")
			events, stop := r.d.Subscribe(16)
			defer stop()
			out, err := r.run("reboot", tt.answers...)
			if !strings.HasPrefix(out, tt.want) {
				t.Errorf("dialog:\n%s\nwant it to start with:\n%s", out, tt.want)
			}
			if rebooted := errors.Is(err, ErrSessionEnd); rebooted != tt.rebooted {
				t.Fatalf("rebooted = %v (err %v), want %v", rebooted, err, tt.rebooted)
			}
			if !tt.rebooted && (err != nil || out != tt.want) {
				t.Errorf("declined reboot: err %v, output %q", err, out)
			}
			if got := len(events) > 0 && (<-events).Kind == EventReboot; got != tt.rebooted {
				t.Errorf("EventReboot published = %v, want %v", got, tt.rebooted)
			}
			var has77 bool
			r.d.read(func(c *Config) { has77 = c.VLANs[77] != nil })
			if has77 != tt.vlan77 {
				t.Errorf("VLAN 77 present = %v, want %v", has77, tt.vlan77)
			}
			if tt.saved && r.d.Sysname() != "Lab" {
				t.Errorf("sysname %q: the saved configuration was not booted", r.d.Sysname())
			}
		})
	}
}

func TestRebootForce(t *testing.T) {
	r := newFileRig(t)
	r.s.SetAsker(nil) // reboot force asks nothing: it works from exec sessions
	r.must("system-view")
	r.must("vlan 12")
	r.must("save force")
	r.must("vlan 13")
	events, stop := r.d.Subscribe(16)
	defer stop()
	var out bytes.Buffer
	err := r.s.Exec(context.Background(), "reboot force", &out)
	if !errors.Is(err, ErrSessionEnd) {
		t.Fatalf("reboot force: %v", err)
	}
	if out.String() != rebootNow { // the saved file loads without a refused line
		t.Errorf("reboot force printed %q", out.String())
	}
	if e := <-events; e.Kind != EventReboot {
		t.Errorf("first event %v, want EventReboot before anything else", e.Kind)
	}
	r.d.read(func(c *Config) {
		if c.VLANs[12] == nil || c.VLANs[13] != nil {
			t.Error("reboot did not restore the saved configuration and drop the unsaved change")
		}
	})
	r.login(RoleAdmin)
	if r.s.Prompt() != "<HPE>" {
		t.Errorf("prompt %q after reboot", r.s.Prompt())
	}
	want := " Current startup saved-configuration file: flash:/startup.cfg\n"
	if out := r.must("display startup"); !strings.HasPrefix(out, want) {
		t.Errorf("display startup after reboot:\n%s", out)
	}
}

// TestSavedConfigurationSurvivesARestart: a restart of vtyd boots the saved file as a reboot does;
// unsaved changes are lost either way.
func TestSavedConfigurationSurvivesARestart(t *testing.T) {
	r := newFileRig(t)
	r.must("system-view")
	r.must("sysname Edge")
	r.must("vlan 100")
	r.must("name servers")
	r.must("quit")
	r.must("interface GigabitEthernet1/0/2")
	r.must("port access vlan 100")
	r.must("save force")
	if r.d.unsavedChanges() {
		t.Error("unsaved changes reported right after a save")
	}
	saved := r.d.CurrentConfig()
	r.must("vlan 200")
	if !r.d.unsavedChanges() {
		t.Error("an unsaved VLAN was not reported as a change")
	}

	r.open()
	if r.d.Sysname() != "Edge" {
		t.Fatalf("sysname %q after restart", r.d.Sysname())
	}
	r.d.read(func(c *Config) {
		if c.VLANs[100] == nil || c.VLANs[100].Name != "servers" || c.VLANs[200] != nil ||
			c.Ifaces["GigabitEthernet1/0/2"].AccessVLAN != 100 {
			t.Error("the restart did not boot the saved configuration")
		}
	})
	if got := withoutPasswords(r.d.CurrentConfig()); got != withoutPasswords(saved) {
		t.Errorf("after restart the configuration differs from the saved one:\n%s", lineDiff(withoutPasswords(saved), got))
	}
	want := " Current startup saved-configuration file: flash:/startup.cfg\n"
	if out := r.must("display startup"); !strings.HasPrefix(out, want) {
		t.Errorf("display startup after restart:\n%s", out)
	}
}

// withoutPasswords drops password hashes, which --admin-password makes anew at every boot.
func withoutPasswords(cfg string) string {
	return regexp.MustCompile(`(?m)^ password hash .*\n`).ReplaceAllString(cfg, "")
}

// TestUnsavedChangesComparesContent: a next-startup file written by hand that loads into the running
// configuration is not a change, so reboot does not offer to save.
func TestUnsavedChangesComparesContent(t *testing.T) {
	r := newFileRig(t)
	r.must("system-view")
	r.must("vlan 9")
	r.must("return")
	r.write("hand.cfg", strings.ReplaceAll(r.d.CurrentConfig(), "#\n", "#\n# edited by hand\n\n"))
	r.must("startup saved-configuration hand.cfg")
	if r.read("hand.cfg") == r.d.CurrentConfig() {
		t.Fatal("the hand-written file is byte for byte the running configuration")
	}
	if r.d.unsavedChanges() {
		t.Error("a file that loads into the running configuration counts as a change")
	}
	out, err := r.run("reboot", "Y")
	if !errors.Is(err, ErrSessionEnd) || out != rebootCheck+rebootContinue+"Y\n"+rebootNow {
		t.Errorf("reboot with an equivalent file offered to save or refused lines: err %v\n%s", err, out)
	}
	r.login(RoleAdmin)
	r.write("hand.cfg", "#\nvlan 10\n#\nreturn\n")
	if !r.d.unsavedChanges() {
		t.Error("a different file does not count as a change")
	}
}

func TestRebootWithAMissingStartupFile(t *testing.T) {
	r := newFileRig(t)
	r.must("save other.cfg", "Y")
	r.must("startup saved-configuration other.cfg")
	r.must("delete other.cfg", "Y")
	r.d.Reboot()
	want := " Current startup saved-configuration file: NULL\n" +
		" Next main startup saved-configuration file: flash:/other.cfg (This file does not exist.)\n" +
		" Next backup startup saved-configuration file: NULL\n"
	if out := r.must("display startup"); out != want {
		t.Errorf("display startup:\n%s\nwant:\n%s", out, want)
	}
	r.d.read(func(c *Config) {
		if c.Users["admin"] == nil {
			t.Error("no factory configuration after booting a missing file")
		}
	})
}

// TestRebootToFactoryKeepsAdminPassword: a reboot into the factory configuration without
// --admin-password keeps admin's password, which is never written to a log.
func TestRebootToFactoryKeepsAdminPassword(t *testing.T) {
	var logs bytes.Buffer
	d, rep, err := Open(Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	s := d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: 0})
	if err := s.Exec(context.Background(), "undo startup saved-configuration", &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	d.Reboot()
	if !d.CheckPassword("admin", rep.GeneratedPassword) {
		t.Error("admin's password changed at the reboot")
	}
	if strings.Contains(logs.String(), rep.GeneratedPassword) {
		t.Errorf("a password reached the log:\n%s", logs.String())
	}
}

// TestAdminPasswordThatMatchesChangesNothing: --admin-password given at every start with the
// password admin already has leaves the configuration as saved, so a fresh boot has no unsaved
// change and reboot does not offer to save.
func TestAdminPasswordThatMatchesChangesNothing(t *testing.T) {
	r := newFileRig(t) // first start with --admin-password x: the factory configuration is saved
	r.open()
	if got, saved := r.d.CurrentConfig(), r.read("startup.cfg"); got != saved {
		t.Errorf("the second boot with the same --admin-password changed the configuration:\n%s", lineDiff(saved, got))
	}
	if out, err := r.run("reboot", "Y"); !errors.Is(err, ErrSessionEnd) || out != rebootCheck+rebootContinue+"Y\n"+rebootNow {
		t.Errorf("reboot after a boot with the same password: err %v\n%s", err, out)
	}
	// Another password still takes over.
	r.open(func(o *Options) { o.AdminPassword = "y" })
	if !r.d.CheckPassword("admin", "y") || r.d.CheckPassword("admin", "x") {
		t.Error("a different --admin-password did not replace admin's password")
	}
}

// TestAdminPasswordHashShared: a fleet's devices take the admin hash of the first (no hashing of
// their own): the password works, and a restart with the same hash changes nothing.
func TestAdminPasswordHashShared(t *testing.T) {
	first, _, err := Open(Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	hash := first.AdminHash()
	dir := t.TempDir()
	for i := range 2 {
		d, _, err := Open(Options{Dir: dir, SeedKeys: true, BcryptCost: 4, AdminPassword: "s3cret", AdminPasswordHash: hash})
		if err != nil {
			t.Fatal(err)
		}
		if d.AdminHash() != hash || !d.CheckPassword("admin", "s3cret") {
			t.Errorf("boot %d: admin's hash %q, want the shared %q that s3cret matches", i, d.AdminHash(), hash)
		}
		if saved, _ := os.ReadFile(filepath.Join(dir, "flash", "startup.cfg")); d.CurrentConfig() != string(saved) {
			t.Errorf("boot %d with the shared hash left an unsaved change", i)
		}
	}
}

// TestFactoryAdminHash: a fleet's new devices take the one password it made up (its hash): no
// password of their own is made or reported, and the fleet's works.
func TestFactoryAdminHash(t *testing.T) {
	hash, err := bcrypt.GenerateFromPassword([]byte("fleet-pw"), 4)
	if err != nil {
		t.Fatal(err)
	}
	d, rep, err := Open(Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, FactoryAdminHash: string(hash)})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.FirstStart || rep.GeneratedPassword != "" {
		t.Errorf("boot report %+v: want a first start with no password of its own", rep)
	}
	if !d.CheckPassword("admin", "fleet-pw") {
		t.Error("the fleet's password does not log admin in")
	}
}

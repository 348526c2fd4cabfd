package switchctl

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

// infoSession is an admin on VTY 0 from 127.0.0.1.
func infoSession(d *Device, roles ...string) *Session {
	if len(roles) == 0 {
		roles = []string{RoleAdmin}
	}
	return d.NewSession(SessionInfo{User: "admin", Roles: roles, Line: 0, Proto: "SSH", Remote: "127.0.0.1:50308"})
}

func TestInfoCenterCommands(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  InfoCenterConfig
		kind  ParseKind // expected parse error of the last line, -1 for none
	}{
		{"default", nil, defaultInfoCenter, -1},
		{"size", []string{"info-center logbuffer size 100"}, InfoCenterConfig{true, true, 100}, -1},
		{"size max", []string{"info-center logbuffer size 1024"}, InfoCenterConfig{true, true, 1024}, -1},
		{"size zero", []string{"info-center logbuffer size 0"}, InfoCenterConfig{true, true, 0}, -1},
		{"size too big", []string{"info-center logbuffer size 1025"}, defaultInfoCenter, WrongParam},
		{"size negative", []string{"info-center logbuffer size -1"}, defaultInfoCenter, WrongParam},
		{"size word", []string{"info-center logbuffer size big"}, defaultInfoCenter, WrongParam},
		{"size missing", []string{"info-center logbuffer size"}, defaultInfoCenter, Incomplete},
		{"undo size", []string{"info-center logbuffer size 9", "undo info-center logbuffer size"}, defaultInfoCenter, -1},
		{"buffer off", []string{"undo info-center logbuffer"}, InfoCenterConfig{true, false, 512}, -1},
		{"buffer back on", []string{"undo info-center logbuffer", "info-center logbuffer"}, defaultInfoCenter, -1},
		{"size turns buffer on", []string{"undo info-center logbuffer", "info-center logbuffer size 8"}, InfoCenterConfig{true, true, 8}, -1},
		{"disable", []string{"undo info-center enable"}, InfoCenterConfig{false, true, 512}, -1},
		{"enable", []string{"undo info-center enable", "info-center enable"}, defaultInfoCenter, -1},
		{"logging alias", []string{"undo logging enable", "logging logbuffer size 64"}, InfoCenterConfig{false, true, 64}, -1},
		{"no alias", []string{"no info-center enable"}, InfoCenterConfig{false, true, 512}, -1},
		{"abbreviated", []string{"info-c logb s 32"}, InfoCenterConfig{true, true, 32}, -1},
		{"bad keyword", []string{"info-center logbuffers"}, defaultInfoCenter, Unrecognized},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := logDevice(t)
			s := infoSession(d)
			mustExec(t, s, "system-view")
			for i, l := range tc.lines {
				err := s.Exec(context.Background(), l, &bytes.Buffer{})
				var pe *ParseError
				switch {
				case i == len(tc.lines)-1 && tc.kind >= 0:
					if !errors.As(err, &pe) || pe.Kind != tc.kind {
						t.Fatalf("%s: err %v, want %v", l, err, tc.kind)
					}
				case err != nil:
					t.Fatalf("%s: %v", l, err)
				}
			}
			if got := d.InfoCenter(); got != tc.want {
				t.Fatalf("info-center %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestInfoCenterRoles(t *testing.T) {
	d, _ := logDevice(t)
	op := infoSession(d, RoleOperator)
	for _, l := range []string{"reset logbuffer", "system-view"} {
		if err := op.Exec(context.Background(), l, &bytes.Buffer{}); !errors.Is(err, ErrPermissionDenied) && l == "reset logbuffer" {
			t.Fatalf("%s as operator: %v", l, err)
		}
	}
	mustExec(t, op, "display logbuffer", "display logbuffer summary")
}

func TestDisplayLogbuffer(t *testing.T) {
	d, _ := logDevice(t)
	s := infoSession(d)
	d.Logf("IFNET", SevError, "PHY_UPDOWN", "Physical state on the interface GigabitEthernet1/0/1 changed to down.")
	mustExec(t, s, "system-view", "vlan 10", "return")
	d.Logf("SYSLOG", SevEmergency, "TEST", "Emergency.")

	want := strings.Join([]string{
		"Log buffer: Enabled",
		"Max buffer size: 1024",
		"Actual buffer size: 512",
		"Dropped messages: 0",
		"Overwritten messages: 0",
		"Current messages: 3",
		"%Jan  8 19:35:31:042 2011 HPE IFNET/3/PHY_UPDOWN: Physical state on the interface GigabitEthernet1/0/1 changed to down.",
		"%Jan  8 19:35:31:042 2011 HPE SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=127.0.0.1-User=admin; Command is vlan 10",
		"%Jan  8 19:35:31:042 2011 HPE SYSLOG/0/TEST: Emergency.",
	}, "\n") + "\n"
	if got := mustExec(t, s, "display logbuffer"); got != want {
		t.Fatalf("display logbuffer:\n%s", lineDiff(want, got))
	}
	entries := d.LogEntries()
	cases := []struct{ line, want string }{
		{"display logbuffer | include SHELL", entries[1] + "\n"},
		{"display logbuffer | include ^%", strings.Join(entries, "\n") + "\n"},
		{"display logbuffer reverse | include ^%", entries[2] + "\n" + entries[1] + "\n" + entries[0] + "\n"},
		{"display logbuffer level 3 | include ^%", entries[0] + "\n" + entries[2] + "\n"},
		{"display logbuffer level 0 | include ^%", entries[2] + "\n"},
		{"display logbuffer size 2 | include ^%", entries[1] + "\n" + entries[2] + "\n"},
		{"display logbuffer reverse level 6 size 1 | include ^%", entries[2] + "\n"},
		{"display logbuffer summary", "  Slot EMERG ALERT  CRIT ERROR  WARN NOTIF  INFO DEBUG\n     1     1     0     0     1     0     0     1     0\n"},
		{"dis logb | begin Current", "Current messages: 3\n" + strings.Join(entries, "\n") + "\n"},
	}
	for _, tc := range cases {
		if got := mustExec(t, s, tc.line); got != tc.want {
			t.Errorf("%s:\n%s", tc.line, lineDiff(tc.want, got))
		}
	}
	for _, bad := range []string{"display logbuffer level 8", "display logbuffer size 0", "display logbuffer size 1025",
		"display logbuffer level", "display logbuffer summary reverse"} {
		var pe *ParseError
		if err := s.Exec(context.Background(), bad, &bytes.Buffer{}); !errors.As(err, &pe) {
			t.Errorf("%s: err %v, want a parse error", bad, err)
		}
	}
}

func TestDisplayLogbufferStates(t *testing.T) {
	d, _ := logDevice(t)
	s := infoSession(d)
	mustExec(t, s, "system-view", "info-center logbuffer size 2")
	for i := 0; i < 5; i++ {
		d.Logf("TEST", SevInformational, "N", "entry %d", i)
	}
	got := mustExec(t, s, "display logbuffer | exclude ^%")
	want := "Log buffer: Enabled\nMax buffer size: 1024\nActual buffer size: 2\nDropped messages: 0\nOverwritten messages: 4\nCurrent messages: 2\n"
	if got != want {
		t.Fatalf("bounded buffer:\n%s", lineDiff(want, got))
	}
	mustExec(t, s, "undo info-center enable")
	if got := mustExec(t, s, "display logbuffer | include Log buffer"); got != "Log buffer: Disabled\n" {
		t.Fatalf("disabled: %q", got)
	}
	mustExec(t, s, "info-center enable", "undo info-center logbuffer")
	if got := mustExec(t, s, "display logbuffer | include Log buffer"); got != "Log buffer: Disabled\n" {
		t.Fatalf("log buffer off: %q", got)
	}
}

func TestResetLogbuffer(t *testing.T) {
	d, _ := logDevice(t)
	s := infoSession(d)
	mustExec(t, s, "system-view", "info-center logbuffer size 3", "return")
	for i := 0; i < 5; i++ {
		d.Logf("TEST", SevInformational, "N", "entry %d", i)
	}
	mustExec(t, s, "reset logbuffer")
	// The reset itself is an executed command, logged after the buffer was emptied.
	got := d.LogEntries()
	if len(got) != 1 || !strings.HasSuffix(got[0], "Command is reset logbuffer") {
		t.Fatalf("after reset: %q", got)
	}
	if st := d.logs.stats(); st.overwritten != 0 || st.dropped != 0 {
		t.Fatalf("counters survive the reset: %+v", st)
	}
	if err := mustFail(s, "system-view", "reset logbuffer x"); err == nil {
		t.Fatal("reset logbuffer x was accepted")
	}
}

// mustFail runs lines and returns the error of the last one.
func mustFail(s *Session, lines ...string) error {
	var err error
	for _, l := range lines {
		err = s.Exec(context.Background(), l, &bytes.Buffer{})
	}
	return err
}

func TestDisabledInfoCenterRecordsNothing(t *testing.T) {
	d, _ := logDevice(t)
	s := infoSession(d)
	mustExec(t, s, "system-view", "undo info-center enable", "vlan 20", "quit")
	d.Logf("TEST", SevError, "N", "dropped")
	got := d.LogEntries()
	if len(got) != 0 {
		t.Fatalf("a disabled information center logged %q", got)
	}
	mustExec(t, s, "info-center enable", "vlan 30")
	if got := d.LogEntries(); len(got) != 2 || !strings.HasSuffix(got[1], "Command is vlan 30") {
		t.Fatalf("after enabling: %q", got)
	}
}

func TestCommandLogMasksSecrets(t *testing.T) {
	var proc bytes.Buffer
	d, _ := logDevice(t, func(o *Options) {
		o.Logger = slog.New(slog.NewTextHandler(&proc, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	s := infoSession(d)
	mustExec(t, s, "system-view", "local-user alice", "password simple S3cret-pw", `password simple "two words"`,
		"  password   simple   Sp4ced  ", "quit", "local-user bob class manage", "quit")
	got := d.LogEntries()
	want := []string{
		"Command is local-user alice",
		"Command is password simple ******",
		"Command is password simple ******",
		"Command is password   simple   ******",
		"Command is local-user bob class manage",
	}
	if len(got) != len(want) {
		t.Fatalf("entries: %q", got)
	}
	for i, w := range want {
		if !strings.HasSuffix(got[i], w) {
			t.Errorf("entry %d = %q, want it to end with %q", i, got[i], w)
		}
	}
	for _, secret := range []string{"S3cret", "two words", "Sp4ced"} {
		if strings.Contains(strings.Join(got, "\n"), secret) {
			t.Errorf("the log buffer holds %q", secret)
		}
		if strings.Contains(proc.String(), secret) {
			t.Errorf("the process log holds %q:\n%s", secret, proc.String())
		}
		if strings.Contains(strings.Join(s.History(), "\n"), secret) {
			t.Errorf("the history holds %q", secret)
		}
	}
	if !strings.Contains(proc.String(), "command=") {
		t.Errorf("the process log does not name the commands:\n%s", proc.String())
	}
}

func TestMaskSecrets(t *testing.T) {
	row := &Row{Path: "secret <a:word:1-63> then <b:text:1-80>", Secret: []string{"a", "b"}}
	cases := []struct {
		line string
		args []argVal
		want string
	}{
		{"secret x then y z", []argVal{{"a", "x", 7}, {"b", "y z", 14}}, "secret ****** then ******"},
		{`secret "q q" then y`, []argVal{{"a", "q q", 7}, {"b", "y", 18}}, "secret ****** then ******"},
		{"secret x then y", []argVal{{"a", "x", 7}}, "secret ****** then y"},
		{"secret x then y", []argVal{{"a", "x", 3}}, "sec ******"}, // a position that is no token: mask the rest
		{"plain", nil, "plain"},
	}
	for _, tc := range cases {
		a := &Args{vals: tc.args}
		if got := maskSecrets(row, a, tc.line); got != tc.want {
			t.Errorf("maskSecrets(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
	if got := maskSecrets(&Row{Path: "x"}, &Args{}, "  x  "); got != "x" {
		t.Errorf("no secrets: %q", got)
	}
}

func TestCommandLogLineNames(t *testing.T) {
	row := &Row{Path: "vlan <vlan:1-4094>"}
	cases := []struct {
		info SessionInfo
		want string
	}{
		{SessionInfo{User: "admin", Line: 3, Remote: "10.1.1.1:2222"}, "-Line=vty3-IPAddr=10.1.1.1-User=admin; Command is vlan 10"},
		{SessionInfo{User: "admin", Line: -1, Remote: "[::1]:2222"}, "-Line=**-IPAddr=::1-User=admin; Command is vlan 10"},
		{SessionInfo{Line: -1}, "-Line=**-IPAddr=**-User=**; Command is vlan 10"},
	}
	for _, tc := range cases {
		if got := commandLog(tc.info, row, &Args{}, "vlan 10"); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.info, got, tc.want)
		}
	}
}

func TestLoadingIsNotLogged(t *testing.T) {
	d, _ := logDevice(t)
	if errs := d.Load(strings.NewReader("vlan 40\nlocal-user carol\n password simple Hidden-1\n")); len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := d.LogEntries(); len(got) != 0 {
		t.Fatalf("loading a file logged %q", got)
	}
}

func TestInfoCenterRenderRoundTrip(t *testing.T) {
	d, _ := logDevice(t)
	s := infoSession(d)
	if strings.Contains(d.CurrentConfig(), "info-center") {
		t.Fatal("the default information center is rendered")
	}
	mustExec(t, s, "system-view", "info-center logbuffer size 100", "undo info-center logbuffer", "undo info-center enable")
	cur := d.CurrentConfig()
	block := "#\n info-center logbuffer size 100\n undo info-center logbuffer\n undo info-center enable\n#\n"
	if !strings.Contains(cur, block) {
		t.Fatalf("configuration lacks\n%s\n%s", block, cur)
	}
	cfg, errs := loadScratch(d, cur)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if cfg.InfoCenter != (InfoCenterConfig{Enabled: false, LogBuffer: false, BufferSize: 100}) {
		t.Fatalf("loaded %+v", cfg.InfoCenter)
	}
	if got := cfg.Render(); got != cur {
		t.Fatalf("render -> load -> render:\n%s", lineDiff(cur, got))
	}
	mustExec(t, s, "info-center enable", "info-center logbuffer", "undo info-center logbuffer size")
	if strings.Contains(d.CurrentConfig(), "info-center") {
		t.Fatal("defaults restored but still rendered")
	}
}

func TestInfoCenterHelp(t *testing.T) {
	d, _ := logDevice(t)
	s := infoSession(d)
	mustExec(t, s, "system-view")
	cases := map[string]string{
		"info-center ":                "logbuffer  Enable log output to the log buffer",
		"info-center logbuffer ":      "size  Specify the maximum number of log entries in the log buffer",
		"info-center logbuffer size ": "INTEGER<0-1024>  Maximum number of log entries (0: keep none)",
		"undo info-center ":           "enable     Disable the information center",
		"logging ":                    "enable     Enable the information center",
		"display logbuffer ":          "reverse  Display the log information in reverse chronological order",
		"display logbuffer level ":    "INTEGER<0-7>  Severity level (0 emergency to 7 debugging)",
	}
	for line, want := range cases {
		var out bytes.Buffer
		if err := s.Help(line, &out); err != nil {
			t.Errorf("%s?: %v", line, err)
			continue
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("%s?:\n%s\nwant a line %q", line, out.String(), want)
		}
	}
}

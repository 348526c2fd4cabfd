package switchctl

import (
	"strings"
	"testing"
)

func TestLineCommands(t *testing.T) {
	sys := []string{"system-view"}
	vty := []string{"system-view", "line vty 0 4"}
	runCmdCases(t, []cmdCase{
		{name: "enter a range", pre: sys, line: "line vty 0 63"},
		{name: "legacy alias", pre: sys, line: "user-interface vty 0 4"},
		{name: "line beyond the device", pre: sys, line: "line vty 64", perr: wrongAt(9)},
		{name: "last line beyond the device", pre: sys, line: "line vty 0 64", perr: wrongAt(11)},
		{name: "last before first", pre: sys, line: "line vty 5 2", perr: wrongAt(11)},
		{name: "number out of any range", pre: sys, line: "line vty 4096", perr: wrongAt(9)},
		{name: "alias checks too", pre: sys, line: "user-interface vty 70", perr: wrongAt(19)},
		{name: "no number", pre: sys, line: "line vty", perr: incompleteAt(9)},
		{name: "three numbers", pre: sys, line: "line vty 0 1 2", perr: &ParseError{Kind: TooMany, Pos: 13}},

		// The factory configuration authenticates VTY lines by scheme; password is Comware's default,
		// which the configuration does not show. Every block shows its user role, as Comware does.
		{name: "authentication-mode default", pre: vty, line: "authentication-mode password",
			config: []string{"line vty 0 4\n user-role network-operator\n#\nline vty 5 63\n authentication-mode scheme\n user-role network-operator\n#"},
			absent: []string{" authentication-mode password"}},
		{name: "authentication-mode none", pre: vty, line: "authentication-mode none", config: []string{" authentication-mode none"}},
		{name: "authentication-mode unknown", pre: vty, line: "authentication-mode foo", perr: &ParseError{Kind: Unrecognized, Pos: 20}},
		{name: "undo authentication-mode", pre: append(vty, "authentication-mode none"), line: "undo authentication-mode",
			config: []string{"line vty 0 4\n user-role network-operator\n#\nline vty 5 63"}, absent: []string{" authentication-mode none"}},

		{name: "user-role", pre: vty, line: "user-role network-admin", config: []string{" user-role network-admin"}},
		{name: "user-role unknown", pre: vty, line: "user-role admin", refusal: "The role admin does not exist."},
		{name: "undo user-role", pre: append(vty, "user-role level-3"), line: "undo user-role", absent: []string{" user-role level-3"}},
		{name: "undo another user-role", pre: append(vty, "user-role level-3"), line: "undo user-role level-4", config: []string{" user-role level-3"}},

		{name: "idle-timeout", pre: vty, line: "idle-timeout 30", config: []string{" idle-timeout 30 0"}},
		{name: "idle-timeout seconds", pre: vty, line: "idle-timeout 0 30", config: []string{" idle-timeout 0 30"}},
		{name: "idle-timeout never", pre: vty, line: "idle-timeout 0", config: []string{" idle-timeout 0 0"}},
		{name: "idle-timeout default hidden", pre: vty, line: "idle-timeout 10 0", absent: []string{" idle-timeout 10 0"}},
		{name: "idle-timeout too long", pre: vty, line: "idle-timeout 35792", perr: wrongAt(13)},
		{name: "idle-timeout 60 seconds", pre: vty, line: "idle-timeout 5 60", perr: wrongAt(15)},
		{name: "undo idle-timeout", pre: append(vty, "idle-timeout 30"), line: "undo idle-timeout", absent: []string{" idle-timeout 30 0"}},

		{name: "screen-length", pre: vty, line: "screen-length 0", config: []string{" screen-length 0"}},
		{name: "screen-length too long", pre: vty, line: "screen-length 513", perr: wrongAt(14)},
		{name: "undo screen-length", pre: append(vty, "screen-length 40"), line: "undo screen-length", absent: []string{" screen-length 40"}},

		{name: "protocol inbound ssh", pre: vty, line: "protocol inbound ssh", config: []string{" authentication-mode scheme", " protocol inbound ssh"}},
		{name: "protocol inbound telnet", pre: vty, line: "protocol inbound telnet", config: []string{" protocol inbound telnet"}},
		{name: "protocol inbound bad", pre: vty, line: "protocol inbound http", perr: &ParseError{Kind: Unrecognized, Pos: 17}},
		{name: "ssh needs scheme", pre: append(vty, "authentication-mode password"), line: "protocol inbound ssh",
			refusal: "Line vty0 must use authentication mode scheme before it can accept only SSH."},
		{name: "scheme kept for ssh", pre: append(vty, "protocol inbound ssh"), line: "authentication-mode none",
			refusal: "Line vty0 accepts only SSH, which requires authentication mode scheme."},
		{name: "undo kept for ssh", pre: append(vty, "protocol inbound ssh"), line: "undo authentication-mode",
			refusal: "Line vty0 accepts only SSH, which requires authentication mode scheme."},
		{name: "undo protocol inbound", pre: append(vty, "protocol inbound ssh"), line: "undo protocol inbound", absent: []string{" protocol inbound ssh"}},

		{name: "history size", pre: vty, line: "history-command max-size 256", config: []string{" history-command max-size 256"}},
		{name: "history size too big", pre: vty, line: "history-command max-size 257", perr: wrongAt(25)},
		{name: "undo history size", pre: append(vty, "history-command max-size 0"), line: "undo history-command max-size",
			absent: []string{" history-command max-size 0"}},
	})
}

func TestLineViewPrompts(t *testing.T) {
	for line, want := range map[string]string{
		"line vty 0 63":          "[HPE-line-vty0-63]",
		"line vty 5":             "[HPE-line-vty5]",
		"line vty 7 7":           "[HPE-line-vty7]",
		"user-interface vty 0 4": "[HPE-line-vty0-4]",
		"li v 1 2":               "[HPE-line-vty1-2]",
	} {
		_, s := cmdDevice(t)
		cmdMust(t, s, "system-view", line)
		if p := s.Prompt(); p != want {
			t.Errorf("%q: prompt %q, want %q", line, p, want)
		}
	}
}

// TestLineCountFollowsTheDevice: a device with 8 VTY lines has lines 0-7 only.
func TestLineCountFollowsTheDevice(t *testing.T) {
	d, s := cmdDevice(t, func(o *Options) { o.VTYLines = 8 })
	if n := d.VTYCount(); n != 8 {
		t.Fatalf("VTYCount = %d", n)
	}
	cmdMust(t, s, "system-view", "line vty 0 7", "screen-length 50", "quit")
	for _, l := range []string{"line vty 8", "line vty 0 8"} {
		if _, err := cmdRun(s, l); err == nil {
			t.Errorf("%q accepted on an 8-line device", l)
		}
	}
	if !strings.Contains(d.CurrentConfig(), "\nline vty 0 7\n authentication-mode scheme\n user-role network-operator\n screen-length 50\n#\n") {
		t.Fatalf("configuration:\n%s", d.CurrentConfig())
	}
	// Check validates line numbers too, without a device change.
	if i, err := s.Check([]string{"line vty 3", "idle-timeout 1", "quit", "line vty 9"}); i != 3 || err == nil {
		t.Fatalf("Check = %d, %v", i, err)
	}
}

// TestLineRangeIsAllOrNothing: a refusal on one line of a range changes none of them.
func TestLineRangeIsAllOrNothing(t *testing.T) {
	d, s := cmdDevice(t)
	cmdMust(t, s, "system-view", "line vty 3", "protocol inbound ssh", "quit", "line vty 0 4")
	if _, err := cmdRun(s, "authentication-mode password"); err == nil || Message(err) != "Line vty3 accepts only SSH, which requires authentication mode scheme." {
		t.Fatalf("got %v", err)
	}
	for n := 0; n <= 4; n++ {
		if lc, ok := d.Line(n); !ok || lc.AuthMode != "scheme" {
			t.Fatalf("line %d: %+v", n, lc)
		}
	}
	cmdMust(t, s, "idle-timeout 1 30", "screen-length 0", "history-command max-size 3", "user-role level-5")
	for n := 0; n <= 5; n++ {
		lc, _ := d.Line(n)
		changed := lc.IdleMin == 1 && lc.IdleSec == 30 && lc.ScreenLength == 0 && lc.HistorySize == 3 && lc.UserRole == "level-5"
		if changed != (n <= 4) {
			t.Fatalf("line %d: %+v", n, lc)
		}
	}
	if _, ok := d.Line(64); ok {
		t.Fatal("Line(64) exists")
	}
	if _, ok := d.Line(-1); ok {
		t.Fatal("Line(-1) exists")
	}
}

// TestLineSettingsReachSessions: a new session on a line takes the line's screen length and history
// size.
func TestLineSettingsReachSessions(t *testing.T) {
	d, s := cmdDevice(t)
	cmdMust(t, s, "system-view", "line vty 2", "screen-length 0", "history-command max-size 1")
	n := d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: 2})
	if n.ScreenLength() != 0 {
		t.Fatalf("screen length %d", n.ScreenLength())
	}
	cmdMust(t, n, "display version", "display local-user")
	if h := n.History(); len(h) != 1 || h[0] != "display local-user" {
		t.Fatalf("history %q", h)
	}
}

// TestUserRouteLineRoundTrip: a configuration using every command of the three areas renders, loads
// into a fresh device and renders the same.
func TestUserRouteLineRoundTrip(t *testing.T) {
	d, s := cmdDevice(t)
	cmdMust(t, s, "system-view",
		"local-user alice class manage", "password simple alice-pw", "service-type terminal ssh ftp", "service-type http https pad telnet",
		"authorization-attribute user-role network-admin", "authorization-attribute user-role level-3", "quit",
		"local-user bob", "password hash $h$6$CqMnWdX6LIW/hz2Z$4+0Pumk+A98Vl==", "service-type ssh",
		"undo authorization-attribute user-role network-operator", "quit",
		`local-user "carol smith"`, "service-type telnet", "undo service-type telnet", "quit",
		"local-user dave", "quit", "undo local-user dave",
		"interface Vlan-interface 10", "ip address 192.168.10.1 24", "quit",
		"ip route-static 0.0.0.0 0 192.168.10.254",
		"ip route-static 10.2.0.0 16 Vlan-interface10 192.168.10.2 preference 100",
		"ip route-static 10.3.0.0 16 Vlan-interface10",
		"ip route-static 10.4.0.0 255.255.0.0 NULL0 preference 255",
		"ip route-static 10.5.0.0 16 192.168.10.5", "undo ip route-static 10.5.0.0 16",
		"line vty 0 4", "protocol inbound ssh", "user-role network-admin", "idle-timeout 30 15", "screen-length 0",
		"history-command max-size 50", "quit",
		"user-interface vty 5 9", "authentication-mode none", "protocol inbound telnet", "quit",
		"line vty 63", "screen-length 30", "user-role level-15", "undo user-role", "quit",
	)
	text := d.CurrentConfig()
	for _, want := range []string{
		"local-user alice class manage\n password hash $h$6$",
		" service-type ftp http https pad ssh telnet terminal\n authorization-attribute user-role level-3\n authorization-attribute user-role network-admin\n authorization-attribute user-role network-operator\n#\n",
		"local-user bob class manage\n password hash $h$6$CqMnWdX6LIW/hz2Z$4+0Pumk+A98Vl==\n service-type ssh\n undo authorization-attribute user-role network-operator\n",
		"local-user \"carol smith\" class manage\n authorization-attribute user-role network-operator\n#\n",
		" ip route-static 0.0.0.0 0 192.168.10.254\n ip route-static 10.2.0.0 16 Vlan-interface10 192.168.10.2 preference 100\n ip route-static 10.3.0.0 16 Vlan-interface10\n ip route-static 10.4.0.0 16 NULL0 preference 255\n#\n",
		"line vty 0 4\n authentication-mode scheme\n user-role network-admin\n idle-timeout 30 15\n screen-length 0\n protocol inbound ssh\n history-command max-size 50\n#\n",
		"line vty 5 9\n authentication-mode none\n user-role network-operator\n protocol inbound telnet\n#\n",
		"line vty 10 62\n authentication-mode scheme\n user-role network-operator\n#\nline vty 63\n authentication-mode scheme\n user-role network-operator\n screen-length 30\n#\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("configuration lacks\n%s\nin\n%s", want, text)
		}
	}
	for _, gone := range []string{"alice-pw", "dave", "10.5.0.0", "user-role level-15", "service-type telnet"} {
		if strings.Contains(text, gone) {
			t.Errorf("configuration has %q:\n%s", gone, text)
		}
	}

	d2, _ := cmdDevice(t)
	if errs := d2.Load(strings.NewReader(text)); len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	if got := d2.CurrentConfig(); got != text {
		t.Fatalf("render -> load -> render differs:\n%s", lineDiff(text, got))
	}
}

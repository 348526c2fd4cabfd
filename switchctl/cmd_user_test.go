package switchctl

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// cmdDevice is a fresh device (factory configuration, admin password "x") and an administrator's
// session on VTY 0, in user view.
func cmdDevice(t *testing.T, opts ...func(*Options)) (*Device, *Session) {
	t.Helper()
	o := Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "x"}
	for _, f := range opts {
		f(&o)
	}
	d, _, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	return d, d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: 0})
}

// cmdRun runs one line and returns its output.
func cmdRun(s *Session, line string) (string, error) {
	var buf bytes.Buffer
	err := s.Exec(context.Background(), line, &buf)
	return buf.String(), err
}

// cmdMust runs lines that must succeed and returns their output.
func cmdMust(t *testing.T, s *Session, lines ...string) string {
	t.Helper()
	var all strings.Builder
	for _, l := range lines {
		out, err := cmdRun(s, l)
		if err != nil {
			t.Fatalf("%q: %s", l, Message(err))
		}
		all.WriteString(out)
	}
	return all.String()
}

// cmdCase is one command line run after some setup lines on a fresh device: it either fails as perr
// or refusal say, or succeeds; then the running configuration must hold every line of config.
type cmdCase struct {
	name    string
	pre     []string
	line    string
	perr    *ParseError // the caret error the line must fail with
	refusal string      // the text the line must be refused with
	out     string      // text the line's output must contain
	config  []string    // lines the configuration must then contain
	absent  []string    // lines it must not contain
}

func wrongAt(pos int) *ParseError      { return &ParseError{Kind: WrongParam, Pos: pos} }
func incompleteAt(pos int) *ParseError { return &ParseError{Kind: Incomplete, Pos: pos} }

func runCmdCases(t *testing.T, cases []cmdCase, opts ...func(*Options)) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, s := cmdDevice(t, opts...)
			cmdMust(t, s, tc.pre...)
			out, err := cmdRun(s, tc.line)
			switch {
			case tc.perr != nil:
				var pe *ParseError
				if !errors.As(err, &pe) || *pe != *tc.perr {
					t.Fatalf("%q: got %v, want %v at %d", tc.line, err, tc.perr.Kind, tc.perr.Pos)
				}
			case tc.refusal != "":
				if err == nil || Message(err) != tc.refusal {
					t.Fatalf("%q: got %v, want refusal %q", tc.line, err, tc.refusal)
				}
			case err != nil:
				t.Fatalf("%q: %s", tc.line, Message(err))
			}
			if !strings.Contains(out, tc.out) {
				t.Errorf("%q printed %q, want %q in it", tc.line, out, tc.out)
			}
			cfg := "\n" + d.CurrentConfig()
			for _, l := range tc.config {
				if !strings.Contains(cfg, "\n"+l+"\n") {
					t.Errorf("configuration lacks %q:\n%s", l, cfg)
				}
			}
			for _, l := range tc.absent {
				if strings.Contains(cfg, "\n"+l+"\n") {
					t.Errorf("configuration has %q:\n%s", l, cfg)
				}
			}
		})
	}
}

const testBcrypt = "$2a$04$VlpjJb0oOjxOYR3gZu30ieqYHo5TL6bEet699FKReQC6K0ScGyb4m"

func TestLocalUserCommands(t *testing.T) {
	sys := []string{"system-view"}
	bob := []string{"system-view", "local-user bob"}
	runCmdCases(t, []cmdCase{
		{name: "create", pre: sys, line: "local-user bob", out: "New local user added.",
			config: []string{"local-user bob class manage", " authorization-attribute user-role network-operator"}},
		{name: "create with class", pre: sys, line: "local-user bob class manage", out: "New local user added."},
		{name: "existing user is not added again", pre: sys, line: "local-user admin", config: []string{"local-user admin class manage"}},
		{name: "no name", pre: sys, line: "local-user", perr: incompleteAt(11)},
		{name: "reserved name", pre: sys, line: "local-user all", perr: wrongAt(11)},
		{name: "reserved prefix", pre: sys, line: "local-user A", perr: wrongAt(11)},
		{name: "bad character", pre: sys, line: "local-user bob@home", perr: wrongAt(11), absent: []string{"local-user bob@home class manage"}},
		{name: "name too long", pre: sys, line: "local-user " + strings.Repeat("u", 56), perr: wrongAt(11)},
		{name: "network class", pre: sys, line: "local-user bob class network", perr: &ParseError{Kind: Unrecognized, Pos: 21}},
		{name: "extra word", pre: sys, line: "local-user bob extra", perr: &ParseError{Kind: TooMany, Pos: 15}},
		{name: "delete", pre: bob, line: "undo local-user bob class manage", absent: []string{"local-user bob class manage"}},
		{name: "delete unknown", pre: sys, line: "undo local-user nobody", refusal: "The local user nobody does not exist."},

		{name: "password simple", pre: bob, line: "password simple S3cret!", absent: []string{" password simple S3cret!"}},
		{name: "password simple missing", pre: bob, line: "password simple", perr: incompleteAt(16)},
		{name: "password simple too long", pre: bob, line: "password simple " + strings.Repeat("p", 64), perr: wrongAt(16)},
		{name: "password hash bcrypt", pre: bob, line: "password hash " + testBcrypt, config: []string{" password hash " + storedHash(testBcrypt)}},
		{name: "password hash vendor", pre: bob, line: "password hash $h$6$CqMnWdX6LIW/hz2Z$4+0Pumk+A98Vl==",
			config: []string{" password hash $h$6$CqMnWdX6LIW/hz2Z$4+0Pumk+A98Vl=="}},
		{name: "password hash garbage", pre: bob, line: "password hash notahash", refusal: "Invalid password hash."},
		{name: "password hash bad vendor form", pre: bob, line: "password hash $h$x$salt$digest", refusal: "Invalid password hash."},
		{name: "undo password", pre: append(bob, "password hash "+testBcrypt), line: "undo password",
			absent: []string{" password hash " + testBcrypt}},

		{name: "service-type one", pre: bob, line: "service-type ssh", config: []string{" service-type ssh"}},
		{name: "service-type several in any order", pre: bob, line: "service-type terminal ssh telnet",
			config: []string{" service-type ssh telnet terminal"}},
		{name: "service-type abbreviated", pre: bob, line: "ser ss tel term", config: []string{" service-type ssh telnet terminal"}},
		{name: "service-type all seven in display order", pre: bob, line: "service-type ftp http https pad ssh telnet terminal",
			config: []string{" service-type ftp http https pad ssh telnet terminal"}},
		{name: "service-type adds", pre: append(bob, "service-type ssh"), line: "service-type ftp", config: []string{" service-type ftp ssh"}},
		{name: "service-type twice", pre: bob, line: "service-type ssh ssh", perr: &ParseError{Kind: TooMany, Pos: 17}},
		{name: "service-type unknown", pre: bob, line: "service-type foo", perr: &ParseError{Kind: WrongParam, Pos: 13}},
		{name: "service-type ambiguous", pre: bob, line: "service-type te", perr: &ParseError{Kind: WrongParam, Pos: 13}},
		{name: "service-type missing", pre: bob, line: "service-type", perr: incompleteAt(13)},
		{name: "undo service-type", pre: append(bob, "service-type ssh telnet terminal"), line: "undo service-type telnet terminal",
			config: []string{" service-type ssh"}},
		{name: "undo last service-type", pre: append(bob, "service-type ssh"), line: "undo service-type ssh",
			absent: []string{" service-type ssh"}},

		{name: "role", pre: bob, line: "authorization-attribute user-role network-admin",
			config: []string{" authorization-attribute user-role network-admin", " authorization-attribute user-role network-operator"}},
		{name: "level role", pre: bob, line: "authorization-attribute user-role level-15", config: []string{" authorization-attribute user-role level-15"}},
		{name: "unknown role", pre: bob, line: "authorization-attribute user-role superuser", refusal: "The role superuser does not exist."},
		{name: "level out of range", pre: bob, line: "authorization-attribute user-role level-16", refusal: "The role level-16 does not exist."},
		{name: "role too long", pre: bob, line: "authorization-attribute user-role " + strings.Repeat("r", 64), perr: wrongAt(34)},
		{name: "undo default role", pre: bob, line: "undo authorization-attribute user-role network-operator",
			config: []string{" undo authorization-attribute user-role network-operator"}},
		{name: "undo role not held", pre: bob, line: "undo authorization-attribute user-role level-3",
			config: []string{" authorization-attribute user-role network-operator"}},

		{name: "system command from the user view", pre: bob, line: "local-user carol", out: "New local user added."},
	})
}

func TestLocalUserViewPrompt(t *testing.T) {
	_, s := cmdDevice(t)
	cmdMust(t, s, "system-view", "local-user bob class manage")
	if p := s.Prompt(); p != "[HPE-luser-manage-bob]" {
		t.Fatalf("prompt %q", p)
	}
	cmdMust(t, s, "quit")
	if p := s.Prompt(); p != "[HPE]" {
		t.Fatalf("prompt after quit %q", p)
	}
}

// TestLocalUserDeletedUnderTheView: another session deletes the user being configured.
func TestLocalUserDeletedUnderTheView(t *testing.T) {
	d, s := cmdDevice(t)
	cmdMust(t, s, "system-view", "local-user bob")
	other := d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: 1})
	cmdMust(t, other, "system-view", "undo local-user bob")
	_, err := cmdRun(s, "service-type ssh")
	if !errors.Is(err, ErrNotFound) || Message(err) != "The local user bob does not exist." {
		t.Fatalf("got %v", err)
	}
}

func TestPasswordNeverInClear(t *testing.T) {
	const pw = "Tr0ub4dor&3"
	d, s := cmdDevice(t)
	var out strings.Builder
	out.WriteString(cmdMust(t, s, "system-view", "local-user bob", "password simple "+pw, "service-type ssh",
		"display this", "display current-configuration", "display local-user", "display local-user user-name bob",
		"display current-configuration | include password", "return", "display current-configuration"))
	out.WriteString(d.CurrentConfig())
	if strings.Contains(out.String(), pw) {
		t.Fatalf("the password appears in clear:\n%s", out.String())
	}
	var hash string
	d.read(func(c *Config) { hash = c.Users["bob"].Hash })
	if strings.Contains(hash, pw) || !hashMatches(hash, pw) {
		t.Fatalf("stored %q is not a hash of the password", hash)
	}
	if !strings.Contains(out.String(), " password hash "+hash+"\n") {
		t.Fatal("the configuration does not show the hash")
	}
	for _, r := range Rows() {
		if strings.HasPrefix(r.Path, "password simple") && (len(r.Secret) != 1 || r.Secret[0] != "pw") {
			t.Fatalf("row %q does not mark the password secret: %v", r.Path, r.Secret)
		}
	}
}

func TestDisplayLocalUser(t *testing.T) {
	_, s := cmdDevice(t)
	cmdMust(t, s, "system-view", "local-user bob", "service-type terminal ssh", "authorization-attribute user-role level-3", "local-user carol", "return")
	got := cmdMust(t, s, "display local-user user-name bob class manage")
	want := `Total 1 local users matched.

Device management user bob:
  State:                     Active
  Service type:              SSH/Terminal
  User group:                system
  Bind attributes:
  Authorization attributes:
    Work directory:          flash:
    User role list:          level-3, network-operator
`
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	all := cmdMust(t, s, "display local-user")
	if !strings.HasPrefix(all, "Total 3 local users matched.\n") || !strings.Contains(all, "\nDevice management user carol:\n  State:                     Active\n  User group:") {
		t.Fatalf("all users:\n%s", all)
	}
	if got := cmdMust(t, s, "display local-user | include User role"); got != "    User role list:          network-admin\n    User role list:          level-3, network-operator\n    User role list:          network-operator\n" {
		t.Fatalf("filtered:\n%s", got)
	}
	if _, err := cmdRun(s, "display local-user user-name nobody"); Message(err) != "The local user nobody does not exist." {
		t.Fatalf("unknown user: %v", err)
	}
	d, _ := cmdDevice(t)
	if got := d.LocalUsers(); len(got) != 1 || got[0] != "admin" {
		t.Fatalf("LocalUsers = %v", got)
	}
}

// TestOperatorCannotWrite: every configuration command of the three areas is refused to
// network-operator, who may still display; level-9 may configure lines but not users or who logs in.
func TestOperatorCannotWrite(t *testing.T) {
	d, _ := cmdDevice(t)
	writes := []struct {
		view  View
		lines []string
	}{
		{View{Kind: ViewSystem}, []string{"local-user bob", "local-user admin class manage", "undo local-user admin",
			"ip route-static 10.0.0.0 8 192.168.1.1", "undo ip route-static 10.0.0.0 8", "line vty 0 4", "user-interface vty 0"}},
		{View{Kind: ViewLocalUser, Name: "admin"}, []string{"password simple x", "password hash " + testBcrypt, "undo password",
			"service-type telnet", "undo service-type ssh terminal", "authorization-attribute user-role network-operator",
			"undo authorization-attribute user-role network-admin"}},
		{View{Kind: ViewLine, Lo: 0, Hi: 63}, []string{"authentication-mode none", "undo authentication-mode", "user-role network-admin",
			"undo user-role", "idle-timeout 0", "undo idle-timeout", "screen-length 0", "undo screen-length",
			"protocol inbound ssh", "undo protocol inbound", "history-command max-size 0", "undo history-command max-size"}},
	}
	before := d.CurrentConfig()
	for _, w := range writes {
		view := w.view
		for _, l := range w.lines {
			s := d.NewSession(SessionInfo{User: "op", Roles: []string{RoleOperator}, Line: 2})
			s.views = append(s.views, View{Kind: ViewSystem})
			if view.Kind != ViewSystem {
				s.views = append(s.views, view)
			}
			if _, err := cmdRun(s, l); !errors.Is(err, ErrPermissionDenied) {
				t.Errorf("operator %q in %s: got %v, want permission denied", l, view.Prompt("HPE"), err)
			}
		}
	}
	if d.CurrentConfig() != before {
		t.Fatal("an operator changed the configuration")
	}
	op := d.NewSession(SessionInfo{User: "op", Roles: []string{RoleOperator}, Line: 2})
	if out, err := cmdRun(op, "display local-user"); err != nil || !strings.Contains(out, "Device management user admin:") {
		t.Fatalf("operator display local-user: %v\n%s", err, out)
	}

	l9 := d.NewSession(SessionInfo{User: "l9", Roles: []string{"level-9"}, Line: 3})
	cmdMust(t, l9, "system-view", "ip route-static 10.0.0.0 8 192.168.1.1", "line vty 0 4", "idle-timeout 5")
	for _, l := range []string{"authentication-mode none", "user-role network-admin", "local-user eve"} {
		if _, err := cmdRun(l9, l); !errors.Is(err, ErrPermissionDenied) {
			t.Errorf("level-9 %q: got %v, want permission denied", l, err)
		}
	}
}

// TestServiceTypeHelp: `?` after service words offers the services that may still follow.
func TestServiceTypeHelp(t *testing.T) {
	_, s := cmdDevice(t)
	cmdMust(t, s, "system-view", "local-user bob")
	for line, want := range map[string]string{} {
		var buf bytes.Buffer
		if err := s.Help(line, &buf); err != nil || buf.String() != want {
			t.Errorf("%q?: %v\n%s\nwant:\n%s", line, err, buf.String(), want)
		}
	}
}

// TestServiceTypeAnyOrder: service-type takes any services in any order, abbreviated, each once.
func TestServiceTypeAnyOrder(t *testing.T) {
	d := newTestDevice(t)
	s := adminSession(d)
	mustExec(t, s, "system-view", "local-user svc", "service-type pad https term ftp", "undo service-type https")
	if out := mustExec(t, s, "display this"); !strings.Contains(out, " service-type ftp pad terminal\n") {
		t.Fatalf("services not all set:\n%s", out)
	}
	err := s.Exec(context.Background(), "service-type ssh ssh", io.Discard)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Kind != TooMany {
		t.Fatalf("a repeated service: %v", err)
	}
}

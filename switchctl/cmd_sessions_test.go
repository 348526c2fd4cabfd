package switchctl

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// sessionsRig is a device with two synthetic shell logins (admin on VTY 0, whose session the test
// drives, and bob on VTY 3) and an SFTP login, bob's, that takes no line.
type sessionsRig struct {
	d        *Device
	clk      *logClock
	s        *Session
	asker    *scriptAsker
	out      bytes.Buffer
	admin    *Login
	bob      *Login
	bobFiles *Login
}

func newSessionsRig(t *testing.T) *sessionsRig {
	t.Helper()
	r := &sessionsRig{}
	r.d, r.clk = logDevice(t)
	r.admin = r.d.Register(SessionInfo{User: "admin", Line: 0, Proto: "SSH", Remote: "127.0.0.1:50308", Cipher: "aes128-ctr"})
	r.clk.Advance(90 * time.Second)
	r.bob = r.d.Register(SessionInfo{User: "bob", Line: 3, Proto: "SSH", Remote: "10.1.1.9:40000", Cipher: "aes256-gcm@openssh.com", Retries: 1})
	r.bobFiles = r.d.Register(SessionInfo{User: "bob", Line: -1, Proto: "SFTP", Remote: "10.1.1.9:40001", Cipher: "aes128-ctr"})
	r.clk.Advance(3723 * time.Second) // 1:02:03 later
	r.admin.Touch(r.clk.Now())
	r.s = r.d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: 0, Proto: "SSH", Remote: "127.0.0.1:50308"})
	r.asker = &scriptAsker{out: &r.out}
	r.s.SetAsker(r.asker)
	return r
}

func (r *sessionsRig) run(line string, answers ...string) (string, error) {
	r.out.Reset()
	r.asker.answers = answers
	err := r.s.Exec(context.Background(), line, &r.out)
	return r.out.String(), err
}

func (r *sessionsRig) must(t *testing.T, line string, answers ...string) string {
	t.Helper()
	out, err := r.run(line, answers...)
	if err != nil {
		t.Fatalf("%s: %v\n%s", line, err, out)
	}
	return out
}

func TestDisplayUsers(t *testing.T) {
	r := newSessionsRig(t)
	want := `  Idx  Line     Idle       Time              Pid     Type
+ 1    VTY 0    00:00:00   Jan 08 19:35:31   1001    SSH
  4    VTY 3    01:02:03   Jan 08 19:37:01   1002    SSH

Following are more details.
VTY 0   :
        User name: admin@system
        Location: 127.0.0.1
VTY 3   :
        User name: bob@system
        Location: 10.1.1.9
 +    : Current operation user.
 F    : Current operation user works in async mode.
`
	if got := r.must(t, "display users"); got != want {
		t.Fatalf("display users:\n%s", lineDiff(want, got))
	}
	all := r.must(t, "display users all")
	for _, w := range []string{"\n  0    AUX 0\n", "\n+ 1    VTY 0    00:00:00", "\n  2    VTY 1\n", "\n  64   VTY 63\n", "\n  4    VTY 3    01:02:03"} {
		if !strings.Contains(all, w) {
			t.Errorf("display users all lacks %q:\n%s", w, all)
		}
	}
	if n := strings.Count(all, "VTY "); n != 64+2 { // every line, then the two detail headers
		t.Errorf("display users all names %d VTY lines", n)
	}
	if got := r.must(t, "display users | include VTY 3"); got != "  4    VTY 3    01:02:03   Jan 08 19:37:01   1002    SSH\nVTY 3   :\n" {
		t.Errorf("filtered: %q", got)
	}
	r.clk.Advance(25 * time.Hour)
	if got := r.must(t, "display users | include ^  4"); !strings.Contains(got, " old ") {
		t.Errorf("a day idle: %q", got)
	}
}

func TestIdleText(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "00:00:00", -time.Second: "00:00:00", 59 * time.Second: "00:00:59",
		3723 * time.Second: "01:02:03", 24*time.Hour - time.Second: "23:59:59", 24 * time.Hour: "old"} {
		if got := idleText(d); got != want {
			t.Errorf("idleText(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestDisplayLine(t *testing.T) {
	r := newSessionsRig(t)
	r.must(t, "system-view")
	r.must(t, "line vty 1")
	r.must(t, "authentication-mode none")
	r.must(t, "line vty 2")
	r.must(t, "authentication-mode password")
	r.must(t, "return")
	out := r.must(t, "display line")
	head := `  Idx  Type     Tx/Rx      Modem Auth  Int         Location
  0    AUX 0    9600       -     N     -           0/0
+ 1    VTY 0               -     A     -           0/0
  2    VTY 1               -     N     -           0/0
  3    VTY 2               -     P     -           0/0
+ 4    VTY 3               -     A     -           0/0
  5    VTY 4               -     A     -           0/0
`
	if !strings.HasPrefix(out, head) {
		t.Fatalf("display line:\n%s", lineDiff(head, out[:min(len(out), len(head))]))
	}
	if !strings.Contains(out, "\n  64   VTY 63              -     A     -           0/0\n  +    : Line is active.\n") ||
		!strings.HasSuffix(out, "  P    : Password authentication.\n") {
		t.Fatalf("display line ends:\n%s", out[len(out)-700:])
	}
	cases := []struct{ line, want string }{
		{"display line 4 | include VTY", "+ 4    VTY 3               -     A     -           0/0\n"},
		{"display line vty 3 | include VTY", "+ 4    VTY 3               -     A     -           0/0\n"},
		{"display line 0 | include AUX", "  0    AUX 0    9600       -     N     -           0/0\n"},
		{"display line summary", "  Line type : [AUX]\n           0:X\n  Line type : [VTY]\n" +
			"           1:UXXU XXXX XXXX XXXX\n          17:XXXX XXXX XXXX XXXX\n" +
			"          33:XXXX XXXX XXXX XXXX\n          49:XXXX XXXX XXXX XXXX\n" +
			"   2 lines used.      (U)\n  63 lines not used.  (X)\n"},
		{"display line vty 0 summary", "  Line type : [VTY]\n           1:U\n   1 lines used.      (U)\n   0 lines not used.  (X)\n"},
	}
	for _, tc := range cases {
		if got := r.must(t, tc.line); got != tc.want {
			t.Errorf("%s:\n%s", tc.line, lineDiff(tc.want, got))
		}
	}
	for line, kind := range map[string]ParseKind{"display line 65": WrongParam, "display line vty 64": WrongParam,
		"display line 4096": WrongParam, "display line vty": Incomplete, "display line x": WrongParam} {
		_, err := r.run(line)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Kind != kind {
			t.Errorf("%s: %v, want %v", line, err, kind)
		}
	}
}

func TestDisplaySSHServerSession(t *testing.T) {
	r := newSessionsRig(t)
	want := `UserPid   SessID Ver   Encrypt    State          Retries  Serv     Username
 1001      0     2.0   aes128-ctr Established    0        Stelnet  admin
 1002      1     2.0   aes256-gcm@openssh.com Established    1        Stelnet  bob
 1003      2     2.0   aes128-ctr Established    0        SFTP     bob
`
	if got := r.must(t, "display ssh server session"); got != want {
		t.Fatalf("display ssh server session:\n%s", lineDiff(want, got))
	}
	r.admin.End()
	r.bob.End()
	r.bobFiles.End()
	if got := r.must(t, "display ssh server session"); got != "" {
		t.Fatalf("no sessions: %q", got)
	}
}

func TestFreeLineCommand(t *testing.T) {
	r := newSessionsRig(t)
	out, err := r.run("free line vty 3", "n")
	if err != nil || out != "Are you sure to free line vty3? [Y/N]:n\n" || closed(r.bob.Freed()) {
		t.Fatalf("answered N: %v %q", err, out)
	}
	if out := r.must(t, "free line vty 3", "y"); out != "Are you sure to free line vty3? [Y/N]:y\n OK\n" {
		t.Fatalf("free line vty 3: %q", out)
	}
	if !closed(r.bob.Freed()) || closed(r.admin.Freed()) || closed(r.bobFiles.Freed()) {
		t.Fatal("free line vty 3 did not free exactly bob's shell")
	}
	if !strings.HasSuffix(r.d.LogEntries()[len(r.d.LogEntries())-1], "Command is free line vty 3") {
		t.Fatal("free line is not logged")
	}
	r.bob.End()

	bob2 := r.d.Register(SessionInfo{User: "bob", Line: 5, Proto: "SSH"})
	r.must(t, "free user-interface vty 5", "y")
	bob3 := r.d.Register(SessionInfo{User: "bob", Line: 6, Proto: "SSH"})
	r.must(t, "free line 7", "y") // absolute index 7 is VTY 6
	if !closed(bob2.Freed()) || !closed(bob3.Freed()) {
		t.Fatal("the legacy and absolute forms do not free")
	}

	refusals := []struct {
		line   string
		reason error
		text   string
	}{
		{"free line vty 0", ErrInUse, "You cannot free the line you are using."},
		{"free line 1", ErrInUse, "You cannot free the line you are using."},
		{"free line vty 9", ErrNotFound, "Line vty9 is not in use."},
		{"free line 0", ErrUnsupported, "The console line cannot be freed."},
	}
	for _, tc := range refusals {
		_, err := r.run(tc.line, "y")
		wantRefusal(t, tc.line, err, tc.reason, tc.text)
	}
	for line, kind := range map[string]ParseKind{"free line vty 64": WrongParam, "free line vty 4096": WrongParam,
		"free line 65": WrongParam, "free line vty": Incomplete, "free line": Incomplete} {
		_, err := r.run(line)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Kind != kind {
			t.Errorf("%s: %v, want %v", line, err, kind)
		}
	}

	// Without anyone to answer, and without the right to, nothing is freed.
	carol := r.d.Register(SessionInfo{User: "carol", Line: 8, Proto: "SSH"})
	r.s.SetAsker(nil)
	if _, err := r.run("free line vty 8"); !errors.Is(err, ErrNoAnswer) {
		t.Fatalf("without an asker: %v", err)
	}
	op := r.d.NewSession(SessionInfo{User: "op", Roles: []string{RoleOperator}, Line: 1, Proto: "SSH"})
	if err := op.Exec(context.Background(), "free line vty 8", &bytes.Buffer{}); !errors.Is(err, ErrPermissionDenied) {
		t.Fatalf("as operator: %v", err)
	}
	if closed(carol.Freed()) {
		t.Fatal("carol was freed")
	}
	if _, err := r.run("system-view"); err != nil {
		t.Fatal(err)
	}
	var pe *ParseError
	if _, err := r.run("free line vty 8 extra"); !errors.As(err, &pe) {
		t.Fatalf("trailing word: %v", err)
	}
}

func TestSessionDisplaysForOperators(t *testing.T) {
	r := newSessionsRig(t)
	op := r.d.NewSession(SessionInfo{User: "op", Roles: []string{RoleOperator}, Line: 3, Proto: "SSH"})
	for _, l := range []string{"display users", "display users all", "display line", "display line summary", "display ssh server session"} {
		var out bytes.Buffer
		if err := op.Exec(context.Background(), l, &out); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		if l == "display users" && !strings.Contains(out.String(), "+ 4    VTY 3") {
			t.Errorf("the operator's own line is not marked:\n%s", out.String())
		}
	}
}

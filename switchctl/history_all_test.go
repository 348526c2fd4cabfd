package switchctl

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestHistoryAllLines: display history-command all lists the commands of every session, newest first,
// each under its date, time, line, address and user; the lines of a loaded file are not in it.
func TestHistoryAllLines(t *testing.T) {
	d := newTestDevice(t)
	a := d.NewSession(SessionInfo{User: "alice", Roles: []string{RoleAdmin}, Line: 0, Proto: "SSH", Remote: "192.0.2.7:50022"})
	b := d.NewSession(SessionInfo{User: "bob", Roles: []string{RoleOperator}, Line: 3, Proto: "SSH", Remote: "192.0.2.8:41000"})
	for _, step := range []struct {
		s    *Session
		line string
	}{{a, "display version"}, {b, "display clock"}, {a, "display clock"}} {
		if err := step.s.Exec(context.Background(), step.line, &strings.Builder{}); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	if err := b.Exec(context.Background(), "display history-command all", &out); err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^ Date      Time     Terminal  Ip              User
 \d\d/\d\d/\d\d  \d\d:\d\d:\d\d vty0      192\.0\.2\.7       alice
   Cmd:display clock
 \d\d/\d\d/\d\d  \d\d:\d\d:\d\d vty3      192\.0\.2\.8       bob
   Cmd:display clock
 \d\d/\d\d/\d\d  \d\d:\d\d:\d\d vty0      192\.0\.2\.7       alice
   Cmd:display version
$`)
	if !want.MatchString(out.String()) {
		t.Errorf("display history-command all:\n%s", out.String())
	}
}

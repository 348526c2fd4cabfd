package switchctl

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files and transcripts from what the engine prints")

// A transcript is a session as it appears on a terminal: a line that starts with the session's
// prompt is a command, the lines up to the next prompt are its expected output. Lines starting with
// "@@" are directives:
//
//	@@ login ROLE [USER]   start a new session (network-admin, network-operator, level-N)
//	@@ answers A B ...     answers for the dialogs of the next command, echoed after their prompts
//	@@ any text            a comment
//
// A command ending in "?" is online help; errors print as the device does, a caret line and the text.
func TestTranscripts(t *testing.T) {
	files, _ := filepath.Glob("testdata/transcripts/*.txt")
	if len(files) == 0 {
		t.Fatal("no transcripts")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(t *testing.T) {
			want, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := runTranscript(t, string(want))
			if *update {
				if err := os.WriteFile(f, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != string(want) {
				t.Errorf("transcript differs (go test -run TestTranscripts -update rewrites it):\n%s", lineDiff(string(want), got))
			}
		})
	}
}

type scriptAsker struct {
	answers []string
	out     io.Writer
}

func (a *scriptAsker) Ask(_ context.Context, prompt string) (string, error) {
	if len(a.answers) == 0 {
		return "", ErrNoAnswer
	}
	ans := a.answers[0]
	a.answers = a.answers[1:]
	fmt.Fprintf(a.out, "%s%s\n", prompt, ans)
	return ans, nil
}

// runTranscript replays the commands of a transcript and returns the transcript as the engine
// prints it, for comparison with the file.
func runTranscript(t *testing.T, script string) string {
	t.Helper()
	// The device's clock stands still, so that what follows the uptime (CPU load, temperatures)
	// reads the same however long the transcript takes and whenever it starts.
	boot := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	d, _, err := Open(Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "admin-pw",
		Now: func() time.Time { return boot }})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var s *Session
	asker := &scriptAsker{out: &out}
	login := func(role, user string) {
		s = d.NewSession(SessionInfo{User: user, Roles: []string{role}, Line: 0, Proto: "SSH"})
		s.SetAsker(asker)
	}
	login(RoleAdmin, "admin")
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "@@") {
			out.WriteString(l + "\n")
			f := strings.Fields(l)
			switch {
			case len(f) >= 3 && f[1] == "login":
				user := "user"
				if len(f) > 3 {
					user = f[3]
				}
				login(f[2], user)
			case len(f) >= 2 && f[1] == "answers":
				asker.answers = f[2:]
			}
			continue
		}
		if s == nil {
			continue // output of the command that ended the session: regenerated above
		}
		p := s.Prompt()
		cmd, ok := strings.CutPrefix(l, p)
		if !ok {
			continue // expected output of the previous command: regenerated below
		}
		out.WriteString(l + "\n")
		var err error
		if h, isHelp := strings.CutSuffix(cmd, "?"); isHelp && s.collect == nil {
			err = s.Help(h, &out)
		} else {
			err = s.Exec(context.Background(), cmd, &out)
		}
		switch {
		case errors.Is(err, ErrSessionEnd):
			s = nil
		case err != nil:
			if c := Caret(err, len(p)); c != "" {
				out.WriteString(c + "\n")
			}
			out.WriteString(Message(err) + "\n")
		}
		asker.answers = nil
	}
	return out.String()
}

// newTestDevice is a device on a temporary data dir with pre-made host keys and a cheap bcrypt cost,
// so tests stay fast under -race.
func newTestDevice(t testing.TB) *Device {
	t.Helper()
	d, _, err := Open(Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "admin-pw"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// lineDiff shows the first differing lines of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, wl, gl)
			if shown++; shown > 8 {
				break
			}
		}
	}
	return b.String()
}

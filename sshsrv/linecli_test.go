package sshsrv

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"vtyd/switchctl"
)

func cliSession(t *testing.T) (*switchctl.Device, *switchctl.Session) {
	t.Helper()
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	return d, d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 0, Proto: "SSH"})
}

func runCLI(t *testing.T, input string, opt LineOptions) string {
	t.Helper()
	_, s := cliSession(t)
	var out bytes.Buffer
	if err := NewLineCLI(s, strings.NewReader(input), &out, opt).Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out.String()
}

func TestLineCLIPlain(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"views and quit", "system-view\nvlan 10\nquit\nquit\nquit\ndisplay version\n",
			"\n<HPE>\nSystem View: return to User View with Ctrl+Z.\n[HPE]\n[HPE-vlan10]\n[HPE]\n<HPE>\n"},
		{"caret after the prompt", "system-view\ndisplya vlan\n",
			"\n<HPE>\nSystem View: return to User View with Ctrl+Z.\n[HPE]\n     ^\n % Unrecognized command found at '^' position.\n[HPE]"},
		{"CRLF input and a last line without newline", "system-view\r\nreturn",
			"\n<HPE>\nSystem View: return to User View with Ctrl+Z.\n[HPE]\n<HPE>"},
		{"end of input", "", "\n<HPE>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := runCLI(t, tc.in, LineOptions{}); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestLineCLIBanner(t *testing.T) {
	got := runCLI(t, "quit\n", LineOptions{Banner: "Authorized users only"})
	if want := "\nAuthorized users only\n<HPE>\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLineCLITerminal(t *testing.T) {
	got := runCLI(t, "system-view\rdisplya\rquit\rquit\r", LineOptions{Terminal: true, Width: 80, Height: 24})
	want := "\r\n<HPE>system-view\r\nSystem View: return to User View with Ctrl+Z.\r\n" +
		"[HPE]displya\r\n     ^\r\n % Unrecognized command found at '^' position.\r\n[HPE]quit\r\n<HPE>quit\r\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestLineCLIDialog(t *testing.T) {
	d, s := cliSession(t)
	var out bytes.Buffer
	in := "system-view\nundo ssh server enable\n"
	if err := NewLineCLI(s, strings.NewReader(in), &out, LineOptions{}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The input ends while the dialog waits: the command is aborted, nothing changes.
	if !strings.Contains(out.String(), "Continue? [Y/N]:") || !d.SSHSettings().Enabled {
		t.Errorf("enabled %v, output %q", d.SSHSettings().Enabled, out.String())
	}
	if s.Prompt() != "[HPE]" {
		t.Errorf("prompt %q after the aborted dialog", s.Prompt())
	}
}

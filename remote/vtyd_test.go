package remote

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"vtyd/sshsrv"
	"vtyd/switchctl"
	"vtyd/tui"
	"vtyd/tui/readers"
)

// vtydDevice serves a simulated switch in-process with no console, so every shell gets vtyd's line
// CLI: the driver must work against vtyd as against a real switch.
func vtydDevice(t testing.TB) Target {
	t.Helper()
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sshsrv.New(sshsrv.Config{}, d, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return Target{Name: "sim1", Addr: ln.Addr().String(), User: "admin", Auth: []ssh.AuthMethod{ssh.Password("secret")},
		HostKey: HostKeyTOFU("sim1", filepath.Join(t.TempDir(), "known_hosts")), Timeout: 10 * time.Second}
}

// TestShellOnVtyd drives vtyd's own line CLI: displays read by the console's readers, view prompts,
// a syntax error with its caret, help and completion, and the exec contract.
func TestShellOnVtyd(t *testing.T) {
	tg := vtydDevice(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := OpenShell(ctx, p, tg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	user := s.Prompt()
	if !strings.HasPrefix(user, "<") {
		t.Fatalf("prompt after login %q", user)
	}
	sysname := strings.Trim(user, "<>")

	var out strings.Builder
	if err := s.Run(ctx, "display version", &out); err != nil {
		t.Fatal(err)
	}
	if v, err := readers.ParseVersion(out.String()); err != nil || v.Software == "" {
		t.Errorf("display version read as %+v, %v from %q", v, err, out.String())
	}
	for _, step := range []struct{ line, prompt string }{
		{"system-view", "[" + sysname + "]"},
		{"vlan 42", "[" + sysname + "-vlan42]"},
		{"quit", "[" + sysname + "]"},
		{"interface GigabitEthernet1/0/1", "[" + sysname + "-GigabitEthernet1/0/1]"},
	} {
		if err := s.Run(ctx, step.line, &out); err != nil || s.Prompt() != step.prompt {
			t.Errorf("%s: %v, prompt %q, want %q", step.line, err, s.Prompt(), step.prompt)
		}
	}
	s.Reset()
	if s.Prompt() != user {
		t.Errorf("Reset left %q", s.Prompt())
	}

	out.Reset()
	err = s.Run(ctx, "display bogus", &out)
	var ce *CommandError
	if !errors.As(err, &ce) || switchctl.Message(err) != " % Unrecognized command found at '^' position." {
		t.Fatalf("display bogus: %v (output %q)", err, out.String())
	}
	if got, want := switchctl.Caret(err, len(user)), strings.Repeat(" ", len(user)+len("display "))+"^"; got != want {
		t.Errorf("caret %q, want %q", got, want)
	}

	var help strings.Builder
	if err := s.Help("display ver", &help); err != nil || !strings.Contains(help.String(), "version") {
		t.Errorf("help: %v %q", err, help.String())
	}
	if line, cands := s.Complete("display vers"); strings.TrimSpace(line) != "display version" {
		t.Errorf("Complete(display vers) = %q %q", line, cands)
	}
	out.Reset()
	if err := s.Run(ctx, "display clock", &out); err != nil || out.Len() == 0 {
		t.Errorf("after help and completion: %v %q", err, out.String())
	}

	var stdout, stderr strings.Builder
	if st := Exec(ctx, p, tg, "display clock\ndisplay bogus", &stdout, &stderr); st != 1 ||
		stdout.Len() == 0 || !strings.Contains(stderr.String(), "% Unrecognized command") {
		t.Errorf("exec: status %d stdout %q stderr %q", st, stdout.String(), stderr.String())
	}
}

// TestBackendOnVtyd: a configuration command typed in the CLI pane comes back from polling as a log
// line and a configuration change.
func TestBackendOnVtyd(t *testing.T) {
	tg := vtydDevice(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b, err := NewBackend(ctx, p, tg, 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	<-b.(*Backend).baseline // what is typed from now on is new
	for _, l := range []string{"system-view", "vlan 77", "return"} {
		if err := b.CLI().Exec(ctx, l, &strings.Builder{}); err != nil {
			t.Fatal(err)
		}
	}
	sawLog, sawConfig := false, false
	for !sawLog || !sawConfig {
		select {
		case e, ok := <-b.Events():
			if !ok {
				t.Fatalf("events ended: %s", b.(*Backend).EndMessage())
			}
			sawLog = sawLog || e.Kind == tui.EventLog && strings.Contains(e.Text, "vlan 77")
			sawConfig = sawConfig || e.Kind == tui.EventConfig
		case <-ctx.Done():
			t.Fatalf("log event %v, config event %v", sawLog, sawConfig)
		}
	}
}

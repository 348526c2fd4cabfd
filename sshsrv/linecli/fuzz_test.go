package linecli

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"vtyd/switchctl"
)

// FuzzLineCLI types arbitrary bytes into the line CLI on a terminal — keys, escape sequences, pastes
// cut anywhere, dialogs answered or not — as a network-operator on a live device. It must never
// panic, always return when its input ends, and leave the editor's cursor within its line.
func FuzzLineCLI(f *testing.F) {
	for _, seed := range []string{
		"display version\r", "dis cu\t\r", "disp?\r", "\x1b[A\x1b[B\x1b[D\x1b[C\r", "\x1b[200~display clock\r\x1b[201~",
		"\x1b[200~unfinished paste", "system-view\rinterface g1/0/1\rshutdown\r", "\x01\x05\x0b\x15\x17\x19\x1a\r",
		"ping -c 3 127.0.0.1\r", "display logbuffer\r \r q", "\x1b", "\x1b[", "\x1b[999999999999D", "\xff\xfe\xc3",
		"undo terminal monitor\rquit\r",
	} {
		f.Add(seed, uint8(80))
	}
	d, _, err := switchctl.Open(switchctl.Options{Dir: f.TempDir(), SeedKeys: true, BcryptCost: 4,
		AdminPassword: "secret", Wait: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, keys string, width uint8) {
		w := max(int(width)%200, 10)
		s := d.NewSession(switchctl.SessionInfo{User: "fuzz", Roles: []string{switchctl.RoleOperator}, Line: 1, Proto: "SSH"})
		cli := New(s, strings.NewReader(keys), io.Discard, Options{Terminal: true, Width: w, Height: 24, BracketedPaste: true})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		done := make(chan error, 1)
		go func() { done <- cli.Run(ctx) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("the CLI did not return after its input ended (keys %q)", keys)
		}
		if cli.ed.pos < 0 || cli.ed.pos > len(cli.ed.line) {
			t.Fatalf("cursor %d outside the line of %d runes (keys %q)", cli.ed.pos, len(cli.ed.line), keys)
		}
	})
}

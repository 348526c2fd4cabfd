package sshsrv

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"vtyd/internal/termtest"
	"vtyd/sshsrv/linecli"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

func TestShellWithoutPTY(t *testing.T) {
	addr, _ := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	r := run(t, c, "", "system-view\nvlan 10\nreturn\ndisplay vlan 10\nquit\n", false)
	for _, want := range []string{"<HPE>", "[HPE]", "[HPE-vlan10]", "VLAN ID: 10"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\r") || strings.Contains(r.stdout, "vlan 10\n") {
		t.Errorf("a shell without a PTY echoed or wrote CRs:\n%q", r.stdout)
	}
	if r.status != 0 {
		t.Errorf("status %d after quit", r.status)
	}
}

func TestShellWithPTY(t *testing.T) {
	addr, _ := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	r := run(t, c, "", "system-view\rdisplay this\rquit\rquit\r", true)
	for _, want := range []string{"<HPE>system-view\r\n", "[HPE]display this\r\n", "\r\n[HPE]quit\r\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%q", want, r.stdout)
		}
	}
	if strings.Contains(strings.ReplaceAll(r.stdout, "\r\n", ""), "\n") {
		t.Errorf("a bare \\n on a PTY:\n%q", r.stdout)
	}
	if r.status != 0 {
		t.Errorf("status %d after quit", r.status)
	}
}

func TestShellDialog(t *testing.T) {
	addr, d := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	r := run(t, c, "", "system-view\nundo ssh server enable\nmaybe\nN\nquit\nquit\n", false)
	for _, want := range []string{"Continue? [Y/N]:", "'YES' or 'NO'[Y/N]:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if !d.SSHSettings().Enabled {
		t.Error("answering N disabled the SSH server")
	}
}

// TestShellWindowChange: window changes reach the line editor and never block the session.
func TestShellWindowChange(t *testing.T) {
	addr, _ := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sess.Stdout = &out
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := sess.WindowChange(30+i, 100+i); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := io.WriteString(stdin, "quit\r"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shell ended with %v; output %q", err, out.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("shell did not end after quit")
	}
}

func TestShellRouteDecide(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    shellRoute
		want shellKind
	}{
		{"xterm: ask the terminal", shellRoute{console: true, pty: true, term: "xterm-256color"}, toProbe},
		{"no console installed", shellRoute{pty: true, term: "xterm"}, toCLI},
		{"no PTY", shellRoute{console: true, term: "xterm"}, toCLI},
		{"empty TERM", shellRoute{console: true, pty: true}, toCLI},
		{"dumb", shellRoute{console: true, pty: true, term: "dumb"}, toCLI},
		{"vt100 (paramiko, netmiko)", shellRoute{console: true, pty: true, term: "vt100"}, toCLI},
		{"VT102", shellRoute{console: true, pty: true, term: "VT102"}, toCLI},
		{"env cli", shellRoute{console: true, pty: true, term: "xterm", env: []string{"VTYD_CONSOLE=cli"}}, toCLI},
		{"env tui on vt100", shellRoute{console: true, pty: true, term: "vt100", env: []string{"VTYD_CONSOLE=tui"}}, toConsole},
		{"env tui over user cli", shellRoute{console: true, pty: true, term: "xterm", env: []string{"VTYD_CONSOLE=tui"}, userMode: "cli"}, toConsole},
		{"env tui without PTY", shellRoute{console: true, env: []string{"VTYD_CONSOLE=tui"}}, toCLI},
		{"last env wins", shellRoute{console: true, pty: true, term: "xterm", env: []string{"VTYD_CONSOLE=tui", "VTYD_CONSOLE=cli"}}, toCLI},
		{"user cli", shellRoute{console: true, pty: true, term: "xterm", userMode: "cli"}, toCLI},
		{"user tui on xterm: no question", shellRoute{console: true, pty: true, term: "xterm", userMode: "tui"}, toConsole},
		{"user tui on vt100", shellRoute{console: true, pty: true, term: "vt100", userMode: "tui"}, toCLI},
		{"other env ignored", shellRoute{console: true, pty: true, term: "screen", env: []string{"LANG=C"}}, toProbe},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.decide(); got != tc.want {
				t.Errorf("%+v.decide() = %v, want %v", tc.r, got, tc.want)
			}
		})
	}
}

// TestProgramTypingAtOnce: a program that asks for an xterm PTY and sends a command at once is not
// kept waiting for the terminal probe, and the command it typed meanwhile is not lost.
func TestProgramTypingAtOnce(t *testing.T) {
	console := ConsoleFunc(func(c *ConsoleSession) int { fmt.Fprintln(c.SSH, "CONSOLE"); return 0 })
	e := startServer(t, Config{Console: console, TerminalProbe: time.Minute}, nil)
	c := mustDial(t, e.addr, "admin", password("secret"))
	sh := openProgram(t, c, "xterm")
	sh.send(t, "display clock\r")
	// Within the waits' 10 s, not the probe's minute: the first bytes were not an answer.
	sh.out.WaitFor(t, "<HPE>")
	sh.out.WaitFor(t, "display clock")
	sh.out.WaitFor(t, "<HPE>")
	if strings.Contains(sh.out.String(), "CONSOLE") {
		t.Error("a program got the console")
	}
	sh.send(t, "quit\r")
	sh.wait(t)
}

// TestDAReply reads the terminal's answer to the probe, whole or in parts.
func TestDAReply(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"\x1b[?62;22c", 9}, {"\x1b[?1;2cls\r", 7}, {"\x9b?6c", 4},
		{"", 0}, {"\x1b", 0}, {"\x1b[", 0}, {"\x1b[?62;", 0},
		{"display clock\r", -1}, {"\x1b[A", -1}, {"\x1b[?62x", -1},
	} {
		if got := daReply([]byte(tc.in)); got != tc.want {
			t.Errorf("daReply(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// TestShellRouting drives the rules over SSH: the console handler answers "CONSOLE", the line CLI
// shows its prompt.
func TestShellRouting(t *testing.T) {
	console := ConsoleFunc(func(c *ConsoleSession) int {
		fmt.Fprintf(c.SSH, "CONSOLE term=%s vty=%d %dx%d\n", c.Term, c.CLI.Info().Line, c.Window.Width, c.Window.Height)
		return 0
	})
	e := startServer(t, Config{Console: console}, nil)
	addUser(t, e.d, "ops", "secret", "network-admin")
	if err := e.d.SetUserConsole("ops", switchctl.ConsoleCLI); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, user, term string
		env              []string
		console          bool
		program          bool // the client never answers a terminal query
	}{
		{"xterm gets the console", "admin", "xterm-256color", nil, true, false},
		{"a program that sends xterm gets the CLI", "admin", "xterm", nil, false, true},
		{"vt100 gets the CLI", "admin", "vt100", nil, false, false},
		{"dumb gets the CLI", "admin", "dumb", nil, false, false},
		{"empty TERM gets the CLI", "admin", "-", nil, false, false},
		{"no PTY gets the CLI", "admin", "", nil, false, false},
		{"VTYD_CONSOLE=cli", "admin", "xterm", []string{"VTYD_CONSOLE", "cli"}, false, false},
		{"VTYD_CONSOLE=tui on vt100", "admin", "vt100", []string{"VTYD_CONSOLE", "tui"}, true, true},
		{"console-mode cli", "ops", "xterm", nil, false, false},
		{"console-mode cli, VTYD_CONSOLE=tui", "ops", "xterm", []string{"VTYD_CONSOLE", "tui"}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustDial(t, e.addr, tc.user, password("secret"))
			sh := startShell(t, c, tc.term, !tc.program, tc.env...)
			if tc.console {
				got := sh.out.WaitFor(t, "\n")
				if !strings.Contains(got, "CONSOLE term=") || !strings.Contains(got, "vty=0 80x24") {
					t.Errorf("console saw %q", got)
				}
			} else {
				sh.out.WaitFor(t, "<HPE>")
				sh.send(t, "quit\r\n")
			}
			if status := sh.wait(t); status != 0 {
				t.Errorf("status %d; output %q", status, sh.out.String())
			}
		})
	}
}

// TestConsoleFreed: a console whose line is freed is told through Login.Freed, and its exit status
// is the session's.
func TestConsoleFreed(t *testing.T) {
	console := ConsoleFunc(func(c *ConsoleSession) int {
		c.OnResize(func(w, h int) { fmt.Fprintf(c.SSH, "SIZE %dx%d\n", w, h) })
		fmt.Fprintln(c.SSH, "READY")
		for {
			select {
			case <-c.Login.Freed():
				fmt.Fprintln(c.SSH, "FREED")
				return 3
			}
		}
	})
	e := startServer(t, Config{Console: console}, nil)
	c := mustDial(t, e.addr, "admin", password("secret"))
	sh := openShell(t, c, "xterm")
	sh.out.WaitFor(t, "READY")
	if err := sh.sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	sh.out.WaitFor(t, "SIZE 120x40")
	configure(t, e.d, "free line vty 0")
	sh.out.WaitFor(t, "FREED")
	if status := sh.wait(t); status != 3 {
		t.Errorf("status %d, want the console's 3", status)
	}
}

func TestForwardingAndAgentRefused(t *testing.T) {
	addr, _ := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	if conn, err := c.Dial("tcp", "127.0.0.1:9"); err == nil {
		conn.Close()
		t.Error("local port forwarding (direct-tcpip) was accepted")
	} else if !strings.Contains(err.Error(), "prohibited") {
		t.Errorf("direct-tcpip refused with %v, want administratively prohibited", err)
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote port forwarding (tcpip-forward) was accepted")
	}
	if ok, _, err := c.SendRequest("no-such-request@example.com", true, nil); ok || err != nil {
		t.Errorf("unknown global request: ok %v, err %v", ok, err)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	for _, req := range []string{"auth-agent-req@openssh.com", "x11-req", "no-such-request@example.com"} {
		if ok, err := sess.SendRequest(req, true, nil); ok || err != nil {
			t.Errorf("session request %s: ok %v, err %v; want refused", req, ok, err)
		}
	}
	// The connection and the session go on after the refusals.
	var out bytes.Buffer
	sess.Stdout = &out
	if err := sess.Run("display clock"); err != nil {
		t.Fatalf("exec after the refusals: %v", err)
	}
	if r := run(t, c, "display version", "", false); r.status != 0 {
		t.Errorf("another session after the refusals: status %d", r.status)
	}
}

func TestBanners(t *testing.T) {
	addr, d := testServer(t, nil)
	configure(t, d, "system-view", "header login %Authorized users only%", "header motd %Maintenance at 22:00%")
	var got string
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{password("secret")},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
		BannerCallback: func(msg string) error { got = msg; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got != "Authorized users only\n" {
		t.Errorf("login banner %q", got)
	}
	r := run(t, c, "", "quit\n", false)
	if !strings.HasPrefix(r.stdout, "\nMaintenance at 22:00\n<HPE>") {
		t.Errorf("shell output %q, want the motd before the prompt", r.stdout)
	}
	if r := run(t, c, "display clock", "", false); strings.Contains(r.stdout, "Maintenance") {
		t.Errorf("exec showed the motd: %q", r.stdout)
	}
}

// TestNoPasteLimitWithoutPTY: shells without a PTY and exec run any amount of input line by line,
// and output is never paged there.
func TestNoPasteLimitWithoutPTY(t *testing.T) {
	addr, d := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	text, n := termtest.VLANLines(500, 6000, "\n")
	if r := run(t, c, "", "system-view\n"+text+"return\nquit\n", false); r.status != 0 {
		t.Fatalf("shell: status %d, stderr %q", r.status, r.stderr)
	}
	text2, n2 := termtest.VLANLines(1000, 6000, "\n")
	if r := run(t, c, "system-view\n"+strings.TrimSuffix(text2, "\n"), "", false); r.status != 0 {
		t.Fatalf("exec: status %d, stderr %q", r.status, r.stderr)
	}
	for _, id := range []int{500, 500 + n - 1, 1000, 1000 + n2 - 1} {
		if !termtest.HasVLAN(d, id) {
			t.Errorf("vlan %d is missing", id)
		}
	}
	// Paging is for terminals: a script gets the whole output.
	r := run(t, c, "", "display current-configuration\nquit\n", false)
	if strings.Contains(r.stdout, linecli.MorePrompt) || !strings.Contains(r.stdout, "vlan 1000\n") {
		t.Errorf("shell without a PTY paged or cut the output: %d bytes", len(r.stdout))
	}
}

// TestPTYPasteOverSSH: over a real session, a burst over the limit is refused whole and the shell
// goes on; a paste far larger than the CLI's input queue too, with SSH flow control behind it.
func TestPTYPasteOverSSH(t *testing.T) {
	for _, size := range []int{2500, 100 << 10} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			addr, d := testServer(t, nil)
			c := mustDial(t, addr, "admin", password("secret"))
			sh := openShell(t, c, "vt100")
			sh.out.WaitFor(t, "<HPE>")
			sh.send(t, "system-view\r")
			sh.out.WaitFor(t, "[HPE]")
			text, n := termtest.VLANLines(700, size, "\r")
			sh.send(t, text)
			sh.out.WaitFor(t, "% Paste refused: ")
			sh.out.WaitFor(t, "[HPE]")
			sh.send(t, "vlan 699\r")
			sh.out.WaitFor(t, "[HPE-vlan699]")
			for id := 700; id < 700+n; id++ {
				if termtest.HasVLAN(d, id) {
					t.Fatalf("vlan %d of the refused paste ran", id)
				}
			}
			sh.send(t, "return\rquit\r")
			if status := sh.wait(t); status != 0 {
				t.Errorf("status %d", status)
			}
		})
	}
}

package main

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/crypto/ssh"

	"vtyd/gateway"
	"vtyd/sshsrv"
	"vtyd/switchctl"
	"vtyd/themes"
)

// testGateway is a gateway in front of two devices, acc1 and core1, all in this process on
// 127.0.0.1:0, wired as main wires them.
type testGateway struct {
	addr string
	devs map[string]*switchctl.Device
}

// startTestGateway serves acc1 and core1 and the gateway, for alice (admin of every device) and bob
// (operator of acc*), both with the password "secret".
func startTestGateway(t *testing.T) *testGateway {
	t.Helper()
	return startTestGatewayOf(t, gwDevice{name: "acc1"}, gwDevice{name: "core1"})
}

// gwDevice is a device behind a test gateway: a simulated one of a model (the default one for ""),
// or, with down set, one the gateway lists as not serving, for that reason.
type gwDevice struct{ name, model, down string }

// startTestGatewayOf serves devs and the gateway in front of them, as startTestGateway does.
func startTestGatewayOf(t *testing.T, devs ...gwDevice) *testGateway {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	open := func(name, model string) *switchctl.Device {
		d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), Name: name, Model: model, SeedKeys: true, BcryptCost: 4,
			AdminPassword: "secret", NoRSA: true})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tg := &testGateway{devs: map[string]*switchctl.Device{}}
	var behind []*gateway.Device
	for _, dv := range devs {
		if dv.down != "" {
			behind = append(behind, &gateway.Device{Name: dv.name, Model: dv.model, State: dv.down})
			continue
		}
		d := open(dv.name, dv.model)
		srv, err := sshsrv.New(sshsrv.Config{Console: newConsole(d, nil, themes.DefaultName, log)}, d, log)
		if err != nil {
			t.Fatal(err)
		}
		tg.devs[dv.name] = d
		behind = append(behind, &gateway.Device{Name: dv.name, Model: d.Model().ID, Address: serveOn(t, srv), Server: srv})
	}
	hash, err := bcrypt.GenerateFromPassword([]byte("secret"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	users, err := gateway.ParseUsers("users.yml", []byte(`users:
  - {name: alice, role: admin, devices: ["*"], password_hash: "`+string(hash)+`"}
  - {name: bob, role: operator, devices: ["acc*"], password_hash: "`+string(hash)+`"}
`))
	if err != nil {
		t.Fatal(err)
	}
	gd := open(gatewayName, "")
	front := gateway.New(users, behind)
	srv, err := sshsrv.New(sshsrv.Config{Gateway: front, Console: newGatewayConsole(front, nil, nil, themes.DefaultName, log)}, gd, log)
	if err != nil {
		t.Fatal(err)
	}
	tg.addr = serveOn(t, srv)
	return tg
}

// dial logs in to the gateway as user (account@device, or the account alone).
func (tg *testGateway) dial(t *testing.T, user string) *ssh.Client {
	t.Helper()
	c, err := ssh.Dial("tcp", tg.addr, &ssh.ClientConfig{User: user, Auth: []ssh.AuthMethod{ssh.Password("secret")},
		HostKeyCallback: ssh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}) //nolint:gosec // a test server
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// loginOf returns user's login on a VTY line of d, or nil.
func loginOf(d *switchctl.Device, user string) *switchctl.Login {
	for _, l := range d.Logins() {
		if l.Info.User == user && l.Info.Line >= 0 {
			return l
		}
	}
	return nil
}

// waitLogin waits (up to 10 s) until user's VTY login on d is there (want true) or gone.
func waitLogin(t *testing.T, d *switchctl.Device, user string, want bool) *switchctl.Login {
	t.Helper()
	for range 200 {
		if l := loginOf(d, user); (l != nil) == want {
			return l
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s's login on %s: want present=%v", user, d.Sysname(), want)
	return nil
}

// onScreen waits until every text is on the emulated screen, and shows the screen when it is not.
func onScreen(t *testing.T, sh *shell, scr *screen, what string, texts ...string) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		sh.out.mu.Lock()
		changed := sh.out.changed
		sh.out.mu.Unlock()
		text, all := scr.text(), true
		for _, want := range texts {
			all = all && strings.Contains(text, want)
		}
		if all {
			return
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("timed out waiting for %s; the screen:\n%s", what, text)
		}
	}
}

var tuiEnv = map[string]string{sshsrv.EnvConsole: "tui"}

// TestGatewayConsole opens the console on the gateway: on the fleet dashboard for alice, on a
// device for alice@core1. Opening a device logs alice in there on a VTY line, as a shell would;
// :dev moves the login to another device; a device that frees the line sends the console back to
// the dashboard, saying why.
func TestGatewayConsole(t *testing.T) {
	tg := startTestGateway(t)

	t.Run("dashboard, then a device, then another", func(t *testing.T) {
		scr := newScreen(120, 40)
		sh := openShell(t, tg.dial(t, "alice"), "xterm-256color", 120, 40, tuiEnv, scr)
		scr.answer(sh.in)
		onScreen(t, sh, scr, "the fleet dashboard with both devices", "acc1", "core1", "2 devices")
		if l := loginOf(tg.devs["acc1"], "alice"); l != nil {
			t.Fatalf("the dashboard alone holds a login on acc1: %+v", l.Info)
		}
		send(t, sh, "\r") // Enter on the first row: acc1
		onScreen(t, sh, scr, "acc1's console", "<acc1>")
		l := waitLogin(t, tg.devs["acc1"], "alice", true)
		if !strings.HasPrefix(l.Info.Remote, "127.0.0.1:") || len(l.Info.Roles) != 1 || l.Info.Roles[0] != switchctl.RoleAdmin {
			t.Errorf("alice's login on acc1: %+v; want her address and network-admin", l.Info)
		}
		// Keys are activity on the device too: its display users shows the operator's idle time.
		before := l.LastActive()
		time.Sleep(10 * time.Millisecond) // not a wait for something: a key later than the login
		send(t, sh, "1")
		for i := 0; !l.LastActive().After(before); i++ {
			if i == 200 {
				t.Fatal("a key on the console did not touch alice's login on acc1")
			}
			time.Sleep(10 * time.Millisecond)
		}
		typeInto(t, sh, scr, ":dev core1")
		send(t, sh, "\r")
		onScreen(t, sh, scr, "core1's console", "<core1>")
		waitLogin(t, tg.devs["core1"], "alice", true)
		waitLogin(t, tg.devs["acc1"], "alice", false)

		// The device frees the line: back to the dashboard, with the reason.
		loginOf(tg.devs["core1"], "alice").EndWith(switchctl.EndFreed)
		onScreen(t, sh, scr, "the dashboard after free line", "2 devices", switchctl.EndFreed.Message())
		waitLogin(t, tg.devs["core1"], "alice", false)
	})

	t.Run("alice@core1 opens on core1", func(t *testing.T) {
		sh := openShell(t, tg.dial(t, "alice@core1"), "xterm-256color", 120, 40, tuiEnv, nil)
		sh.out.waitFor(t, "core1's CLI prompt", func(raw string) bool { return strings.Contains(raw, "<core1>") })
		waitLogin(t, tg.devs["core1"], "alice", true)
		sh.sess.Close()
		waitLogin(t, tg.devs["core1"], "alice", false)
	})

	t.Run("bob's dashboard lists his devices alone", func(t *testing.T) {
		scr := newScreen(120, 40)
		sh := openShell(t, tg.dial(t, "bob"), "xterm-256color", 120, 40, tuiEnv, scr)
		scr.answer(sh.in)
		onScreen(t, sh, scr, "bob's dashboard", "acc1", "1 devices")
		typeInto(t, sh, scr, ":dev core1")
		send(t, sh, "\r")
		onScreen(t, sh, scr, "the refusal of core1", "no such device, or not one of yours")
		if strings.Contains(scr.text(), "core1 ") {
			t.Errorf("bob's console shows core1:\n%s", scr.text())
		}
		if l := loginOf(tg.devs["core1"], "bob"); l != nil {
			t.Errorf("bob has a login on core1: %+v", l.Info)
		}
	})
}

// typeInto types text a key at a time, as a person does, and waits until it shows: keys and Enter
// in one burst would read as a paste.
func typeInto(t *testing.T, sh *shell, scr *screen, text string) {
	t.Helper()
	for _, k := range text {
		send(t, sh, string(k))
	}
	onScreen(t, sh, scr, "the typed "+text, text)
}

// TestGatewayConsoleOnRealSwitch opens the console through the gateway on a real switch (kind ssh;
// here a device server in-process, reached over SSH): the views read its real output and the CLI
// pane runs on it.
func TestGatewayConsoleOnRealSwitch(t *testing.T) {
	_, rs := startRealSwitch(t)
	hash, err := bcrypt.GenerateFromPassword([]byte("secret"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	users, err := gateway.ParseUsers("users.yml", []byte(`users:
  - {name: alice, role: admin, devices: ["*"], password_hash: "`+string(hash)+`"}
`))
	if err != nil {
		t.Fatal(err)
	}
	gd, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), Name: gatewayName, SeedKeys: true, BcryptCost: 4,
		AdminPassword: "secret", NoRSA: true})
	if err != nil {
		t.Fatal(err)
	}
	front := gateway.New(users, []*gateway.Device{{Name: "real1", Model: "5130-28",
		Remotes: map[gateway.Role]sshsrv.Remote{gateway.RoleAdmin: rs}}})
	log := slog.New(slog.DiscardHandler)
	srv, err := sshsrv.New(sshsrv.Config{Gateway: front, Console: newGatewayConsole(front, nil, nil, themes.DefaultName, log)}, gd, log)
	if err != nil {
		t.Fatal(err)
	}
	tg := &testGateway{addr: serveOn(t, srv)}

	scr := newScreen(120, 40)
	sh := openShell(t, tg.dial(t, "alice@real1"), "xterm-256color", 120, 40, tuiEnv, scr)
	scr.answer(sh.in)
	onScreen(t, sh, scr, "the real switch's console", "real1", "<HPE>", "Release")
	send(t, sh, "2")
	onScreen(t, sh, scr, "its interfaces, read from its output", "GE1/0/1", "28 ports")
}

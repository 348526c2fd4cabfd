package switchctl

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func TestRegisterAndEndAreLogged(t *testing.T) {
	d, _ := logDevice(t)
	shell := d.Register(SessionInfo{User: "admin", Line: 0, Proto: "SSH", Remote: "127.0.0.1:50308"})
	sftp := d.Register(SessionInfo{User: "zzy", Line: -1, Proto: "SFTP", Remote: "192.168.56.1:50309"})
	shell.End()
	shell.End() // a second End neither logs nor panics
	sftp.End()
	want := []string{
		"HPE SHELL/5/SHELL_LOGIN: VTY logged in from 127.0.0.1.",
		"HPE SSHS/6/SSHS_CONNECT: SSH user zzy (IP: 192.168.56.1) connected to the server successfully.",
		"HPE SHELL/5/SHELL_LOGOUT: VTY logged out from 127.0.0.1.",
		"HPE SSHS/6/SSHS_DISCONNECT: SSH user zzy (IP: 192.168.56.1) disconnected from the server.",
	}
	got := d.LogEntries()
	if len(got) != len(want) {
		t.Fatalf("entries:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasSuffix(got[i], want[i]) || !logLine.MatchString(got[i]) {
			t.Errorf("entry %d = %q, want %q", i, got[i], want[i])
		}
	}
	if len(d.Logins()) != 0 {
		t.Fatalf("logins left: %v", d.Logins())
	}
	if !closed(shell.Freed()) {
		t.Fatal("End does not close Freed")
	}
}

func TestLoginsAndActivity(t *testing.T) {
	d, clk := logDevice(t)
	a := d.Register(SessionInfo{User: "a", Line: 2, Proto: "SSH"})
	clk.Advance(time.Minute)
	b := d.Register(SessionInfo{User: "b", Line: -1, Proto: "SCP"})
	ls := d.Logins()
	if len(ls) != 2 || ls[0] != a || ls[1] != b {
		t.Fatalf("Logins = %v", ls)
	}
	if a.Pid() == b.Pid() || a.Pid() <= pidBase {
		t.Fatalf("pids %d %d", a.Pid(), b.Pid())
	}
	if !b.Started.Equal(a.Started.Add(time.Minute)) || !a.LastActive().Equal(a.Started) {
		t.Fatalf("times: %v %v %v", a.Started, b.Started, a.LastActive())
	}
	clk.Advance(time.Minute)
	a.Touch(clk.Now())
	if !a.LastActive().Equal(clk.Now()) {
		t.Fatalf("LastActive %v", a.LastActive())
	}
	if got := b.Info.service(); got != "SCP" {
		t.Fatalf("service %q", got)
	}
}

func TestFreeLine(t *testing.T) {
	d, _ := logDevice(t)
	a := d.Register(SessionInfo{User: "a", Line: 1, Proto: "SSH"})
	b := d.Register(SessionInfo{User: "b", Line: -1, Proto: "SFTP"})
	if err := d.FreeLine(5); !errors.Is(err, ErrNoSuchLine) {
		t.Fatalf("FreeLine(5) = %v", err)
	}
	if err := d.FreeLine(1); err != nil {
		t.Fatal(err)
	}
	if !closed(a.Freed()) || closed(b.Freed()) {
		t.Fatal("FreeLine(1) freed the wrong logins")
	}
	if err := d.FreeLine(1); err != nil { // still registered until the SSH layer calls End
		t.Fatal(err)
	}
	a.End()
	if err := d.FreeLine(1); !errors.Is(err, ErrNoSuchLine) {
		t.Fatalf("after End: %v", err)
	}
	d.freeAll()
	if !closed(b.Freed()) {
		t.Fatal("freeAll left a login")
	}
}

func TestRegistryConcurrent(t *testing.T) {
	d, _ := logDevice(t)
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				l := d.Register(SessionInfo{User: "u", Line: g, Proto: "SSH", Remote: "10.0.0.1:1"})
				_ = d.Logins()
				_ = d.FreeLine(g)
				l.Touch(time.Now())
				l.End()
			}
		}()
	}
	wg.Wait()
	if n := len(d.Logins()); n != 0 {
		t.Fatalf("%d logins left", n)
	}
}

func TestRemoteHost(t *testing.T) {
	for in, want := range map[string]string{"127.0.0.1:22": "127.0.0.1", "[::1]:22": "::1", "10.0.0.1": "10.0.0.1", "": ""} {
		if got := remoteHost(in); got != want {
			t.Errorf("remoteHost(%q) = %q, want %q", in, got, want)
		}
	}
}

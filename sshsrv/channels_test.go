package sshsrv

import (
	"errors"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Payloads of the session requests these tests send by hand (RFC 4254 §6.2, 6.4, 6.7, 6.9).
type (
	ptyReqMsg struct {
		Term                 string
		Cols, Rows, PxW, PxH uint32
		Modes                string
	}
	windowMsg struct{ Cols, Rows, PxW, PxH uint32 }
	envMsg    struct{ Name, Value string }
	signalMsg struct{ Signal string }
)

// openRaw opens a session channel whose requests the test sends itself.
func openRaw(t *testing.T, c *gossh.Client) gossh.Channel {
	t.Helper()
	ch, reqs, err := c.OpenChannel("session", nil)
	if err != nil {
		t.Fatalf("open a session channel: %v", err)
	}
	go gossh.DiscardRequests(reqs)
	return ch
}

// request sends a session request with a reply wanted, within 10 s, and returns the answer.
func request(t *testing.T, ch gossh.Channel, name string, payload any) bool {
	t.Helper()
	type answer struct {
		ok  bool
		err error
	}
	got := make(chan answer, 1)
	go func() {
		ok, err := ch.SendRequest(name, true, gossh.Marshal(payload))
		got <- answer{ok, err}
	}()
	select {
	case a := <-got:
		if a.err != nil {
			t.Fatalf("%s request: %v", name, a.err)
		}
		return a.ok
	case <-time.After(10 * time.Second):
		t.Fatalf("%s request: no answer in 10 s", name)
	}
	return false
}

// liveConns counts the connections the server still serves.
func (e *testEnv) liveConns() int {
	n := 0
	e.srv.conns.Range(func(any, any) bool { n++; return true })
	return n
}

// TestWindowChangesBeforeShell (PROBE H1): a client that asks for a PTY and resizes its window many
// times without ever starting a shell keeps its connection working, and when it leaves the server
// lets the connection go. The library's window-change channel used to fill up, blocking the
// channel's requests, then the whole connection: a second channel got no answer and the connection
// stayed forever with its goroutines and socket.
func TestWindowChangesBeforeShell(t *testing.T) {
	for _, subsystem := range []bool{false, true} {
		name := "no shell"
		if subsystem {
			name = "sftp subsystem"
		}
		t.Run(name, func(t *testing.T) {
			e := startServer(t, Config{}, nil)
			c, err := dial(e.addr, "admin", password("secret"))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			ch := openRaw(t, c)
			if !request(t, ch, "pty-req", ptyReqMsg{Term: "xterm", Cols: 80, Rows: 24}) {
				t.Fatal("pty-req refused")
			}
			if subsystem && !request(t, ch, "subsystem", struct{ Name string }{"sftp"}) {
				t.Fatal("sftp subsystem refused")
			}
			for i := range 40 {
				if _, err := ch.SendRequest("window-change", false, gossh.Marshal(windowMsg{Cols: uint32(81 + i), Rows: 24})); err != nil {
					t.Fatal(err)
				}
			}
			// The connection still answers: a second channel runs a command.
			done := make(chan result, 1)
			go func() { done <- run(t, c, "display clock", "", false) }()
			select {
			case r := <-done:
				if r.status != 0 {
					t.Errorf("display clock on a second channel: status %d", r.status)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("a second channel got no answer after 40 window changes")
			}
			c.Close()
			waitFor(t, "the server to let the connection go", func() bool { return e.liveConns() == 0 })
		})
	}
}

// TestChannelsPerConnection (PROBE H2): one connection holds at most MaxChannels session channels,
// as sshd's MaxSessions; the next is refused with "resource shortage", and closing one makes room.
func TestChannelsPerConnection(t *testing.T) {
	e := startServer(t, Config{MaxChannels: 3}, nil)
	c := mustDial(t, e.addr, "admin", password("secret"))
	var open []gossh.Channel
	for range 3 {
		open = append(open, openRaw(t, c))
	}
	_, _, err := c.OpenChannel("session", nil)
	var oce *gossh.OpenChannelError
	if !errors.As(err, &oce) || oce.Reason != gossh.ResourceShortage {
		t.Fatalf("fourth channel: %v, want it refused with resource shortage", err)
	}
	e.waitLog(t, `ssh channel refused: too many sessions on one connection`)
	// Another connection is not affected.
	other := mustDial(t, e.addr, "admin", password("secret"))
	if r := run(t, other, "display clock", "", false); r.status != 0 {
		t.Errorf("another connection: status %d", r.status)
	}
	open[0].Close()
	waitFor(t, "a channel to be free again", func() bool {
		ch, reqs, err := c.OpenChannel("session", nil)
		if err != nil {
			return false
		}
		go gossh.DiscardRequests(reqs)
		ch.Close()
		return true
	})
}

// TestEnvRequests (PROBE H3): the server keeps only the environment variables it reads, of a
// sensible size and number; everything else is refused, not stored (2,000 requests of 200 KB each
// used to be kept: 381 MiB for one channel).
func TestEnvRequests(t *testing.T) {
	e := startServer(t, Config{}, nil)
	c := mustDial(t, e.addr, "admin", password("secret"))
	ch := openRaw(t, c)
	for _, tc := range []struct {
		name, value string
		ok          bool
	}{
		{"VTYD_CONSOLE", "cli", true},
		{"LANG", "en_US.UTF-8", true},
		{"LC_ALL", "C", true},
		{"COLORTERM", "truecolor", true},
		{"LD_PRELOAD", "/tmp/x.so", false},
		{"PATH", "/bin", false},
		{"LANG", strings.Repeat("x", 200<<10), false},
	} {
		if got := request(t, ch, "env", envMsg{tc.name, tc.value}); got != tc.ok {
			t.Errorf("env %s (%d bytes): accepted %v, want %v", tc.name, len(tc.value), got, tc.ok)
		}
	}
	accepted := 4
	for i := range 2 * maxEnvVars {
		if request(t, ch, "env", envMsg{"LC_X", "y"}) {
			accepted++
		} else if accepted < maxEnvVars {
			t.Fatalf("env request %d refused after %d accepted", i, accepted)
		}
	}
	if accepted != maxEnvVars {
		t.Errorf("%d environment variables accepted, want at most %d", accepted, maxEnvVars)
	}
}

// TestSignalAnswered (PROBE L8): a signal request that wants a reply is answered (no: vtyd acts on
// no signal) instead of leaving the client waiting, and the session goes on.
func TestSignalAnswered(t *testing.T) {
	e := startServer(t, Config{}, nil)
	c := mustDial(t, e.addr, "admin", password("secret"))
	ch := openRaw(t, c)
	if request(t, ch, "signal", signalMsg{"INT"}) {
		t.Error("signal INT: accepted, want refused")
	}
	if !request(t, ch, "exec", struct{ Command string }{"display clock"}) {
		t.Error("exec after a signal was refused")
	}
}

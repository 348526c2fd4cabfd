package switchctl

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func adminSession(d *Device) *Session {
	return d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: 0, Proto: "SSH"})
}

func mustExec(t *testing.T, s *Session, lines ...string) string {
	t.Helper()
	var out bytes.Buffer
	for _, l := range lines {
		if err := s.Exec(context.Background(), l, &out); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
	}
	return out.String()
}

func TestLineTooLongIsNotExecuted(t *testing.T) {
	d := newTestDevice(t)
	s := adminSession(d)
	mustExec(t, s, "system-view")
	long := "sysname " + strings.Repeat("x", MaxLineLen)
	err := s.Exec(context.Background(), long, io.Discard)
	if !errors.Is(err, ErrLineTooLong) {
		t.Fatalf("err = %v, want ErrLineTooLong", err)
	}
	if d.Sysname() != DefaultSysname {
		t.Fatalf("a too-long line ran: sysname %q", d.Sysname())
	}
	if !strings.Contains(Message(err), "511") {
		t.Fatalf("the message does not say the limit: %q", Message(err))
	}
}

func TestCheckReportsFirstBadLineAndRunsNothing(t *testing.T) {
	d := newTestDevice(t)
	s := adminSession(d)
	batch := []string{"system-view", "header motd %", "multi-line banner", "%", "vlan 30", " name Voice",
		"interface g1/0/7", " port link-type trunk", " port trunk permit vlan 30", " port access vlan 9999", "quit"}
	i, err := s.Check(batch)
	var pe *ParseError
	if i != 9 || !errors.As(err, &pe) || pe.Kind != WrongParam {
		t.Fatalf("Check = %d, %v; want line 9 (index), Wrong parameter", i, err)
	}
	if s.View().Kind != ViewUser {
		t.Fatalf("Check moved the session to %v", s.View())
	}
	if strings.Contains(d.CurrentConfig(), "vlan 30") {
		t.Fatal("Check executed a line")
	}
	if i, err := s.Check(batch[:9]); i != -1 || err != nil {
		t.Fatalf("good batch: %d, %v", i, err)
	}
}

func TestCompleteAndCtrlZ(t *testing.T) {
	d := newTestDevice(t)
	s := adminSession(d)
	if got, _ := s.Complete("dis cur"); got != "dis current-configuration " {
		t.Fatalf("Complete = %q", got)
	}
	if got, cands := s.Complete("s"); got != "s" || len(cands) < 2 {
		t.Fatalf("ambiguous Complete = %q %v", got, cands)
	}
	mustExec(t, s, "system-view", "interface g1/0/1")
	if got, _ := s.Complete("port link-type tr"); got != "port link-type trunk " {
		t.Fatalf("Complete = %q", got)
	}
	if got, _ := s.Complete("interface Gig"); got != "interface GigabitEthernet " {
		t.Fatalf("interface type Complete = %q", got)
	}
	s.CtrlZ()
	if p := s.Prompt(); p != "<HPE>" {
		t.Fatalf("after Ctrl+Z prompt %q", p)
	}
}

func TestScreenLengthAndHistory(t *testing.T) {
	d := newTestDevice(t)
	s := adminSession(d)
	if s.ScreenLength() != 24 {
		t.Fatalf("default screen length %d", s.ScreenLength())
	}
	mustExec(t, s, "screen-length disable")
	if s.ScreenLength() != 0 {
		t.Fatal("screen-length disable did not disable paging")
	}
	mustExec(t, s, "undo screen-length disable", "dis ver", "dis ver", "display vlan")
	_ = s.Exec(context.Background(), "bogus", io.Discard)
	out := mustExec(t, s, "display history-command")
	want := "  screen-length disable\n  undo screen-length disable\n  dis ver\n  display vlan\n"
	if out != want {
		t.Fatalf("history:\n%s\nwant:\n%s", out, want)
	}
}

// TestSessionsSeeEachOther: many sessions change the device at once and each sees the others' changes.
func TestSessionsSeeEachOther(t *testing.T) {
	d := newTestDevice(t)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s := adminSession(d)
			for k := 0; k < 20; k++ {
				id := 100 + w*20 + k
				var out bytes.Buffer
				_ = s.Exec(context.Background(), "system-view", &out)
				if err := s.Exec(context.Background(), "vlan "+strconv.Itoa(id), &out); err != nil {
					t.Error(err)
				}
				_ = s.Exec(context.Background(), "display vlan brief", &out)
				_ = s.Exec(context.Background(), "return", &out)
			}
		}(w)
	}
	wg.Wait()
	out := mustExec(t, adminSession(d), "display vlan")
	if !strings.Contains(out, "100-259") {
		t.Fatalf("another session does not see all VLANs:\n%s", out)
	}
}

func TestPasswordsStayOutOfHistory(t *testing.T) {
	s := adminSession(newTestDevice(t))
	mustExec(t, s, "system-view", "local-user bob", "password simple Secret-123", "quit")
	if out := mustExec(t, s, "display history-command"); strings.Contains(out, "Secret-123") {
		t.Fatalf("a password is in the history:\n%s", out)
	}
}

func TestRefusedParentCommandKeepsTheView(t *testing.T) {
	s := adminSession(newTestDevice(t))
	mustExec(t, s, "system-view", "interface g1/0/1")
	if err := s.Exec(context.Background(), "undo vlan 1", io.Discard); err == nil {
		t.Fatal("undo vlan 1 succeeded")
	}
	if v := s.View(); v.Kind != ViewIfPort {
		t.Fatalf("a refused system-view command moved the session to %+v", v)
	}
}

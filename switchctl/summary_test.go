package switchctl

import (
	"regexp"
	"testing"
	"time"
)

// The dashboard's glance follows what the operator does: a shut port counts down, a change is
// unsaved until save, an error log line sets the level for an hour.
func TestSummaryFollowsTheDevice(t *testing.T) {
	r := newSimRig(t, Options{})
	before := r.d.Summary()
	if before.Model != r.d.Model().ID || before.PortsUp+before.PortsDown == 0 {
		t.Fatalf("summary of a new device: %+v", before)
	}
	r.run("save force")
	if s := r.d.Summary(); s.Unsaved {
		t.Fatalf("unsaved right after save force: %+v", s)
	}
	if out := r.run("display interface brief"); !regexp.MustCompile(`(?m)^GE1/0/1 +UP `).MatchString(out) {
		t.Fatalf("GE1/0/1 is not up to begin with:\n%s", out)
	}
	r.run("system-view", "interface GigabitEthernet1/0/1", "shutdown", "return")
	after := r.d.Summary()
	if !after.Unsaved {
		t.Errorf("a shutdown not saved is not reported unsaved: %+v", after)
	}
	if after.PortsDown != before.PortsDown+1 || after.PortsUp != before.PortsUp-1 {
		t.Errorf("shutdown of an up port: ports %d up %d down, were %d up %d down",
			after.PortsUp, after.PortsDown, before.PortsUp, before.PortsDown)
	}
	if after.PortsUp+after.PortsDown != before.PortsUp+before.PortsDown {
		t.Errorf("port count changed: %+v -> %+v", before, after)
	}
	r.run("save force")
	if s := r.d.Summary(); s.Unsaved {
		t.Fatalf("unsaved after the second save: %+v", s)
	}

	r.d.ResetLogBuffer()
	if s := r.d.Summary(); s.LogLevel != -1 {
		t.Fatalf("log level of an empty buffer = %d, want -1", s.LogLevel)
	}
	r.d.Logf("TEST", SevError, "TEST_ERR", "something broke")
	r.d.Logf("TEST", SevInformational, "TEST_INFO", "something happened")
	if s := r.d.Summary(); s.LogLevel != SevError {
		t.Fatalf("log level = %d, want %d (error)", s.LogLevel, SevError)
	}
	r.clock.Advance(recentLogs + time.Minute)
	if s := r.d.Summary(); s.LogLevel != -1 {
		t.Fatalf("log level an hour later = %d, want -1", s.LogLevel)
	}
}

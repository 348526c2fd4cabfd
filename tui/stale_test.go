package tui

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"
)

// failingShell is a Shell whose commands fail once told to: a switch that stopped answering.
type failingShell struct {
	Shell
	fail *atomic.Bool
}

func (s failingShell) Exec(ctx context.Context, line string, w io.Writer) error {
	if s.fail.Load() {
		return errors.New("remote: core1: timed out waiting for the device")
	}
	return s.Shell.Exec(ctx, line, w)
}

// failingBackend reads through failingShells.
type failingBackend struct {
	*SwitchBackend
	fail *atomic.Bool
}

func (b failingBackend) Console() Shell { return failingShell{b.SwitchBackend.Console(), b.fail} }

// TestStaleDataMarked: when the device stops answering, the view keeps what it last read and says
// it is stale, from when, and why.
func TestStaleDataMarked(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	var fail atomic.Bool
	m := New(failingBackend{f.m.b.(*SwitchBackend), &fail}, f.m.opt)
	f.setModel(m)
	f.run(f.m.initCmds()...)
	f.key("2")
	if !strings.Contains(f.screen(), "GE1/0/1") || strings.Contains(f.screen(), "stale") {
		t.Fatalf("the Interfaces view before the failure:\n%s", f.screen())
	}
	fail.Store(true)
	f.m.data.stale[resIfBrief] = true // a change seen: the view reads again
	f.run(f.m.fetch(f.m.staleNeeded()...))
	screen := f.screen()
	if !strings.Contains(screen, "stale, as read at ") || !strings.Contains(screen, "remote: core1: timed out") ||
		!strings.Contains(screen, "GE1/0/1") {
		t.Errorf("after the device stopped answering:\n%s", screen)
	}
}

package sshsrv

import "testing"

func TestVTYLines(t *testing.T) {
	v := newVTYLines(2)
	l0, free0, ok0 := v.take()
	l1, _, ok1 := v.take()
	if !ok0 || !ok1 || l0 != 0 || l1 != 1 {
		t.Fatalf("took %d,%v and %d,%v; want lines 0 and 1", l0, ok0, l1, ok1)
	}
	if _, _, ok := v.take(); ok {
		t.Fatal("a third line out of two")
	}
	free0()
	free0() // freeing twice is harmless
	if l, _, ok := v.take(); !ok || l != 0 {
		t.Errorf("after freeing line 0 took %d,%v; want 0", l, ok)
	}
	if _, _, ok := v.take(); ok {
		t.Error("a double free made a line available twice")
	}
}

package linecli

import (
	"sync"
	"testing"

	"vtyd/switchctl"
)

// TestLineCLIPasteIsOneOperation: the lines of one paste reach the session's observer (the gateway's
// audit) under one paste id, bracketed or a burst; a typed line, and a line of the next paste, do
// not share it.
func TestLineCLIPasteIsOneOperation(t *testing.T) {
	for _, tc := range pasteWays() {
		t.Run(tc.name, func(t *testing.T) {
			l := startCLI(t, Options{BracketedPaste: tc.bracket})
			var mu sync.Mutex
			var ran []switchctl.Ran
			l.s.Observe(func(r switchctl.Ran) { mu.Lock(); ran = append(ran, r); mu.Unlock() })
			l.send(t, "system-view\r")
			l.out.WaitFor(t, "[HPE]")
			l.send(t, tc.wrap("vlan 10\r\nname ten\r\nquit\r\n"))
			l.out.WaitFor(t, "[HPE-vlan10]")
			l.out.WaitFor(t, "[HPE]")
			l.send(t, tc.wrap("vlan 20\rquit\r"))
			l.out.WaitFor(t, "[HPE-vlan20]")
			l.out.WaitFor(t, "[HPE]")
			l.send(t, "display clock\r")
			l.out.WaitFor(t, "UTC")
			l.out.WaitFor(t, "[HPE]")
			l.end(t)

			mu.Lock()
			defer mu.Unlock()
			var lines, ids []string
			for _, r := range ran {
				lines, ids = append(lines, r.Line), append(ids, r.Paste)
			}
			if len(ran) < 7 {
				t.Fatalf("observed %q", lines)
			}
			first, second := ids[1], ids[4]
			if ids[0] != "" || ids[6] != "" {
				t.Errorf("typed lines carry a paste id: %q %q", ids[0], ids[6])
			}
			if first == "" || ids[2] != first || ids[3] != first {
				t.Errorf("the first paste's lines %q have ids %q, want one id", lines[1:4], ids[1:4])
			}
			if second == "" || ids[5] != second || second == first {
				t.Errorf("the second paste's lines %q have ids %q, want one id of their own", lines[4:6], ids[4:6])
			}
		})
	}
}

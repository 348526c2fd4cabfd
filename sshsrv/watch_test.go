package sshsrv

import (
	"fmt"
	"strings"
	"testing"
)

// TestPanicEndsOnlyItsSession: a panic while serving one session's bytes (here, in the console)
// ends that session alone, logged with its stack; another session on the same connection and new
// logins go on, and the panicking session's VTY line is free again.
func TestPanicEndsOnlyItsSession(t *testing.T) {
	console := ConsoleFunc(func(c *ConsoleSession) int {
		fmt.Fprintln(c.SSH, "READY")
		buf := make([]byte, 1)
		if _, err := c.In.Read(buf); err == nil && buf[0] == '!' {
			panic("a decoder met a byte it did not expect")
		}
		return 0
	})
	e := startServer(t, Config{Console: console}, nil)
	c := mustDial(t, e.addr, "admin", password("secret"))
	cli := openShell(t, c, "vt100") // the line CLI, on the same connection
	cli.out.WaitFor(t, "<HPE>")

	victim := openShell(t, c, "xterm")
	victim.out.WaitFor(t, "READY")
	victim.send(t, "!")
	if status := victim.wait(t); status == 0 {
		t.Error("the panicking session ended with status 0")
	}
	e.waitLog(t, `panic: session closed in=session .*panic="a decoder met a byte it did not expect" stack=`)

	cli.send(t, "display clock\r")
	cli.out.WaitFor(t, "<HPE>")
	other := mustDial(t, e.addr, "admin", password("secret"))
	if r := run(t, other, "display users", "", false); r.status != 0 || strings.Contains(r.stdout, "VTY 1") {
		t.Errorf("after the panic: status %d, users (VTY 1 should be free):\n%s", r.status, r.stdout)
	}
	cli.send(t, "quit\r")
	cli.wait(t)
}

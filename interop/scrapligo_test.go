package interop

import (
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/platform"
	"github.com/scrapli/scrapligo/transport"
)

// scrapligoTimeout bounds each scrapligo operation (connect, each command, close). The line CLI
// answers in milliseconds once it is served; an Open that lands on the console instead waits for
// a prompt that never comes and fails after it.
const scrapligoTimeout = 15 * time.Second

// openScrapligo opens admin's session with scrapligo v1's hp_comware platform on its standard
// transport (x/crypto's client, a PTY with TERM=xterm, never answering terminal queries), as the
// scrapligo README shows it: password, host key not checked, the port.
func openScrapligo(t *testing.T, v *vtyd) (*network.Driver, error) {
	t.Helper()
	port, err := strconv.Atoi(v.port)
	if err != nil {
		t.Fatal(err)
	}
	p, err := platform.NewPlatform("hp_comware", "127.0.0.1",
		options.WithTransportType(transport.StandardTransport),
		options.WithPort(port),
		options.WithAuthUsername("admin"),
		options.WithAuthPassword(adminPassword),
		options.WithAuthNoStrictKey(),
		options.WithTimeoutSocket(scrapligoTimeout),
		options.WithTimeoutOps(scrapligoTimeout),
	)
	if err != nil {
		t.Fatalf("hp_comware platform: %v", err)
	}
	d, err := p.GetNetworkDriver()
	if err != nil {
		t.Fatalf("hp_comware network driver: %v", err)
	}
	return d, d.Open()
}

// TestScrapligo is issue 10 point 6: scrapligo (v1.4.3, the Go network-automation library) asks
// for a PTY with TERM=xterm and expects the Comware prompt. vtyd asks an xterm-like PTY for its
// device attributes; scrapligo never answers (its first bytes are a return, sent to find the
// prompt), so it gets the line CLI. Then what an automation engineer does with it: Open (its
// on-open `screen-length disable`), SendCommand, SendConfigs in system-view, a misspelt command
// flagged as failed on Comware's error text, Close. Routed to the console instead (the user's
// `console-mode tui`, or a probe that took the silence for a terminal), Open fails with scrapligo's
// "channel timeout fetching prompt".
func TestScrapligo(t *testing.T) {
	v := startVtyd(t)
	start := time.Now()
	d, err := openScrapligo(t, v)
	if err != nil {
		t.Fatalf("Open: %v (an xterm PTY that never answers the terminal query must get the line CLI)", err)
	}
	t.Logf("scrapligo: opened in %.1f s", time.Since(start).Seconds())
	closed := false
	defer func() {
		if !closed {
			_ = d.Close()
		}
	}()
	v.waitLog(t, `ssh shell: line CLI session=\d+ user=admin remote=127\.0\.0\.1:\d+ .*pty=true term=xterm$`)
	if d.CurrentPriv != "exec" {
		t.Errorf("after Open scrapligo is at privilege level %q, want exec (the <HPE> prompt)", d.CurrentPriv)
	}
	if prompt, err := d.GetPrompt(); err != nil || prompt != "<HPE>" {
		t.Errorf("GetPrompt() = %q, %v; want <HPE>", prompt, err)
	}

	r, err := d.SendCommand("display version")
	if err != nil {
		t.Fatalf("SendCommand(display version): %v", err)
	}
	if r.Failed != nil || !strings.HasPrefix(r.Result, "HPE Comware Software, Version 7.1.070") ||
		strings.Contains(r.Result, "<HPE>") {
		t.Errorf("SendCommand(display version): failed %v, result %q; want the version text alone", r.Failed, r.Result)
	}

	mr, err := d.SendConfigs([]string{"vlan 42", "name scrapli"})
	if err != nil {
		t.Fatalf("SendConfigs: %v", err)
	}
	if mr.Failed != nil || len(mr.Responses) != 2 {
		t.Errorf("SendConfigs: failed %v, %d responses; want 2 that succeed", mr.Failed, len(mr.Responses))
	}
	for _, r := range mr.Responses {
		if strings.Contains(r.Result, "% ") {
			t.Errorf("SendConfigs %q: %q", r.Input, r.Result)
		}
	}
	if d.CurrentPriv != "configuration" {
		t.Errorf("after SendConfigs scrapligo is at privilege level %q, want configuration ([HPE-vlan42])", d.CurrentPriv)
	}
	r, err = d.SendCommand("display vlan 42") // SendCommand goes back to user view first
	if err != nil || r.Failed != nil || !strings.Contains(r.Result, "Name: scrapli") {
		t.Errorf("SendCommand(display vlan 42) after SendConfigs: %v, failed %v, result %q", err, r.Failed, r.Result)
	}

	r, err = d.SendCommand("display versoin")
	if err != nil {
		t.Fatalf("SendCommand(display versoin): %v", err)
	}
	if r.Failed == nil || !strings.Contains(r.Result, "% Unrecognized command found at '^' position.") {
		t.Errorf("SendCommand(display versoin): failed %v, result %q; want a failure on Comware's error text", r.Failed, r.Result)
	}

	closed = true
	// Close sends quit, which ends the session on vtyd as on a switch; scrapligo then closes the
	// SSH session and, when the switch has closed it first, gets io.EOF and leaves its connection
	// open (transport.Standard.Close returns before closing the client). That is scrapligo's, and
	// the same against a real switch; vtyd closes such a connection when it shuts down.
	if err := d.Close(); err != nil && !errors.Is(err, io.EOF) {
		t.Errorf("Close: %v", err)
	}
	v.waitLog(t, `ssh session ended session=\d+ user=admin remote=127\.0\.0\.1:\d+ mode=shell status=0$`)
	if out := v.exec(t, "display vlan 42"); !regexp.MustCompile(`(?m)^ *Name: scrapli\r?$`).MatchString(out) {
		t.Errorf("display vlan 42 after scrapligo closed:\n%s", out)
	}
}

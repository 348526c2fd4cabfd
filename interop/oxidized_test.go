package interop

import (
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Prompt patterns of the tools that read vtyd's shell (../shared/comware/FACTS.md §1.1), each
// applied as the tool applies it to one line. scrapli's config pattern is
// ^(?=\[[a-z0-9.\-_@/:]{1,64}\]$).*$, a lookahead RE2 lacks, written here without it.
var (
	oxidizedPrompt      = regexp.MustCompile(`^\x00*(<[\w\s.-]+>|Accounting completed successfully\.).?$`)
	scrapliUserPrompt   = regexp.MustCompile(`(?i)^<[a-z0-9.\-_@()/:]{1,48}>\s*$`)
	scrapliConfigPrompt = regexp.MustCompile(`(?i)^\[[a-z0-9.\-_@/:]{1,64}\]$`)
	anyPrompt           = regexp.MustCompile(`(<[^<>\r\n]+>|\[[^\[\]\r\n]+\])$`)
)

// ptyShell is a shell on a vt100 PTY, read the way screen-scraping tools read it: send a line,
// wait for the output to end in a prompt.
type ptyShell struct {
	sess *gossh.Session
	in   io.Writer

	mu   sync.Mutex
	buf  strings.Builder
	mark int           // start of the output not yet returned
	grew chan struct{} // closed and replaced at every read
	eof  bool
}

// openPTYShell logs in as admin with the password and starts a shell on a vt100 PTY, cols wide
// and 24 rows high.
func openPTYShell(t *testing.T, v *vtyd, cols int) *ptyShell {
	t.Helper()
	return openPTYShellAs(t, v, "admin", cols, 24)
}

// openPTYShellAs is openPTYShell as user (with the admin password), on a PTY of cols by rows.
func openPTYShellAs(t *testing.T, v *vtyd, user string, cols, rows int) *ptyShell {
	t.Helper()
	c := v.dial(t, user, adminPassword)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("vt100", rows, cols, gossh.TerminalModes{gossh.ECHO: 1}); err != nil {
		t.Fatal(err)
	}
	in, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	p := &ptyShell{sess: s, in: in, grew: make(chan struct{})}
	go p.read(out)
	return p
}

func (p *ptyShell) read(r io.Reader) {
	b := make([]byte, 32<<10)
	for {
		n, err := r.Read(b)
		p.mu.Lock()
		p.buf.Write(b[:n])
		if err != nil {
			p.eof = true
		}
		close(p.grew)
		p.grew = make(chan struct{})
		p.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// next waits (up to 15 s) until the output ends in a prompt, or the session ends, and returns
// the output since the last call.
func (p *ptyShell) next(t *testing.T) string {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		p.mu.Lock()
		out, grew, eof := p.buf.String()[p.mark:], p.grew, p.eof
		if anyPrompt.MatchString(out) || eof {
			p.mark += len(out)
			p.mu.Unlock()
			return out
		}
		p.mu.Unlock()
		select {
		case <-grew:
		case <-deadline:
			t.Fatalf("no prompt within 15 s; output so far: %q", out)
		}
	}
}

// send types line and returns its echo, the output and the prompt that follows, checked as
// Oxidized reads a reply: the first line is the command's echo, the last the prompt.
func (p *ptyShell) send(t *testing.T, line string) (body, prompt string) {
	t.Helper()
	if _, err := io.WriteString(p.in, line+"\n"); err != nil {
		t.Fatalf("send %q: %v", line, err)
	}
	out := p.next(t)
	lines := strings.Split(out, "\r\n")
	if lines[0] != line {
		t.Errorf("%q: the reply does not start with the echo line %q: %q", line, line+"\r\n", out)
	}
	if len(lines) < 2 {
		return "", ""
	}
	return strings.Join(lines[1:len(lines)-1], "\n"), lines[len(lines)-1]
}

// checkNoPromptLines reports output lines that a tool's prompt pattern would take for the prompt,
// ending the command's output there.
func checkNoPromptLines(t *testing.T, cmd, body string, patterns ...*regexp.Regexp) {
	t.Helper()
	for _, l := range strings.Split(body, "\n") {
		for _, re := range patterns {
			if re.MatchString(l) {
				t.Errorf("%s: output line %q matches the prompt pattern %s", cmd, l, re)
			}
		}
	}
}

// TestOxidizedBackup runs Oxidized's comware model over a PTY shell as Oxidized's SSH input opens
// it (net-ssh: a vt100 PTY of 80x24, password authentication): after login `screen-length
// disable` and `undo terminal monitor`, then `display version`, `display device` and `display
// current-configuration`, then `quit`. Every prompt must match Oxidized's and scrapli's user-view
// patterns, no output line may (Oxidized stops reading at the first line that matches), and the
// configuration comes whole, with no pager.
func TestOxidizedBackup(t *testing.T) {
	v := startVtyd(t)
	p := openPTYShell(t, v, 80)
	first := p.next(t)
	if first != "\r\n<HPE>" {
		t.Errorf("after login the shell shows %q, want \"\\r\\n<HPE>\"", first)
	}
	checkPrompt := func(cmd, prompt string) {
		t.Helper()
		if !oxidizedPrompt.MatchString(prompt) || !scrapliUserPrompt.MatchString(prompt) {
			t.Errorf("%s: prompt %q does not match Oxidized's %s and scrapli's %s", cmd, prompt, oxidizedPrompt, scrapliUserPrompt)
		}
	}
	checkPrompt("login", strings.TrimPrefix(first, "\r\n"))
	outputs := map[string]string{}
	for _, cmd := range []string{"screen-length disable", "undo terminal monitor", "display version", "display device",
		"display current-configuration"} {
		body, prompt := p.send(t, cmd)
		checkPrompt(cmd, prompt)
		checkNoPromptLines(t, cmd, body, oxidizedPrompt)
		if strings.Contains(body, "More") || strings.Contains(body, "%") {
			t.Errorf("%s: output has a pager or an error:\n%s", cmd, body)
		}
		outputs[cmd] = body
	}
	if !strings.HasPrefix(outputs["display version"], "HPE Comware Software, Version 7.1.070") {
		t.Errorf("display version:\n%s", outputs["display version"])
	}
	if !strings.Contains(outputs["display device"], "Slot Type") {
		t.Errorf("display device:\n%s", outputs["display device"])
	}
	cfg := outputs["display current-configuration"]
	if !strings.HasPrefix(cfg, "#\n version 7.1.070") || !strings.Contains(cfg, "\n sysname HPE\n") ||
		!strings.Contains(cfg, "\ninterface Ten-GigabitEthernet1/0/28\n") || !strings.HasSuffix(cfg, "\nreturn") {
		t.Errorf("display current-configuration is not whole:\n%s", cfg)
	}
	if _, err := io.WriteString(p.in, "quit\n"); err != nil {
		t.Fatal(err)
	}
	if out := p.next(t); out != "quit\r\n" {
		t.Errorf("quit: %q", out)
	}
	if err := p.sess.Wait(); err != nil {
		t.Errorf("the session did not end with exit status 0 after quit: %v", err)
	}
}

// TestScrapliPrompts walks the views scrapli's hp_comware driver uses over a PTY shell of the 256
// columns it asks for: its on_open `screen-length disable`, system-view and nested views (config
// prompt), return (user prompt), and the error text it fails on.
func TestScrapliPrompts(t *testing.T) {
	v := startVtyd(t)
	p := openPTYShell(t, v, 256)
	if got := p.next(t); !scrapliUserPrompt.MatchString(strings.TrimPrefix(got, "\r\n")) {
		t.Errorf("login prompt %q does not match scrapli's %s", got, scrapliUserPrompt)
	}
	for _, step := range []struct {
		cmd    string
		prompt string
		re     *regexp.Regexp
	}{
		{"screen-length disable", "<HPE>", scrapliUserPrompt},
		{"system-view", "[HPE]", scrapliConfigPrompt},
		{"vlan 10", "[HPE-vlan10]", scrapliConfigPrompt},
		{"interface GigabitEthernet1/0/1", "[HPE-GigabitEthernet1/0/1]", scrapliConfigPrompt},
		{"interface range GigabitEthernet1/0/2 to GigabitEthernet1/0/3", "[HPE-if-range]", scrapliConfigPrompt},
		{"line vty 0 63", "[HPE-line-vty0-63]", scrapliConfigPrompt},
		{"quit", "[HPE]", scrapliConfigPrompt},
		{"return", "<HPE>", scrapliUserPrompt},
	} {
		_, prompt := p.send(t, step.cmd)
		if prompt != step.prompt || !step.re.MatchString(prompt) {
			t.Errorf("%s: prompt %q, want %q matching scrapli's %s", step.cmd, prompt, step.prompt, step.re)
		}
	}
	body, prompt := p.send(t, "dispaly version")
	if !strings.Contains(body, "% Unrecognized command found at '^' position.") || prompt != "<HPE>" {
		t.Errorf("a misspelt command: %q then %q, want scrapli's failed_when_contains text", body, prompt)
	}
}

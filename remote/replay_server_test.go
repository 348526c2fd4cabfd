package remote

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/crypto/ssh"
)

// ntcFixtures holds real devices' output that automation parses (../shared/ntc-templates).
const ntcFixtures = "../../shared/ntc-templates/fixtures"

// The login banner of an H3C switch (FACTS.md, "Pre-login banner on H3C").
const h3cBanner = "******************************************************************************\r\n" +
	"* Copyright (c) 2004-2021 New H3C Technologies Co., Ltd. All rights reserved.*\r\n" +
	"* Without the owner's prior written consent,                                 *\r\n" +
	"* no decompiling or reverse-engineering shall be allowed.                    *\r\n" +
	"******************************************************************************\r\n\r\n"

// Comware's pager (FACTS.md §1.5): the prompt, and its erasure once a key is pressed.
const (
	morePrompt = "  ---- More ----"
	moreErase  = "\x1b[16D                \x1b[16D"
)

// recordedOutput maps display commands to real Comware output: ntc-templates fixtures, and the
// FACTS.md samples the tui readers are tested with.
func recordedOutput(t testing.TB) map[string]string {
	t.Helper()
	files := map[string]string{
		"display interface brief":                "display_interface_brief/hp_comware_display_interface_brief.raw",
		"display vlan brief":                     "display_vlan_brief/hp_comware_display_vlan_brief.raw",
		"display vlan all":                       "display_vlan_all/hp_comware_display_vlan_all.raw",
		"display arp":                            "display_arp/hp_comware_display_arp.raw",
		"display mac-address":                    "display_mac-address/hp_comware_display_mac-address.raw",
		"display lldp neighbor-information list": "display_lldp_neighbor-information_list/hp_comware_display_lldp_neighbor-information_list.raw",
		"display ip routing-table":               "display_ip_routing-table/hp_comware_display_ip_routing-table.raw",
		"display version":                        "readers:facts-version.txt",
		"display users":                          "readers:facts-users.txt",
	}
	out := map[string]string{}
	for cmd, f := range files {
		path := filepath.Join(ntcFixtures, f)
		own, isOwn := strings.CutPrefix(f, "readers:")
		if isOwn {
			path = filepath.Join("../tui/readers/testdata", own)
		}
		b, err := os.ReadFile(path)
		if os.IsNotExist(err) && !isOwn {
			t.Skipf("ntc-templates fixtures are missing (../shared beside the repository): %v", err)
		}
		if err != nil {
			t.Fatal(err)
		}
		// A device ends its output with a line end before the prompt; some fixtures lost the last one.
		out[cmd] = strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") + "\n"
	}
	out["display current-configuration"] = "#\n version 7.1.070, Release 3506P06\n#\n sysname H3C\n#\nvlan 1\n#\n" +
		"interface GigabitEthernet1/0/1\n port link-mode bridge\n#\nreturn\n"
	return out
}

// replayServer plays a Comware 7 switch over SSH from recorded output: banner, prompts of the user,
// system and interface views, echo with \r\n, `screen-length disable` (or its refusal, then the
// pager), `%` errors with their caret, the `save` dialog, `?` and Tab, and misbehaviour on demand:
// `hang` never answers, `die` closes the connection in the middle of its output.
type replayServer struct {
	t        testing.TB
	ln       net.Listener
	cfg      *ssh.ServerConfig
	key      ssh.Signer
	answers  map[string]string
	sysname  string
	refuseSL bool // answer `screen-length disable` with an error, as some old releases do
	pageLen  int  // lines per screen while paging

	conns    atomic.Int32  // connections accepted
	sessions atomic.Int32  // shell sessions open now
	maxSess  atomic.Int32  // most shell sessions open at once
	opened   atomic.Int32  // shell sessions opened in all
	gone     chan struct{} // a connection ended
	thaw     chan struct{} // closed at the end of the test: frozen connections end
	logReads chan struct{} // `display logbuffer` was answered

	mu     sync.Mutex
	live   []net.Conn
	logbuf []string
}

// freezeConn stops reading from the client once frozen is set: the device hangs with its TCP connection open, answering nothing (not even keepalives).
type freezeConn struct {
	net.Conn
	frozen atomic.Bool
	thaw   chan struct{} // closed when the test ends
}

func (c *freezeConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if c.frozen.Load() { // what arrived after the freeze is never seen
		<-c.thaw
		return 0, net.ErrClosed
	}
	return n, err
}

// freezeAll makes every open connection hang; new ones work.
func (r *replayServer) freezeAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.live {
		if fc, ok := c.(*freezeConn); ok {
			fc.frozen.Store(true)
		}
	}
}

func newReplayServer(t testing.TB) *replayServer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	r := &replayServer{t: t, key: key, answers: recordedOutput(t), sysname: "H3C", pageLen: 24, gone: make(chan struct{}, 1000),
		logReads: make(chan struct{}, 1), thaw: make(chan struct{})}
	r.cfg = &ssh.ServerConfig{
		PasswordCallback: func(c ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
			if string(pw) == "secret" {
				return nil, nil
			}
			return nil, fmt.Errorf("wrong password")
		},
		ServerVersion: "SSH-2.0-Comware-7.1.070",
	}
	r.cfg.AddHostKey(key)
	r.ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go r.serve()
	t.Cleanup(func() { close(r.thaw); r.ln.Close(); r.dropAll() })
	return r
}

// target is how the tests reach the replay server.
func (r *replayServer) target() Target {
	return Target{Name: "core1", Addr: r.ln.Addr().String(), User: "admin",
		Auth:    []ssh.AuthMethod{ssh.Password("secret")},
		HostKey: HostKeyPinned("core1", []string{ssh.FingerprintSHA256(r.key.PublicKey())})}
}

// dropAll cuts every connection, as a switch reboot does.
func (r *replayServer) dropAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.live {
		c.Close()
	}
	r.live = nil
}

func (r *replayServer) addLog(line string) {
	r.mu.Lock()
	r.logbuf = append(r.logbuf, line)
	r.mu.Unlock()
}

func (r *replayServer) serve() {
	for {
		nc, err := r.ln.Accept()
		if err != nil {
			return
		}
		r.conns.Add(1)
		fc := &freezeConn{Conn: nc, thaw: r.thaw}
		r.mu.Lock()
		r.live = append(r.live, fc)
		r.mu.Unlock()
		go r.handle(fc)
	}
}

func (r *replayServer) handle(nc net.Conn) {
	defer func() {
		nc.Close()
		select {
		case r.gone <- struct{}{}:
		default:
		}
	}()
	sc, chans, reqs, err := ssh.NewServerConn(nc, r.cfg)
	if err != nil {
		return
	}
	defer sc.Close()
	go ssh.DiscardRequests(reqs)
	for nch := range chans {
		if nch.ChannelType() != "session" {
			nch.Reject(ssh.UnknownChannelType, "no")
			continue
		}
		ch, creqs, err := nch.Accept()
		if err != nil {
			return
		}
		go r.session(ch, creqs, sc)
	}
}

func (r *replayServer) session(ch ssh.Channel, reqs <-chan *ssh.Request, sc *ssh.ServerConn) {
	defer ch.Close()
	for req := range reqs {
		switch req.Type {
		case "pty-req", "env", "window-change":
			req.Reply(true, nil)
		case "shell":
			req.Reply(true, nil)
			go func() {
				for req := range reqs {
					req.Reply(req.Type == "window-change", nil)
				}
			}()
			r.opened.Add(1)
			n := r.sessions.Add(1)
			for m := r.maxSess.Load(); n > m && !r.maxSess.CompareAndSwap(m, n); m = r.maxSess.Load() {
			}
			defer r.sessions.Add(-1)
			(&replayCLI{r: r, ch: ch, sc: sc, paging: true}).run()
			return
		default:
			req.Reply(false, nil)
		}
	}
}

// replayCLI is one shell on the replay switch.
type replayCLI struct {
	r      *replayServer
	ch     ssh.Channel
	sc     *ssh.ServerConn
	views  []string // below user view
	paging bool
	line   []rune
}

func (c *replayCLI) prompt() string {
	switch len(c.views) {
	case 0:
		return "<" + c.r.sysname + ">"
	case 1:
		return "[" + c.r.sysname + "]"
	}
	return "[" + c.r.sysname + "-" + c.views[len(c.views)-1] + "]"
}

func (c *replayCLI) send(s string) { io.WriteString(c.ch, s) }

// key reads one byte of input; false at the end of the input.
func (c *replayCLI) key() (byte, bool) {
	var b [1]byte
	if _, err := io.ReadFull(c.ch, b[:]); err != nil {
		return 0, false
	}
	return b[0], true
}

// readLine reads an answer line with echo (for dialogs).
func (c *replayCLI) readLine() (string, bool) {
	var s []byte
	for {
		b, ok := c.key()
		switch {
		case !ok:
			return "", false
		case b == 0x03:
			c.send("^C\r\n")
			return "", false
		case b == '\r' || b == '\n':
			c.send("\r\n")
			return string(s), true
		default:
			s = append(s, b)
			c.send(string(b))
		}
	}
}

func (c *replayCLI) run() {
	c.send(h3cBanner + c.prompt())
	for {
		b, ok := c.key()
		if !ok {
			return
		}
		switch {
		case b == '\r' || b == '\n':
			c.send("\r\n")
			line := string(c.line)
			c.line = c.line[:0]
			if !c.exec(line) {
				return
			}
			c.send(c.prompt())
		case b == '?':
			c.send("?\r\n" + c.help(string(c.line)) + "\r\n" + c.prompt() + string(c.line))
		case b == '\t':
			c.complete()
		case b == 0x08 || b == 0x7f:
			if len(c.line) > 0 {
				c.line = c.line[:len(c.line)-1]
				c.send("\b \b")
			}
		case b >= 0x20:
			c.line = append(c.line, rune(b))
			c.send(string(b))
		}
	}
}

// words the replay switch completes and lists, as `?` after a partial keyword does.
var replayWords = map[string]string{
	"display": "Display current system information",
	"dir":     "Display files and directories on the storage media",
	"debug":   "Debugging functions",
	"save":    "Save current configuration",
}

func (c *replayCLI) help(line string) string {
	var b strings.Builder
	if f := strings.Fields(line); len(f) == 1 && !strings.HasSuffix(line, " ") {
		for _, w := range []string{"debug", "dir", "display"} {
			if strings.HasPrefix(w, f[0]) {
				fmt.Fprintf(&b, "  %-24s %s\r\n", w, replayWords[w])
			}
		}
		return b.String()
	}
	return "  version  Display system version information\r\n  vlan     Specify a VLAN\r\n"
}

func (c *replayCLI) complete() {
	f := strings.Fields(string(c.line))
	if len(f) == 1 && !strings.HasSuffix(string(c.line), " ") {
		var match []string
		for w := range replayWords {
			if strings.HasPrefix(w, f[0]) {
				match = append(match, w)
			}
		}
		if len(match) == 1 {
			rest := match[0][len(f[0]):] + " "
			c.line = append(c.line, []rune(rest)...)
			c.send(rest)
			return
		}
	}
	c.send("\r\n" + c.prompt() + string(c.line))
}

// output writes text (\n line ends) as the device does: \r\n, a screen at a time while paging.
func (c *replayCLI) output(text string) bool {
	lines := strings.SplitAfter(strings.ReplaceAll(text, "\n", "\r\n"), "\r\n")
	for i, l := range lines {
		if c.paging && i > 0 && i%c.r.pageLen == 0 && l != "" {
			c.send(morePrompt)
			for {
				b, ok := c.key()
				if !ok {
					return false
				}
				if b == ' ' {
					break
				}
				if b == 0x03 || b == 'q' {
					c.send(moreErase)
					return true
				}
			}
			c.send(moreErase)
		}
		c.send(l)
	}
	return true
}

// unrecognized prints Comware's syntax error with its caret under the word at pos.
func (c *replayCLI) unrecognized(pos int) {
	c.send(strings.Repeat(" ", len(c.prompt())+pos) + "^\r\n % Unrecognized command found at '^' position.\r\n")
}

// exec runs one line; false ends the session.
func (c *replayCLI) exec(line string) bool {
	words := strings.Fields(line)
	switch {
	case len(words) == 0:
	case line == "screen-length disable":
		if c.r.refuseSL {
			c.unrecognized(strings.Index(line, "screen"))
		} else {
			c.paging = false
		}
	case line == "display logbuffer":
		c.r.mu.Lock()
		text := "Log buffer: Enabled\nMax buffer size: 1024\nActual buffer size: 512\nDropped messages: 0\n" +
			"Overwritten messages: 0\nCurrent messages: " + fmt.Sprint(len(c.r.logbuf)) + "\n"
		for _, l := range c.r.logbuf { // oldest first, as Comware lists them
			text += l + "\n"
		}
		c.r.mu.Unlock()
		defer func() {
			select {
			case c.r.logReads <- struct{}{}:
			default:
			}
		}()
		return c.output(text)
	case c.r.answers[line] != "":
		return c.output(c.r.answers[line])
	case line == "hang":
		select {} // never answers; the test's cleanup closes the connection
	case line == "die":
		c.output("Slot 1:\nUptime is 0 weeks, 0 days, 0 hours, 1 minute\n")
		c.sc.Close()
		return false
	case line == "system-view":
		c.send("System View: return to User View with Ctrl+Z.\r\n")
		c.views = []string{""}
	case line == "return":
		c.views = nil
	case line == "quit":
		if len(c.views) == 0 {
			return false
		}
		c.views = c.views[:len(c.views)-1]
	case words[0] == "interface" && len(c.views) > 0 && len(words) == 2:
		c.views = append(c.views[:1], words[1])
	case words[0] == "save":
		return c.save()
	case len(c.views) > 0 && (words[0] == "shutdown" || words[0] == "undo" || words[0] == "description"):
	default:
		c.unrecognized(0)
	}
	return true
}

// save plays the dialog of an interactive `save` on a switch with a startup file (FACTS.md §save).
func (c *replayCLI) save() bool {
	c.send("The current configuration will be written to the device. Are you sure? [Y/N]:")
	a, ok := c.readLine()
	if !ok || !strings.EqualFold(a, "y") {
		return ok
	}
	c.send("Please input the file name(*.cfg)[flash:/startup.cfg]\r\n(To leave the existing filename unchanged, press the enter key):")
	if _, ok := c.readLine(); !ok {
		return false
	}
	c.send("flash:/startup.cfg exists, overwrite? [Y/N]:")
	if a, ok = c.readLine(); !ok || !strings.EqualFold(a, "y") {
		return ok
	}
	c.send("Validating file. Please wait...\r\nSaved the current configuration to mainboard device successfully.\r\n")
	return true
}

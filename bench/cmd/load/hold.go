package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
)

// held is one open interactive session on its own connection.
type held struct {
	c    *ssh.Client
	sess *ssh.Session
}

// runHold measures the server's memory per held interactive session: PSS of the server (and its
// child processes) before and after -sessions shells are open and have answered, divided by their
// number. Each shell is a connection of its own, as each operator's or script's login is. -user
// may list several names, comma-separated, taken in turn (a gateway's devices: it opens only so
// many sessions on one).
func runHold(args []string) error {
	fs := flag.NewFlagSet("hold", flag.ContinueOnError)
	var t target
	t.flags(fs)
	n := fs.Int("sessions", 200, "sessions to hold")
	term := fs.String("pty", "", "request a PTY with this TERM (vt100 gets vtyd's line CLI); empty: no PTY")
	probe := fs.String("probe", "", "line to send once the shell is open (its output shows the shell works)")
	conc := fs.Int("c", 16, "sessions opened at a time")
	maxDur := fs.Duration("max", 60*time.Second, "time at most to open them all")
	settleFor := fs.Duration("settle", 2*time.Second, "wait before reading memory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if t.pid == 0 {
		return errors.New("-pid is required")
	}
	cfg, err := t.clientConfig()
	if err != nil {
		return err
	}
	var cfgs []*ssh.ClientConfig
	for _, user := range strings.Split(t.user, ",") {
		c := *cfg
		c.User = user
		cfgs = append(cfgs, &c)
	}
	// Warm up: the first sessions page in code that every later one shares.
	for i := 0; i < 3; i++ {
		h, err := open(t.addr, cfgs[i%len(cfgs)], *term, *probe, t.timeout)
		if err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
		h.close()
	}
	time.Sleep(*settleFor)
	before, _, err := treePSS(t.pid)
	if err != nil {
		return err
	}
	sessions, errs := openAll(t.addr, cfgs, *term, *probe, *n, *conc, *maxDur, t.timeout)
	defer func() {
		for _, h := range sessions {
			h.close()
		}
	}()
	if len(sessions) == 0 {
		return fmt.Errorf("no session opened (%d errors)", errs)
	}
	time.Sleep(*settleFor)
	after, procs, err := treePSS(t.pid)
	if err != nil {
		return err
	}
	fmt.Printf("mode=hold sessions=%d errors=%d pty=%q pss_before_kb=%d pss_after_kb=%d processes=%d kb_per_session=%.1f\n",
		len(sessions), errs, *term, before, after, procs, float64(after-before)/float64(len(sessions)))
	return nil
}

// openAll opens up to n sessions, conc at a time, until maxDur has passed; session i logs in with
// cfgs[i % len(cfgs)].
func openAll(addr string, cfgs []*ssh.ClientConfig, term, probe string, n, conc int, maxDur, timeout time.Duration) ([]*held, int) {
	var (
		mu       sync.Mutex
		sessions []*held
		errs     int
		wg       sync.WaitGroup
		next     = make(chan int, n)
	)
	for i := range n {
		next <- i
	}
	close(next)
	deadline := time.Now().Add(maxDur)
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if time.Now().After(deadline) {
					return
				}
				h, err := open(addr, cfgs[i%len(cfgs)], term, probe, timeout)
				mu.Lock()
				if err != nil {
					errs++
				} else {
					sessions = append(sessions, h)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return sessions, errs
}

// open logs in, starts a shell (with a PTY when term is set), sends probe and waits for the shell's
// first output, so the server has set the whole session up.
func open(addr string, cfg *ssh.ClientConfig, term, probe string, timeout time.Duration) (*held, error) {
	c, err := dial(addr, cfg)
	if err != nil {
		return nil, err
	}
	h := &held{c: c}
	if err := h.start(term, probe, timeout); err != nil {
		c.Close()
		return nil, err
	}
	return h, nil
}

func (h *held) start(term, probe string, timeout time.Duration) error {
	sess, err := h.c.NewSession()
	if err != nil {
		return err
	}
	h.sess = sess
	if term != "" {
		if err := sess.RequestPty(term, 24, 80, ssh.TerminalModes{ssh.ECHO: 1}); err != nil {
			return err
		}
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return err
	}
	if err := sess.Shell(); err != nil {
		return err
	}
	if probe != "" {
		if _, err := io.WriteString(stdin, probe+"\n"); err != nil {
			return err
		}
	}
	first := make(chan error, 1)
	go func() {
		// Keep the window open until the session ends, answering vtyd's terminal query (ESC [ c)
		// as a terminal emulator does, so that an xterm session gets the console.
		buf := make([]byte, 4096)
		answered := term == ""
		for i := 0; ; i++ {
			n, err := stdout.Read(buf)
			if i == 0 {
				first <- err
			}
			if !answered && bytes.Contains(buf[:n], []byte("\x1b[c")) {
				answered = true
				_, _ = io.WriteString(stdin, "\x1b[?62;22c")
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case err := <-first:
		return err
	case <-time.After(timeout):
		return errors.New("no output from the shell")
	}
}

func (h *held) close() {
	if h.sess != nil {
		h.sess.Close()
	}
	h.c.Close()
}

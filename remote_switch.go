package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"golang.org/x/crypto/ssh"

	"vtyd/internal/outbuf"
	"vtyd/remote"
	"vtyd/sshsrv"
	"vtyd/switchctl"
)

// remoteSwitch is a real switch behind the gateway, reached with the switch account of one
// gateway role, over the gateway's pooled connections (sshsrv.Remote).
type remoteSwitch struct {
	pool   *remote.Pool
	target remote.Target
	poll   time.Duration // how often the console on it polls for changes
	health *switchHealth // what the gateway last saw of the switch; nil for none
}

// session opens a session on the switch and notes whether it could; a session that has to wait
// for one of the switch's slots tells the user so, on stderr, rather than hang without a word.
func (r *remoteSwitch) session(ctx context.Context, stderr io.Writer) (*ssh.Session, func(), error) {
	note := time.AfterFunc(2*time.Second, func() {
		fmt.Fprintf(stderr, "%% %s: every session the gateway keeps to the switch is in use; waiting for one...\r\n", r.target.Name)
	})
	sess, release, err := r.pool.Session(ctx, r.target)
	note.Stop()
	if r.health != nil {
		r.health.record(err)
	}
	return sess, release, err
}

var _ sshsrv.Remote = (*remoteSwitch)(nil)

// User implements sshsrv.Remote.
func (r *remoteSwitch) User() string { return r.target.User }

// Exec implements sshsrv.Remote: the lines run over a shell on the switch (remote.ExecObserved),
// which gives automation the exec contract of a simulated device; a switch it could not reach or
// lost part-way is the error (execWatch).
func (r *remoteSwitch) Exec(ctx context.Context, command string, stdout, stderr io.Writer, observe func(switchctl.Ran)) (int, error) {
	w := &execWatch{stderr: stderr, observe: observe}
	status := remote.ExecObserved(ctx, r.pool, r.target, command, stdout, w, w.ran)
	return status, w.result(ctx, status)
}

// Shell implements sshsrv.Remote: a shell on the switch relayed byte for byte, with the client's
// PTY and window changes.
func (r *remoteSwitch) Shell(ctx context.Context, sh sshsrv.RemoteShell) int {
	sess, release, err := r.session(ctx, sh.Stderr)
	if err != nil {
		fmt.Fprintf(sh.Stderr, "%% %s: %v\r\n", r.target.Name, err)
		return 1
	}
	defer release()
	defer sess.Close()
	if sh.PTY {
		if err := sess.RequestPty(sh.Term, sh.Height, sh.Width, ssh.TerminalModes{ssh.ECHO: 1}); err != nil {
			fmt.Fprintf(sh.Stderr, "%% %s: the switch refused a terminal: %v\r\n", r.target.Name, err)
			return 1
		}
	}
	out := sh.Out
	var cut *remoteCutter
	if sh.Observe != nil {
		cut = newRemoteCutter(sh.Observe, sh.PTY)
		out = cut.output(sh.Out)
	}
	in := sh.In
	if cut != nil {
		in = cut.input(sh.In)
	}
	// Relay writers: x/crypto's and our copies then hold 2 KiB each while the session is idle,
	// not io.Copy's 32 KiB.
	sess.Stdout, sess.Stderr = outbuf.Relay{W: out}, outbuf.Relay{W: sh.Stderr}
	stdin, err := sess.StdinPipe()
	if err != nil {
		return 1
	}
	if err := sess.Shell(); err != nil {
		fmt.Fprintf(sh.Stderr, "%% %s: the switch refused a shell: %v\r\n", r.target.Name, err)
		return 1
	}
	if cut != nil {
		defer cut.close(ctx.Err())
	}
	return relayUntilDone(ctx, sess, func(done <-chan struct{}) {
		go func() { _, _ = io.Copy(outbuf.Relay{W: stdin}, in); _ = stdin.Close() }()
		for {
			select {
			case ws := <-sh.Resize:
				_ = sess.WindowChange(ws.Height, ws.Width)
			case <-done:
				return
			}
		}
	})
}

// Relay implements sshsrv.Remote: an exec request (scp) or a subsystem (sftp) relayed verbatim to
// the switch's own server, until the switch ends its side.
func (r *remoteSwitch) Relay(ctx context.Context, name string, subsystem bool, rw io.ReadWriter, stderr io.Writer) int {
	sess, release, err := r.session(ctx, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "%% %s: %v\n", r.target.Name, err)
		return 1
	}
	defer release()
	defer sess.Close()
	// Pipes, not Stdout and Stderr: x/crypto copies those only for a session it started (exec,
	// shell), never for a subsystem.
	stdin, err1 := sess.StdinPipe()
	stdout, err2 := sess.StdoutPipe()
	errOut, err3 := sess.StderrPipe()
	if err := errors.Join(err1, err2, err3); err != nil {
		return 1
	}
	if subsystem {
		err = sess.RequestSubsystem(name)
	} else {
		err = sess.Start(name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%% %s: the switch refused %s: %v\n", r.target.Name, name, err)
		return 1
	}
	go func() {
		_, _ = io.Copy(stdin, rw) // the client's end of input is the switch's: SCP and SFTP end on it
		_ = stdin.Close()
	}()
	go func() { _, _ = io.Copy(stderr, errOut) }()
	copied := make(chan struct{})
	go func() {
		_, _ = io.Copy(rw, stdout)
		close(copied)
	}()
	select {
	case <-copied:
	case <-ctx.Done():
		_ = sess.Close()
		<-copied
	}
	if subsystem {
		return 0 // x/crypto keeps no exit status for a subsystem; SFTP reports its errors in-band
	}
	return exitStatus(sess.Wait())
}

// relayUntilDone runs pump beside the switch's session until the session ends (its exit status is
// returned) or ctx does (the client left: the session is closed).
func relayUntilDone(ctx context.Context, sess *ssh.Session, pump func(done <-chan struct{})) int {
	done := make(chan struct{})
	go pump(done)
	waited := make(chan error, 1)
	go func() { waited <- sess.Wait() }()
	var err error
	select {
	case err = <-waited:
	case <-ctx.Done():
		_ = sess.Close()
		err = <-waited
	}
	close(done)
	return exitStatus(err)
}

// exitStatus is the status in what Session.Wait returned: 1 for a session that ended without one.
func exitStatus(err error) int {
	var ee *ssh.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitStatus()
	}
	return 1
}

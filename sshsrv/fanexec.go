package sshsrv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/ssh"

	"vtyd/fanout"
	"vtyd/sshsrv/xfer"
)

// A fan-out exec is an exec through the gateway whose login name names several devices
// (`ssh alice@tag:access@HOST 'display clock'`, IsSelector): it runs on every device the selector
// names, as many at once as the options say (fanout.Run), each with the exec contract and the
// audit of a single exec, and the session shows their output as pdsh does — each line after its
// device's name — then a summary line. Exit status: 0 when every device succeeded, 1 when one did
// not or the selector was refused, 2 for a bad selector or option.

// msgOneDevice refuses what reaches one device only, on a selector.
const msgOneDevice = "%% %s names several devices: only an exec runs on them (ssh %s@%s@HOST 'COMMANDS').\n" +
	"%% A shell, SFTP and SCP reach one device: %s@DEVICE@HOST.\n"

// selectorUsage is what a bad selector is answered with.
const selectorUsage = "% A selector is tag:GLOB, a glob on device names (acc*, acc[1-4]), or a list of names, globs\n" +
	"% and tags separated by commas (core1,acc*,tag:lab).\n"

// refuseSelector tells a client that asked a selector for what only one device serves.
func (s *Server) refuseSelector(sess ssh.Session, account, selector, what string) int {
	s.log.Info("gateway: "+what+" on several devices refused", "user", account, "selector", clip(selector))
	fmt.Fprintf(sess.Stderr(), msgOneDevice, clip(selector), clip(account), clip(selector), clip(account))
	return 1
}

// fanExec serves a gateway session whose login name's device part is a selector.
func (s *Server) fanExec(sess ssh.Session, own caller, account, selector string) int {
	stderr := sess.Stderr()
	if sess.RawCommand() == "" {
		return s.refuseSelector(sess, account, selector, "shell")
	}
	if _, scp, _ := xfer.ParseSCP(sess.Command()); scp {
		return s.refuseSelector(sess, account, selector, "scp")
	}
	terms, err := ParseSelector(selector)
	if err != nil {
		fmt.Fprintf(stderr, "%% %s.\n%s", strings.TrimPrefix(err.Error(), "sshsrv: "), selectorUsage)
		return 2
	}
	plan, command, err := ParseFanOptions(sess.RawCommand())
	if err == nil && strings.TrimSpace(command) == "" {
		err = fmt.Errorf("%w: no command after the options", ErrBadOption)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%% %s.\n%s", strings.TrimPrefix(err.Error(), "sshsrv: "), fanUsage)
		return 2
	}
	sel, err := s.cfg.Gateway.Select(account, terms)
	var ue *UnreachableError
	switch {
	case errors.As(err, &ue):
		for _, d := range ue.Devices {
			s.log.Info("gateway: device refused", "user", account, "device", clip(d), "remote", sess.RemoteAddr().String())
			fmt.Fprintf(stderr, "%% Device %s is not reachable for %s: no such device, or not one of yours.\n", clip(d), clip(account))
		}
		fmt.Fprintln(stderr, "% Nothing was run.")
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "%% %v\n", err)
		return 1
	case len(sel) == 0:
		fmt.Fprintf(stderr, "%% No device of yours matches %s: nothing was run.\n", clip(selector))
		return 1
	}
	free, ok := s.slot(sess, account)
	if !ok {
		return 1
	}
	defer free()
	return s.fanRun(sess, own, sel, plan, command)
}

// fanRun runs command on the selected devices as the plan stages them, and shows what they print
// as it comes: stdout's lines on stdout, stderr's on stderr, a line for each device that could
// not run or was not run, and the summary.
func (s *Server) fanRun(sess ssh.Session, own caller, sel []Selected, plan fanout.Plan, command string) int {
	op := newAuditID()
	remote := sess.RemoteAddr().String()
	outs, errs := &prefixedOut{w: sess}, &prefixedOut{w: sess.Stderr()}
	type streams struct{ out, err *deviceLines }
	byName := make(map[string]streams, len(sel))
	targets := make([]fanout.Target, len(sel))
	for i, d := range sel {
		st := streams{&deviceLines{out: outs, device: d.Name}, &deviceLines{out: errs, device: d.Name}}
		byName[d.Name] = st
		targets[i] = fanout.Target{Name: d.Name, Run: func(ctx context.Context, stdout, stderr io.Writer) (int, error) {
			return s.fanDevice(ctx, own, d, remote, command, io.MultiWriter(stdout, st.out), io.MultiWriter(stderr, st.err), op)
		}}
	}
	// A device's result closes its streams: a device abandoned after its timeout prints no more.
	ended := func(r fanout.Result) {
		st := byName[r.Device]
		st.out.close()
		st.err.close()
		if r.State == fanout.Error || r.State == fanout.Skipped {
			errs.line(r.Device, []byte("% "+r.Reason))
		}
	}
	plan.OnDone = ended
	s.log.Info("gateway: fan-out exec", "user", own.user, "devices", len(sel), "op", op, "parallel", plan.Parallel,
		"canary", plan.Canary, "wave", plan.Wave, "keep_going", plan.KeepGoing)
	results := fanout.Run(sess.Context(), targets, plan)
	var missed []string
	for _, r := range results {
		if r.State == fanout.Skipped { // never started: OnDone was not told of it
			ended(r)
		}
		if r.State != fanout.OK {
			missed = append(missed, r.Device)
		}
	}
	sum := fanout.Summarize(results)
	line := "% " + sum.String()
	if len(missed) > 0 {
		line += "; did not succeed: " + strings.Join(missed, ", ")
	}
	errs.raw(line + "\n")
	s.log.Info("gateway: fan-out exec ended", "user", own.user, "op", op, "ok", sum.OK, "failed", sum.Failed,
		"errors", sum.Errors, "not_run", sum.Skipped)
	if sum.Success() {
		return 0
	}
	return 1
}

// fanDevice runs the fan-out's command on one selected device: on its own server as the account
// with the roles the gateway gives it, or on a real switch over the gateway's connections.
func (s *Server) fanDevice(ctx context.Context, own caller, d Selected, remote, command string, stdout, stderr io.Writer,
	op string) (int, error) {
	switch {
	case d.Down != "":
		return 1, errors.New(d.Down)
	case d.Route.Remote != nil:
		au := own.audit.on(d.Name, d.Route.Remote.User())
		return d.Route.Remote.Exec(ctx, command, stdout, stderr, au.observer(AuditExec, op))
	case d.Route.Server != nil:
		who := caller{user: own.user, roles: d.Route.Roles, front: s, via: "gateway", device: d.Name,
			audit: own.audit.on(d.Name, own.user)}
		status, err := d.Route.Server.fanExecOn(ctx, who, remote, command, stdout, stderr, op)
		return status, fanReason(err)
	}
	return 1, errors.New("not reachable")
}

package sshsrv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strings"
)

// SlotError is a device of a fan-out that had no session slot left for the account.
type SlotError struct {
	Limit int
	Mine  bool // the account's share of the slots is used up, not all of them
}

func (e *SlotError) Error() string {
	return fmt.Sprintf("sshsrv: session limit of the device reached (%d)", e.Limit)
}

// ErrNotStelnet is a device whose `ssh user` entry for the account does not allow the CLI.
var ErrNotStelnet = errors.New("sshsrv: the user is not authorized for Stelnet (ssh user ... service-type)")

// fanExecOn runs a fan-out's command string on the server's device as who, a gateway account
// with its roles there, for a client at remote: with what a single exec through the gateway has —
// a session slot, a login that `display users` and `free` see, the device's log line of the
// gateway login, the audit of each line under op — on no SSH session of its own. The status is
// the exec's; err says why the device could not run the commands or stopped part-way.
func (s *Server) fanExecOn(ctx context.Context, who caller, remote, command string, stdout, stderr io.Writer, op string) (int, error) {
	free, mine, ok := s.lines.takeSlot(who.user)
	if !ok {
		e := &SlotError{Limit: s.lines.slots, Mine: mine}
		if mine {
			e.Limit = s.lines.userShare()
		}
		s.log.Warn("ssh session refused: session limit", "user", who.user, "remote", remote, "limit", e.Limit, "via", "gateway")
		return 1, e
	}
	defer free()
	if su, ok := s.d.SSHUser(who.user); ok && su.Service != "all" && su.Service != "stelnet" {
		s.log.Info("ssh session refused: service-type", "user", who.user, "service", su.Service)
		return 1, ErrNotStelnet
	}
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		s.sshs(sevSSHSLog, "SSHS_LOG", "Accepted gateway login for %s from %s port %d with role %s.",
			clip(who.user), ap.Addr(), ap.Port(), strings.Join(who.roles, ","))
	}
	log := sessionLogFrom(s, remote, who, "exec")
	login, info := s.registerFrom(remote, who, "SSH", -1)
	defer login.End()
	status, err := s.exec(ctx, execRun{command: command, stdout: stdout, stderr: stderr, op: op, bounded: true}, who, login, info)
	log.Info("ssh session ended", "status", status, "fanout", op)
	return status, err
}

// fanReason words why a device of a fan-out did not run, or stopped, for the operator: the
// result line "NAME: % reason". Errors fanout words itself (timeouts) pass through.
func fanReason(err error) error {
	var slot *SlotError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &slot) && slot.Mine:
		return fmt.Errorf("the number of your sessions on the device reached the upper limit (%d); try again later", slot.Limit)
	case errors.As(err, &slot):
		return fmt.Errorf("the number of sessions reached the upper limit (%d); try again later", slot.Limit)
	case errors.Is(err, ErrNotStelnet):
		return errors.New("the user is not authorized for Stelnet (ssh user ... service-type)")
	case errors.Is(err, ErrEndedByDevice):
		return errors.New("disconnected: the session was ended by the device (reboot or free); the rest of the command was not run")
	}
	return err
}

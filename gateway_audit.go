package main

import (
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"vtyd/audit"
	"vtyd/sshsrv"
	"vtyd/switchctl"
)

// gatewayAudit keeps the gateway's audit under DATA/gateway/audit: audit.jsonl (one record per command,
// rotated by size) and sessions/ (an asciicast v2 recording of every interactive session).
type gatewayAudit struct {
	log      *audit.Log
	sessions string // where recordings go
	plog     *slog.Logger
}

var _ sshsrv.Audit = (*gatewayAudit)(nil)

func openGatewayAudit(data string, plog *slog.Logger) (*gatewayAudit, error) {
	dir := filepath.Join(data, "audit")
	l, err := audit.Open(dir, audit.Options{})
	if err != nil {
		return nil, err
	}
	return &gatewayAudit{log: l, sessions: filepath.Join(dir, "sessions"), plog: plog}, nil
}

// Command implements sshsrv.Audit. A record that cannot be kept is said in the process log: the
// session goes on (refusing commands for want of disk would lock operators out of their network).
func (g *gatewayAudit) Command(c sshsrv.AuditedCommand) {
	r := audit.Record{Time: c.At, User: c.User, Source: c.Source, Device: c.Device, DeviceUser: c.DeviceUser,
		Prompt: c.Prompt, Command: c.Command, Result: audit.ResultOK, Duration: c.Took, Op: c.Op, Session: c.ID,
		Kind: c.Kind}
	if c.Err != nil {
		r.Result, r.Error = audit.ResultError, errorText(c.Err)
		if errors.Is(c.Err, errTimeout) {
			r.Result = audit.ResultTimeout
		}
	}
	if err := g.log.Write(r); err != nil {
		g.plog.Error("audit record lost", "err", err, "user", c.User, "device", c.Device)
	}
}

// errTimeout marks an error that is a device's timeout (the remote driver's errors wrap it).
var errTimeout = errors.New("timeout")

// errorText is the one line an audit record keeps of an error: the device's words.
func errorText(err error) string {
	msg := strings.TrimSpace(switchctl.Message(err))
	if msg == "" {
		msg = err.Error()
	}
	if i := strings.LastIndexByte(msg, '\n'); i >= 0 { // the caret line comes first
		msg = strings.TrimSpace(msg[i+1:])
	}
	return msg
}

// Recording implements sshsrv.Audit.
func (g *gatewayAudit) Recording(s sshsrv.AuditedSession, term string, width, height int) sshsrv.Recorder {
	title := s.User + "@" + s.Device
	if s.Device == "" {
		title = s.User + " (fleet console)"
	}
	r, err := audit.NewRecording(g.sessions, audit.Header{ID: s.ID, Width: width, Height: height, Title: title,
		Env: map[string]string{"TERM": term}, Timestamp: time.Now()})
	if err != nil {
		g.plog.Error("session recording not started", "err", err, "user", s.User, "device", s.Device)
		return nil
	}
	return r
}

// Begin implements sshsrv.Audit.
func (g *gatewayAudit) Begin(id string) { g.log.Begin(id) }

// Ended implements sshsrv.Audit.
func (g *gatewayAudit) Ended(id string) { g.log.Ended(id) }

// Close ends the log.
func (g *gatewayAudit) Close() error { return g.log.Close() }

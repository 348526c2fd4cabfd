package netconf

import (
	"context"
	"fmt"
	"strings"

	"vtyd/switchctl"
)

// <rollback> and <load> of a configuration file (ncclient's h3c and hpcomware handlers send both;
// pyhpecw7's Config.build rolls back to a file it saved). rollback runs the CLI's own
// `configuration replace file`, which makes the file the running configuration; load merges the
// file's lines into the running configuration, as Comware's load does. Save-point rollbacks
// (<commit-id>, <commit-label>, ...) are not simulated.

// fileArg reads the operation's <file>, checked as save checks it.
func fileArg(op *node) (string, *RPCError) {
	path := "/rpc/" + op.name.Local
	f := op.kid("file")
	if f == nil {
		for _, k := range op.kids {
			if strings.HasPrefix(k.name.Local, "commit-") {
				return "", &RPCError{Type: "application", Tag: "operation-not-supported", Path: path + "/" + k.name.Local,
					Message: "Rollback to a save point is not supported; roll back to a configuration file."}
			}
		}
		return "", &RPCError{Type: "protocol", Tag: "missing-element", Path: path, Message: "The file element is missing.",
			Info: []infoItem{{"bad-element", "file"}}}
	}
	name := f.value()
	if name == "" || strings.ContainsAny(name, " \t\r\n") || !strings.HasSuffix(strings.ToLower(name), ".cfg") || len(name) > 191 {
		return "", invalidValue(path+"/file", "The file name must start with the storage medium name and end with .cfg, at most 191 characters.")
	}
	return name, nil
}

func (s *session) rollback(op *node) (string, *RPCError) {
	name, rerr := fileArg(op)
	if rerr != nil {
		return "", rerr
	}
	cs := s.cliSession()
	cs.SetAsker(no{}) // "save current configuration?": the file is what the client asked for
	for _, l := range []string{"system-view", "configuration replace file " + name} {
		if err := cs.Exec(s.ctx, l, ioDiscard{}); err != nil {
			return "", operationFailed(strings.TrimSpace(switchctl.Message(err)))
		}
	}
	return okReply, nil
}

// load merges the file. Lines the engine refuses are skipped, as at boot; the reply then names
// them in an operation-failed error (the others took effect), so a client is never told <ok/> for
// a file that was not applied whole.
func (s *session) load(op *node) (string, *RPCError) {
	name, rerr := fileArg(op)
	if rerr != nil {
		return "", rerr
	}
	errs, err := s.d.MergeFile(name)
	if err != nil {
		return "", operationFailed(strings.TrimSpace(switchctl.Message(err)))
	}
	if len(errs) > 0 {
		msg := make([]string, 0, len(errs))
		for _, e := range errs {
			msg = append(msg, e.Error())
		}
		return "", operationFailed(fmt.Sprintf("%d lines of %s could not be applied (the others were): %s",
			len(errs), name, strings.Join(msg, "; ")))
	}
	return okReply, nil
}

// no answers the questions of configuration replace: do not save first.
type no struct{}

func (no) Ask(context.Context, string) (string, error) { return "N", nil }

package netconf

import (
	"context"
	"strings"

	"vtyd/switchctl"
)

// <save>: the running configuration to a file that becomes the next-startup file; without <file>,
// or with an empty one (ncclient's hpcomware save(None) sends <file/>), to the next-startup file as
// `save force` does. It runs the CLI's own save commands, their questions answered yes.
func (s *session) save(op *node) (string, *RPCError) {
	file := ""
	if f := op.kid("file"); f != nil {
		file = f.value()
	}
	lines := []string{"save force"}
	if file != "" {
		if strings.ContainsAny(file, " \t\r\n") || !strings.HasSuffix(strings.ToLower(file), ".cfg") || len(file) > 191 {
			return "", invalidValue("/rpc/save/file", "The file name must start with the storage medium name and end with .cfg, at most 191 characters.")
		}
		lines = []string{"save " + file, "startup saved-configuration " + file}
	}
	cs := s.cliSession()
	cs.SetAsker(yes{})
	for _, l := range lines {
		if err := cs.Exec(s.ctx, l, ioDiscard{}); err != nil {
			return "", operationFailed(strings.TrimSpace(switchctl.Message(err)))
		}
	}
	return okReply, nil
}

// yes answers the save commands' questions (continue? overwrite?) as the RPC asked for the save.
type yes struct{}

func (yes) Ask(context.Context, string) (string, error) { return "Y", nil }

package tui

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"sync"

	"vtyd/switchctl"
)

// Operations let an audit tell the lines of one paste or action from lone commands: a Shell that
// implements BeginOperation (as SwitchBackend's and the remote driver's do) is told before the
// console runs such a batch, and the end function after it.
type operations interface {
	BeginOperation(kind string) (end func())
	JoinOperation(kind, id string) (end func())
}

// Kinds of operation the console runs, as the audit names them.
const (
	OpPaste  = "paste"
	OpAction = "action"
	OpAsk    = "ask"    // a display command asked of several devices at once (the fleet's ask many)
	OpChange = "change" // a batch run on several devices at once (the fleet's change many)
)

// OpTracker is what a Shell embeds to know the operation its lines belong to. Its zero value is
// ready: no operation.
type OpTracker struct {
	mu       sync.Mutex
	kind, id string
}

// BeginOperation starts an operation of kind with a fresh id until end is called.
func (o *OpTracker) BeginOperation(kind string) (end func()) { return o.JoinOperation(kind, NewOpID()) }

// NewOpID is a fresh operation id.
func NewOpID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// JoinOperation makes the lines run until end is called part of operation id: the lines one
// fan-out runs on many devices share its id in the audit.
func (o *OpTracker) JoinOperation(kind, id string) (end func()) {
	o.mu.Lock()
	o.kind, o.id = kind, id
	o.mu.Unlock()
	return func() {
		o.mu.Lock()
		o.kind, o.id = "", ""
		o.mu.Unlock()
	}
}

// Operation is the operation under way: its kind and id, "" for none.
func (o *OpTracker) Operation() (kind, id string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.kind, o.id
}

// Observed is a line a console's backend ran for the operator, as its audit records it: the
// operation kind ("paste", "action") and id, or "console" and "" for a line typed in the CLI pane.
type Observed struct {
	Kind, Op string
	Ran      switchctl.Ran
}

// ObserveFunc is told of the lines an observing backend runs.
type ObserveFunc func(Observed)

// ObservedLine words a line for the audit: what the views read to draw themselves (display commands
// run outside any operation on the console's own session) is not the operator's and is dropped.
func ObservedLine(o *OpTracker, views bool, r switchctl.Ran, f ObserveFunc) {
	kind, op := o.Operation()
	if kind == "" {
		if views && isDisplay(r.Line) {
			return
		}
		kind = "console"
		if views {
			kind = OpAction
		}
	}
	f(Observed{Kind: kind, Op: op, Ran: r})
}

// isDisplay reports whether a line is a display command (display, disp, dis …).
func isDisplay(line string) bool { return abbrev(strings.ToLower(firstWord(line)), "display", 3) }

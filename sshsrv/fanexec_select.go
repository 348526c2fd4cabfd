package sshsrv

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// A fan-out selector is the device part of a gateway login name that names several devices:
// `alice@tag:access@HOST`, `alice@acc*@HOST`, `alice@core1,acc[12],tag:lab@HOST`. Device names
// (letters, digits, - _ .) never hold '*', '?', '[', ',' or ':', so a plain name is never read as
// one and keeps the single-device contract.

// TermKind is what one term of a selector names.
type TermKind int

const (
	TermName TermKind = iota // one device, by name: the account must reach it, or the run is refused
	TermGlob                 // the devices whose names match a path.Match glob, among the account's
	TermTag                  // the devices with a tag that matches a glob, among the account's
)

// Term is one comma-separated part of a selector.
type Term struct {
	Kind    TermKind
	Pattern string // the name, or the glob (of a tag: without "tag:")
}

func (t Term) String() string {
	if t.Kind == TermTag {
		return "tag:" + t.Pattern
	}
	return t.Pattern
}

// Selected is one device a selector names, as the gateway resolved it for the account.
type Selected struct {
	Name  string
	Route Route // a Server or a Remote; neither when the device cannot be run now (Down says why)
	Down  string
}

// UnreachableError is a selector that names, by name, devices the account may not reach or that
// do not exist (one answer for both, as for a single device): the whole run is refused.
type UnreachableError struct {
	Devices []string
}

func (e *UnreachableError) Error() string {
	return "sshsrv: not reachable: " + strings.Join(e.Devices, ", ")
}

// ErrBadSelector is a selector that does not parse: an empty term, or a glob path.Match refuses.
var ErrBadSelector = errors.New("sshsrv: bad device selector")

// IsSelector reports whether the device part of a login name names several devices: a tag, a
// glob or a list.
func IsSelector(device string) bool {
	return strings.HasPrefix(device, "tag:") || strings.ContainsAny(device, "*?[,")
}

// ParseSelector splits a selector into its terms, in order.
func ParseSelector(sel string) ([]Term, error) {
	var terms []Term
	for _, part := range strings.Split(sel, ",") {
		t := Term{Kind: TermName, Pattern: part}
		if tag, ok := strings.CutPrefix(part, "tag:"); ok {
			t = Term{Kind: TermTag, Pattern: tag}
		} else if strings.ContainsAny(part, "*?[") {
			t.Kind = TermGlob
		}
		switch {
		case t.Pattern == "":
			return nil, fmt.Errorf("%w %q: an empty name or tag", ErrBadSelector, sel)
		case strings.ContainsAny(t.Pattern, ":@ \t"):
			return nil, fmt.Errorf("%w %q: %q is neither a device name, a glob nor tag:GLOB", ErrBadSelector, sel, part)
		}
		if _, err := path.Match(t.Pattern, ""); err != nil {
			return nil, fmt.Errorf("%w %q: %q is not a glob", ErrBadSelector, sel, part)
		}
		terms = append(terms, t)
	}
	return terms, nil
}

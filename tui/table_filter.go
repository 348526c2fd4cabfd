package tui

import (
	"fmt"
	"regexp"
	"strings"
)

// A table's filter, as typed after "/": plain text matches rows that contain it, ignoring case;
// "re:" starts a regular expression (Go's syntax, ignoring case), for the alternatives and anchors
// a plain text cannot say ("re:^ge1/0/(1|2)$"); a leading "!" keeps the rows that do not match
// ("!up", "!re:^xge"). A prefix is spelled out rather than guessed, so that a plain filter holding
// regexp characters ("1/0/1.") means what it says. A pattern that does not compile filters
// nothing and says why in the view's info line, so a half-typed one never empties the table.

// rowMatcher is a filter compiled.
type rowMatcher struct {
	not bool
	sub string         // lower-cased text to contain
	re  *regexp.Regexp // or the expression to match
	err string         // why the expression does not compile; the matcher then matches every row
}

// compileFilter reads a filter as typed.
func compileFilter(f string) rowMatcher {
	var m rowMatcher
	f, m.not = strings.CutPrefix(f, "!")
	expr, isRE := strings.CutPrefix(f, "re:")
	if !isRE {
		m.sub = strings.ToLower(f)
		return m
	}
	re, err := regexp.Compile("(?i)" + expr)
	if err != nil {
		// The message quotes the expression compiled: without the (?i) the console put before it.
		msg := strings.Replace(strings.TrimPrefix(err.Error(), "error parsing regexp: "), "`(?i)", "`", 1)
		m.not, m.err = false, "bad expression: "+msg
		return m
	}
	m.re = re
	return m
}

// ok reports whether a row, lower-cased and joined, passes the filter.
func (m rowMatcher) ok(lower string) bool {
	var hit bool
	switch {
	case m.err != "":
		return true
	case m.re != nil:
		hit = m.re.MatchString(lower)
	default:
		hit = strings.Contains(lower, m.sub)
	}
	return hit != m.not
}

// filterInfo is what the view's info line says of the filter: the filter, how many rows it shows
// of how many ("4/416"), and why an expression is refused; "" without a filter.
func (t *table) filterInfo() string {
	if t.filter == "" {
		return ""
	}
	s := fmt.Sprintf(" · /%s %d/%d", CleanLine(t.filter), len(t.idx), len(t.rows))
	if t.match.err != "" {
		s += " · " + t.match.err
	}
	return s
}

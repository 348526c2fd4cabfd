package yamlfile

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
)

// Error is a problem with a file, at a line of it (0: the file as a whole).
type Error struct {
	File string
	Line int
	Msg  string
}

// Error reads "FILE:LINE: MSG", or "FILE: MSG" for the file as a whole.
func (e *Error) Error() string {
	if e.Line <= 0 {
		return e.File + ": " + e.Msg
	}
	return e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
}

// Problems collects the problems of one file, so that a reader reports all of them at once rather
// than stopping at the first. The zero value, with File set, is ready.
type Problems struct {
	File string // as the operator named it, for messages
	errs []error
}

// Errf adds a problem at line.
func (p *Problems) Errf(line int, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.File, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Count is how many problems there are so far: a reader compares it before and after reading an
// entry to know whether the entry was good.
func (p *Problems) Count() int { return len(p.errs) }

// Err joins the problems (errors.Join of *Error) in line order, so a long list reads like the file;
// problems on one line keep the order they were found in. Nil if there are none.
func (p *Problems) Err() error {
	if len(p.errs) == 0 {
		return nil
	}
	sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].(*Error).Line < p.errs[j].(*Error).Line })
	return errors.Join(p.errs...)
}

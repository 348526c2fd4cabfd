// Package readers turns the text of Comware display commands into structs: the console fills its
// views by running display commands through the device's CLI and reading their output with these
// parsers, so the same console works in front of a real switch.
//
// The readers are lenient: lines they do not know are skipped, so that output from other releases
// (extra header lines, other legends) still reads. Each returns an error only when the text is not
// the display at all (no heading it could recognise).
package readers

import (
	"errors"
	"strings"
)

// ErrFormat is returned when a text is not the output of the display command a reader expects.
var ErrFormat = errors.New("readers: unrecognised display output")

// lines splits text into lines without their line ends.
func lines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.Split(strings.TrimRight(text, "\n"), "\n")
}

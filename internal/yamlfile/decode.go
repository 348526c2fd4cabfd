package yamlfile

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Decode decodes the one YAML document of src, a file called file: nil for an empty file. noun is
// what the file is ("fleet file") in the complaint about a second document. The error is an *Error
// of file, at the line yaml.v3 meant.
func Decode(file string, src []byte, noun string) (*yaml.Node, error) {
	root, err := decodeOne(src, noun)
	if err != nil {
		return nil, syntaxError(file, err)
	}
	return root, nil
}

func decodeOne(src []byte, noun string) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, err
		}
		return nil, &Error{Line: more.Line, Msg: "a second YAML document: a " + noun + " holds one"}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// yamlLine finds the line in yaml.v3's syntax errors ("yaml: line 3: mapping values are not ...").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parserProblems are the messages of yaml.v3's parser, as opposed to its scanner. yaml.v3 v3.0.1
// numbers a parser error's line from 0 (the line where the construct left open began), a scanner
// error's from 1, and leaves the line out when it would be the first (decode.go, parser.fail).
var parserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected '-' indicator", "did not find expected <document start>",
	"did not find expected <stream-start>", "did not find expected key",
	"did not find expected node content", "found duplicate %TAG directive",
	"found duplicate %YAML directive", "found incompatible YAML document",
	"found undefined tag handle",
}

// syntaxError words a decoding error as an *Error of file, at the line yaml.v3 meant.
func syntaxError(file string, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		fe.File = file
		return fe
	}
	msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(err.Error(), m[0])
		if slices.Contains(parserProblems, msg) {
			line++
		}
	}
	return &Error{File: file, Line: line, Msg: "YAML: " + msg}
}

package gateway

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

// usersPair is one key and value of a mapping.
type usersPair struct {
	key  string
	k, v *yaml.Node
}

// pairs reads a mapping's pairs in order. A key not in known, or given twice, is an error; so is a
// merge key (<<), which this small file does without.
func (p *usersParser) pairs(n *yaml.Node, what string, known []string) []usersPair {
	n = yamlDeref(n)
	if n.Kind != yaml.MappingNode {
		if !yamlNull(n) {
			p.errf(n.Line, "%s: want a mapping of %s", what, strings.Join(known, ", "))
		}
		return nil
	}
	var out []usersPair
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind == yaml.ScalarNode && k.Tag == "!!merge":
			p.errf(k.Line, "%s: merge keys (<<) are not supported here: write the keys out", what)
			continue
		case k.Kind != yaml.ScalarNode:
			p.errf(k.Line, "%s: a key must be a plain word", what)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			p.errf(k.Line, "%s: %s given twice (first at line %d)", what, k.Value, first)
			continue
		}
		seen[k.Value] = k.Line
		if !slices.Contains(known, k.Value) {
			p.errf(k.Line, "%s: unknown key %q (known: %s)", what, k.Value, strings.Join(known, ", "))
			continue
		}
		out = append(out, usersPair{k.Value, k, v})
	}
	return out
}

// list reads a list, or one value as a list of one; nothing for an empty value.
func (p *usersParser) list(n *yaml.Node, what string) []*yaml.Node {
	switch n = yamlDeref(n); {
	case yamlNull(n):
		return nil
	case n.Kind == yaml.ScalarNode:
		return []*yaml.Node{n}
	case n.Kind == yaml.SequenceNode:
		return n.Content
	}
	p.errf(n.Line, "%s: want a list", what)
	return nil
}

// str reads a scalar as text: name: 1234 is the name "1234", not a number.
func (p *usersParser) str(n *yaml.Node, what string) (string, bool) {
	n = yamlDeref(n)
	if n.Kind != yaml.ScalarNode || yamlNull(n) || n.Value == "" {
		p.errf(n.Line, "%s: want a value", what)
		return "", false
	}
	return n.Value, true
}

// yamlDeref follows an alias (*anchor) to the node it names.
func yamlDeref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func yamlNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// yamlEmpty reports whether n is absent, null or an empty list.
func yamlEmpty(n *yaml.Node) bool {
	n = yamlDeref(n)
	return n == nil || yamlNull(n) || n.Kind == yaml.SequenceNode && len(n.Content) == 0
}

// decodeUsersYAML decodes the one YAML document of src; nil for an empty file.
func decodeUsersYAML(src []byte) (*yaml.Node, error) {
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
		return nil, &UsersError{Line: more.Line, Msg: "a second YAML document: a users file holds one"}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// yamlLineRE finds the line in yaml.v3's syntax errors ("yaml: line 3: mapping values are not ...").
var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlParserProblems are the messages of yaml.v3's parser, as opposed to its scanner: v3.0.1
// numbers a parser error's line from 0, a scanner error's from 1 (as fleet.yamlError explains).
var yamlParserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected '-' indicator", "did not find expected <document start>",
	"did not find expected <stream-start>", "did not find expected key",
	"did not find expected node content", "found duplicate %TAG directive",
	"found duplicate %YAML directive", "found incompatible YAML document",
	"found undefined tag handle",
}

// yamlError words a decoding error as a *UsersError of this file, at the line yaml.v3 meant.
func (p *usersParser) yamlError(err error) error {
	var ue *UsersError
	if errors.As(err, &ue) {
		ue.File = p.file
		return ue
	}
	msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 1
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(err.Error(), m[0])
		if slices.Contains(yamlParserProblems, msg) {
			line++
		}
	}
	return &UsersError{File: p.file, Line: line, Msg: "YAML: " + msg}
}

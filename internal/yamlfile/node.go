package yamlfile

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Deref follows an alias (*anchor) to the node it names.
func Deref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// IsNull reports whether n is an empty value (key:, ~, null).
func IsNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// Pair is one key and value of a mapping.
type Pair struct {
	Key  string
	K, V *yaml.Node
}

// Keys reads the pairs of the mapping n in order. A key that is not a plain word, is given twice, or
// is not in known (nil: any key) is reported as a problem of what and left out. A merge key (<<)
// goes to merge, in its place among the others, since the files differ on what it means; seen
// gives the line of each key read.
func (p *Problems) Keys(n *yaml.Node, what string, known []string, merge func(k, v *yaml.Node)) (pairs []Pair, seen map[string]int) {
	seen = map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merge(k, v)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			p.Errf(k.Line, "%s: a key must be a plain word", what)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			p.Errf(k.Line, "%s: %s given twice (first at line %d)", what, k.Value, first)
			continue
		}
		seen[k.Value] = k.Line
		if known != nil && !slices.Contains(known, k.Value) {
			p.Errf(k.Line, "%s: unknown key %q (known: %s)", what, k.Value, strings.Join(known, ", "))
			continue
		}
		pairs = append(pairs, Pair{k.Value, k, v})
	}
	return pairs, seen
}

// Str reads a scalar as text: model: 10508 is the model "10508", not a number. An empty value, or
// anything but a scalar, is a problem of what.
func (p *Problems) Str(n *yaml.Node, what string) (string, bool) {
	n = Deref(n)
	if n.Kind != yaml.ScalarNode || IsNull(n) || n.Value == "" {
		p.Errf(n.Line, "%s: want a value", what)
		return "", false
	}
	return n.Value, true
}

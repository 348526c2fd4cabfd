package gateway

import (
	"strings"

	"gopkg.in/yaml.v3"

	"vtyd/internal/yamlfile"
)

// pairs reads a mapping's pairs in order. A key not in known, or given twice, is an error; so is a
// merge key (<<), which this small file does without.
func (p *usersParser) pairs(n *yaml.Node, what string, known []string) []yamlfile.Pair {
	n = yamlfile.Deref(n)
	if n.Kind != yaml.MappingNode {
		if !yamlfile.IsNull(n) {
			p.Errf(n.Line, "%s: want a mapping of %s", what, strings.Join(known, ", "))
		}
		return nil
	}
	pairs, _ := p.Keys(n, what, known, func(k, _ *yaml.Node) {
		p.Errf(k.Line, "%s: merge keys (<<) are not supported here: write the keys out", what)
	})
	return pairs
}

// list reads a list, or one value as a list of one; nothing for an empty value.
func (p *usersParser) list(n *yaml.Node, what string) []*yaml.Node {
	switch n = yamlfile.Deref(n); {
	case yamlfile.IsNull(n):
		return nil
	case n.Kind == yaml.ScalarNode:
		return []*yaml.Node{n}
	case n.Kind == yaml.SequenceNode:
		return n.Content
	}
	p.Errf(n.Line, "%s: want a list", what)
	return nil
}

// yamlEmpty reports whether n is absent, null or an empty list.
func yamlEmpty(n *yaml.Node) bool {
	n = yamlfile.Deref(n)
	return n == nil || yamlfile.IsNull(n) || n.Kind == yaml.SequenceNode && len(n.Content) == 0
}

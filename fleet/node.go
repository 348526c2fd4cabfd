package fleet

import (
	"strconv"

	"gopkg.in/yaml.v3"

	"vtyd/internal/yamlfile"
)

// parser reads one file's YAML tree, collecting every problem rather than stopping at the first.
type parser struct {
	// Problems collects every problem; its File is the file as the operator named it.
	yamlfile.Problems
	dir   string // the file's directory: relative data directories are under it
	opt   Options
	notes []string
	// noAddress is the complaint about a device without an address, in the file's own terms.
	noAddress string
	// names are all devices the file defines, good or bad: a link to a device whose definition was
	// refused is not reported again as a link to an unknown device.
	names map[string]bool
	// open are the mappings being read, and reads counts them: a merge key can name the mapping
	// that holds it, or merge an alias twice at every level, and neither may hang the loader.
	open  map[*yaml.Node]bool
	reads int
}

// maxReads bounds the mappings one file makes the parser read, merges expanded: a fleet of ten
// thousand devices reads a few ten thousand.
const maxReads = 1 << 20

// pair is one key and value of a mapping.
type pair = yamlfile.Pair

// mapping reads a mapping's pairs in order, merge keys (<<) expanded with the mapping's own keys
// winning. A key repeated in the mapping is an error, and so is one not in known (nil: any key).
func (p *parser) mapping(n *yaml.Node, what string, known ...string) []pair {
	n = yamlfile.Deref(n)
	if n.Kind != yaml.MappingNode {
		if yamlfile.IsNull(n) {
			return nil
		}
		p.Errf(n.Line, "%s: want a mapping of keys to values", what)
		return nil
	}
	if p.open[n] {
		p.Errf(n.Line, "%s: merges itself (<< names a mapping that holds it)", what)
		return nil
	}
	if p.reads++; p.reads > maxReads {
		if p.reads == maxReads+1 {
			p.Errf(n.Line, "more than %d mappings to read with merges expanded: merges too deep", maxReads)
		}
		return nil
	}
	if p.open == nil {
		p.open = map[*yaml.Node]bool{}
	}
	p.open[n] = true
	defer delete(p.open, n)
	var merged []pair
	own, seen := p.Keys(n, what, known, func(_, v *yaml.Node) {
		merged = append(merged, p.merge(v, what, known)...)
	})
	var out []pair
	for _, m := range merged {
		if _, mine := seen[m.Key]; !mine {
			seen[m.Key] = m.K.Line
			out = append(out, m)
		}
	}
	return append(out, own...)
}

// merge reads the value of a merge key: one mapping or a list of them, earlier ones winning.
func (p *parser) merge(v *yaml.Node, what string, known []string) []pair {
	v = yamlfile.Deref(v)
	if v.Kind == yaml.MappingNode {
		return p.mapping(v, what, known...)
	}
	if v.Kind != yaml.SequenceNode {
		p.Errf(v.Line, "%s: << merges a mapping or a list of mappings", what)
		return nil
	}
	var out []pair
	seen := map[string]bool{}
	for _, m := range v.Content {
		for _, pr := range p.mapping(m, what, known...) {
			if !seen[pr.Key] {
				seen[pr.Key] = true
				out = append(out, pr)
			}
		}
	}
	return out
}

// val is a setting read from the file: its value, the line it came from, and whether it was given.
type val[T any] struct {
	v    T
	line int
	ok   bool
}

// or is v when given, else d.
func (v val[T]) or(d val[T]) val[T] {
	if v.ok {
		return v
	}
	return d
}

// str reads a scalar as text (yamlfile.Problems.Str), with the line it came from.
func (p *parser) str(n *yaml.Node, what string) val[string] {
	s, ok := p.Str(n, what)
	if !ok {
		return val[string]{}
	}
	return val[string]{s, yamlfile.Deref(n).Line, true}
}

// integer reads a decimal integer in [lo, hi].
func (p *parser) integer(n *yaml.Node, what string, lo, hi int64) val[int64] {
	s := p.str(n, what)
	if !s.ok {
		return val[int64]{}
	}
	v, err := strconv.ParseInt(s.v, 10, 64)
	if err != nil || v < lo || v > hi {
		p.Errf(s.line, "%s %s: want a number from %d to %d", what, s.v, lo, hi)
		return val[int64]{}
	}
	return val[int64]{v, s.line, true}
}

// boolean reads true or false.
func (p *parser) boolean(n *yaml.Node, what string) val[bool] {
	n = yamlfile.Deref(n)
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		p.Errf(n.Line, "%s: want true or false", what)
		return val[bool]{}
	}
	return val[bool]{b, n.Line, true}
}

// list reads a list of words, or one word as a list of one.
func (p *parser) list(n *yaml.Node, what string) val[[]string] {
	n = yamlfile.Deref(n)
	if n.Kind == yaml.ScalarNode {
		s := p.str(n, what)
		return val[[]string]{[]string{s.v}, n.Line, s.ok}
	}
	if n.Kind != yaml.SequenceNode {
		p.Errf(n.Line, "%s: want a list", what)
		return val[[]string]{}
	}
	out := val[[]string]{line: n.Line, ok: true}
	for _, e := range n.Content {
		if s := p.str(e, what); s.ok {
			out.v = append(out.v, s.v)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

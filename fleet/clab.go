package fleet

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"vtyd/internal/yamlfile"
)

// clabKind is the containerlab node kind vtyd simulates.
const clabKind = "vtyd"

// isClab tells a containerlab topology from a vtyd fleet file: by its name, or its topology key.
func isClab(path string, root *yaml.Node) bool {
	if strings.HasSuffix(path, ".clab.yml") || strings.HasSuffix(path, ".clab.yaml") {
		return true
	}
	root = yamlfile.Deref(root)
	if root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "topology" {
			return true
		}
	}
	return false
}

// clabNode is what vtyd reads of a containerlab node, or of its kinds and defaults entries.
type clabNode struct {
	kind, typ, group, mgmt val[string]
	labels                 []string // values, sorted
}

// clab reads a containerlab topology into f: the nodes of kind vtyd and the links between them.
// Keys vtyd does not use belong to containerlab's schema and are not refused.
func (p *parser) clab(root *yaml.Node, f *Fleet) {
	var topo *yaml.Node
	for _, pr := range p.mapping(root, "topology file") {
		if pr.Key == "topology" {
			topo = pr.V
		}
	}
	if topo == nil {
		p.Errf(yamlfile.Deref(root).Line, "no topology: (want topology: nodes: ...)")
		return
	}
	var defs, kindDefs clabNode
	var nodes, links *yaml.Node
	for _, pr := range p.mapping(topo, "topology") {
		switch pr.Key {
		case "defaults":
			defs = p.clabNode(pr.V, "topology defaults")
		case "kinds":
			for _, k := range p.mapping(pr.V, "topology kinds") {
				if k.Key == clabKind {
					kindDefs = p.clabNode(k.V, "topology kinds "+clabKind)
				}
			}
		case "nodes":
			nodes = pr.V
		case "links":
			links = pr.V
		}
	}
	if nodes == nil {
		p.Errf(yamlfile.Deref(topo).Line, "topology: no nodes")
		return
	}
	p.names = map[string]bool{}
	p.noAddress = "no mgmt-ipv4 (vtyd listens on it, so the file must fix it)"
	others := map[string]bool{} // nodes of other kinds
	for _, pr := range p.mapping(nodes, "nodes") {
		n := p.clabNode(pr.V, "node "+pr.Key)
		kind := n.kind.or(defs.kind)
		if kind.v != clabKind {
			others[pr.Key] = true
			p.note(pr.K.Line, "node %s of kind %q left out: vtyd simulates the nodes of kind %s", pr.Key, kind.v, clabKind)
			continue
		}
		p.names[pr.Key] = true
		s := settings{kind: val[string]{KindSim, kind.line, true}, model: n.typ.or(kindDefs.typ).or(defs.typ)}
		s.address = n.mgmt
		s.tags = val[[]string]{line: pr.K.Line, ok: true}
		for _, t := range append(append(defs.labels, kindDefs.labels...), n.labels...) {
			s.tags.v = append(s.tags.v, t)
		}
		if g := n.group.or(kindDefs.group).or(defs.group); g.ok {
			s.tags.v = append(s.tags.v, g.v)
		}
		if d, ok := p.device(pr.Key, pr.K.Line, s, settings{}); ok {
			f.Devices = append(f.Devices, d)
		}
	}
	if len(p.names) == 0 {
		p.Errf(yamlfile.Deref(nodes).Line, "topology: no nodes of kind %s", clabKind)
	}
	if links != nil {
		f.Links = p.clabLinks(links, others)
	}
}

// clabNode reads the keys vtyd uses of a node (or of a kinds or defaults entry).
func (p *parser) clabNode(n *yaml.Node, what string) clabNode {
	var c clabNode
	for _, pr := range p.mapping(n, what) {
		w := what + ": " + pr.Key
		switch pr.Key {
		case "kind":
			c.kind = p.str(pr.V, w)
		case "type":
			c.typ = p.str(pr.V, w)
		case "group":
			c.group = p.str(pr.V, w)
		case "mgmt-ipv4":
			c.mgmt = p.str(pr.V, w)
		case "labels":
			for _, l := range p.mapping(pr.V, w) {
				v := yamlfile.Deref(l.V)
				if v.Kind != yaml.ScalarNode || yamlfile.IsNull(v) || v.Value == "" {
					continue
				}
				if msg := tagProblem(v.Value); msg != "" {
					p.note(v.Line, "%s: label %s=%q is not a tag (%s)", what, l.Key, v.Value, msg)
					continue
				}
				c.labels = append(c.labels, v.Value)
			}
		}
	}
	sort.Strings(c.labels)
	return c
}

// clabLinks reads containerlab's links: endpoints ["sw1:GE1/0/49", "sw2:GE1/0/49"], or the extended
// form's {node, interface} ends. Links that reach a node of another kind are left out with a note.
func (p *parser) clabLinks(n *yaml.Node, others map[string]bool) []Link {
	n = yamlfile.Deref(n)
	if n.Kind != yaml.SequenceNode {
		if !yamlfile.IsNull(n) {
			p.Errf(n.Line, "links: want a list")
		}
		return nil
	}
	var out []Link
	for _, e := range n.Content {
		var ends []string
		for _, pr := range p.mapping(e, "link") {
			if pr.Key != "endpoints" {
				continue
			}
			v := yamlfile.Deref(pr.V)
			if v.Kind != yaml.SequenceNode {
				p.Errf(v.Line, "link: endpoints: want a list of two \"node:interface\"")
				continue
			}
			for _, end := range v.Content {
				ends = append(ends, p.clabEnd(end))
			}
		}
		line := yamlfile.Deref(e).Line
		if len(ends) != 2 {
			p.note(line, "link left out: vtyd wires links of two endpoints")
			continue
		}
		if other := otherNode(ends, others); other != "" {
			p.note(line, "link %s -- %s left out: node %s is not of kind %s", ends[0], ends[1], other, clabKind)
			continue
		}
		if l, ok := p.link(ends[0], ends[1], line); ok {
			out = append(out, l)
		}
	}
	return out
}

// clabEnd is one endpoint as "node:interface", whichever way the file spells it.
func (p *parser) clabEnd(n *yaml.Node) string {
	n = yamlfile.Deref(n)
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	var node, iface string
	for _, pr := range p.mapping(n, "link endpoint") {
		switch pr.Key {
		case "node":
			node = yamlfile.Deref(pr.V).Value
		case "interface":
			iface = yamlfile.Deref(pr.V).Value
		}
	}
	return node + ":" + iface
}

// otherNode names the first end on a node vtyd does not simulate (containerlab's host and
// mgmt-net pseudo-nodes included), "" when both ends are vtyd's.
func otherNode(ends []string, others map[string]bool) string {
	for _, e := range ends {
		node, _, _ := strings.Cut(e, ":")
		if others[node] || node == "host" || node == "mgmt-net" || node == "macvlan" {
			return node
		}
	}
	return ""
}

// note records something the operator should hear that does not stop the fleet.
func (p *parser) note(line int, format string, args ...any) {
	p.notes = append(p.notes, (&Error{File: p.File, Line: line, Msg: fmt.Sprintf(format, args...)}).Error())
}

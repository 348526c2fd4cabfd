package netconf

import (
	"strconv"
	"strings"
)

// get, get-bulk, get-config and get-bulk-config of Comware's tables under <top>, cut down by a
// subtree filter (RFC 6241 §6). get-bulk differs in two ways, as Comware's appendix describes it:
// an index in a list entry's filter means "the entries after this one", and xc:count on the table
// element bounds how many entries come back.

func (s *session) get(op *node) (string, *RPCError)       { return s.retrieve(op, "data", false) }
func (s *session) getBulk(op *node) (string, *RPCError)   { return s.retrieve(op, "data", true) }
func (s *session) getConfig(op *node) (string, *RPCError) { return s.retrieveConfig(op, false) }
func (s *session) getBulkConfig(op *node) (string, *RPCError) {
	return s.retrieveConfig(op, true)
}

func (s *session) retrieveConfig(op *node, bulk bool) (string, *RPCError) {
	if src := op.kid("source"); src == nil || len(src.kids) != 1 || src.kids[0].name.Local != "running" {
		return "", invalidValue("/rpc/"+op.name.Local+"/source", "Only the running configuration can be retrieved.")
	}
	return s.retrieve(op, "config", bulk)
}

// retrieve answers <data><top xmlns=NS>...</top></data>, NS the namespace the filter's <top> used
// (any brand's), or the device's brand without a filter.
func (s *session) retrieve(op *node, kind string, bulk bool) (string, *RPCError) {
	ns := s.cfg.Brand.Namespace(kind)
	var want []*node // module filters; nil: every module whole
	if f := op.kid("filter"); f != nil {
		if t, ok := f.attr("", "type"); ok && t != "subtree" {
			return "", invalidValue("/rpc/"+op.name.Local+"/filter", "Only subtree filters are supported.")
		}
		for _, top := range f.kids {
			if top.name.Local != "top" {
				return "", unknownElement(top, "/rpc/"+op.name.Local+"/filter")
			}
			if !brandSpace(top.name.Space, kind) {
				return "", &RPCError{Type: "protocol", Tag: "unknown-namespace",
					Message: "Unknown namespace '" + top.name.Space + "' of element 'top'.",
					Info:    []infoItem{{"bad-element", "top"}, {"bad-namespace", top.name.Space}}}
			}
			ns = top.name.Space
			want = append(want, top.kids...)
			if top.leaf() {
				want = nil
			}
		}
	}
	tables := modules
	if kind == "config" {
		tables = configModules
	}
	var out []*node
	if want == nil {
		for _, name := range moduleOrder {
			if t := tables[name]; t != nil {
				out = append(out, t(s.d))
			}
		}
	}
	for _, m := range want {
		t, ok := tables[m.name.Local]
		if !ok {
			return "", unknownElement(m, "/top")
		}
		if t == nil {
			continue // state only: no configuration
		}
		if r := match(m, t(s.d), bulk); r != nil {
			out = append(out, r)
		}
	}
	var b strings.Builder
	b.WriteString(`<data><top xmlns="` + ns + `">`)
	for _, n := range out {
		n.write(&b)
	}
	b.WriteString("</top></data>")
	return b.String(), nil
}

// brandSpace reports whether space is a brand's namespace of kind (data or config).
func brandSpace(space, kind string) bool {
	for _, b := range []Brand{BrandHP, BrandHPE, BrandH3C} {
		if space == b.Namespace(kind) {
			return true
		}
	}
	return false
}

// match applies filter f to data element d of the same name (RFC 6241 §6.2): an empty filter
// element selects d whole; a filter child with text must match d's child of that name (in a bulk
// request, an index column must be below d's: paging); the other filter children select among d's
// children. A d that fails a content match is left out (nil).
func match(f, d *node, bulk bool) *node {
	if f.leaf() {
		return d
	}
	var content, selects []*node
	for _, k := range f.kids {
		if k.leaf() && k.value() != "" {
			content = append(content, k)
		} else {
			selects = append(selects, k)
		}
	}
	for _, c := range content {
		dk := d.kid(c.name.Local)
		if dk == nil {
			return nil
		}
		if bulk && listKeys[d.name.Local] == c.name.Local {
			if !after(dk.value(), c.value()) {
				return nil
			}
		} else if dk.value() != c.value() {
			return nil
		}
	}
	if len(selects) == 0 {
		return d
	}
	out := &node{name: d.name}
	// A list entry always carries its index, as Comware answers: the next page starts from it.
	if key := listKeys[d.name.Local]; key != "" && f.kid(key) == nil && d.kid(key) != nil {
		out.kids = append(out.kids, d.kid(key))
	}
	for _, c := range content {
		out.kids = append(out.kids, d.kid(c.name.Local))
	}
	limit := -1
	if v, ok := f.attrLocal("count"); ok {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			limit = n
		}
	}
	picked := 0
	for _, dk := range d.kids {
		for _, sel := range selects {
			if sel.name.Local != dk.name.Local {
				continue
			}
			if r := match(sel, dk, bulk); r != nil && (limit < 0 || picked < limit) {
				out.kids = append(out.kids, r)
				picked++
			}
			break
		}
	}
	if picked == 0 && len(content) == 0 {
		return nil
	}
	return out
}

// after reports whether index value v comes after start, numerically when both are numbers.
func after(v, start string) bool {
	a, err1 := strconv.Atoi(v)
	b, err2 := strconv.Atoi(start)
	if err1 == nil && err2 == nil {
		return a > b
	}
	return v > start
}

// write serializes the element, its text escaped.
func (n *node) write(b *strings.Builder) {
	b.WriteString("<" + n.name.Local + ">")
	escape(b, n.text)
	for _, k := range n.kids {
		k.write(b)
	}
	b.WriteString("</" + n.name.Local + ">")
}

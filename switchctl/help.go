package switchctl

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// helpEntry is one line of `?` output.
type helpEntry struct{ label, text string }

// Help answers `?` typed at the end of line (line does not include the "?"), in its three forms:
// the view's command list with its header, the next words after "keyword ?", and the keywords that
// start with a partial word ("f?"). It returns the parse error when the words before it do not parse.
func (s *Session) Help(line string, out io.Writer) error {
	if s.collect != nil {
		return nil
	}
	toks, err := tokenize(line)
	if err != nil {
		return err
	}
	kind := s.View().Kind
	if len(toks) == 0 {
		entries := listKids(theGrammar.roots[kind], "", false, s.info.Roles)
		fmt.Fprintln(out, kind.helpHeader())
		writeHelp(out, entries, 25)
		return nil
	}
	partial := ""
	if !strings.HasSuffix(line, " ") && !strings.HasSuffix(line, "\t") {
		partial = strings.ToLower(toks[len(toks)-1].Val)
		toks = toks[:len(toks)-1]
	}
	n, args, err := s.walkAny(line, toks)
	if err != nil {
		if e, ok := s.ifTypeHelp(line, toks); ok && partial == "" {
			writeHelp(out, e, 0)
			return nil
		}
		return err
	}
	entries := append(setRest(n, args, partial), ifTypeEntries(n, partial, &s.d.model)...)
	entries = append(entries, listKids(n, partial, partial == "", s.info.Roles)...)
	if len(entries) == 0 {
		pos := len(strings.TrimRight(line, " "))
		if partial != "" {
			pos -= len(partial)
		}
		return &ParseError{Kind: Unrecognized, Pos: pos}
	}
	writeHelp(out, entries, 0)
	return nil
}

// setRest lists the words of a set argument that may still follow the ones typed.
func setRest(n *node, args *Args, prefix string) []helpEntry {
	if n.arg == nil || n.arg.kind != argSet {
		return nil
	}
	var out []helpEntry
	for _, w := range strings.Split(n.arg.set, ",") {
		if strings.HasPrefix(w, prefix) && (args == nil || !slices.Contains(args.Strs(n.name), w)) {
			out = append(out, helpEntry{w, n.setWordHelp(w)})
		}
	}
	return out
}

// setWordHelp is the help of one word of a set argument ("services.ssh"), else the argument's.
func (n *node) setWordHelp(w string) string {
	if h, ok := argHelp[n.name+"."+w]; ok {
		return h
	}
	return n.helpText()
}

// walkAny walks the tokens in the current view, then in the enclosing views, as parse does.
func (s *Session) walkAny(line string, toks []token) (*node, *Args, error) {
	if len(toks) == 0 {
		return theGrammar.roots[s.View().Kind], &Args{}, nil
	}
	env := &matchEnv{line: line, model: &s.d.model}
	var best error
	bestPos := -1
	for depth := len(s.views) - 1; depth >= 0; depth-- {
		n, args, err := theGrammar.walk(s.views[depth].Kind, toks, env)
		if err == nil {
			return n, args, nil
		}
		var pe *ParseError
		if errors.As(err, &pe) && pe.Pos > bestPos {
			best, bestPos = err, pe.Pos
		}
	}
	return nil, nil, best
}

// listKids lists what may follow node n for a user of roles: arguments first, then keywords in
// order, then <cr> when the words so far are a complete command (and the filter bar for display
// commands). What none of the roles may run is left out, as a real switch's `?` does [RBAC-WP]; an
// interface name is listed by its types instead (ifTypeEntries).
func listKids(n *node, prefix string, withCR bool, roles []string) []helpEntry {
	var args, kws []helpEntry
	for _, k := range n.kids {
		if k.hidden || (k.alias && prefix == "" && !withCR && n.path != "") || !privsAllowed(k.privs, roles) {
			continue
		}
		if k.arg != nil && (k.arg.kind == argIf || k.arg.kind == argIfType) { // listed as types (ifTypeEntries)
			continue
		}
		if k.arg != nil && k.arg.kind == argSet {
			kws = append(kws, setRest(k, nil, prefix)...)
			continue
		}
		if k.arg != nil {
			if prefix == "" {
				args = append(args, helpEntry{k.arg.label(), k.helpText()})
			}
			continue
		}
		if strings.HasPrefix(k.kw, prefix) {
			kws = append(kws, helpEntry{k.kw, k.helpText()})
		}
	}
	sort.Slice(kws, func(i, j int) bool { return kws[i].label < kws[j].label })
	out := append(args, kws...)
	if withCR && n.row != nil {
		if n.row.Display {
			out = append(out, helpEntry{"|", "Matching output"})
		}
		out = append(out, helpEntry{"<cr>", ""})
	}
	return out
}

func writeHelp(out io.Writer, entries []helpEntry, width int) {
	for _, e := range entries {
		if len(e.label)+2 > width {
			width = len(e.label) + 2
		}
	}
	for _, e := range entries {
		if e.text == "" {
			fmt.Fprintf(out, "  %s\n", e.label)
			continue
		}
		fmt.Fprintf(out, "  %-*s%s\n", width, e.label, e.text)
	}
}

// Complete is Tab: it completes the last word of line when one keyword (or interface type) fits and
// returns the new line; otherwise it returns the line unchanged and the candidates, for the adapter to
// cycle through or show.
func (s *Session) Complete(line string) (string, []string) {
	toks, err := tokenize(line)
	if err != nil || len(toks) == 0 || strings.HasSuffix(line, " ") {
		return line, nil
	}
	last := toks[len(toks)-1]
	var cands []string
	n, args, err := s.walkAny(line, toks[:len(toks)-1])
	if err != nil {
		return line, nil
	}
	for _, e := range setRest(n, args, strings.ToLower(last.Val)) {
		cands = append(cands, e.label)
	}
	lw := strings.ToLower(last.Val)
	for _, k := range n.kids {
		switch {
		case !privsAllowed(k.privs, s.info.Roles):
		case k.kw != "" && !k.hidden && !k.alias && strings.HasPrefix(k.kw, lw):
			cands = append(cands, k.kw)
		case k.arg != nil && k.arg.kind == argIf:
			for _, t := range ifTypes {
				if strings.HasPrefix(strings.ToLower(t.full), lw) {
					cands = append(cands, t.full)
				}
			}
		}
	}
	sort.Strings(cands)
	if len(cands) == 1 {
		return line[:last.Pos] + cands[0] + " ", cands
	}
	return line, cands
}

// privsAllowed reports whether roles may run any row of the privileges in mask.
func privsAllowed(mask uint32, roles []string) bool {
	for p := PrivAny; p <= PrivSecurity; p++ {
		if mask&(1<<p) != 0 && rolesAllow(roles, p) {
			return true
		}
	}
	return false
}

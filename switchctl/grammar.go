package switchctl

import (
	"fmt"
	"strings"
)

// Priv is what a role must be allowed to do to run a grammar row.
type Priv int

// Privileges, from the least to the most powerful.
const (
	PrivAny      Priv = iota // session control: quit, return, screen-length, terminal, system-view
	PrivRead                 // display commands
	PrivDiag                 // ping and tracert
	PrivWrite                // configuration and device operations
	PrivSecurity             // local users, keys, the SSH server
)

// Move is how a command changes the session's view stack once it has run.
type Move int

// The view moves.
const (
	Stay  Move = iota
	Enter      // push the view Target computes
	Leave      // quit: pop one view; at the user view the session ends
	Top        // return: back to the user view
)

// Handler runs a matched command.
type Handler func(c *Ctx) error

// Row is one command of the grammar: the views it is typed in, its path with typed placeholders, the
// privilege it needs and what it does. Path syntax: keywords, <name:type> placeholders, [optional]
// parts and {alternative|parts}; see argtypes.go for the types.
type Row struct {
	Views   ViewSet
	Path    string
	Priv    Priv
	Run     Handler
	Move    Move
	Target  func(c *Ctx) (View, error) // the view an Enter row moves to; pure, so check mode can use it
	Display bool                       // output filters (| include ...) allowed
	Hidden  bool                       // accepted when typed in full, never listed or abbreviated
	Secret  []string                   // arguments masked when the command is logged
	// Multiline rows may open a text that goes on over the next lines (header motd %...%); Check runs
	// them with Ctx.Checking set so that it can follow the text without changing the device.
	Multiline bool
}

// node is one word of the per-view command tree built from the rows.
type node struct {
	kw     string // lower-case keyword; "" for an argument
	alias  bool
	arg    *argType
	name   string // argument name
	path   string // keywords leading here, for help lookup
	kids   []*node
	row    *Row
	hidden bool
	privs  uint32 // bit p set when a row of privilege p ends at or below this node: `?` lists it to whoever may run one
}

// grammar is the command tree of every view, built once from the rows; it never changes afterwards.
type grammar struct {
	roots [numViews]*node
}

// aliases are Comware's system-defined aliases: usable as the first keyword, or the second after undo.
var aliases = map[string]string{
	"show": "display", "no": "undo", "write": "save", "exit": "quit", "end": "return",
	"hostname": "sysname", "erase": "delete", "logging": "info-center", "access-list": "acl",
}

func buildGrammar(rows []Row) *grammar {
	g := &grammar{}
	for k := range g.roots {
		g.roots[k] = &node{}
	}
	for i := range rows {
		r := &rows[i]
		if r.Run == nil && r.Move == Stay {
			panic(fmt.Sprintf("switchctl: grammar row %q does nothing", r.Path))
		}
		if r.Move == Enter && r.Target == nil {
			panic(fmt.Sprintf("switchctl: grammar row %q enters a view without a Target", r.Path))
		}
		for _, seq := range expandSpec(r.Path) {
			for k := ViewKind(0); k < numViews; k++ {
				if r.Views.Has(k) {
					g.roots[k].insert(seq, r)
				}
			}
		}
	}
	for _, root := range g.roots {
		if u := root.kid("undo"); u != nil {
			u.addAliases() // first, so that the root's "no" shares undo's aliases too
		}
		root.addAliases()
		root.checkHelp()
	}
	return g
}

func (n *node) kid(kw string) *node {
	for _, k := range n.kids {
		if k.kw == kw && !k.alias {
			return k
		}
	}
	return nil
}

func (n *node) insert(seq []string, r *Row) {
	cur := n
	cur.privs |= 1 << r.Priv
	for _, word := range seq {
		var next *node
		if strings.HasPrefix(word, "<") {
			at := parseArgSpec(word)
			for _, k := range cur.kids {
				if k.arg != nil && k.name == at.name && k.arg.same(at.typ) {
					next = k
				}
			}
			if next == nil {
				next = &node{arg: at.typ, name: at.name, path: cur.path}
				cur.kids = append(cur.kids, next)
			}
		} else {
			kw := strings.ToLower(word)
			next = cur.kid(kw)
			if next == nil {
				next = &node{kw: kw, path: strings.TrimSpace(cur.path + " " + kw), hidden: r.Hidden}
				cur.kids = append(cur.kids, next)
			}
		}
		cur = next
		cur.privs |= 1 << r.Priv
	}
	if cur.row != nil && cur.row != r {
		panic(fmt.Sprintf("switchctl: grammar paths %q and %q collide", cur.row.Path, r.Path))
	}
	cur.row = r
}

func (n *node) addAliases() {
	for alias, target := range aliases {
		if t := n.kid(target); t != nil {
			n.kids = append(n.kids, &node{kw: alias, alias: true, path: t.path, kids: t.kids, row: t.row, privs: t.privs})
		}
	}
}

// checkHelp panics when a keyword or argument the user can list has no help text: `?` must never
// print an empty description.
func (n *node) checkHelp() {
	for _, k := range n.kids {
		if k.hidden || k.alias {
			continue
		}
		if k.helpText() == "" {
			panic(fmt.Sprintf("switchctl: no help for %q after %q", k.label(), n.path))
		}
		k.checkHelp()
	}
}

// label is how `?` names the node in its left column.
func (n *node) label() string {
	if n.arg != nil {
		return n.arg.label()
	}
	return n.kw
}

func (n *node) helpText() string {
	if n.alias {
		return "Alias for '" + n.path + "'"
	}
	if n.arg != nil {
		if h, ok := argHelp[n.name]; ok {
			return h
		}
		return ""
	}
	if h, ok := keywordHelp[n.path]; ok {
		return h
	}
	return keywordHelp[n.kw]
}

// expandSpec turns a path with [optional] and {alternative|parts} into every plain word sequence.
func expandSpec(spec string) [][]string {
	p := &specParser{words: specWords(spec)}
	seqs := p.alts()
	if p.i != len(p.words) {
		panic(fmt.Sprintf("switchctl: bad grammar path %q at %q", spec, p.words[p.i]))
	}
	return seqs
}

func specWords(spec string) []string {
	for _, c := range []string{"[", "]", "{", "}", "|"} {
		spec = strings.ReplaceAll(spec, c, " "+c+" ")
	}
	return strings.Fields(spec)
}

type specParser struct {
	words []string
	i     int
}

func (p *specParser) alts() [][]string {
	out := p.seq()
	for p.i < len(p.words) && p.words[p.i] == "|" {
		p.i++
		out = append(out, p.seq()...)
	}
	return out
}

func (p *specParser) seq() [][]string {
	out := [][]string{nil}
	for p.i < len(p.words) {
		w := p.words[p.i]
		var opts [][]string
		switch w {
		case "|", "]", "}":
			return out
		case "[", "{":
			p.i++
			opts = p.alts()
			closer := map[string]string{"[": "]", "{": "}"}[w]
			if p.i >= len(p.words) || p.words[p.i] != closer {
				panic(fmt.Sprintf("switchctl: unbalanced %s in grammar path", w))
			}
			if w == "[" {
				opts = append([][]string{nil}, opts...)
			}
		default:
			opts = [][]string{{w}}
		}
		p.i++
		var next [][]string
		for _, a := range out {
			for _, b := range opts {
				next = append(next, append(append([]string(nil), a...), b...))
			}
		}
		out = next
	}
	return out
}

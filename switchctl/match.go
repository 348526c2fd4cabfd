package switchctl

import "strings"

// matchEnv is what matching needs besides the tokens: the raw line (rest-of-line arguments) and which
// fixed interfaces the hardware has.
type matchEnv struct {
	line  string
	model *Model
}

func (e *matchEnv) ifExists(n IfName) bool {
	switch n.Type {
	case IfGE, IfXGE:
		m := e.model
		p := n.Num[2]
		if n.Num[0] < 1 || n.Num[0] > m.Slots || n.Num[1] != 0 || p < 1 || p > m.GE+m.XGE {
			return false
		}
		return (n.Type == IfGE) == (p <= m.GE)
	case IfMGE: // a 5130 EI has a console port only
		return e.model.MGE && n.Num == [3]int{0, 0, 0}
	}
	return true // Vlan-interface, LoopBack and NULL numbers were range-checked by the parser
}

// match walks the tree of one view with the tokens of a line and returns the complete command.
func (g *grammar) match(kind ViewKind, toks []token, env *matchEnv) (*Row, *Args, error) {
	n, args, err := g.walk(kind, toks, env)
	if err != nil {
		return nil, nil, err
	}
	if n.row == nil {
		last := toks[len(toks)-1]
		return nil, nil, &ParseError{Kind: Incomplete, Pos: last.End + 1}
	}
	return n.row, args, nil
}

// walk follows the tokens as far as they go and returns the node they reach.
func (g *grammar) walk(kind ViewKind, toks []token, env *matchEnv) (*node, *Args, error) {
	n := g.roots[kind]
	args := &Args{}
	for i := 0; i < len(toks); {
		next, used, err := n.step(env, toks, i, args, n == g.roots[kind])
		if err != nil {
			return nil, nil, err
		}
		n, i = next, i+used
	}
	return n, args, nil
}

// step picks the child of n that toks[i] selects: an exact keyword, then a typed argument that parses,
// then a unique keyword prefix, then a free-text argument. Otherwise it says what Comware would.
func (n *node) step(env *matchEnv, toks []token, i int, args *Args, atRoot bool) (*node, int, error) {
	t := toks[i]
	lw := strings.ToLower(t.Val)
	if !t.Quoted {
		for _, k := range n.kids {
			if k.kw != "" && k.kw == lw {
				args.kws = append(args.kws, k.canonical())
				return k, 1, nil
			}
		}
	}
	for _, k := range n.kids {
		if k.arg != nil && !k.arg.weak() {
			if used, v, ok := k.arg.match(env, toks, i); ok {
				args.add(k.name, v, t.Pos)
				return k, used, nil
			}
		}
	}
	if !t.Quoted {
		var found *node
		count := 0
		for _, k := range n.kids {
			if k.kw != "" && !k.hidden && !k.alias && strings.HasPrefix(k.kw, lw) {
				found, count = k, count+1
			}
		}
		if count > 1 {
			return nil, 0, &ParseError{Kind: Ambiguous, Pos: t.Pos}
		}
		if count == 1 {
			args.kws = append(args.kws, found.kw)
			return found, 1, nil
		}
	}
	hasArg := false
	for _, k := range n.kids {
		if k.arg == nil {
			continue
		}
		hasArg = true
		if k.arg.weak() {
			if used, v, ok := k.arg.match(env, toks, i); ok {
				args.add(k.name, v, t.Pos)
				return k, used, nil
			}
		}
	}
	switch {
	case atRoot:
		return nil, 0, &ParseError{Kind: Unrecognized, Pos: t.Pos}
	case hasArg:
		return nil, 0, &ParseError{Kind: WrongParam, Pos: t.Pos}
	case n.row != nil:
		return nil, 0, &ParseError{Kind: TooMany, Pos: t.Pos}
	}
	return nil, 0, &ParseError{Kind: Unrecognized, Pos: t.Pos}
}

// canonical is the keyword an alias stands for, so handlers test one spelling.
func (n *node) canonical() string {
	if n.alias {
		if i := strings.LastIndexByte(n.path, ' '); i >= 0 {
			return n.path[i+1:]
		}
		return n.path
	}
	return n.kw
}

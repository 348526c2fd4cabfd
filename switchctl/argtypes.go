package switchctl

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// argKind is the type of a <name:type> placeholder:
//
//	<n:1-4094>     an integer in a range
//	<n:word:1-80>  one token (quoted to hold blanks), length in a range
//	<n:text:1-255> the rest of the line, length in a range
//	<n:ifname>     an interface name, one or two tokens (GE1/0/1, GigabitEthernet 1/0/1)
//	<n:iftype>     an interface type alone (GigabitEthernet, vlan-int), read as an int(IfType)
//	<n:ip>         a dotted IPv4 address
//	<n:mask>       a prefix length 0-32 or a dotted mask, read as a prefix length
//	<n:vlanlist>   VLAN IDs and "A to B" ranges
//	<n:iflist>     interface names and "A to B" ranges, to the end of the line
//	<n:set:a,b,c>  one or more distinct words of the set, in any order, abbreviated ({a|b|c}*)
//	<n:hms>        a time of day or offset HH:MM:SS (00:00:00-23:59:59), read as seconds
//	<n:algos:KIND> SSH algorithm names of one kind (cipher, key-exchange, mac, public-key), to the end
//
// Words and texts never hold a terminal control (see firstUnsafe): checking them here, where every
// command line and configuration file line is matched, keeps escape sequences out of the running and
// saved configuration whatever command would have stored them.
type argKind int

const (
	argInt argKind = iota
	argWord
	argText
	argIf
	argIP
	argMask
	argVLANList
	argAlgos
	argIfList
	argSet
	argHMS
	argIfType
)

type argType struct {
	kind   argKind
	lo, hi int
	set    string
}

type argSpec struct {
	name string
	typ  *argType
}

func parseArgSpec(w string) argSpec {
	parts := strings.Split(strings.Trim(w, "<>"), ":")
	bad := func() { panic(fmt.Sprintf("switchctl: bad placeholder %s", w)) }
	if len(parts) < 2 {
		bad()
	}
	t := &argType{}
	rng := func(s string) {
		lo, hi, ok := strings.Cut(s, "-")
		var err1, err2 error
		t.lo, err1 = strconv.Atoi(lo)
		t.hi, err2 = strconv.Atoi(hi)
		if !ok || err1 != nil || err2 != nil || t.lo > t.hi {
			bad()
		}
	}
	switch parts[1] {
	case "word", "text":
		t.kind, t.lo, t.hi = argWord, 1, 255
		if parts[1] == "text" {
			t.kind = argText
		}
		if len(parts) == 3 {
			rng(parts[2])
		}
	case "ifname":
		t.kind = argIf
	case "iftype":
		t.kind = argIfType
	case "ip":
		t.kind = argIP
	case "mask":
		t.kind = argMask
	case "vlanlist":
		t.kind, t.lo, t.hi = argVLANList, 1, 4094
	case "iflist":
		t.kind = argIfList
	case "hms":
		t.kind = argHMS
	case "set":
		if len(parts) != 3 {
			bad()
		}
		t.kind, t.set = argSet, parts[2]
	case "algos":
		if len(parts) != 3 || algoCatalog[parts[2]] == nil {
			bad()
		}
		t.kind, t.set = argAlgos, parts[2]
	default:
		t.kind = argInt
		rng(parts[1])
	}
	return argSpec{name: parts[0], typ: t}
}

func (t *argType) same(o *argType) bool { return *t == *o }

// weak types accept any token, so keywords are tried before them; an interface type is a word that
// may abbreviate a keyword beside it (`display interface bri` is brief, not Bridge-Aggregation).
func (t *argType) weak() bool { return t.kind == argWord || t.kind == argText || t.kind == argIfType }

// label is the left column of `?` for the argument, in Comware's notation.
func (t *argType) label() string {
	switch t.kind {
	case argInt, argVLANList:
		return fmt.Sprintf("INTEGER<%d-%d>", t.lo, t.hi)
	case argWord, argText:
		return fmt.Sprintf("STRING<%d-%d>", t.lo, t.hi)
	case argIf, argIfList, argIfType:
		return "INTERFACE"
	case argIP:
		return "X.X.X.X"
	case argMask:
		return "INTEGER<0-32>"
	case argAlgos:
		return "ALGORITHM"
	case argHMS:
		return "TIME"
	case argSet:
		return "{" + strings.ReplaceAll(t.set, ",", "|") + "}*"
	}
	return "?"
}

// match tries the argument at toks[i]; it returns how many tokens it took and the value.
func (t *argType) match(env *matchEnv, toks []token, i int) (int, any, bool) {
	tok := toks[i]
	switch t.kind {
	case argInt:
		v, err := strconv.Atoi(tok.Val)
		if err != nil || v < t.lo || v > t.hi || tok.Quoted {
			return 0, nil, false
		}
		return 1, v, true
	case argWord:
		if n := len(tok.Val); n < t.lo || n > t.hi || strings.Contains(tok.Val, "?") || firstUnsafe(tok.Val) >= 0 {
			return 0, nil, false
		}
		return 1, tok.Val, true
	case argText:
		v := env.line[tok.Pos:]
		if len(toks) == i+1 && tok.Quoted {
			v = tok.Val
		}
		v = strings.TrimRight(v, " \t")
		if n := len(v); n < t.lo || n > t.hi || firstUnsafe(v) >= 0 {
			return 0, nil, false
		}
		return len(toks) - i, v, true
	case argIf:
		return matchIfName(env, toks, i)
	case argIfType:
		return matchIfType(env, toks, i)
	case argIP:
		a, err := netip.ParseAddr(tok.Val)
		if err != nil || !a.Is4() {
			return 0, nil, false
		}
		return 1, a, true
	case argMask:
		if v, err := strconv.Atoi(tok.Val); err == nil {
			if v < 0 || v > 32 {
				return 0, nil, false
			}
			return 1, v, true
		}
		n, ok := maskLen(tok.Val)
		return 1, n, ok
	case argVLANList:
		return matchVLANList(toks, i)
	case argAlgos:
		return matchAlgos(t.set, toks, i)
	case argIfList:
		return matchIfList(env, toks, i)
	case argSet:
		return matchSet(strings.Split(t.set, ","), toks, i)
	case argHMS:
		var h, m, sec int
		if n, err := fmt.Sscanf(tok.Val, "%2d:%2d:%2d", &h, &m, &sec); err != nil || n != 3 || len(tok.Val) != 8 ||
			h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59 {
			return 0, nil, false
		}
		return 1, h*3600 + m*60 + sec, true
	}
	return 0, nil, false
}

func matchIfName(env *matchEnv, toks []token, i int) (int, any, bool) {
	if n, ok := ParseIfName(toks[i].Val); ok && env.ifExists(n) {
		return 1, n, true
	}
	if i+1 < len(toks) {
		if n, ok := parseIfParts(toks[i].Val, toks[i+1].Val); ok && env.ifExists(n) {
			return 2, n, true
		}
	}
	return 0, nil, false
}

// matchIfType reads an interface type of the model standing alone: a word that, with its number or
// the next word, is an interface name is left to <ifname>, which says what is wrong with it.
func matchIfType(env *matchEnv, toks []token, i int) (int, any, bool) {
	if _, ok := ParseIfName(toks[i].Val); ok {
		return 0, nil, false
	}
	if i+1 < len(toks) {
		if _, ok := parseIfParts(toks[i].Val, toks[i+1].Val); ok {
			return 0, nil, false
		}
	}
	t, ok := lookupIfType(toks[i].Val)
	if !ok || (t == IfMGE && !env.model.MGE) {
		return 0, nil, false
	}
	return 1, int(t), true
}

// maskLen reads a dotted netmask as a prefix length; holes in the mask are refused.
func maskLen(s string) (int, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return 0, false
	}
	b := a.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	n := 0
	for n < 32 && v&(1<<(31-n)) != 0 {
		n++
	}
	if n < 32 && v<<n != 0 {
		return 0, false
	}
	return n, true
}

// matchVLANList reads "10 20 to 30 40" up to the first word that is not part of a list.
func matchVLANList(toks []token, i int) (int, any, bool) {
	var ids []int
	j := i
	for j < len(toks) {
		v, err := strconv.Atoi(toks[j].Val)
		if err != nil || v < 1 || v > 4094 {
			break
		}
		j++
		if j+1 < len(toks) && strings.EqualFold(toks[j].Val, "to") {
			hi, err := strconv.Atoi(toks[j+1].Val)
			if err != nil || hi < v || hi > 4094 {
				return 0, nil, false
			}
			for x := v; x <= hi; x++ {
				ids = append(ids, x)
			}
			j += 2
			continue
		}
		ids = append(ids, v)
	}
	return j - i, ids, j > i
}

// matchIfList reads "GE1/0/1 to GE1/0/4 GE1/0/8" to the end of the line; a range stays within one
// type and one slot.
func matchIfList(env *matchEnv, toks []token, i int) (int, any, bool) {
	var out []IfName
	j := i
	for j < len(toks) {
		used, v, ok := matchIfName(env, toks, j)
		if !ok {
			return 0, nil, false
		}
		first := v.(IfName)
		j += used
		if j < len(toks) && strings.EqualFold(toks[j].Val, "to") {
			if j+1 >= len(toks) {
				return 0, nil, false
			}
			used, v, ok := matchIfName(env, toks, j+1)
			last, _ := v.(IfName)
			if !ok || last.Type != first.Type || last.Num[0] != first.Num[0] || last.Num[1] != first.Num[1] || last.Num[2] < first.Num[2] {
				return 0, nil, false
			}
			for p := first.Num[2]; p <= last.Num[2]; p++ {
				out = append(out, IfName{Type: first.Type, Num: [3]int{first.Num[0], first.Num[1], p}})
			}
			j += 1 + used
			continue
		}
		out = append(out, first)
	}
	return j - i, out, len(out) > 0
}

// matchSet reads distinct words of a set, each a unique prefix, until a word that is not one.
func matchSet(set []string, toks []token, i int) (int, any, bool) {
	var got []string
	j := i
	for ; j < len(toks); j++ {
		w := strings.ToLower(toks[j].Val)
		found, n := "", 0
		for _, s := range set {
			if s == w {
				found, n = s, 1
				break
			}
			if strings.HasPrefix(s, w) {
				found, n = s, n+1
			}
		}
		if n != 1 || slices.Contains(got, found) {
			break
		}
		got = append(got, found)
	}
	return j - i, got, len(got) > 0
}

// Args holds what a matched command line said: argument values by name and the keywords taken.
type Args struct {
	vals []argVal
	kws  []string
}

type argVal struct {
	name string
	v    any
	pos  int
}

func (a *Args) add(name string, v any, pos int) { a.vals = append(a.vals, argVal{name, v, pos}) }

func (a *Args) get(name string) (argVal, bool) {
	for _, v := range a.vals {
		if v.name == name {
			return v, true
		}
	}
	return argVal{}, false
}

// Has reports whether the keyword kw was typed (in full or abbreviated).
func (a *Args) Has(kw string) bool {
	for _, k := range a.kws {
		if k == kw {
			return true
		}
	}
	return false
}

// IsSet reports whether the argument name was given.
func (a *Args) IsSet(name string) bool { _, ok := a.get(name); return ok }

// Int is an integer argument (0 when absent).
func (a *Args) Int(name string) int { v, _ := a.get(name); i, _ := v.v.(int); return i }

// Str is a string argument ("" when absent).
func (a *Args) Str(name string) string { v, _ := a.get(name); s, _ := v.v.(string); return s }

// If is an interface argument.
func (a *Args) If(name string) IfName { v, _ := a.get(name); n, _ := v.v.(IfName); return n }

// IP is an IPv4 address argument.
func (a *Args) IP(name string) netip.Addr { v, _ := a.get(name); ip, _ := v.v.(netip.Addr); return ip }

// Ifs is an interface list argument.
func (a *Args) Ifs(name string) []IfName { v, _ := a.get(name); l, _ := v.v.([]IfName); return l }

// Ints is a VLAN list argument.
func (a *Args) Ints(name string) []int { v, _ := a.get(name); l, _ := v.v.([]int); return l }

// Strs is an algorithm list argument.
func (a *Args) Strs(name string) []string { v, _ := a.get(name); l, _ := v.v.([]string); return l }

// Pos is the byte offset of an argument in the line, for a caret.
func (a *Args) Pos(name string) int { v, _ := a.get(name); return v.pos }

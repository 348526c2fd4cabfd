package switchctl

import "strings"

// token is one word of a command line: Val is its value with quotes removed, Pos and End its bytes.
type token struct {
	Val      string
	Pos, End int
	Quoted   bool
}

// tokenize splits a line on blanks; a double-quoted string is one token in which \" and \\ escape.
// An unterminated quote is a wrong parameter at the quote.
func tokenize(line string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(line) {
		c := line[i]
		if c == ' ' || c == '\t' {
			i++
			continue
		}
		start := i
		if c != '"' {
			for i < len(line) && line[i] != ' ' && line[i] != '\t' {
				i++
			}
			toks = append(toks, token{Val: line[start:i], Pos: start, End: i})
			continue
		}
		var b strings.Builder
		i++
		closed := false
		for i < len(line) {
			c := line[i]
			if c == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\') {
				b.WriteByte(line[i+1])
				i += 2
				continue
			}
			if c == '"' {
				closed = true
				i++
				break
			}
			b.WriteByte(c)
			i++
		}
		if !closed {
			return toks, &ParseError{Kind: WrongParam, Pos: start}
		}
		toks = append(toks, token{Val: b.String(), Pos: start, End: i, Quoted: true})
	}
	return toks, nil
}

// quoteWord renders s so that tokenize reads it back as one token.
func quoteWord(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t") && s[0] != '"' {
		return s
	}
	return quoted(s)
}

// quoteText renders a rest-of-line text argument so that it reads back unchanged: inner blanks need no
// quotes, but edge blanks and a leading quote do.
func quoteText(s string) string {
	if s != "" && strings.TrimSpace(s) == s && s[0] != '"' {
		return s
	}
	return quoted(s)
}

func quoted(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

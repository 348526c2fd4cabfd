package switchctl

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// splitFilters cuts a line's tokens at the first bare "|": the command, then the filter tokens.
func splitFilters(toks []token) (cmd, filters []token) {
	for i, t := range toks {
		if t.Val == "|" && !t.Quoted {
			return toks[:i], toks[i:]
		}
	}
	return toks, nil
}

// cmdEnd is where the command part of the line ends, so rest-of-line arguments stop before a filter.
func cmdEnd(line string, cmd, filters []token) int {
	if filters == nil {
		return len(line)
	}
	return filters[0].Pos
}

type filterKind int

const (
	fBegin filterKind = iota
	fInclude
	fExclude
)

type filterStep struct {
	kind filterKind
	re   *regexp.Regexp
}

// filterChain is `| [by-linenum] {begin|include|exclude} REGEX`, chained; each step filters what the
// previous one let through.
type filterChain struct {
	byLine bool
	steps  []filterStep
}

var filterWords = []string{fBegin: "begin", fInclude: "include", fExclude: "exclude"}

func parseFilters(line string, toks []token) (*filterChain, error) {
	fc := &filterChain{}
	for len(toks) > 0 {
		// toks[0] is "|"
		if len(toks) == 1 {
			return nil, &ParseError{Kind: Incomplete, Pos: toks[0].End + 1}
		}
		i := 1
		if w := strings.ToLower(toks[i].Val); w != "" && strings.HasPrefix("by-linenum", w) && len(w) >= 2 {
			fc.byLine = true
			i++
		}
		if fc.byLine && (i >= len(toks) || toks[i].Val == "|" && !toks[i].Quoted) {
			toks = toks[i:] // `| by-linenum` alone numbers every line
			continue
		}
		if i >= len(toks) {
			return nil, &ParseError{Kind: Incomplete, Pos: toks[i-1].End + 1}
		}
		kind := -1
		for k, w := range filterWords {
			if strings.HasPrefix(w, strings.ToLower(toks[i].Val)) {
				kind = k
			}
		}
		if kind < 0 {
			return nil, &ParseError{Kind: Unrecognized, Pos: toks[i].Pos}
		}
		i++
		if i >= len(toks) || toks[i].Val == "|" {
			return nil, &ParseError{Kind: Incomplete, Pos: toks[i-1].End + 1}
		}
		end := len(toks)
		for j := i; j < len(toks); j++ {
			if toks[j].Val == "|" && !toks[j].Quoted {
				end = j
				break
			}
		}
		expr := strings.TrimSpace(line[toks[i].Pos:toks[end-1].End])
		if end-i == 1 && toks[i].Quoted {
			expr = toks[i].Val
		}
		re, err := compileComwareRegex(expr)
		if err != nil || len(expr) > 256 || firstUnsafe(expr) >= 0 { // the history keeps it
			return nil, &ParseError{Kind: WrongParam, Pos: toks[i].Pos}
		}
		fc.steps = append(fc.steps, filterStep{kind: filterKind(kind), re: re})
		toks = toks[end:]
	}
	return fc, nil
}

// compileComwareRegex accepts Comware's \< and \> word anchors, which Go spells \b.
func compileComwareRegex(expr string) (*regexp.Regexp, error) {
	expr = strings.NewReplacer(`\<`, `\b`, `\>`, `\b`).Replace(expr)
	return regexp.Compile(expr)
}

type numbered struct {
	n     int
	text  string
	match bool
}

// apply filters the output and writes what passes, numbered when by-linenum was asked for.
func (fc *filterChain) apply(data []byte, out io.Writer) {
	text := strings.TrimSuffix(string(data), "\n")
	var lines []numbered
	for i, l := range strings.Split(text, "\n") {
		lines = append(lines, numbered{n: i + 1, text: l, match: true})
	}
	for _, st := range fc.steps {
		var kept []numbered
		begun := false
		for _, l := range lines {
			m := st.re.MatchString(l.text)
			switch st.kind {
			case fInclude:
				if m {
					kept = append(kept, l)
				}
			case fExclude:
				if !m {
					kept = append(kept, l)
				}
			case fBegin:
				begun = begun || m
				if begun {
					l.match = m
					kept = append(kept, l)
				}
			}
		}
		lines = kept
	}
	var b bytes.Buffer
	for _, l := range lines {
		if fc.byLine {
			mark := '-'
			if l.match {
				mark = ':'
			}
			fmt.Fprintf(&b, "%5d%c  %s\n", l.n, mark, l.text)
			continue
		}
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	out.Write(b.Bytes())
}

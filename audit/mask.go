package audit

import "strings"

// masked replaces a secret in a command line, as the device does in its SHELL_CMD log lines.
const masked = "******"

// Mask replaces the secrets of a Comware command line with ******, keeping the rest as typed (so
// `pass sim X` stays recognisable). Keywords match by prefix, as Comware abbreviations do. It knows:
//
//	password {simple|cipher|hash|irreversible-cipher} X   (local-user, super password [role R], set authentication password)
//	key [accounting|authentication|authorization] [cipher|simple] X   (radius, hwtacacs, `primary authentication IP key simple X`)
//	pre-shared-key [cipher|simple] X
//	snmp-agent community [cipher|simple] {read|write} [cipher|simple] X
//	authentication-mode ALG [cipher|simple] X, privacy-mode ALG X   (snmp-agent usm-user, ntp-service authentication-keyid)
//
// and, once a line has named any of these, masks the word after any cipher/simple/hash keyword.
// Public keys (`public-key peer`) and `ssh user` lines hold no secret and stay as they are. When in
// doubt it masks: a masked word too many costs an operator a guess, one too few leaks a password.
func Mask(line string) string {
	toks := tokens(line)
	secret := make([]bool, len(toks))
	mark := func(j int) {
		if j < len(toks) {
			secret[j] = true
		}
	}
	inSecret, strict := false, true // strict: authentication-mode must be spelled out further
	for i := 0; i < len(toks); i++ {
		w, next := toks[i].word, i+1
		at := func(j int) string {
			if j < len(toks) {
				return toks[j].word
			}
			return ""
		}
		switch {
		case kw(w, "password", 2) || kw(w, "pre-shared-key", 3):
			inSecret = true
			j := next
			if kw(at(j), "role", 2) { // super password role ROLE
				j += 2
			}
			switch {
			case isMode(at(j)):
				j++
				mark(j)
				i = j
			case w == "password": // Comware 5 forms without a mode; nothing else follows `password`
				mark(j)
				i = j
			default:
				i = j - 1
			}
		case kw(w, "key", 2):
			inSecret = true
			j := next
			if kw(at(j), "accounting", 2) || kw(at(j), "authentication", 2) || kw(at(j), "authorization", 2) {
				j++
			}
			if isMode(at(j)) {
				j++
			}
			mark(j)
			i = j
		case kw(w, "community", 3) && i > 0 && kw(toks[i-1].word, "snmp-agent", 2):
			inSecret = true
			j := next
			for k := 0; k < 2 && (isMode(at(j)) || kw(at(j), "read", 1) || kw(at(j), "write", 1)); k++ {
				j++
			}
			mark(j)
			i = j
		case kw(w, "usm-user", 2) || kw(w, "authentication-keyid", 16):
			inSecret, strict = true, false
		case isAlgKeyword(w, strict):
			j := next + 1 // past the algorithm
			if next >= len(toks) || j >= len(toks) {
				i = next
				break
			}
			inSecret = true
			if isMode(at(j)) {
				j++
			}
			mark(j)
			i = j
		case inSecret && isMode(w) && !isAlgKeyword(at(next), strict) && !kw(at(next), "password", 2):
			mark(next)
			i = next
		}
	}
	var b strings.Builder
	last := 0
	for i, t := range toks {
		if secret[i] {
			b.WriteString(line[last:t.from])
			b.WriteString(masked)
			last = t.to
		}
	}
	b.WriteString(line[last:])
	return b.String()
}

// kw reports whether word abbreviates keyword: a prefix of it at least min bytes long.
func kw(word, keyword string, min int) bool {
	return len(word) >= min && strings.HasPrefix(keyword, word)
}

// isMode reports whether w names how the following secret is given.
func isMode(w string) bool {
	return kw(w, "simple", 1) || kw(w, "cipher", 1) || kw(w, "hash", 1) || kw(w, "irreversible-cipher", 1)
}

// isAlgKeyword reports whether w is authentication-mode or privacy-mode, which a secret follows after
// an algorithm. Outside usm-user and ntp lines (strict) authentication-mode is also a line-view
// command (`authentication-mode scheme`), so there it must be spelled out further.
func isAlgKeyword(w string, strict bool) bool {
	min := 16
	if !strict {
		min = 2
	}
	return kw(w, "authentication-mode", min) || kw(w, "privacy-mode", 3)
}

type token struct {
	from, to int
	word     string // lower case, for keyword tests
}

// tokens splits a command line as Comware does: on blanks outside "quoted strings" (with \" and \\
// escapes); an unterminated quote runs to the end of the line.
func tokens(line string) []token {
	var out []token
	for i := 0; i < len(line); {
		if line[i] == ' ' || line[i] == '\t' {
			i++
			continue
		}
		from := i
		for quoted := false; i < len(line) && (quoted || (line[i] != ' ' && line[i] != '\t')); i++ {
			switch {
			case line[i] == '"':
				quoted = !quoted
			case line[i] == '\\' && quoted:
				i = min(i+1, len(line)-1)
			}
		}
		out = append(out, token{from, i, strings.ToLower(line[from:i])})
	}
	return out
}

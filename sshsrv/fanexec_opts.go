package sshsrv

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"vtyd/fanout"
)

// fanUsage is what a bad option is answered with: the options of a fan-out exec.
var fanUsage = fmt.Sprintf(`Options, before the first command:
  --parallel N        devices run at once (1-%d, default %d)
  --canary N          run N devices first, as a wave of their own (default 0)
  --wave N            then waves of N devices (default 0: the rest at once)
  --keep-going        go on after a device fails (default: stop; devices not started are not run)
  --timeout DURATION  per device, as 30s or 2m (default %s)
  --                  ends the options
`, fanout.MaxParallel, fanout.DefaultParallel, fanout.DefaultTimeout)

// ErrBadOption is a fan-out option that is unknown, lacks its value or has a bad one.
var ErrBadOption = errors.New("sshsrv: bad fan-out option")

// ParseFanOptions reads the options at the start of a fan-out's command string, each a word
// starting with "--" (Comware commands never do), and returns the plan they make and the commands
// after them. Options and their values are separated by blanks or line ends; "--" alone ends them.
func ParseFanOptions(command string) (fanout.Plan, string, error) {
	var p fanout.Plan
	rest := command
	for {
		word, after := nextWord(rest)
		if !strings.HasPrefix(word, "--") {
			if rest != command { // the blanks that ended the options are not the command's
				rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
			}
			return p, rest, nil
		}
		rest = after
		if word == "--" {
			return p, strings.TrimLeftFunc(rest, unicode.IsSpace), nil
		}
		name, value, hasValue := strings.Cut(word, "=")
		if name == "--keep-going" {
			if hasValue {
				return p, "", fmt.Errorf("%w %s: it takes no value", ErrBadOption, name)
			}
			p.KeepGoing = true
			continue
		}
		if !hasValue {
			value, rest = nextWord(rest)
		}
		var err error
		switch name {
		case "--parallel":
			p.Parallel, err = count(value, 1, fanout.MaxParallel)
		case "--canary":
			p.Canary, err = count(value, 0, -1)
		case "--wave":
			p.Wave, err = count(value, 0, -1)
		case "--timeout":
			p.Timeout, err = time.ParseDuration(value)
			if err == nil && p.Timeout <= 0 {
				err = errors.New("not positive")
			}
			if err != nil {
				err = fmt.Errorf("%q is not a duration such as 30s or 2m", value)
			}
		default:
			return p, "", fmt.Errorf("%w %s: no such option", ErrBadOption, clip(word))
		}
		if value == "" || strings.HasPrefix(value, "--") {
			return p, "", fmt.Errorf("%w %s: it needs a value", ErrBadOption, name)
		}
		if err != nil {
			return p, "", fmt.Errorf("%w %s: %v", ErrBadOption, name, err)
		}
	}
}

// nextWord is the first blank-separated word of s and what follows it.
func nextWord(s string) (word, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	end := strings.IndexFunc(s, unicode.IsSpace)
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}

// count is a whole number from lo to hi (hi < 0: no bound).
func count(s string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%q is not a whole number", clip(s))
	case n < lo:
		return 0, fmt.Errorf("%d is less than %d", n, lo)
	case hi >= 0 && n > hi:
		return 0, fmt.Errorf("%d is more than %d", n, hi)
	}
	return n, nil
}

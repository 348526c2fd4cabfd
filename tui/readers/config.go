package readers

import "strings"

// Config is a configuration as `display current-configuration` or `display saved-configuration`
// prints it.
type Config struct {
	Lines   []string
	Sysname string
}

// ParseConfig reads a configuration text. Text that holds no configuration line (a device with
// no saved configuration answers with a message) gives an empty Config and ErrFormat.
func ParseConfig(text string) (Config, error) {
	var c Config
	ok := false
	for _, line := range lines(text) {
		t := strings.TrimSpace(line)
		if t == "#" || t == "return" || strings.HasPrefix(t, "version ") {
			ok = true
		}
		if s, found := strings.CutPrefix(t, "sysname "); found && strings.HasPrefix(line, " sysname") {
			c.Sysname = s
		}
		c.Lines = append(c.Lines, line)
	}
	if !ok {
		return Config{}, ErrFormat
	}
	return c, nil
}

// Text is the configuration's lines joined, each ended by a newline.
func (c Config) Text() string {
	if len(c.Lines) == 0 {
		return ""
	}
	return strings.Join(c.Lines, "\n") + "\n"
}

// Equal reports whether two configurations hold the same lines, ignoring trailing blanks.
func (c Config) Equal(o Config) bool {
	if len(c.Lines) != len(o.Lines) {
		return false
	}
	for i := range c.Lines {
		if strings.TrimRight(c.Lines[i], " ") != strings.TrimRight(o.Lines[i], " ") {
			return false
		}
	}
	return true
}

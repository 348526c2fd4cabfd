package themes

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// User themes are text files named NAME.theme in the themes directory, one setting per line:
//
//	# a comment
//	description = deep sea blues
//	inherit     = dark                      # the built-in theme unset slots come from (default comware-classic)
//	ascii       = false                     # ASCII borders and markers
//	title       = #ffffff on #005f87 bold   # colour, "on" background, attributes; sets both variants
//	accent.dark = #5fd7ff                   # the colour on dark backgrounds only
//	accent.light = 24                       # ... and on light ones (an ANSI index 0-255)
//
// A colour is #rgb, #rrggbb, an ANSI index 0-255, or "default" for the terminal's own. Attributes are
// bold, italic, underline, reverse and faint. A line "slot = ..." replaces the inherited slot; a line
// "slot.dark = ..." or "slot.light = ..." changes that variant's colours and adds its attributes.
// The slots are listed by SlotNames.

// FileExt is the extension of theme files.
const FileExt = ".theme"

// Reasons a theme file is refused; a *FileError wraps one of them.
var (
	ErrSyntax     = errors.New("expected key = value")
	ErrUnknownKey = errors.New("unknown setting")
	ErrBadColor   = errors.New("bad colour")
	ErrBadValue   = errors.New("bad value")
	ErrBadName    = errors.New("bad theme name")
)

// FileError is a theme file that was refused: the file, the line (0 for the file as a whole), the
// setting and what is wrong with it.
type FileError struct {
	File  string
	Line  int
	Field string
	Err   error
	Text  string // detail: the offending word and what was expected
}

func (e *FileError) Error() string {
	where := e.File
	if e.Line > 0 {
		where += ":" + strconv.Itoa(e.Line)
	}
	if e.Field != "" {
		where += ": " + e.Field
	}
	msg := "themes: " + where + ": " + e.Err.Error()
	if e.Text != "" {
		msg += ": " + e.Text
	}
	return msg
}

func (e *FileError) Unwrap() error { return e.Err }

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// LoadDir loads every *.theme file in dir into a catalog with the built-in themes. A missing
// directory is no error. A bad file is skipped and reported: the error joins one *FileError per
// bad file, and the catalog holds the good ones.
func LoadDir(dir string) (*Catalog, error) {
	c := &Catalog{}
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("themes: %w", err)
	}
	var errs []error
	for _, e := range ents {
		if e.IsDir() || filepath.Ext(e.Name()) != FileExt {
			continue
		}
		t, err := loadFile(filepath.Join(dir, e.Name()))
		if err == nil && slices.Contains(c.Names(), t.Name) {
			err = &FileError{File: e.Name(), Field: "name", Err: ErrBadName, Text: fmt.Sprintf("%q is already a theme", t.Name)}
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.user = append(c.user, t)
	}
	return c, errors.Join(errs...)
}

func loadFile(path string) (Theme, error) {
	f, err := os.Open(path)
	if err != nil {
		return Theme{}, &FileError{File: filepath.Base(path), Err: err}
	}
	defer f.Close()
	return Parse(filepath.Base(path), f)
}

// Parse reads one theme file; file is its name (NAME.theme), which names the theme.
func Parse(file string, r io.Reader) (Theme, error) {
	name := strings.TrimSuffix(file, FileExt)
	if !nameRE.MatchString(name) {
		return Theme{}, &FileError{File: file, Err: ErrBadName, Text: "want 1-32 of a-z, 0-9 and -, starting with a letter or digit"}
	}
	if slices.Contains(Names(), name) {
		return Theme{}, &FileError{File: file, Err: ErrBadName, Text: fmt.Sprintf("%q is a built-in theme", name)}
	}
	type setting struct {
		line       int
		key, value string
	}
	var sets []setting
	base := DefaultName
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		line = stripComment(line)
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return Theme{}, &FileError{File: file, Line: n, Err: ErrSyntax, Text: fmt.Sprintf("got %q", strings.TrimSpace(line))}
		}
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		if k == "inherit" {
			base = v
		}
		sets = append(sets, setting{n, k, v})
	}
	if err := sc.Err(); err != nil {
		return Theme{}, &FileError{File: file, Err: err}
	}
	t, err := Get(base)
	if err != nil {
		line := 0
		for _, s := range sets {
			if s.key == "inherit" {
				line = s.line
			}
		}
		return Theme{}, &FileError{File: file, Line: line, Field: "inherit", Err: ErrUnknown, Text: fmt.Sprintf("%q (built-in: %s)", base, strings.Join(Names(), ", "))}
	}
	t.Name, t.Description = name, ""
	for _, s := range sets {
		if err := t.set(s.key, s.value); err != nil {
			err.File, err.Line, err.Field = file, s.line, s.key
			return Theme{}, err
		}
	}
	return t, nil
}

// stripComment drops a comment: a line whose first non-blank is "#", or " # ..." after a value (a
// "#" followed by a blank or the end of the line, so that colours such as #005f87 are values).
func stripComment(line string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return ""
	}
	for i := 1; i < len(line); i++ {
		if line[i] == '#' && (line[i-1] == ' ' || line[i-1] == '\t') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t') {
			return line[:i]
		}
	}
	return line
}

func isHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return s != ""
}

// set applies one setting; the returned error has its position filled in by the caller.
func (t *Theme) set(key, value string) *FileError {
	switch key {
	case "inherit":
		return nil
	case "name":
		if value != t.Name {
			return &FileError{Err: ErrBadName, Text: fmt.Sprintf("%q differs from the file name %q", value, t.Name)}
		}
		return nil
	case "description":
		t.Description = value
		return nil
	case "ascii":
		b, err := strconv.ParseBool(value)
		if err != nil {
			return &FileError{Err: ErrBadValue, Text: fmt.Sprintf("%q: want true or false", value)}
		}
		t.ASCII = b
		return nil
	}
	slotName, variant, _ := strings.Cut(key, ".")
	var slot *Slot
	for _, r := range t.slots() {
		if r.name == slotName {
			slot = r.slot
		}
	}
	if slot == nil || (variant != "" && variant != "dark" && variant != "light") {
		return &FileError{Err: ErrUnknownKey, Text: "want name, description, inherit, ascii, or a slot (" +
			strings.Join(SlotNames(), ", ") + ") optionally followed by .dark or .light"}
	}
	parsed, err := parseSlot(value)
	if err != nil {
		return err
	}
	switch variant {
	case "":
		*slot = parsed
	case "dark":
		slot.FG.Dark, slot.BG.Dark = parsed.FG.Dark, parsed.BG.Dark
		mergeAttrs(slot, parsed)
	case "light":
		slot.FG.Light, slot.BG.Light = parsed.FG.Light, parsed.BG.Light
		mergeAttrs(slot, parsed)
	}
	return nil
}

func mergeAttrs(dst *Slot, src Slot) {
	dst.Bold = dst.Bold || src.Bold
	dst.Italic = dst.Italic || src.Italic
	dst.Underline = dst.Underline || src.Underline
	dst.Reverse = dst.Reverse || src.Reverse
	dst.Faint = dst.Faint || src.Faint
}

// parseSlot reads "[colour] [on colour] [attribute...]".
func parseSlot(value string) (Slot, *FileError) {
	var s Slot
	words := strings.Fields(value)
	haveFG := false
	for i := 0; i < len(words); i++ {
		w := strings.ToLower(words[i])
		switch w {
		case "bold":
			s.Bold = true
		case "italic":
			s.Italic = true
		case "underline":
			s.Underline = true
		case "reverse":
			s.Reverse = true
		case "faint":
			s.Faint = true
		case "on":
			if i+1 == len(words) {
				return s, &FileError{Err: ErrBadColor, Text: `"on" needs a background colour after it`}
			}
			i++
			c, err := parseColor(words[i])
			if err != nil {
				return s, err
			}
			s.BG = C(c)
		default:
			if haveFG {
				return s, &FileError{Err: ErrBadValue, Text: fmt.Sprintf("%q: want one colour, \"on\" colour, and bold, italic, underline, reverse or faint", words[i])}
			}
			c, err := parseColor(words[i])
			if err != nil {
				return s, err
			}
			s.FG, haveFG = C(c), true
		}
	}
	return s, nil
}

func parseColor(w string) (string, *FileError) {
	bad := &FileError{Err: ErrBadColor, Text: fmt.Sprintf("%q: want #rgb, #rrggbb, 0-255 or default", w)}
	switch {
	case strings.EqualFold(w, "default"):
		return "", nil
	case strings.HasPrefix(w, "#"):
		if h := w[1:]; (len(h) == 3 || len(h) == 6) && isHex(h) {
			return strings.ToLower(w), nil
		}
		return "", bad
	}
	n, err := strconv.Atoi(w)
	if err != nil || n < 0 || n > 255 {
		return "", bad
	}
	return w, nil
}

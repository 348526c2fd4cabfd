package tui

import "strings"

// keyGlyphs are the names the help shows for keys that have a symbol or a shorter name.
var keyGlyphs = map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→", "pgdown": "pgdn",
	"delete": "del", "f1": "F1", "f2": "F2"}

// keyLabel names every key of a binding for the full help, so that the vim keys (k j h l g G,
// ctrl+b ctrl+f) are listed beside the arrows: "↑/k". A binding of many keys (the views' digits)
// keeps its short form, "0-9".
func keyLabel(b Binding) string {
	keys := b.Keys()
	if len(keys) > 4 {
		return b.Help().Key
	}
	var names []string
	for _, k := range keys {
		if g, ok := keyGlyphs[k]; ok {
			k = g
		}
		if !strings.Contains("/"+strings.Join(names, "/")+"/", "/"+k+"/") {
			names = append(names, k)
		}
	}
	return strings.Join(names, "/")
}

// ctrlCKey is Ctrl+C, which the help lists though no KeyMap binding holds it: it stops the
// running command (as on the switch), clears the CLI line, or asks before quitting.
func ctrlCKey() Binding {
	return bind("ctrl+c", "stop the command; clear the line; else ask to quit", "ctrl+c")
}

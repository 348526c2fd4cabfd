package themes

// The built-in themes. They are built by functions, not kept in package variables, so that no
// caller can change what another session sees.

func fg(c Color) Slot            { return Slot{FG: c} }
func fgBold(c Color) Slot        { return Slot{FG: c, Bold: true} }
func onBold(fgc, bgc Color) Slot { return Slot{FG: fgc, BG: bgc, Bold: true} }
func on(fgc, bgc Color) Slot     { return Slot{FG: fgc, BG: bgc} }
func builtins() []Theme {
	return []Theme{comwareClassic(), dark(), light(), highContrast(), monochrome(), solarized(), nord()}
}
func attr(bold, under, rev bool) Slot { return Slot{Bold: bold, Underline: under, Reverse: rev} }

// comwareClassic is the default: HPE green on the terminal's own background, adapting to dark and
// light terminals.
func comwareClassic() Theme {
	green := DL("#01a982", "#01795f")
	return Theme{
		Name: "comware-classic", Description: "HPE green accents; adapts to dark and light terminals",
		Title: onBold(C("#ffffff"), green), Header: fgBold(green), Nav: fg(DL("#bcbcbc", "#444444")),
		NavActive: onBold(DL("#000000", "#ffffff"), green), Border: fg(DL("#4e4e4e", "#bcbcbc")),
		BorderFocus: fg(green), Muted: fg(DL("#808080", "#6c6c6c")), Accent: fgBold(green),
		OK: fg(DL("#5fd75f", "#008700")), Warn: fg(DL("#ffaf00", "#af5f00")), Error: fg(DL("#ff5f5f", "#d70000")),
		Added: fg(DL("#5fd75f", "#008700")), Removed: fg(DL("#ff5f5f", "#d70000")),
		Selected: on(DL("#ffffff", "#000000"), DL("#005f5f", "#c6f0e4")), Prompt: fgBold(green),
		Key: fgBold(green), Desc: fg(DL("#a8a8a8", "#585858")),
	}
}

// dark is a violet palette for dark backgrounds.
func dark() Theme {
	return Theme{
		Name: "dark", Description: "violet and cyan for dark backgrounds",
		Title: onBold(C("#ffffff"), C("#5f5fd7")), Header: fgBold(C("#af87ff")), Nav: fg(C("#bcbcbc")),
		NavActive: onBold(C("#ffffff"), C("#5f5fd7")), Border: fg(C("#444444")), BorderFocus: fg(C("#af87ff")),
		Text: fg(C("#e4e4e4")), Muted: fg(C("#767676")), Accent: fgBold(C("#5fd7ff")),
		OK: fg(C("#87d787")), Warn: fg(C("#ffd75f")), Error: fg(C("#ff5f87")),
		Added: fg(C("#87d787")), Removed: fg(C("#ff5f87")), Selected: on(C("#ffffff"), C("#3a3a6a")),
		Prompt: fgBold(C("#5fd7ff")), Key: fgBold(C("#af87ff")), Desc: fg(C("#9e9e9e")),
	}
}

// light is a blue palette for light backgrounds.
func light() Theme {
	return Theme{
		Name: "light", Description: "blue and teal for light backgrounds",
		Title: onBold(C("#ffffff"), C("#005fd7")), Header: fgBold(C("#005faf")), Nav: fg(C("#3a3a3a")),
		NavActive: onBold(C("#ffffff"), C("#005fd7")), Border: fg(C("#bcbcbc")), BorderFocus: fg(C("#005fd7")),
		Text: fg(C("#1c1c1c")), Muted: fg(C("#767676")), Accent: fgBold(C("#008787")),
		OK: fg(C("#008700")), Warn: fg(C("#af5f00")), Error: fg(C("#d70000")),
		Added: fg(C("#008700")), Removed: fg(C("#d70000")), Selected: on(C("#000000"), C("#d7e7ff")),
		Prompt: fgBold(C("#005fd7")), Key: fgBold(C("#005faf")), Desc: fg(C("#585858")),
	}
}

// highContrast uses the strongest pairs: white, black, yellow and pure red and green.
func highContrast() Theme {
	fgc, bgc := DL("#ffffff", "#000000"), DL("#000000", "#ffffff")
	yellow := DL("#ffff00", "#0000d7")
	return Theme{
		Name: "high-contrast", Description: "maximum contrast, bold emphasis",
		Title: onBold(bgc, yellow), Header: Slot{FG: yellow, Bold: true, Underline: true}, Nav: fg(fgc),
		NavActive: onBold(bgc, fgc), Border: fg(fgc), BorderFocus: fgBold(yellow), Text: fg(fgc),
		Muted: fg(fgc), Accent: fgBold(yellow), OK: fgBold(DL("#00ff00", "#005f00")),
		Warn: fgBold(yellow), Error: fgBold(DL("#ff0000", "#af0000")), Added: fgBold(DL("#00ff00", "#005f00")),
		Removed: fgBold(DL("#ff0000", "#af0000")), Selected: onBold(bgc, yellow), Prompt: fgBold(yellow),
		Key: fgBold(yellow), Desc: fg(fgc),
	}
}

// monochrome uses no colour at all, only bold, underline, faint and reverse video, and ASCII
// borders: the theme for NO_COLOR and dumb terminals.
func monochrome() Theme {
	return Theme{
		Name: "monochrome", Description: "no colour: bold, underline and reverse video; ASCII borders", ASCII: true,
		Title: attr(true, false, true), Header: attr(true, true, false), NavActive: attr(true, false, true),
		BorderFocus: attr(true, false, false), Muted: Slot{Faint: true}, Accent: attr(true, false, false),
		Warn: attr(true, false, false), Error: attr(true, true, false), Added: attr(true, false, false),
		Removed: Slot{Faint: true}, Selected: attr(false, false, true), Prompt: attr(true, false, false),
		Key: attr(true, false, false),
	}
}

// solarized is Ethan Schoonover's palette in its dark and light forms.
func solarized() Theme {
	base := DL("#839496", "#657b83")
	bg := DL("#073642", "#eee8d5")
	return Theme{
		Name: "solarized", Description: "Solarized, dark or light from the terminal background",
		Title: onBold(DL("#fdf6e3", "#fdf6e3"), C("#268bd2")), Header: fgBold(C("#b58900")), Nav: fg(base),
		NavActive: onBold(DL("#fdf6e3", "#fdf6e3"), C("#268bd2")), Border: fg(DL("#586e75", "#93a1a1")),
		BorderFocus: fg(C("#268bd2")), Text: fg(base), Muted: fg(DL("#586e75", "#93a1a1")),
		Accent: fgBold(C("#2aa198")), OK: fg(C("#859900")), Warn: fg(C("#cb4b16")), Error: fg(C("#dc322f")),
		Added: fg(C("#859900")), Removed: fg(C("#dc322f")), Selected: on(DL("#eee8d5", "#073642"), bg),
		Prompt: fgBold(C("#268bd2")), Key: fgBold(C("#b58900")), Desc: fg(base),
	}
}

// nord is the Arctic Ice Studio palette.
func nord() Theme {
	return Theme{
		Name: "nord", Description: "Nord's frost blues and aurora accents",
		Title: onBold(C("#2e3440"), C("#88c0d0")), Header: fgBold(C("#81a1c1")), Nav: fg(DL("#d8dee9", "#4c566a")),
		NavActive: onBold(C("#2e3440"), C("#88c0d0")), Border: fg(DL("#4c566a", "#d8dee9")),
		BorderFocus: fg(C("#88c0d0")), Text: fg(DL("#eceff4", "#2e3440")), Muted: fg(DL("#616e88", "#7b88a1")),
		Accent: fgBold(DL("#8fbcbb", "#5e81ac")), OK: fg(C("#a3be8c")), Warn: fg(C("#ebcb8b")),
		Error: fg(C("#bf616a")), Added: fg(C("#a3be8c")), Removed: fg(C("#bf616a")),
		Selected: on(DL("#eceff4", "#2e3440"), DL("#434c5e", "#d8dee9")), Prompt: fgBold(C("#88c0d0")),
		Key: fgBold(C("#81a1c1")), Desc: fg(DL("#d8dee9", "#4c566a")),
	}
}

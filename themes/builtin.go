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
		Title: onBold(DL("#000000", "#ffffff"), green), Header: fgBold(green), Nav: fg(DL("#bcbcbc", "#444444")),
		NavActive: onBold(DL("#000000", "#ffffff"), green), Border: fg(DL("#4e4e4e", "#bcbcbc")),
		BorderFocus: fg(green), Muted: fg(DL("#8a8a8a", "#6c6c6c")), Accent: fgBold(green),
		OK: fg(DL("#5fd75f", "#008700")), Warn: fg(DL("#d7d75f", "#878700")), Error: fg(DL("#ff5f5f", "#d70000")),
		Added: fg(DL("#5fd75f", "#008700")), Removed: fg(DL("#ff5f5f", "#d70000")),
		Selected: on(DL("#ffffff", "#000000"), DL("#005f5f", "#c6f0e4")), Prompt: fgBold(green),
		Key: fgBold(green), Desc: fg(DL("#a8a8a8", "#585858")),
	}
}

// dark is a violet palette made for dark backgrounds; its light variant keeps the hues, darkened
// until they read on a light terminal too.
func dark() Theme {
	violet, cyan := DL("#af87ff", "#5f00d7"), DL("#5fd7ff", "#005f87")
	ok, bad := DL("#87d787", "#008700"), DL("#ff5f87", "#af0000")
	return Theme{
		Name: "dark", Description: "violet and cyan for dark backgrounds",
		Title: onBold(C("#ffffff"), C("#5f5fd7")), Header: fgBold(violet), Nav: fg(DL("#bcbcbc", "#3a3a3a")),
		NavActive: onBold(C("#ffffff"), C("#5f5fd7")), Border: fg(DL("#444444", "#bcbcbc")), BorderFocus: fg(violet),
		Text: fg(DL("#e4e4e4", "#1c1c1c")), Muted: fg(DL("#8a8a8a", "#6c6c6c")), Accent: fgBold(cyan),
		OK: fg(ok), Warn: fg(DL("#d7d75f", "#878700")), Error: fg(bad),
		Added: fg(ok), Removed: fg(bad), Selected: on(C("#ffffff"), C("#3a3a6a")),
		Prompt: fgBold(cyan), Key: fgBold(violet), Desc: fg(DL("#9e9e9e", "#4e4e4e")),
	}
}

// light is a blue palette made for light backgrounds; its dark variant lightens the hues for a dark
// terminal.
func light() Theme {
	blue := DL("#5fafff", "#005faf")
	ok, bad := DL("#5fd75f", "#008700"), DL("#ff5f5f", "#d70000")
	return Theme{
		Name: "light", Description: "blue and teal for light backgrounds",
		Title: onBold(C("#ffffff"), C("#005fd7")), Header: fgBold(blue), Nav: fg(DL("#bcbcbc", "#3a3a3a")),
		NavActive: onBold(C("#ffffff"), C("#005fd7")), Border: fg(DL("#4e4e4e", "#bcbcbc")), BorderFocus: fg(DL("#5f87ff", "#005fd7")),
		Text: fg(DL("#e4e4e4", "#1c1c1c")), Muted: fg(DL("#8a8a8a", "#6c6c6c")), Accent: fgBold(DL("#00afaf", "#005f5f")),
		OK: fg(ok), Warn: fg(DL("#d7d75f", "#5f5f00")), Error: fg(bad),
		Added: fg(ok), Removed: fg(bad), Selected: on(C("#000000"), C("#d7e7ff")),
		Prompt: fgBold(DL("#5fafff", "#005fd7")), Key: fgBold(blue), Desc: fg(DL("#a8a8a8", "#585858")),
	}
}

// highContrast uses the strongest pairs: white, black, yellow and pure red and green.
func highContrast() Theme {
	fgc, bgc := DL("#ffffff", "#000000"), DL("#000000", "#ffffff")
	yellow := DL("#ffff00", "#0000d7") // emphasis: yellow on black, blue on white
	return Theme{
		Name: "high-contrast", Description: "maximum contrast, bold emphasis",
		Title: onBold(bgc, yellow), Header: Slot{FG: yellow, Bold: true, Underline: true}, Nav: fg(fgc),
		NavActive: onBold(bgc, fgc), Border: fg(fgc), BorderFocus: fgBold(yellow), Text: fg(fgc),
		Muted: fg(fgc), Accent: fgBold(yellow), OK: fgBold(DL("#00ff00", "#005f00")),
		Warn: fgBold(DL("#ffff00", "#5f5f00")), Error: fgBold(DL("#ff0000", "#af0000")), Added: fgBold(DL("#00ff00", "#005f00")),
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

// solarized is Ethan Schoonover's palette in its dark and light forms. Where a Solarized colour
// reads too faintly on a terminal's background (base00 text, yellow headings on white), or turns
// into another meaning on a 16-colour terminal (its yellow and orange become red, its green
// yellow), the nearest colour that does not stands in.
func solarized() Theme {
	base := DL("#839496", "#586e75")
	bg := DL("#073642", "#eee8d5")
	bar := onBold(C("#fdf6e3"), DL("#073642", "#586e75"))
	yellow, green := DL("#afaf00", "#5f5f00"), DL("#87af00", "#5f8700")
	return Theme{
		Name: "solarized", Description: "Solarized, dark or light from the terminal background",
		Title: bar, Header: fgBold(yellow), Nav: fg(base),
		NavActive: bar, Border: fg(DL("#586e75", "#93a1a1")),
		BorderFocus: fg(C("#268bd2")), Text: fg(DL("#93a1a1", "#073642")), Muted: fg(base),
		Accent: fgBold(DL("#2aa198", "#00766e")), OK: fg(green), Warn: fg(DL("#d7d75f", "#878700")), Error: fg(C("#dc322f")),
		Added: fg(green), Removed: fg(C("#dc322f")), Selected: on(DL("#eee8d5", "#073642"), bg),
		Prompt: fgBold(DL("#268bd2", "#005f87")), Key: fgBold(yellow), Desc: fg(base),
	}
}

// nord is the Arctic Ice Studio palette.
func nord() Theme {
	return Theme{
		Name: "nord", Description: "Nord's frost blues and aurora accents",
		Title: onBold(C("#2e3440"), C("#88c0d0")), Header: fgBold(DL("#81a1c1", "#4c6a8c")), Nav: fg(DL("#d8dee9", "#4c566a")),
		NavActive: onBold(C("#2e3440"), C("#88c0d0")), Border: fg(DL("#4c566a", "#d8dee9")),
		BorderFocus: fg(DL("#88c0d0", "#5e81ac")), Text: fg(DL("#eceff4", "#2e3440")), Muted: fg(DL("#8c96aa", "#5c677d")),
		Accent: fgBold(DL("#8fbcbb", "#4c6a8c")), OK: fg(DL("#87af87", "#5f875f")), Warn: fg(DL("#d7d787", "#878700")),
		Error: fg(C("#bf616a")), Added: fg(DL("#87af87", "#5f875f")), Removed: fg(C("#bf616a")),
		Selected: on(DL("#eceff4", "#2e3440"), DL("#434c5e", "#d8dee9")), Prompt: fgBold(DL("#88c0d0", "#4c6a8c")),
		Key: fgBold(DL("#81a1c1", "#4c6a8c")), Desc: fg(DL("#d8dee9", "#4c566a")),
	}
}

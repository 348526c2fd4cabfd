package tui

import (
	"fmt"
)

// Layout control (issue 15, point 2): the focused pane zoomed to the whole screen and back, the
// Views sidebar folded to its digits on narrow terminals, and the state that decides when the
// tables and panes must be sized again.

// narrowNav is the widest terminal whose Views sidebar shows only the views' digits (unless it has
// the focus): at 100 columns and less the names cost the tables a sixth of their width.
const narrowNav = 100

// collapsedNavW is the folded sidebar: a border each side and " 1 ".
const collapsedNavW = 5

// LayoutKeys are the keys of layout control and watching.
type LayoutKeys struct {
	Zoom Binding
}

func defaultLayoutKeys() LayoutKeys {
	// z cannot zoom while the CLI line has the focus (it is typed there): alt+z works everywhere.
	return LayoutKeys{Zoom: bind("z/alt+z", "zoom pane", "z", "alt+z")}
}

// layoutTools is the console's layout and watch state.
type layoutTools struct {
	zoom  bool      // the focused pane fills the screen (the CLI or the main pane)
	laid  layoutFor // what the tables and panes were last sized for
	trend           // the watch and the port detail's trend (trend.go)
}

// layoutFor is what the layout depends on besides the terminal size.
type layoutFor struct {
	w, h   int
	zoomed focus // the pane zoomed; numFocus for none
	narrow bool  // the sidebar is folded
}

// zoomedPane is the pane that fills the screen, or numFocus when none does: the zoom follows the
// focus to the main pane or the CLI; with the focus on the sidebar the whole layout shows, so that
// it can be used.
func (m *Model) zoomedPane() focus {
	if !m.zoom || m.focus == focusNav {
		return numFocus
	}
	return m.focus
}

// navFolded reports whether the sidebar shows only digits: on a narrow terminal, unless it has the
// focus (moving through the views shows their names).
func (m *Model) navFolded() bool { return m.w <= narrowNav && m.focus != focusNav }

// shape adjusts the geometry for the sidebar's width and the zoom.
func (m *Model) shape(g geometry) geometry {
	if m.navFolded() {
		g.navW = collapsedNavW
	}
	switch m.zoomedPane() {
	case focusMain:
		g.navW = 0
		g.bodyH += g.cliH // the CLI keeps its rule (the status) and its prompt line
		g.cliH = 0
	case focusCLI:
		g.cliH += g.bodyH
		g.bodyH = 0
	}
	g.mainW = m.w - g.navW
	return g
}

// relayout sizes the tables and panes again when what the layout depends on changed since they
// were sized: the focus moving with a zoom on, the sidebar folding.
func (m *Model) relayout() {
	now := m.layoutState()
	if now == m.laid {
		return
	}
	if now.zoomed != m.laid.zoomed && now.zoomed != numFocus && m.laid.zoomed != numFocus {
		m.zoomStatus() // the zoom followed the focus to the other pane
	}
	m.layout()
}

func (m *Model) layoutState() layoutFor {
	return layoutFor{w: m.w, h: m.h, zoomed: m.zoomedPane(), narrow: m.navFolded()}
}

// toggleZoom is z: the focused pane fills the screen, or the layout comes back. From the sidebar
// it zooms the main pane.
func (m *Model) toggleZoom() {
	m.zoom = !m.zoom
	if !m.zoom {
		m.setStatus("zoom off", false)
		return
	}
	if m.focus == focusNav {
		m.focus = focusMain
	}
	m.zoomStatus()
}

// zoomStatus says which pane fills the screen and how to undo it.
func (m *Model) zoomStatus() {
	what := "the view"
	if m.focus == focusCLI {
		what = "the CLI"
	}
	m.setStatus(fmt.Sprintf("zoom: %s fills the screen (%s: back)", what, m.zoomKey()), false)
}

// zoomKey is the key that undoes the zoom from the focused pane.
func (m *Model) zoomKey() string {
	if m.focus == focusCLI {
		return "alt+z"
	}
	return "z"
}

// zoomMark is the header's reminder that a pane is zoomed.
func (m *Model) zoomMark() string {
	if m.zoomedPane() == numFocus {
		return ""
	}
	return "[zoom: " + m.zoomKey() + "] "
}

// foldedNavView is the sidebar folded to the views' digits.
func (m *Model) foldedNavView(w, h int) []string {
	iw := w - 2
	in := make([]string, 0, numViews)
	for v := viewID(0); v < numViews; v++ {
		label := fit(" "+v.key(), iw)
		if v == m.view {
			in = append(in, m.st.NavActive.Render(label))
		} else {
			in = append(in, m.st.Nav.Render(label))
		}
	}
	return box(&m.st, "", padLines(in, iw, h-2), w, h, false)
}

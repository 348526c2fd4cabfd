package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"vtyd/tui/readers"
)

// The Dashboard's faceplate and top talkers. The faceplate is one cell per port laid out as on the
// front panel: odd ports on the top row, even ports below, copper and SFP+ ports in separate
// blocks, a chassis's slots side by side as far as the width allows. A cell's glyph says the state
// as its colour does (█ up, ░ down, ▒ shut), so that a monochrome terminal reads it too.

// panelPort is a port's place on the panel.
type panelPort struct {
	slot  int
	kind  string // the name's letters: GE, XGE
	num   int    // the last number of the name
	state int    // 0 up, 1 down, 2 shut
}

// panelBlock is one run of ports of a kind in a slot: two rows of cells.
type panelBlock struct {
	kind  string
	ports []panelPort
}

// panelSlot is one slot (or the one member) of the panel.
type panelSlot struct {
	slot   int
	blocks []panelBlock
}

// panelSlots reads the bridge ports into slots and blocks, in the order the device lists them.
func panelSlots(ps []readers.BridgeIf) []panelSlot {
	var out []panelSlot
	for _, p := range ps {
		i := strings.IndexAny(p.Name, "0123456789")
		if i <= 0 {
			continue
		}
		nums := strings.Split(p.Name[i:], "/")
		slot, err1 := strconv.Atoi(nums[0])
		num, err2 := strconv.Atoi(nums[len(nums)-1])
		if err1 != nil || err2 != nil {
			continue
		}
		pp := panelPort{slot: slot, kind: p.Name[:i], num: num}
		switch {
		case p.AdminDown():
			pp.state = 2
		case !p.Up():
			pp.state = 1
		}
		if len(out) == 0 || out[len(out)-1].slot != slot {
			out = append(out, panelSlot{slot: slot})
		}
		s := &out[len(out)-1]
		if len(s.blocks) == 0 || s.blocks[len(s.blocks)-1].kind != pp.kind {
			s.blocks = append(s.blocks, panelBlock{kind: pp.kind})
		}
		b := &s.blocks[len(s.blocks)-1]
		b.ports = append(b.ports, pp)
	}
	return out
}

// cells is a block's columns: each column holds an odd port above and the even one after it
// below; -1 for a place without a port.
func (b panelBlock) cells() (top, bottom []int) {
	base := b.ports[0].num
	if base%2 == 0 {
		base--
	}
	for _, p := range b.ports {
		c := (p.num - base) / 2
		if c < 0 || c >= 256 { // not a panel's numbering: left out rather than drawn wide
			continue
		}
		for len(top) <= c {
			top, bottom = append(top, -1), append(bottom, -1)
		}
		if p.num%2 == 1 {
			top[c] = p.state
		} else {
			bottom[c] = p.state
		}
	}
	return top, bottom
}

// faceplate draws the panel in at most maxLines lines of w cells; nil when it does not fit.
func (m *Model) faceplate(w, maxLines int) []string {
	slots := panelSlots(m.data.ifs.Bridge)
	if len(slots) == 0 {
		return nil
	}
	chassis := len(slots) > 1
	var pieces [][2]string // each slot's two rows, drawn
	pw := 0                // the widest slot
	for _, s := range slots {
		var top, bot strings.Builder
		if chassis {
			label := fmt.Sprintf("%-3d", s.slot)
			top.WriteString(m.st.Muted.Render(label))
			bot.WriteString(strings.Repeat(" ", width(label)))
		}
		for bi, b := range s.blocks {
			if bi > 0 {
				top.WriteString(" ")
				bot.WriteString(" ")
			}
			t, u := b.cells()
			top.WriteString(m.panelRow(t))
			bot.WriteString(m.panelRow(u))
		}
		pieces = append(pieces, [2]string{top.String(), bot.String()})
		pw = max(pw, width(top.String()))
	}
	const gap = 3
	per := max((w-3+gap)/(pw+gap), 1) // slots side by side
	if pw > w-3 || (len(pieces)+per-1)/per*2 > maxLines {
		return nil
	}
	var out []string
	for i := 0; i < len(pieces); i += per {
		var top, bot []string
		for _, p := range pieces[i:min(i+per, len(pieces))] {
			top, bot = append(top, fit(p[0], pw)), append(bot, fit(p[1], pw))
		}
		sep := strings.Repeat(" ", gap)
		out = append(out, fit("   "+strings.Join(top, sep), w), fit("   "+strings.Join(bot, sep), w))
	}
	return out
}

// panelRow draws a row of cells, a space after every sixth (ports come in groups of twelve), one
// style per run of equal states.
func (m *Model) panelRow(states []int) string {
	glyphs := m.panelGlyphs()
	styles := [3]*lipgloss.Style{&m.st.OK, &m.st.Muted, &m.st.Warn}
	var b, run strings.Builder
	cur := -2
	flush := func() {
		if run.Len() == 0 {
			return
		}
		if cur >= 0 {
			b.WriteString(styles[cur].Render(run.String()))
		} else {
			b.WriteString(run.String())
		}
		run.Reset()
	}
	for i, s := range states {
		if i > 0 && i%6 == 0 {
			flush()
			cur = -2
			b.WriteByte(' ')
		}
		if s != cur {
			flush()
			cur = s
		}
		if s < 0 {
			run.WriteByte(' ')
		} else {
			run.WriteString(glyphs[s])
		}
	}
	flush()
	return b.String()
}

// talkerRows is how many top talkers the dashboard lists for an inside height h; 0 below it,
// where the rates are not read at all.
func talkerRows(h int) int {
	switch {
	case h >= 40:
		return 10
	case h >= 20:
		return 5
	}
	return 0
}

// dashTalkers reports whether the dashboard lists top talkers (and so reads the rates).
func (m *Model) dashTalkers() bool { return talkerRows(m.geometry().bodyH-2) > 0 }

// talkers are the top n ports by their input plus output rate, with a bar of their share of the
// busiest.
func (m *Model) talkers(w, n int) []string {
	type talker struct {
		name, desc string
		in, out    int64
	}
	var ts []talker
	for _, p := range m.data.ifs.Bridge {
		r, ok := m.data.rates[readers.FullIfName(p.Name)]
		if !ok || !r.Rates || r.InBytes+r.OutBytes == 0 {
			continue
		}
		ts = append(ts, talker{p.Name, p.Description, r.InBytes, r.OutBytes})
	}
	slices.SortStableFunc(ts, func(a, b talker) int { return cmp.Compare(b.in+b.out, a.in+a.out) })
	if len(ts) == 0 {
		return []string{m.st.Muted.Render(fit("   (no traffic read yet)", w))}
	}
	ts = ts[:min(n, len(ts))]
	top := ts[0].in + ts[0].out
	bw := min(20, max(w-50, 5))
	var out []string
	for _, t := range ts {
		cells := int((t.in + t.out) * int64(bw) / max(top, 1))
		bar := m.st.Accent.Render(strings.Repeat(m.barGlyph(), max(cells, 1))) + strings.Repeat(" ", bw-max(cells, 1))
		out = append(out, fit(m.st.Text.Render(fmt.Sprintf("   %-10s in %6s  out %6s  ", t.name, bitRate(t.in), bitRate(t.out)))+
			bar+m.st.Muted.Render(" "+t.desc), w))
	}
	return out
}

func (m *Model) barGlyph() string {
	if m.st.ASCII {
		return "#"
	}
	return "█"
}

// dashPorts is the Ports section after its counts: the faceplate where it fits in room lines, else
// the bar; then the top talkers where the dashboard is tall enough, in what room is left of h.
func (m *Model) dashPorts(w, h, used int) []string {
	n := talkerRows(h)
	room := h - used - 5 // the rest of the sections (4 lines) and a log line
	if n > 0 {
		room -= 3 // the talkers' heading and two of them at least
	}
	out := m.faceplate(w, max(room, 2))
	if out == nil {
		out = []string{fit("   "+m.portBar(w-6), w)}
	}
	if n == 0 {
		return out
	}
	n = min(n, h-used-len(out)-1-5)
	if n < 2 {
		return out
	}
	out = append(out, m.st.Header.Render(fit(" Top talkers (last 300 s)", w)))
	return append(out, m.talkers(w, n)...)
}

// panelGlyphs are the cells of an up, a down and a shut port, as the port bar draws them.
func (m *Model) panelGlyphs() [3]string {
	if m.st.ASCII {
		return [3]string{"#", ".", "x"}
	}
	return [3]string{"█", "░", "▒"}
}

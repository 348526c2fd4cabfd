package tui

import (
	"fmt"
	"strconv"
	"strings"

	"vtyd/tui/readers"
)

// One plan over the marked ports. Ports that take the same commands share one `interface range`
// line, as Comware accepts (`interface range GigabitEthernet1/0/1 to GigabitEthernet1/0/3
// GigabitEthernet1/0/7`, FACTS.md §7, the engine's ifRangeTarget): consecutive ports of one slot
// become "A to B", and a line holds at most ifRangeItems names or spans, the command's &<1-24>.
// Ports that need different commands (an access port and a trunk put in one VLAN) get a range
// each, still in one plan the operator reads before it runs.

// ifRangeItems is the most names or "A to B" spans one `interface range` line takes.
const ifRangeItems = 24

// port is an Interfaces row as an action needs it.
type port struct {
	name, link, mode, pvid, desc string
}

func portOf(r []string) port { return port{name: r[0], link: r[1], mode: r[4], pvid: r[5], desc: r[8]} }

// markedPorts is the marked ports in the table's order, none outside the Interfaces view.
func (m *Model) markedPorts() []port {
	if m.view != viewInterfaces || m.detail != nil || len(m.ifs.marks) == 0 {
		return nil
	}
	var out []port
	for _, r := range m.ifs.rows {
		if m.ifs.marks[r[0]] {
			out = append(out, portOf(r))
		}
	}
	return out
}

// portBlock is the commands a group of ports takes, and the ports.
type portBlock struct {
	lines []string
	ports []string
}

// groupPorts puts ports with the same commands together, in the order the groups first appear;
// a port whose commands are nil is left out.
func groupPorts(ports []port, linesOf func(p port) []string) []portBlock {
	var out []portBlock
	at := map[string]int{}
	for _, p := range ports {
		ls := linesOf(p)
		if ls == nil {
			continue
		}
		k := strings.Join(ls, "\n")
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, portBlock{lines: ls})
		}
		out[i].ports = append(out[i].ports, p.name)
	}
	return out
}

// blockLines is a plan's lines for its blocks: system view, each block's interface line or lines
// and its commands, then back to user view.
func blockLines(blocks []portBlock) []string {
	lines := []string{"system-view"}
	for _, b := range blocks {
		for _, head := range ifHeads(b.ports) {
			lines = append(lines, head)
			lines = append(lines, b.lines...)
		}
	}
	return append(lines, "return")
}

// ifHeads is the lines that enter the view of ports: `interface NAME` for one, else `interface
// range` lines of at most ifRangeItems items each.
func ifHeads(names []string) []string {
	if len(names) == 1 {
		return []string{"interface " + readers.FullIfName(names[0])}
	}
	items := rangeItems(names)
	var out []string
	for len(items) > 0 {
		n := min(len(items), ifRangeItems)
		out = append(out, "interface range "+strings.Join(items[:n], " "))
		items = items[n:]
	}
	return out
}

// rangeItems spells ports as `interface range` takes them: runs of consecutive ports of one slot
// as "A to B", the others alone, in full names.
func rangeItems(names []string) []string {
	var out []string
	for i := 0; i < len(names); {
		first := readers.FullIfName(names[i])
		pre, n, ok := splitPortNumber(first)
		j := i + 1
		for ok && j < len(names) {
			p2, n2, ok2 := splitPortNumber(readers.FullIfName(names[j]))
			if !ok2 || p2 != pre || n2 != n+(j-i) {
				break
			}
			j++
		}
		if j-i > 1 {
			out = append(out, first+" to "+readers.FullIfName(names[j-1]))
		} else {
			out = append(out, first)
		}
		i = j
	}
	return out
}

// splitPortNumber cuts GigabitEthernet1/0/12 into GigabitEthernet1/0/ and 12.
func splitPortNumber(full string) (string, int, bool) {
	i := strings.LastIndexByte(full, '/')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(full[i+1:])
	return full[:i+1], n, err == nil
}

// portNames lists ports for a title or a note: all of them up to a few, then how many more.
func portNames(names []string) string {
	const most = 6
	if len(names) <= most {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:most], ", ") + fmt.Sprintf(" and %d more", len(names)-most)
}

func names(ports []port) []string {
	out := make([]string, len(ports))
	for i, p := range ports {
		out[i] = p.name
	}
	return out
}

// blocksPorts is every port the blocks cover.
func blocksPorts(blocks []portBlock) []string {
	var out []string
	for _, b := range blocks {
		out = append(out, b.ports...)
	}
	return out
}

// shutManyPlan shuts the marked ports down (or brings them up); ports already so are left out,
// and the plan says so.
func shutManyPlan(ports []port, shut bool) plan {
	cmd, verb, skip, already := "shutdown", "shut down", "ADM", "shut down already"
	if !shut {
		cmd, verb, already = "undo shutdown", "bring up", "not shut down"
	}
	var left []string
	blocks := groupPorts(ports, func(p port) []string {
		if (p.link == skip) == shut {
			left = append(left, p.name)
			return nil
		}
		return []string{cmd}
	})
	done := blocksPorts(blocks)
	p := plan{title: fmt.Sprintf("%s %s (%s)", verb, plural(len(done), "port"), portNames(done)), danger: shut,
		touches: []resource{resIfBrief}, lines: blockLines(blocks)}
	if len(left) > 0 {
		p.notes = append(p.notes, fmt.Sprintf("Left out, %s: %s.", already, portNames(left)))
	}
	return p
}

// describeManyPlan gives the marked ports one description, or removes theirs.
func describeManyPlan(ports []port, text string) plan {
	cmd := "description " + text
	if strings.TrimSpace(text) == "" {
		cmd = "undo description"
	}
	blocks := groupPorts(ports, func(port) []string { return []string{cmd} })
	return plan{title: fmt.Sprintf("describe %s (%s)", plural(len(ports), "port"), portNames(names(ports))),
		touches: []resource{resIfBrief, resIfRates}, lines: blockLines(blocks)}
}

// accessManyPlan puts the marked ports in VLAN vlan as access ports; a trunk or hybrid port
// becomes an access port first, which is disruptive.
func accessManyPlan(ports []port, vlan int) plan {
	var changed []string
	blocks := groupPorts(ports, func(p port) []string {
		set := "port access vlan " + strconv.Itoa(vlan)
		if p.mode == "access" {
			return []string{set}
		}
		changed = append(changed, p.name)
		return []string{"port link-type access", set}
	})
	p := plan{title: fmt.Sprintf("put %s in VLAN %d (%s)", plural(len(ports), "port"), vlan, portNames(names(ports))),
		touches: []resource{resIfBrief, resVLANs}, lines: blockLines(blocks)}
	if len(changed) > 0 {
		p.danger = true
		p.notes = append(p.notes, fmt.Sprintf("%s become access ports: the VLANs they carry tagged stop crossing them; "+
			"only VLAN %d crosses, untagged.", portNames(changed), vlan))
	}
	return p
}

// trunkManyPlan sets the VLANs the marked ports let through as trunks; current gives each port's
// permitted VLANs, known whether they were read.
func trunkManyPlan(ports []port, current func(p port) ([]int, bool), want []int) (plan, string) {
	var notes []string
	danger := false
	blocks := groupPorts(ports, func(p port) []string {
		cur, known := current(p)
		b := trunkBody(p.mode, cur, known, want)
		if b.same {
			return nil
		}
		danger = danger || b.danger
		if b.note != "" {
			notes = append(notes, p.name+": "+b.note)
		}
		return b.lines
	})
	if len(blocks) == 0 {
		return plan{}, "the ports permit exactly these VLANs already"
	}
	done := blocksPorts(blocks)
	return plan{title: fmt.Sprintf("set the trunk VLANs of %s (%s)", plural(len(done), "port"), portNames(done)),
		touches: []resource{resIfBrief, resIfRates, resVLANs}, danger: danger, notes: notes, lines: blockLines(blocks)}, ""
}

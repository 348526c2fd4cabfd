package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// VLANs created several at once: n in the VLANs view takes a list ("100-110", "100 to 110",
// "100,105"). Without names the runs become Comware's batch form `vlan 100 to 110`; with a name
// each VLAN is entered to name it, {id} in the name standing for its ID ("Users-{id}").

// createVLANsPlan creates ids (sorted, none existing) and names them.
func createVLANsPlan(ids []int, name string) plan {
	if len(ids) == 1 {
		return createVLANPlan(ids[0], vlanName(name, ids[0]))
	}
	lines := []string{"system-view"}
	if name == "" {
		for _, r := range runs(ids) {
			if r[0] == r[1] {
				lines = append(lines, "vlan "+strconv.Itoa(r[0]), "quit")
			} else {
				lines = append(lines, fmt.Sprintf("vlan %d to %d", r[0], r[1]))
			}
		}
	} else {
		for _, id := range ids {
			lines = append(lines, "vlan "+strconv.Itoa(id), "name "+vlanName(name, id), "quit")
		}
	}
	return plan{title: "create VLANs " + readers.FormatVLANList(ids), touches: []resource{resVLANs}, lines: append(lines, "return")}
}

// vlanName is a name for VLAN id, {id} replaced by the ID.
func vlanName(name string, id int) string {
	return strings.ReplaceAll(name, "{id}", strconv.Itoa(id))
}

// runs cuts sorted ids into runs of consecutive IDs, each as its first and last.
func runs(ids []int) [][2]int {
	var out [][2]int
	for _, id := range ids {
		if n := len(out); n > 0 && out[n-1][1] == id-1 {
			out[n-1][1] = id
			continue
		}
		out = append(out, [2]int{id, id})
	}
	return out
}

// actNewVLANs asks for the IDs of new VLANs, then for their name.
func (m *Model) actNewVLANs() tea.Cmd {
	m.dlg = inputDialog("New VLAN", "VLAN IDs (2-4094; a list or ranges: 30, 100-110, 100 to 110):", "",
		func(m *Model, v string) (tea.Cmd, string) {
			ids, why := vlanListInput(v)
			if why != "" {
				return nil, why
			}
			if slices.Contains(ids, 1) {
				return nil, "VLAN 1 is the default VLAN and exists always"
			}
			var have []int
			ids = slices.DeleteFunc(ids, func(id int) bool {
				for _, x := range m.data.vlans {
					if x.ID == id {
						have = append(have, id)
						return true
					}
				}
				return false
			})
			switch {
			case len(ids) == 0 && len(have) == 1:
				return nil, fmt.Sprintf("VLAN %d exists already", have[0])
			case len(ids) == 0:
				return nil, "these VLANs exist already"
			}
			title := "New VLAN " + readers.FormatVLANList(ids)
			label := "Name (up to 32 characters; empty: the default VLAN 00NN):"
			if len(ids) > 1 {
				title = "New VLANs " + readers.FormatVLANList(ids)
				label = "Name (up to 32 characters; {id} stands for each VLAN's ID, e.g. Users-{id}; empty: the defaults):"
			}
			m.dlg = inputDialog(title, label, "", func(m *Model, name string) (tea.Cmd, string) {
				name = strings.TrimSpace(name)
				if why := badText(vlanName(name, ids[len(ids)-1]), 32); why != "" {
					return nil, why
				}
				p := createVLANsPlan(ids, name)
				if len(have) > 0 {
					p.notes = append(p.notes, fmt.Sprintf("Left as they are, existing already: %s.", vlanWord(have)))
				}
				m.confirm(p)
				return nil, ""
			})
			return nil, ""
		})
	return nil
}

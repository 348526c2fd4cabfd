package tui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"vtyd/tui/readers"
)

// The tables of the Routing, MAC/ARP/LLDP, Sessions and Users & SSH views: their columns and how
// rows are made from what the readers read.

func routeColumns() []column {
	return []column{{title: "Destination/Mask", width: 18}, {title: "Proto", width: 6}, {title: "Pre", width: 3},
		{title: "Cost", width: 5, hideBelow: 70}, {title: "NextHop", width: 15}, {title: "Interface", width: 9, flex: true}}
}

func routeRows(t readers.RoutingTable) [][]string {
	rows := make([][]string, 0, len(t.Entries))
	for _, r := range t.Entries {
		rows = append(rows, []string{r.Destination, r.Proto, strconv.Itoa(r.Pre), strconv.Itoa(r.Cost), r.NextHop, r.Interface})
	}
	return rows
}

func ipifColumns() []column {
	return []column{{title: "Interface", width: 14}, {title: "Physical", width: 8}, {title: "Protocol", width: 8},
		{title: "IP address", width: 15}, {title: "Description", width: 8, flex: true}}
}

func ipifRows(ifs []readers.IPIf) [][]string {
	rows := make([][]string, 0, len(ifs))
	for _, i := range ifs {
		rows = append(rows, []string{i.Name, i.Physical, i.Protocol, i.IP, i.Description})
	}
	return rows
}

func macColumns() []column {
	return []column{{title: "MAC address", width: 14}, {title: "VLAN", width: 4}, {title: "Port", width: 10},
		{title: "Aging", width: 5}, {title: "State", width: 8, flex: true}}
}

func macRows(es []readers.MACEntry) [][]string {
	rows := make([][]string, 0, len(es))
	for _, e := range es {
		aging := "N"
		if e.Aging {
			aging = "Y"
		}
		rows = append(rows, []string{e.MAC, strconv.Itoa(e.VLAN), e.Port, aging, e.State})
	}
	return rows
}

func arpColumns() []column {
	return []column{{title: "IP address", width: 15}, {title: "MAC address", width: 14}, {title: "VLAN", width: 4},
		{title: "Interface", width: 10}, {title: "Aging", width: 5}, {title: "Type", width: 4, flex: true}}
}

func arpRows(es []readers.ARPEntry) [][]string {
	rows := make([][]string, 0, len(es))
	for _, e := range es {
		vlan := "N/A"
		if e.VLAN > 0 {
			vlan = strconv.Itoa(e.VLAN)
		}
		rows = append(rows, []string{e.IP, e.MAC, vlan, e.Interface, e.Aging, e.Type})
	}
	return rows
}

func lldpColumns() []column {
	return []column{{title: "Port", width: 10}, {title: "Neighbour", width: 20},
		{title: "Chassis ID", width: 14, hideBelow: 70}, {title: "Its port", width: 8, flex: true}}
}

func lldpRows(ns []readers.LLDPNeighbor) [][]string {
	rows := make([][]string, 0, len(ns))
	for _, n := range ns {
		rows = append(rows, []string{n.LocalIf, n.SystemName, n.ChassisID, n.PortID})
	}
	return rows
}

// session is a row of the Sessions view: a login on a VTY line (display users) with its SSH
// service (display ssh server session), or an SSH session that holds no line (SFTP, SCP, exec).
type session struct {
	line, user, from, service, since, idle, pid string
	own                                         bool
}

func sessionColumns() []column {
	return []column{{title: "Line", width: 6}, {title: "User", width: 10}, {title: "From", width: 15},
		{title: "Service", width: 7}, {title: "Idle", width: 8}, {title: "Since", width: 15, hideBelow: 90},
		{title: "Pid", width: 5, hideBelow: 76}, {title: "", width: 7, flex: true}}
}

// sessionList joins the two displays by process ID.
func sessionList(p sessionsPair) []session {
	svc := map[int]readers.SSHSession{}
	for _, s := range p.ssh {
		svc[s.Pid] = s
	}
	var out []session
	for _, l := range p.lines {
		s := session{line: l.Line, user: l.User, from: l.Location, since: l.Time, idle: l.Idle, pid: strconv.Itoa(l.Pid), own: l.Current, service: "-"}
		if x, ok := svc[l.Pid]; ok {
			s.service = x.Service
			delete(svc, l.Pid)
		}
		out = append(out, s)
	}
	for _, x := range p.ssh {
		if _, left := svc[x.Pid]; left {
			out = append(out, session{line: "-", user: x.User, from: "", service: x.Service, since: "", idle: "", pid: strconv.Itoa(x.Pid)})
		}
	}
	return out
}

func sessionRows(ss []session) [][]string {
	rows := make([][]string, 0, len(ss))
	for _, s := range ss {
		note := ""
		switch {
		case s.own:
			note = "you"
		case s.line == "-":
			note = "no line"
		}
		rows = append(rows, []string{s.line, s.user, s.from, s.service, s.idle, s.since, s.pid, note})
	}
	return rows
}

func (m *Model) sessionCellStyle(row []string, col int) *lipgloss.Style {
	switch {
	case row[7] == "you":
		return &m.st.OK
	case row[0] == "-":
		return &m.st.Muted
	}
	return nil
}

// selectedSession is the session under the cursor of the Sessions view.
func (m *Model) selectedSession() (session, bool) {
	r, ok := m.sessions.selected()
	if !ok || m.view != viewSessions {
		return session{}, false
	}
	return session{line: r[0], user: r[1], from: r[2], service: r[3], own: r[7] == "you"}, true
}

func localUserColumns() []column {
	return []column{{title: "User", width: 14}, {title: "Roles", width: 26}, {title: "Services", width: 14, hideBelow: 76},
		{title: "State", width: 7, hideBelow: 90}, {title: "SSH authentication", width: 10, flex: true}}
}

// localUserRows joins local users with their SSH settings: a user without an `ssh user` entry logs
// in with a password.
func localUserRows(p usersPair) [][]string {
	auth := map[string]string{}
	for _, s := range p.ssh {
		a := s.AuthType
		if s.KeyName != "" {
			a += " (key " + s.KeyName + ")"
		}
		auth[s.Name] = a
	}
	rows := make([][]string, 0, len(p.local))
	for _, u := range p.local {
		a, ok := auth[u.Name]
		if !ok {
			a = "password (no ssh user entry)"
		}
		rows = append(rows, []string{u.Name, strings.Join(u.Roles, ", "), strings.Join(u.Services, "/"), u.State, a})
	}
	return rows
}

func sshUserColumns() []column {
	return []column{{title: "User", width: 14}, {title: "Authentication", width: 20}, {title: "Public key", width: 14},
		{title: "Services", width: 8, flex: true}}
}

func sshUserRows(us []readers.SSHUser) [][]string {
	rows := make([][]string, 0, len(us))
	for _, u := range us {
		rows = append(rows, []string{u.Name, u.AuthType, orDash(u.KeyName), strings.Join(u.Services, " ")})
	}
	return rows
}

func hostKeyColumns() []column {
	return []column{{title: "Key pair", width: 12}, {title: "Type", width: 7}, {title: "Bits", width: 4},
		{title: "Created", width: 19, hideBelow: 100}, {title: "Fingerprint (SHA256)", width: 12, flex: true}}
}

func hostKeyRows(ks []readers.HostKey) [][]string {
	rows := make([][]string, 0, len(ks))
	for _, k := range ks {
		name := k.Name
		if k.Default {
			name += "*"
		}
		fp := strings.TrimPrefix(k.Fingerprint, "SHA256:")
		if fp == "" {
			fp = "- (no SSH fingerprint for this key type)"
		}
		bits := ""
		if k.Bits > 0 {
			bits = strconv.Itoa(k.Bits)
		}
		rows = append(rows, []string{name, k.Type, bits, k.Created, fp})
	}
	return rows
}

// sshInfoLines is the SSH server tab: the server's settings, then the algorithms it offers in
// order of preference.
func sshInfoLines(v sshInfo) []textLine {
	out := []textLine{{" Server (display ssh server status)", kindHeader}}
	for _, s := range v.status {
		out = append(out, textLine{"   " + fit(s.Name, 36) + " " + s.Value, kindText})
	}
	out = append(out, textLine{"", kindText}, textLine{" Algorithms offered, most preferred first (display ssh2 algorithm)", kindHeader})
	for _, a := range []struct {
		name string
		list []string
	}{{"Key exchange", v.algos.KeyExchange}, {"Host key", v.algos.PublicKey}, {"Encryption", v.algos.Cipher}, {"MAC", v.algos.MAC}} {
		out = append(out, textLine{"   " + fit(a.name, 13) + " " + strings.Join(a.list, " "), kindText})
	}
	return out
}

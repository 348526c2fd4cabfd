package switchctl

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRoundTrip generates configurations by running random commands, then checks that rendering,
// loading the text into a fresh device and rendering again gives the same text: the saved file is the
// device.
func TestRoundTrip(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 100
	}
	d := newTestDevice(t)
	for i := 0; i < n; i++ {
		d.mu.Lock()
		d.cfg = newConfig(d.model, d.opts.VTYLines)
		d.mu.Unlock()
		r := rand.New(rand.NewPCG(uint64(i), 7))
		var script []string
		for k := 0; k < 5+r.IntN(40); k++ {
			script = append(script, genCommand(r, d.model)...)
		}
		_ = d.Load(strings.NewReader(strings.Join(script, "\n"))) // some generated commands are refused
		first := d.CurrentConfig()
		cfg, errs := loadScratch(d, first)
		if len(errs) > 0 {
			t.Fatalf("config %d: the rendered text does not load: %v\nscript:\n%s", i, errs, strings.Join(script, "\n"))
		}
		second := cfg.Render()
		if first != second {
			t.Fatalf("config %d: render -> load -> render differs:\n%s\nscript:\n%s", i, lineDiff(first, second), strings.Join(script, "\n"))
		}
	}
}

// genCommand makes one random configuration step (a few lines) out of the commands the device has.
func genCommand(r *rand.Rand, m Model) []string {
	ports := m.Ports()
	port := func() string { return ports[r.IntN(len(ports))].Full() }
	vlan := func() int { return 1 + r.IntN(4094) }
	word := func() string {
		const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789-_."
		b := make([]byte, 1+r.IntN(12))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		return string(b)
	}
	text := func() string {
		parts := []string{word()}
		for j := r.IntN(4); j > 0; j-- {
			parts = append(parts, word())
		}
		s := strings.Join(parts, strings.Repeat(" ", 1+r.IntN(2)))
		if r.IntN(8) == 0 {
			return `"` + s + ` "`
		}
		return s
	}
	ip := func() string {
		return fmt.Sprintf("%d.%d.%d.%d", 1+r.IntN(223), r.IntN(256), r.IntN(256), 1+r.IntN(254))
	}
	switch r.IntN(32) {
	case 29:
		return []string{"interface " + port(), "speed " + []string{"10", "100", "1000", "10000", "auto"}[r.IntN(5)],
			"duplex " + []string{"full", "half", "auto"}[r.IntN(3)], []string{"flow-control", "undo flow-control"}[r.IntN(2)],
			[]string{"undo jumboframe enable", fmt.Sprintf("jumboframe enable %d", 1536+r.IntN(8465)), "jumboframe enable"}[r.IntN(3)],
			[]string{fmt.Sprintf("broadcast-suppression %d", r.IntN(101)), fmt.Sprintf("broadcast-suppression pps %d", r.IntN(1488101)),
				fmt.Sprintf("broadcast-suppression kbps %d", r.IntN(1000001))}[r.IntN(3)],
			fmt.Sprintf("loopback-detection enable vlan %d to %d", 1+r.IntN(2000), 2000+r.IntN(2000)), "loopback-detection enable vlan " + []string{"all", "4094"}[r.IntN(2)],
			"loopback-detection action " + []string{"block", "no-learning", "shutdown"}[r.IntN(3)],
			[]string{"port-isolate enable", "poe enable"}[r.IntN(2)], "quit"}
	case 30:
		return []string{"interface " + port(), fmt.Sprintf("packet-filter %d %s", 2000+r.IntN(2000), []string{"inbound", "outbound"}[r.IntN(2)]),
			fmt.Sprintf("packet-filter %d inbound", 3000+r.IntN(1000)), "quit"}
	case 31:
		g := 1 + r.IntN(4)
		return []string{fmt.Sprintf("mirroring-group %d local", g), fmt.Sprintf("mirroring-group %d mirroring-port %s %s", g, port(), []string{"both", "inbound", "outbound"}[r.IntN(3)]),
			fmt.Sprintf("mirroring-group %d monitor-port %s", g, port()), "interface " + port(), fmt.Sprintf("mirroring-group %d mirroring-port inbound", g), "quit"}
	case 27:
		return []string{"stp mode " + []string{"stp", "rstp", "mstp", "pvst"}[r.IntN(4)], fmt.Sprintf("stp instance %d priority %d", r.IntN(3), 4096*r.IntN(16)),
			fmt.Sprintf("stp instance %d root %s", r.IntN(3), []string{"primary", "secondary"}[r.IntN(2)]), "stp bpdu-protection",
			"stp region-configuration", "region-name " + word(), fmt.Sprintf("revision-level %d", r.IntN(65536)),
			fmt.Sprintf("instance %d vlan %d to %d", 1+r.IntN(4), 1+r.IntN(2000), 2000+r.IntN(2000)), "active region-configuration", "quit"}
	case 28:
		return []string{"interface " + port(), "stp edged-port", fmt.Sprintf("stp cost %d", 1+r.IntN(200000000)),
			fmt.Sprintf("stp port priority %d", 16*r.IntN(16)), []string{"stp root-protection", "stp loop-protection", "undo stp enable"}[r.IntN(3)], "quit"}
	case 26:
		g := 1 + r.IntN(1024)
		lines := []string{fmt.Sprintf("interface Bridge-Aggregation %d", g), "description " + text(),
			[]string{"link-aggregation mode dynamic", "link-aggregation mode static"}[r.IntN(2)]}
		for k := r.IntN(3); k >= 0; k-- {
			lines = append(lines, "interface "+port(), fmt.Sprintf("port link-aggregation group %d", g))
		}
		return append(lines, fmt.Sprintf("interface Bridge-Aggregation %d", g), "port link-type trunk",
			fmt.Sprintf("port trunk permit vlan %d", vlan()), "quit")
	case 22:
		return []string{"ntp-service enable", fmt.Sprintf("ntp-service unicast-server %s%s", ip(), []string{"", " priority"}[r.IntN(2)]),
			fmt.Sprintf("clock timezone %s %s %02d:%02d:00", word(), []string{"add", "minus"}[r.IntN(2)], r.IntN(24), r.IntN(60)),
			"clock protocol " + []string{"none", "ntp", "ptp"}[r.IntN(3)]}
	case 23:
		return []string{"snmp-agent community " + []string{"read", "write"}[r.IntN(2)] + " " + word(),
			fmt.Sprintf("snmp-agent community read %s acl %d", word(), 2000+r.IntN(1000)),
			"snmp-agent sys-info contact " + strings.Trim(text(), `"`), "snmp-agent sys-info location " + strings.Trim(text(), `"`),
			"snmp-agent sys-info version " + []string{"v1", "v2c", "all", "v1 v3"}[r.IntN(4)], "undo snmp-agent sys-info version " + []string{"v1", "v3"}[r.IntN(2)],
			fmt.Sprintf("snmp-agent target-host trap address udp-domain %s params securityname %s %s", ip(), word(), []string{"v1", "v2c", "v3"}[r.IntN(3)])}
	case 24:
		return []string{fmt.Sprintf("info-center loghost %s port %d facility local%d", ip(), 1+r.IntN(65535), r.IntN(8)),
			"info-center loghost " + ip(), "info-center loghost source " + []string{"Vlan-interface1", "NULL0", port()}[r.IntN(3)],
			fmt.Sprintf("info-center source %s %s level %s", []string{"default", "ssh", "shell"}[r.IntN(3)],
				[]string{"console", "monitor", "logbuffer", "logfile", "loghost"}[r.IntN(5)], severityWords[r.IntN(8)]),
			"info-center source default console deny"}
	case 25:
		return []string{"interface " + port(), "lldp admin-status " + []string{"disable", "rx", "tx", "txrx"}[r.IntN(4)], "undo lldp enable", "quit"}
	case 18:
		return []string{[]string{"irf mac-address persistent always", "undo irf mac-address persistent", "undo irf auto-update enable",
			fmt.Sprintf("irf link-delay %d", r.IntN(30001)), fmt.Sprintf("irf member 1 priority %d", 1+r.IntN(32)),
			"undo password-recovery enable", "undo lldp global enable", "undo stp global enable",
			fmt.Sprintf("scheduler logfile size %d", 16+r.IntN(1009))}[r.IntN(9)]}
	case 19:
		return []string{"domain " + word(), "quit", "role name " + word(), "description " + text(), "quit", "user-group " + word(), "quit"}
	case 20:
		return []string{"line class " + []string{"aux", "vty"}[r.IntN(2)], "user-role " + []string{RoleAdmin, RoleOperator, "level-3"}[r.IntN(3)],
			fmt.Sprintf("idle-timeout %d", r.IntN(60)), "quit", "line aux 0", "authentication-mode " + []string{"none", "password", "scheme"}[r.IntN(3)],
			fmt.Sprintf("screen-length %d", r.IntN(100)), "quit"}
	case 21:
		return []string{"undo role name level-" + fmt.Sprint(r.IntN(16)), "domain default enable system", "undo domain default enable",
			fmt.Sprintf("aaa session-limit %s %d", aaaServices[r.IntN(len(aaaServices))], 1+r.IntN(maxAAASessions))}
	case 16:
		n := 2000 + r.IntN(2000)
		lines := []string{fmt.Sprintf("acl number %d", n), "description " + text()}
		for k := r.IntN(4); k >= 0; k-- {
			proto := ""
			if n >= 3000 {
				proto = " " + []string{"ip", "tcp", "udp", "icmp"}[r.IntN(4)]
			}
			lines = append(lines, fmt.Sprintf("rule %s%s source %s 0.0.0.%d", []string{"permit", "deny"}[r.IntN(2)], proto, ip(), r.IntN(256)))
		}
		return append(lines, "quit")
	case 17:
		return []string{fmt.Sprintf("ssh server acl %d", 2000+r.IntN(2000))}
	case 0:
		return []string{"sysname " + word()}
	case 1:
		return []string{fmt.Sprintf("header %s %%%s%%", []string{"motd", "login", "shell"}[r.IntN(3)], strings.Trim(text(), `"`))}
	case 2:
		return []string{fmt.Sprintf("header motd @%s", strings.Trim(text(), `"`)), text(), text() + "@"}
	case 3:
		a := vlan()
		return []string{fmt.Sprintf("vlan %d to %d", a, min(4094, a+r.IntN(50)))}
	case 4:
		return []string{fmt.Sprintf("vlan %d", vlan()), "name " + text(), "description " + text(), "quit"}
	case 5:
		return []string{fmt.Sprintf("undo vlan %d", vlan())}
	case 6:
		return []string{"interface " + port(), "description " + text(), "shutdown", "quit"}
	case 7:
		return []string{fmt.Sprintf("vlan %d", vlan()), "interface " + port(), "port link-type access", "undo port trunk pvid", fmt.Sprintf("port access vlan %d", vlan()), "quit"}
	case 8:
		return []string{"interface " + port(), "port link-type access", "port link-type trunk", fmt.Sprintf("port trunk permit vlan %d to %d %d", vlan()/2, 2048+r.IntN(2000), vlan()),
			fmt.Sprintf("undo port trunk permit vlan %d", vlan()), fmt.Sprintf("port trunk pvid vlan %d", vlan()), "quit"}
	case 9:
		return []string{"interface " + port(), "port link-type access", "port link-type hybrid", fmt.Sprintf("port hybrid vlan %d %d tagged", vlan(), vlan()),
			fmt.Sprintf("port hybrid vlan %d untagged", vlan()), fmt.Sprintf("port hybrid pvid vlan %d", vlan()), "quit"}
	case 10:
		return []string{"interface " + port(), "port trunk permit vlan all", "quit"}
	case 11:
		return []string{fmt.Sprintf("interface Vlan-interface %d", vlan()), fmt.Sprintf("ip address %s %d", ip(), 8+r.IntN(23)),
			fmt.Sprintf("ip address %s %d sub", ip(), 8+r.IntN(23)), "quit"}
	case 12:
		return []string{fmt.Sprintf("interface LoopBack %d", r.IntN(1024)), fmt.Sprintf("ip address %s 32", ip()), "description " + text(), "quit"}
	case 13:
		return []string{fmt.Sprintf("ip route-static %s %d %s", ip(), r.IntN(33), ip())}
	case 14:
		u := word()
		return []string{"local-user " + u, "password simple " + word(), "service-type ssh", "authorization-attribute user-role " + []string{RoleAdmin, RoleOperator, "level-3"}[r.IntN(3)], "quit"}
	default:
		a := r.IntN(64)
		return []string{fmt.Sprintf("line vty %d %d", a, a+r.IntN(64-a)), "user-role network-admin", fmt.Sprintf("idle-timeout %d %d", r.IntN(60), r.IntN(60)), "quit"}
	}
}

package switchctl

import (
	"fmt"
	"net"
	"sort"
)

// The spanning tree as the simulation computes it, for the CIST (instance 0). A fleet's wired
// devices exchange what their BPDUs would say through FarEnd.STP: each display walks the wired
// devices reachable from this one, finds the root (the lowest priority, then MAC), the root path
// costs (a port's cost counts where a BPDU is received: legacy costs, 20 for GE and 2 for XGE), and
// this device's port roles: the root port is the one with the cheapest way to the root (then the
// lower far bridge and port); on each other link the end with the better (cost, bridge, port) is
// designated and the other is an alternate, which discards. Ports to simulated neighbours are
// designated. The walk reads each device once and holds no lock while it calls another: the same
// fleet gives the same roles whatever the order of displays.

// STPNode is what a device's BPDUs tell the others: whether it runs STP, its bridge ID and its
// wired ports that take part (not shut down, STP on).
type STPNode struct {
	Enabled  bool
	Priority int
	MAC      net.HardwareAddr
	Model    Model // numbers its ports (portIndex)
	Links    []STPLink
}

// STPLink is one of a node's wired STP ports.
type STPLink struct {
	Port IfName
	Cost int
	Far  FarEnd
}

// STPNode is this device's node: what FarEnd.STP of the devices wired to it reports.
func (d *Device) STPNode() STPNode {
	n := STPNode{MAC: d.ChassisMAC(), Model: d.model}
	d.read(func(c *Config) {
		n.Enabled, n.Priority = c.STP.Enabled, c.STP.bridgePriority(0)
		if !n.Enabled || d.sim == nil {
			return
		}
		for _, f := range c.sortedIfaces() {
			w := d.sim.wired[f.Name.Full()]
			if w == nil || f.Shutdown || f.STP.Off || d.portClosed(f.Name) {
				continue
			}
			n.Links = append(n.Links, STPLink{Port: f.Name, Cost: portCost(f), Far: w.far})
		}
	})
	return n
}

// portCost is a port's path cost: configured, or the legacy standard's for its speed.
func portCost(f *Iface) int {
	switch {
	case f.STP.Cost != 0:
		return f.STP.Cost
	case f.Name.Type == IfXGE:
		return 2
	}
	return 20
}

// stpBridge is a bridge ID.
type stpBridge struct {
	prio int
	mac  string // lower-case hex with dashes, which orders as the address does
}

func (b stpBridge) less(o stpBridge) bool {
	if b.prio != o.prio {
		return b.prio < o.prio
	}
	return b.mac < o.mac
}

func (b stpBridge) String() string { return fmt.Sprintf("%d.%s", b.prio, b.mac) }

func bridgeOf(n STPNode) stpBridge { return stpBridge{n.Priority, macString(n.MAC)} }

// stpPort is a port's part in the tree.
type stpPort struct {
	role, state string // ROOT/DESI/ALTE, FORWARDING/DISCARDING
	desgBridge  stpBridge
	desgPort    int // the designated port's index on its bridge
	wired       bool
	abnormal    string // why a protection blocks it, "" when none
	farDiscards bool   // the far end of the link is an alternate port: the link carries no frames
}

// stpTree is the result for one device: the root, this bridge's cost to it and root port, and the
// role of each of its wired ports (others are designated).
type stpTree struct {
	self, root stpBridge
	cost       int
	rootPort   string // full name, "" on the root
	ports      map[string]stpPort
}

// stpSolve computes the tree seen from d. It calls other devices: never with d's locks held.
func (d *Device) stpSolve() stpTree {
	self := d.STPNode()
	t := stpTree{self: bridgeOf(self), root: bridgeOf(self), ports: map[string]stpPort{}}
	if !self.Enabled {
		return t
	}
	nodes := map[string]STPNode{t.self.mac: self}
	queue := []string{t.self.mac}
	for len(queue) > 0 && len(nodes) < 100000 {
		n := nodes[queue[0]]
		queue = queue[1:]
		for _, l := range n.Links {
			key := macString(l.Far.Chassis)
			if _, seen := nodes[key]; seen || l.Far.STP == nil {
				continue
			}
			if fn, ok := l.Far.STP(); ok && fn.Enabled {
				nodes[key] = fn
				queue = append(queue, key)
			}
		}
	}
	// edge finds the far end of link l of node a, when both ends take part.
	edge := func(a STPNode, l STPLink) (STPNode, STPLink, bool) {
		b, ok := nodes[macString(l.Far.Chassis)]
		if !ok {
			return STPNode{}, STPLink{}, false
		}
		for _, bl := range b.Links {
			if bl.Port == l.Far.Port && macString(bl.Far.Chassis) == macString(a.MAC) {
				return b, bl, true
			}
		}
		return STPNode{}, STPLink{}, false
	}
	for _, n := range nodes {
		if b := bridgeOf(n); b.less(t.root) {
			t.root = b
		}
	}
	// Bellman-Ford from the root: small graphs, and no priority queue to get wrong.
	const inf = int(^uint(0) >> 2)
	dist := map[string]int{}
	for k := range nodes {
		dist[k] = inf
	}
	dist[t.root.mac] = 0
	for range nodes {
		changed := false
		for k, n := range nodes {
			for _, l := range n.Links {
				if b, _, ok := edge(n, l); ok && dist[macString(b.MAC)] != inf {
					if c := dist[macString(b.MAC)] + l.Cost; c < dist[k] {
						dist[k], changed = c, true
					}
				}
			}
		}
		if !changed {
			break
		}
	}
	t.cost = dist[t.self.mac]
	selfIdx := func(p IfName) int { return portIndex(d.model, p) }
	type cand struct {
		cost int
		far  stpBridge
		fidx int
		idx  int
		port string
	}
	better := func(a, b cand) bool {
		switch {
		case a.cost != b.cost:
			return a.cost < b.cost
		case a.far != b.far:
			return a.far.less(b.far)
		case a.fidx != b.fidx:
			return a.fidx < b.fidx
		}
		return a.idx < b.idx
	}
	// rootPortOf is node n's root port, "" on the root.
	rootPortOf := func(n STPNode) string {
		var best *cand
		for _, l := range n.Links {
			b, _, ok := edge(n, l)
			if !ok || bridgeOf(n) == t.root || dist[macString(b.MAC)] == inf {
				continue
			}
			c := cand{dist[macString(b.MAC)] + l.Cost, bridgeOf(b), portIndex(l.Far.Model, l.Far.Port), portIndex(n.Model, l.Port), l.Port.Full()}
			if best == nil || better(c, *best) {
				best = &c
			}
		}
		if best == nil {
			return ""
		}
		return best.port
	}
	t.rootPort = rootPortOf(self)
	for _, l := range self.Links {
		name := l.Port.Full()
		b, _, ok := edge(self, l)
		p := stpPort{role: "DESI", state: "FORWARDING", desgBridge: t.self, desgPort: selfIdx(l.Port), wired: true}
		if ok {
			far := cand{dist[macString(b.MAC)], bridgeOf(b), portIndex(l.Far.Model, l.Far.Port), 0, ""}
			mine := cand{t.cost, t.self, selfIdx(l.Port), 0, ""}
			switch {
			case name == t.rootPort:
				p.role, p.desgBridge, p.desgPort = "ROOT", far.far, far.fidx
			case better(far, mine):
				p.role, p.state, p.desgBridge, p.desgPort = "ALTE", "DISCARDING", far.far, far.fidx
			default: // designated here: the far end forwards only if the link is its root port
				p.farDiscards = rootPortOf(b) != l.Far.Port.Full()
			}
		}
		t.ports[name] = p
	}
	return t
}

// stpPortsOf lists the ports STP runs on (up, STP on) with their parts, in panel order; root
// protection blocks a port that would be the root port or an alternate (it hears a better root).
func stpPortsOf(v *simView, t stpTree) ([]*Iface, map[string]stpPort) {
	var out []*Iface
	parts := map[string]stpPort{}
	for _, f := range v.cfg.sortedIfaces() {
		if (f.Name.Type != IfGE && f.Name.Type != IfXGE) || f.STP.Off || !v.up(f) {
			continue
		}
		p, ok := t.ports[f.Name.Full()]
		if !ok {
			p = stpPort{role: "DESI", state: "FORWARDING", desgBridge: t.self, desgPort: portIndex(v.s.model, f.Name)}
		}
		if f.STP.RootProt && p.role != "DESI" {
			p.role, p.state, p.abnormal = "DESI", "DISCARDING", "Root-Protected"
		}
		out = append(out, f)
		parts[f.Name.Full()] = p
	}
	sort.SliceStable(out, func(i, j int) bool { return portIndex(v.s.model, out[i].Name) < portIndex(v.s.model, out[j].Name) })
	return out, parts
}

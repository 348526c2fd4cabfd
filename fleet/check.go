package fleet

import (
	"net/netip"
	"path/filepath"
	"sort"
	"strings"

	"vtyd/switchctl"
)

// check is what only the whole fleet can tell: addresses, data directories and links, each shared
// or dangling. Devices are sorted by name from here on.
func (p *parser) check(f *Fleet) {
	sort.Slice(f.Devices, func(i, j int) bool { return f.Devices[i].Name < f.Devices[j].Name })
	p.checkAddresses(f.Devices)
	p.checkTargets(f.Devices)
	p.checkData(f.Devices)
	p.checkLinks(f)
}

// checkAddresses refuses two devices on one address and port, counting 0.0.0.0 and :: as every
// address of their port: the second listener would fail to start, or steal the first's clients.
func (p *parser) checkAddresses(devs []Device) {
	byListen := map[string]Device{}
	wildcard := map[int]Device{} // port -> the first device on an unspecified address
	for _, d := range devs {
		if d.Listen == "" {
			continue
		}
		if o, dup := byListen[d.Listen]; dup {
			p.Errf(d.Line, "device %s: address %s is device %s's too (line %d)", d.Name, d.Listen, o.Name, o.Line)
			continue
		}
		byListen[d.Listen] = d
		if ip, err := netip.ParseAddr(d.Host()); err == nil && ip.IsUnspecified() {
			if _, ok := wildcard[d.Port()]; !ok {
				wildcard[d.Port()] = d
			}
		}
	}
	for _, d := range devs {
		w, ok := wildcard[d.Port()]
		if d.Listen == "" || !ok || w.Name == d.Name || byListen[d.Listen].Name != d.Name {
			continue
		}
		p.Errf(d.Line, "device %s: address %s is device %s's too (line %d: %s takes every address of port %d)",
			d.Name, d.Listen, w.Name, w.Line, w.Listen, d.Port())
	}
}

// checkTargets refuses two real switches at one address and port: one switch under two names
// would split its connections, audit and console between them. A real switch may be at a
// simulated device's address: that is how a lab plays a real switch with a simulated one.
func (p *parser) checkTargets(devs []Device) {
	seen := map[string]Device{}
	for _, d := range devs {
		if d.SSH == nil || d.SSH.Host == "" {
			continue
		}
		key := strings.ToLower(d.Addr())
		if o, dup := seen[key]; dup {
			p.Errf(d.Line, "device %s: address %s is device %s's too (line %d)", d.Name, d.Addr(), o.Name, o.Line)
			continue
		}
		seen[key] = d
	}
}

// checkData refuses a data directory shared by two devices, or inside another device's: one
// device's flash:, keys and settings are never touched by another.
func (p *parser) checkData(devs []Device) {
	byDir := map[string]Device{}
	abs := make([]string, len(devs))
	for i, d := range devs {
		a, err := filepath.Abs(d.Data)
		if err != nil {
			a = filepath.Clean(d.Data)
		}
		abs[i] = a
		if o, dup := byDir[a]; dup {
			p.Errf(d.Line, "device %s: data directory %s is device %s's too (line %d)", d.Name, d.Data, o.Name, o.Line)
			continue
		}
		byDir[a] = d
	}
	for i, d := range devs {
		for dir := filepath.Dir(abs[i]); ; dir = filepath.Dir(dir) {
			if o, ok := byDir[dir]; ok && o.Name != d.Name {
				p.Errf(d.Line, "device %s: data directory %s is inside device %s's, %s (line %d)", d.Name, d.Data, o.Name, o.Data, o.Line)
				break
			}
			if dir == filepath.Dir(dir) {
				break
			}
		}
	}
}

// checkLinks refuses a link to an unknown device or a port its model lacks, and a port in two links.
func (p *parser) checkLinks(f *Fleet) {
	byName := map[string]Device{}
	for _, d := range f.Devices {
		byName[d.Name] = d
	}
	ports := map[string]map[switchctl.IfName]bool{} // model -> its front-panel ports
	used := map[Endpoint]int{}                      // port -> the line of its link
	good := f.Links[:0]
	for _, l := range f.Links {
		ok := true
		for _, e := range []Endpoint{l.A, l.B} {
			d, known := byName[e.Device]
			if !known {
				if !p.names[e.Device] { // else its own definition was refused, and said why
					p.Errf(l.Line, "link %s -- %s: no device %s", l.A, l.B, e.Device)
				}
				ok = false
				continue
			}
			if d.Kind == KindSSH {
				p.Errf(l.Line, "link %s -- %s: links are cables between simulated devices; %s is a real switch", l.A, l.B, d.Name)
				ok = false
				continue
			}
			if ports[d.Model] == nil {
				m, _ := switchctl.LookupModel(d.Model)
				ports[d.Model] = map[switchctl.IfName]bool{}
				for _, n := range m.Ports() {
					ports[d.Model][n] = true
				}
			}
			if !ports[d.Model][e.Port] {
				p.Errf(l.Line, "link %s -- %s: %s is a %s, which has no port %s", l.A, l.B, d.Name, d.Model, e.Port.Full())
				ok = false
				continue
			}
			if first, dup := used[e]; dup {
				p.Errf(l.Line, "link %s -- %s: %s is already in the link at line %d", l.A, l.B, e, first)
				ok = false
				continue
			}
			used[e] = l.Line
		}
		if ok {
			good = append(good, l)
		}
	}
	f.Links = good
}

package fleet

import (
	"net"
	"net/netip"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"vtyd/netconf"
	"vtyd/switchctl"
)

// device builds one device from its settings and the defaults, reporting what is wrong with it.
func (p *parser) device(name string, line int, s, defs settings) (Device, bool) {
	bad := p.Count()
	if msg := nameProblem(name); msg != "" {
		p.Errf(line, "device name %q: %s", name, msg)
	}
	d := Device{Name: name, Line: line, Kind: KindSim, Model: switchctl.DefaultModel, Seed: switchctl.DefaultSimSeed}
	what := "device " + name

	if k := s.kind.or(defs.kind); k.ok {
		switch k.v {
		case KindSim, KindSSH:
			d.Kind = k.v
		default:
			p.Errf(k.line, "%s: unknown kind %q (known: sim, ssh)", what, k.v)
		}
	}
	if t := s.tags.or(defs.tags); t.ok {
		d.Tags = p.tags(t, what)
	}
	d.Data = filepath.Join(p.opt.DataDir, "devices", name)
	if dd := s.data; dd.ok {
		d.Data = p.path(dd.v)
	}
	if d.Kind == KindSSH {
		p.sshDevice(&d, line, s, defs)
		return d, p.Count() == bad
	}
	for _, v := range []struct {
		key string
		val val[bool]
	}{{"credentials", set(s.creds)}, {"poll", set(s.poll)}, {"host_key", set(s.hostKey)}, {"known_hosts", set(s.knownHosts)}} {
		if v.val.ok {
			p.Errf(v.val.line, "%s: %s: for a real switch (kind ssh); %s is simulated", what, v.key, name)
		}
	}
	if m := s.model.or(defs.model); m.ok {
		if _, err := switchctl.LookupModel(m.v); err != nil {
			p.Errf(m.line, "%s: unknown model %q (known: %s)", what, m.v, strings.Join(switchctl.Models(), ", "))
		}
		d.Model = m.v
	}
	// 0 is switchctl's "the default seed"; writing the default keeps ChassisMAC the device's own.
	if sd := s.seed.or(defs.seed); sd.ok && sd.v != 0 {
		d.Seed = sd.v
	}
	d.Sysname = name
	if sn := s.sysname; sn.ok {
		if msg := sysnameProblem(sn.v); msg != "" {
			p.Errf(sn.line, "%s: sysname %q: %s", what, sn.v, msg)
		}
		d.Sysname = sn.v
	}
	d.RSA = s.rsa.or(defs.rsa).v
	if b := s.netconfBrand.or(defs.netconfBrand); b.ok {
		if brand, err := netconf.ParseBrand(b.v); err != nil {
			p.Errf(b.line, "%s: netconf_brand %q: want hp, hpe or h3c", what, b.v)
		} else {
			d.NetconfBrand = string(brand)
		}
	}
	d.Listen = p.listen(what, line, s, defs)
	return d, p.Count() == bad
}

// listen works out host:port from address and port, the device's own before the defaults'.
func (p *parser) listen(what string, line int, s, defs settings) string {
	a := s.address.or(defs.address)
	if !a.ok {
		p.Errf(line, "%s: %s", what, p.noAddress)
		return ""
	}
	port := p.opt.Port
	if pt := s.port.or(defs.port); pt.ok {
		port = int(pt.v)
	}
	if ip, err := netip.ParseAddr(a.v); err == nil {
		return net.JoinHostPort(ip.String(), strconv.Itoa(port))
	}
	host, ps, err := net.SplitHostPort(a.v)
	if err != nil {
		p.Errf(a.line, "%s: address %q: want an IP address, or IP:PORT", what, a.v)
		return ""
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		p.Errf(a.line, "%s: address %q: %q is not an IP address (a simulated device listens on one)", what, a.v, host)
		return ""
	}
	n, err := strconv.Atoi(ps)
	if err != nil || n < 1 || n > 65535 {
		p.Errf(a.line, "%s: address %q: port %q: want a number from 1 to 65535", what, a.v, ps)
		return ""
	}
	if s.port.ok && int(s.port.v) != n {
		p.Errf(s.port.line, "%s: port %d, but address %s says port %d", what, s.port.v, a.v, n)
	}
	return net.JoinHostPort(ip.String(), ps)
}

// tags checks and sorts a device's tags, dropping repeats.
func (p *parser) tags(t val[[]string], what string) []string {
	var out []string
	for _, tag := range t.v {
		if msg := tagProblem(tag); msg != "" {
			p.Errf(t.line, "%s: tag %q: %s", what, tag, msg)
			continue
		}
		if !contains(out, tag) {
			out = append(out, tag)
		}
	}
	sort.Strings(out)
	return out
}

// link parses the two ends of a link; whether the devices and ports exist is check's business.
func (p *parser) link(a, b string, line int) (Link, bool) {
	ea, okA := p.endpoint(strings.TrimSpace(a), line)
	eb, okB := p.endpoint(strings.TrimSpace(b), line)
	return Link{A: ea, B: eb, Line: line}, okA && okB
}

func (p *parser) endpoint(s string, line int) (Endpoint, bool) {
	dev, port, ok := strings.Cut(s, ":")
	if !ok || dev == "" {
		p.Errf(line, "link end %q: want DEVICE:PORT", s)
		return Endpoint{}, false
	}
	n, ok := switchctl.ParseIfName(port)
	if !ok {
		p.Errf(line, "link end %q: %q is not an interface name", s, port)
		return Endpoint{}, false
	}
	return Endpoint{Device: dev, Port: n}, true
}

// maxName is the longest device name, sysname and tag: Comware's sysname takes 1 to 64 characters.
const maxName = 64

// nameProblem says what is wrong with a device name, "" for nothing. A name is a directory name
// (DATA/devices/NAME), an ssh_config Host and the default sysname, so it keeps to what all take.
func nameProblem(s string) string {
	switch {
	case s == "":
		return "empty"
	case len(s) > maxName:
		return "longer than 64 characters"
	case s[0] == '.':
		return "starts with a dot"
	}
	for _, r := range s {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '-' || r == '_' || r == '.') {
			return `use letters, digits, "-", "_" and "."`
		}
	}
	return ""
}

// sysnameProblem says what is wrong with a sysname: Comware takes 1 to 64 characters as one word
// (`sysname <1-64>`); "?" would ask the CLI for help instead.
func sysnameProblem(s string) string {
	if len(s) > maxName {
		return "longer than 64 characters"
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '?' || r == '"' {
			return "no blanks, control characters, \"?\" or quotes"
		}
	}
	return ""
}

// tagProblem says what is wrong with a tag: a word, as inventories take it.
func tagProblem(s string) string {
	if len(s) > maxName {
		return "longer than 64 characters"
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == ',' {
			return "no blanks, commas or control characters"
		}
	}
	return ""
}

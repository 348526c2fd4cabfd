package fleet

import (
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"vtyd/internal/yamlfile"
)

// settings are what defaults and a device may say, each with where it was said.
type settings struct {
	kind, model, address, sysname, data val[string]
	netconfBrand                        val[string] // hp, hpe or h3c: the NETCONF hello's and tables' brand
	port                                val[int64]
	seed                                val[int64]
	tags                                val[[]string]
	rsa                                 val[bool]
	// A real switch's (kind ssh).
	hostKey    val[[]string]
	knownHosts val[string]
	creds      val[map[string]Credential]
	poll       val[time.Duration]
}

// The keys of the vtyd format's sections.
var (
	topKeys      = []string{"defaults", "devices", "links"}
	defaultsKeys = []string{"kind", "model", "seed", "port", "address", "tags", "groups", "rsa", "netconf_brand",
		"credentials", "poll", "host_key", "known_hosts"}
	deviceKeys = []string{"kind", "model", "seed", "port", "address", "sysname", "tags", "groups", "data", "rsa",
		"netconf_brand", "credentials", "poll", "host_key", "known_hosts"}
)

// vtyd reads the vtyd fleet format into f.
func (p *parser) vtyd(root *yaml.Node, f *Fleet) {
	var defs settings
	var devs, links *yaml.Node
	for _, pr := range p.mapping(root, "fleet file", topKeys...) {
		switch pr.Key {
		case "defaults":
			defs = p.settings(pr.V, "defaults", defaultsKeys)
			p.checkDefaults(&defs)
		case "devices":
			devs = pr.V
		case "links":
			links = pr.V
		}
	}
	if devs == nil {
		p.Errf(root.Line, "no devices (want a devices: mapping of names to settings)")
		return
	}
	p.names = map[string]bool{}
	pairs := p.mapping(devs, "devices")
	if len(pairs) == 0 {
		p.Errf(yamlfile.Deref(devs).Line, "devices: none (want a mapping of names to settings)")
	}
	for _, pr := range pairs {
		p.names[pr.Key] = true
		s := p.settings(pr.V, "device "+pr.Key, deviceKeys)
		if d, ok := p.device(pr.Key, pr.K.Line, s, defs); ok {
			f.Devices = append(f.Devices, d)
		}
	}
	if links != nil {
		f.Links = p.links(links)
	}
}

// settings reads a defaults or device mapping.
func (p *parser) settings(n *yaml.Node, what string, known []string) settings {
	var s settings
	for _, pr := range p.mapping(n, what, known...) {
		w := what + ": " + pr.Key
		switch pr.Key {
		case "kind":
			s.kind = p.str(pr.V, w)
		case "model":
			s.model = p.str(pr.V, w)
		case "seed":
			s.seed = p.integer(pr.V, w, -1<<63, 1<<63-1)
		case "port":
			s.port = p.integer(pr.V, w, 1, 65535)
		case "address":
			s.address = p.str(pr.V, w)
		case "sysname":
			s.sysname = p.str(pr.V, w)
		case "data":
			s.data = p.str(pr.V, w)
		case "tags", "groups":
			// Synonyms: Ansible says groups, containerlab and most people say tags. Both add up.
			l := p.list(pr.V, w)
			if s.tags.ok {
				l.v = append(s.tags.v, l.v...)
			}
			s.tags = l
		case "rsa":
			s.rsa = p.boolean(pr.V, w)
		case "netconf_brand":
			s.netconfBrand = p.str(pr.V, w)
		case "host_key":
			s.hostKey = p.list(pr.V, w)
		case "known_hosts":
			s.knownHosts = p.str(pr.V, w)
		case "credentials":
			s.creds = p.credentials(pr.V, w, pr.K.Line)
		case "poll":
			s.poll = p.duration(pr.V, w, MinPoll, MaxPoll)
		}
	}
	return s
}

// links reads the links section: each "a:PORT -- b:PORT", or a list of the two ends.
func (p *parser) links(n *yaml.Node) []Link {
	n = yamlfile.Deref(n)
	if n.Kind != yaml.SequenceNode {
		if !yamlfile.IsNull(n) {
			p.Errf(n.Line, "links: want a list of \"dev1:PORT -- dev2:PORT\"")
		}
		return nil
	}
	var out []Link
	for _, e := range n.Content {
		e = yamlfile.Deref(e)
		var a, b string
		switch {
		case e.Kind == yaml.ScalarNode && !yamlfile.IsNull(e):
			var ok bool
			a, b, ok = strings.Cut(e.Value, "--")
			if !ok {
				p.Errf(e.Line, "link %q: want \"dev1:PORT -- dev2:PORT\"", e.Value)
				continue
			}
		case e.Kind == yaml.SequenceNode && len(e.Content) == 2:
			a, b = yamlfile.Deref(e.Content[0]).Value, yamlfile.Deref(e.Content[1]).Value
		default:
			p.Errf(e.Line, "link: want \"dev1:PORT -- dev2:PORT\"")
			continue
		}
		if l, ok := p.link(a, b, e.Line); ok {
			out = append(out, l)
		}
	}
	return out
}

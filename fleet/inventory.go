package fleet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// The platform names automation tools know Comware by.
const (
	// NetmikoPlatform is netmiko's device_type for Comware, which Nornir's netmiko and scrapli
	// plugins also take as a host's platform.
	NetmikoPlatform = "hp_comware"
	// AnsibleNetworkOS is the cliconf plugin of H3C's own Ansible collection, h3c_open.comware
	// (its README: "update your network_os to use the fully qualified collection name (for example,
	// h3c_open.comware.comware)"; network_cli and netconf). It is the collection that targets
	// Comware 7 over the CLI; HPE's older hpe-cw7-ansible modules speak NETCONF only, and neither
	// ansible-core nor community.network has a Comware cliconf. Install it with
	// `ansible-galaxy collection install h3c_open.comware`.
	AnsibleNetworkOS = "h3c_open.comware.comware"
	// AnsibleConnection is how Ansible reaches a network device's CLI over SSH.
	AnsibleConnection = "ansible.netcommon.network_cli"
)

// Formats are the inventory formats WriteInventory writes.
func Formats() []string {
	return []string{"ansible", "nornir", "nornir-groups", "ssh_config", "csv"}
}

// WriteInventory writes what a tool needs to reach every device of f, in one of Formats:
//
//   - ansible: a YAML inventory (ansible-inventory -i FILE); tags become groups, spelt as Ansible
//     group names must be (see ansibleGroup);
//   - nornir: a SimpleInventory hosts file; its groups must be in the groups file, which
//     nornir-groups writes;
//   - ssh_config: a Host block per device (ssh -F FILE NAME);
//   - csv: name,address,port,model,platform,tags with tags separated by blanks.
//
// Real switches (kind ssh) are in it with their own address and port, since automation reaches
// them as it reaches simulated ones; their credentials are not (the tools have their own), and the
// ansible and nornir formats mark them with kind ssh. A device listening on every address (0.0.0.0,
// ::) is reached on loopback. The output depends on the fleet alone: devices by name, groups and
// tags sorted.
func WriteInventory(w io.Writer, f *Fleet, format string) error {
	var buf bytes.Buffer
	file := strings.Map(func(r rune) rune { // a newline in the name would end the comment
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, f.File)
	fmt.Fprintf(&buf, "# vtyd inventory of %s (%s); written by vtyd inventory, do not edit\n", file, format)
	var err error
	switch format {
	case "ansible":
		err = encodeYAML(&buf, ansibleInventory(f))
	case "nornir":
		err = encodeYAML(&buf, nornirHosts(f))
	case "nornir-groups":
		err = encodeYAML(&buf, nornirGroups(f))
	case "ssh_config":
		writeSSHConfig(&buf, f)
	case "csv":
		buf.Reset() // a comment line is not CSV
		err = writeCSV(&buf, f)
	default:
		return fmt.Errorf("inventory format %q: want one of %s", format, strings.Join(Formats(), ", "))
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// reachable is the address a tool connects to: a device listening on every address is reached on
// loopback.
func reachable(d Device) string {
	ip, err := netip.ParseAddr(d.Host())
	switch {
	case err != nil || !ip.IsUnspecified():
		return d.Host()
	case ip.Is4():
		return "127.0.0.1"
	default:
		return "::1"
	}
}

func ansibleInventory(f *Fleet) node {
	hosts := mapping()
	groups := map[string][]string{}
	for _, d := range f.Devices {
		h := mapping(
			"ansible_host", str(reachable(d)),
			"ansible_port", integer(d.Port()),
		)
		if d.Model != "" {
			h.add("vtyd_model", str(d.Model))
		}
		if d.Kind == KindSSH {
			h.add("vtyd_kind", str(d.Kind))
		}
		hosts.add(d.Name, h)
		for _, t := range d.Tags {
			g := ansibleGroup(t)
			if !contains(groups[g], d.Name) {
				groups[g] = append(groups[g], d.Name)
			}
		}
	}
	children := mapping()
	for _, g := range sortedKeys(groups) {
		members := mapping()
		for _, h := range groups[g] {
			members.add(h, mapping())
		}
		children.add(g, mapping("hosts", members))
	}
	all := mapping("vars", mapping(
		"ansible_connection", str(AnsibleConnection),
		"ansible_network_os", str(AnsibleNetworkOS),
	), "hosts", hosts)
	if len(groups) > 0 {
		all.add("children", children)
	}
	return mapping("all", all)
}

// ansibleGroup spells a tag as an Ansible group name: letters, digits and underscores, not first a
// digit, and not one of the groups Ansible makes itself. Other characters become underscores, as
// Ansible's own TRANSFORM_INVALID_GROUP_CHARS does, so tags that differ only there share a group.
func ansibleGroup(tag string) string {
	g := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, tag)
	if g == "" || g[0] >= '0' && g[0] <= '9' || g == "all" || g == "ungrouped" {
		g = "tag_" + g
	}
	return g
}

func nornirHosts(f *Fleet) node {
	hosts := mapping()
	for _, d := range f.Devices {
		h := mapping(
			"hostname", str(reachable(d)),
			"port", integer(d.Port()),
			"platform", str(NetmikoPlatform),
		)
		if len(d.Tags) > 0 {
			h.add("groups", list(d.Tags))
		}
		data := mapping()
		for _, kv := range [][2]string{{"model", d.Model}, {"sysname", d.Sysname}} {
			if kv[1] != "" {
				data.add(kv[0], str(kv[1]))
			}
		}
		if d.Kind == KindSSH {
			data.add("kind", str(d.Kind))
		}
		h.add("data", data)
		hosts.add(d.Name, h)
	}
	return hosts
}

func nornirGroups(f *Fleet) node {
	seen := map[string][]string{}
	for _, d := range f.Devices {
		for _, t := range d.Tags {
			seen[t] = nil
		}
	}
	groups := mapping()
	for _, t := range sortedKeys(seen) {
		groups.add(t, mapping())
	}
	return groups
}

func writeSSHConfig(buf *bytes.Buffer, f *Fleet) {
	for _, d := range f.Devices {
		fmt.Fprintf(buf, "\nHost %s\n    HostName %s\n    Port %d\n", d.Name, reachable(d), d.Port())
	}
}

func writeCSV(buf *bytes.Buffer, f *Fleet) error {
	cw := csv.NewWriter(buf)
	cw.Write([]string{"name", "address", "port", "model", "platform", "tags"})
	for _, d := range f.Devices {
		cw.Write([]string{d.Name, reachable(d), strconv.Itoa(d.Port()), d.Model, NetmikoPlatform, strings.Join(d.Tags, " ")})
	}
	cw.Flush()
	return cw.Error()
}

// node is a YAML node under construction, keeping keys in the order they are added.
type node struct{ *yaml.Node }

func mapping(kv ...any) node {
	n := node{&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}}
	for i := 0; i+1 < len(kv); i += 2 {
		n.add(kv[i].(string), kv[i+1].(node))
	}
	return n
}

func (n node) add(key string, v node) {
	if v.Kind == yaml.MappingNode && len(v.Content) == 0 {
		v.Style = yaml.FlowStyle // {}
	}
	n.Content = append(n.Content, str(key).Node, v.Node)
}

func str(s string) node { return node{&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}} }

func integer(i int) node {
	return node{&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}}
}

func list(ss []string) node {
	n := node{&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}}
	for _, s := range ss {
		n.Content = append(n.Content, str(s).Node)
	}
	return n
}

func encodeYAML(w io.Writer, n node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(n.Node); err != nil {
		return err
	}
	return enc.Close()
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

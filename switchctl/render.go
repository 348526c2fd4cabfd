package switchctl

import (
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// Software identity, as `display version` and the SSH banner show it.
const (
	SoftwareVersion = "7.1.070"
	SoftwareRelease = "3506P06"
)

// renderer writes configuration text in Comware's layout: `#` between sections, global commands
// indented one space, view blocks at column 0 with their commands indented.
type renderer struct {
	b strings.Builder
}

func (r *renderer) line(format string, args ...any) {
	fmt.Fprintf(&r.b, format, args...)
	r.b.WriteByte('\n')
}

func (r *renderer) sep() { r.b.WriteString("#\n") }

// Render is the running configuration as `display current-configuration` prints it: only what
// differs from the defaults, ending with `return`.
func (c *Config) Render() string {
	r := &renderer{}
	r.sep()
	r.line(" version %s, Release %s", SoftwareVersion, SoftwareRelease)
	r.sep()
	r.line(" sysname %s", quoteWord(c.Sysname))
	c.renderClock(r)
	for _, k := range []string{"motd", "login", "shell"} {
		if t, ok := c.Headers[k]; ok {
			r.sep()
			d := headerDelim(t)
			r.line(" header %s %c%s%c", k, d, t, d)
		}
	}
	c.renderIRF(r)
	c.renderGlobalsTop(r)
	c.renderMirrorGroups(r)
	c.renderVLANs(r)
	c.renderLoopDetect(r)
	c.renderSTP(r)
	for _, f := range c.sortedIfaces() {
		r.sep()
		c.renderIface(r, f)
	}
	c.renderScheduler(r)
	c.renderOtherLines(r)
	c.renderLines(r)
	if len(c.Routes) > 0 {
		r.sep()
		for _, rt := range c.sortedRoutes() {
			r.line(" %s", rt.command())
		}
	}
	c.renderACLs(r)
	c.renderInfoCenter(r)
	c.renderSNMP(r)
	for _, name := range sortedKeys(c.PeerKeys) { // before the ssh users that assign them
		r.sep()
		c.PeerKeys[name].render(r)
	}
	c.renderSSH(r)
	c.renderNetconf(r)
	c.renderNTP(r)
	c.renderAAA(r)
	for _, name := range sortedKeys(c.Users) {
		r.sep()
		c.Users[name].render(r)
	}
	r.sep()
	r.line("return")
	return r.b.String()
}

func (c *Config) renderVLANs(r *renderer) {
	ids := c.sortedVLANs()
	for i := 0; i < len(ids); {
		v := c.VLANs[ids[i]]
		if v.Name != "" || v.Description != "" || v.ID == 1 {
			r.sep()
			v.render(r)
			i++
			continue
		}
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 && c.VLANs[ids[j+1]].Name == "" && c.VLANs[ids[j+1]].Description == "" {
			j++
		}
		r.sep()
		if j == i {
			r.line("vlan %d", ids[i])
		} else {
			r.line("vlan %d to %d", ids[i], ids[j])
		}
		i = j + 1
	}
}

func (v *VLAN) render(r *renderer) {
	r.line("vlan %d", v.ID)
	if v.Name != "" {
		r.line(" name %s", quoteText(v.Name))
	}
	if v.Description != "" {
		r.line(" description %s", quoteText(v.Description))
	}
}

func (c *Config) renderIface(r *renderer, f *Iface) {
	r.line("interface %s", f.Name.Full())
	if f.Description != "" {
		r.line(" description %s", quoteText(f.Description))
	}
	for _, a := range f.Addrs {
		sub := ""
		if a.Sub {
			sub = " sub"
		}
		r.line(" ip address %s %s%s", a.Addr, prefixMask(a.Prefix), sub)
	}
	if f.Shutdown {
		r.line(" shutdown")
	}
	if f.Name.Routed() || f.Name.Type == IfNull {
		return
	}
	f.renderPhys(r)
	defer c.renderPortTail(r, f) // last: deferred calls run in reverse
	defer f.renderLLDP(r)        // after the port's VLAN lines
	switch f.LinkType {
	case LinkAccess:
		if f.AccessVLAN != 1 {
			r.line(" port access vlan %d", f.AccessVLAN)
		}
	case LinkTrunk:
		r.line(" port link-type trunk")
		if !f.Trunk.Has(1) {
			r.line(" undo port trunk permit vlan 1")
		}
		if f.Trunk.All() {
			r.line(" port trunk permit vlan all")
		} else {
			ids := f.Trunk.IDs()
			if len(ids) > 0 && ids[0] == 1 {
				ids = ids[1:]
			}
			for _, l := range vlanLines(" port trunk permit vlan", ids) {
				r.line("%s", l)
			}
		}
		if f.PVID != 1 {
			r.line(" port trunk pvid vlan %d", f.PVID)
		}
	case LinkHybrid:
		r.line(" port link-type hybrid")
		if !f.HybridUntag.Has(1) {
			r.line(" undo port hybrid vlan 1")
		}
		for _, l := range vlanLines(" port hybrid vlan", f.HybridTag.IDs()) {
			r.line("%s tagged", l)
		}
		untag := f.HybridUntag.IDs()
		if len(untag) > 0 && untag[0] == 1 {
			untag = untag[1:]
		}
		for _, l := range vlanLines(" port hybrid vlan", untag) {
			r.line("%s untagged", l)
		}
		if f.PVID != 1 {
			r.line(" port hybrid pvid vlan %d", f.PVID)
		}
	}
	f.renderL2(r)
	f.renderAgg(r)
	f.renderSTP(r)
}

func (rt Route) command() string {
	s := fmt.Sprintf("ip route-static %s %d", rt.Dest, rt.Prefix)
	if rt.Iface != "" {
		s += " " + rt.Iface
	}
	if rt.NextHop.IsValid() {
		s += " " + rt.NextHop.String()
	}
	if rt.Preference != defaultPreference {
		s += fmt.Sprintf(" preference %d", rt.Preference)
	}
	return s
}

// renderLines groups consecutive VTY lines with the same settings into one block. Every block is
// shown, with its user role, as Comware shows `line vty 0 63` / ` user-role network-operator`.
func (c *Config) renderLines(r *renderer) {
	for i := 0; i < len(c.Lines); {
		j := i
		for j+1 < len(c.Lines) && c.Lines[j+1] == c.Lines[i] {
			j++
		}
		r.sep()
		if i == j {
			r.line("line vty %d", i)
		} else {
			r.line("line vty %d %d", i, j)
		}
		c.Lines[i].renderFrom(r, defaultLine)
		i = j + 1
	}
}

// renderFrom writes the settings of a line that differ from d, and its user role always.
func (lc LineConfig) renderFrom(r *renderer, d LineConfig) {
	if lc.AuthMode != d.AuthMode {
		r.line(" authentication-mode %s", lc.AuthMode)
	}
	if lc.UserRole != "" {
		r.line(" user-role %s", lc.UserRole)
	}
	if lc.IdleMin != d.IdleMin || lc.IdleSec != d.IdleSec {
		r.line(" idle-timeout %d %d", lc.IdleMin, lc.IdleSec)
	}
	if lc.ScreenLength != d.ScreenLength {
		r.line(" screen-length %d", lc.ScreenLength)
	}
	if lc.Protocol != d.Protocol {
		r.line(" protocol inbound %s", lc.Protocol)
	}
	if lc.HistorySize != d.HistorySize {
		r.line(" history-command max-size %d", lc.HistorySize)
	}
}

func (c *Config) renderSSH(r *renderer) {
	var lines []string
	s := c.SSH
	if s.Enabled {
		lines = append(lines, "ssh server enable")
	}
	if s.Port != DefaultSSHPort {
		lines = append(lines, fmt.Sprintf("ssh server port %d", s.Port))
	}
	if s.AuthRetries != DefaultAuthRetries {
		lines = append(lines, fmt.Sprintf("ssh server authentication-retries %d", s.AuthRetries))
	}
	if s.ACL != 0 {
		lines = append(lines, fmt.Sprintf("ssh server acl %d", s.ACL))
	}
	if s.AuthTimeout != DefaultAuthTimeout {
		lines = append(lines, fmt.Sprintf("ssh server authentication-timeout %d", s.AuthTimeout))
	}
	for _, name := range sortedKeys(c.SSHUsers) {
		u := c.SSHUsers[name]
		l := fmt.Sprintf("ssh user %s service-type %s authentication-type %s", quoteWord(u.Name), u.Service, u.AuthType)
		if len(u.Keys) > 0 {
			l += " assign publickey " + strings.Join(u.Keys, " ")
		}
		lines = append(lines, l)
	}
	for _, kind := range algoKinds {
		if names, ok := s.Algos[kind]; ok {
			lines = append(lines, "ssh2 algorithm "+kind+" "+strings.Join(names, " "))
		}
	}
	if s.SFTP {
		lines = append(lines, "sftp server enable")
	}
	if s.SFTPIdle != DefaultSFTPIdle {
		lines = append(lines, fmt.Sprintf("sftp server idle-timeout %d", s.SFTPIdle))
	}
	if s.SCP {
		lines = append(lines, "scp server enable")
	}
	if len(lines) == 0 {
		return
	}
	r.sep()
	for _, l := range lines {
		r.line(" %s", l)
	}
}

func (k *PeerKey) render(r *renderer) {
	if k.Import != "" {
		r.line(" public-key peer %s import sshkey %s", k.Name, k.Import)
		return
	}
	r.line("public-key peer %s", k.Name)
	code := strings.ToUpper(hex.EncodeToString(k.DER))
	for len(code) > 0 {
		n := min(72, len(code))
		r.line(" %s", code[:n])
		code = code[n:]
	}
	r.line(" peer-public-key end")
}

func (u *LocalUser) render(r *renderer) {
	r.line("local-user %s class manage", quoteWord(u.Name))
	if u.Hash != "" {
		r.line(" password hash %s", u.Hash)
	}
	if len(u.Services) > 0 {
		r.line(" service-type %s", strings.Join(sortedKeys(u.Services), " "))
	}
	roles := sortedKeys(u.Roles)
	sort.Strings(roles)
	for _, role := range roles {
		r.line(" authorization-attribute user-role %s", role)
	}
	if !u.Roles[RoleOperator] {
		r.line(" undo authorization-attribute user-role %s", RoleOperator)
	}
}

// headerDelim picks a delimiter character that the banner text does not contain.
func headerDelim(text string) byte {
	for _, d := range []byte("%@&*~^!$+=") {
		if strings.IndexByte(text, d) < 0 {
			return d
		}
	}
	return '%'
}

// prefixMask writes a prefix length as a dotted mask.
func prefixMask(n int) string {
	m := ^uint32(0) << (32 - n)
	if n == 0 {
		m = 0
	}
	return fmt.Sprintf("%d.%d.%d.%d", m>>24, m>>16&255, m>>8&255, m&255)
}

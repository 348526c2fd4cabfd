package switchctl

import (
	"bytes"
	"fmt"
)

// ACL application: `packet-filter N inbound|outbound` on a port or aggregate interface applies an
// IPv4 ACL to the traffic it receives or sends, one per direction (a second replaces the first, as
// Comware does). As on a real switch an ACL may be applied before it is defined: until it is, it
// matches nothing and the port permits everything; display packet-filter says so.

func pfilterRows() []Row {
	return []Row{
		{Views: inL2, Path: "packet-filter <pacl:2000-3999> {inbound|outbound}", Priv: PrivWrite, Run: runPacketFilter},
		{Views: inL2, Path: "undo packet-filter <pacl:2000-3999> {inbound|outbound}", Priv: PrivWrite, Run: runPacketFilter},
		{Views: InAll, Path: "display packet-filter interface [<if:ifname>] [{inbound|outbound}]", Priv: PrivRead,
			Run: runDisplayPacketFilter, Display: true},
	}
}

func runPacketFilter(c *Ctx) error {
	n, undo, in := c.A.Int("pacl"), c.A.Has("undo"), c.A.Has("inbound")
	dir := "outbound"
	if in {
		dir = "inbound"
	}
	return eachIface(c, func(_ *Config, i *Iface) error {
		slot := &i.Attr.FilterOut
		if in {
			slot = &i.Attr.FilterIn
		}
		switch {
		case !undo:
			*slot = n
		case *slot != n:
			return refuse(ErrNotFound, "ACL %d is not applied to the interface in the %s direction.", n, dir)
		default:
			*slot = 0
		}
		return nil
	})
}

// runDisplayPacketFilter lists the interfaces with an ACL applied, or the one asked for, in
// Comware's layout: `Interface: X`, then ` In-bound policy:` / `  IPv4 ACL 3000`.
func runDisplayPacketFilter(c *Ctx) error {
	var b bytes.Buffer
	var err error
	c.D.read(func(cfg *Config) {
		ifs := cfg.sortedIfaces()
		if c.A.IsSet("if") {
			f := cfg.Ifaces[c.A.If("if").Full()]
			if f == nil {
				err = refuse(ErrNotFound, "The interface does not exist.")
				return
			}
			ifs = []*Iface{f}
		}
		showIn, showOut := !c.A.Has("outbound"), !c.A.Has("inbound")
		for _, f := range ifs {
			a := f.Attr
			if a.FilterIn == 0 && a.FilterOut == 0 {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			fmt.Fprintf(&b, "Interface: %s\n", f.Name.Full())
			if showIn && a.FilterIn != 0 {
				fmt.Fprintf(&b, " In-bound policy:\n  IPv4 ACL %d%s\n", a.FilterIn, aclState(cfg, a.FilterIn))
			}
			if showOut && a.FilterOut != 0 {
				fmt.Fprintf(&b, " Out-bound policy:\n  IPv4 ACL %d%s\n", a.FilterOut, aclState(cfg, a.FilterOut))
			}
		}
	})
	if err != nil {
		return err
	}
	_, werr := c.Out.Write(b.Bytes())
	return werr
}

// aclState notes an applied ACL that is not defined: it filters nothing until it is.
func aclState(cfg *Config, n int) string {
	if cfg.ACLs[n] == nil {
		return " (Not defined: all packets are permitted)"
	}
	return ""
}

var pfilterHelp = pathHelp(pfilterRows(), map[string]string{
	"packet-filter":                            "Apply an ACL to the interface",
	"packet-filter inbound":                    "Filter incoming packets",
	"packet-filter outbound":                   "Filter outgoing packets",
	"undo packet-filter":                       "Remove an ACL from the interface",
	"display packet-filter":                    "Packet filtering information",
	"display packet-filter interface":          "ACLs applied to interfaces",
	"display packet-filter interface inbound":  "Inbound direction",
	"display packet-filter interface outbound": "Outbound direction",
})

var pfilterArgHelp = map[string]string{
	"pacl": "Number of an IPv4 basic or advanced ACL",
}

package switchctl

import "bytes"

// LLDP configuration: the global switch (`lldp global enable`, in config_system.go's factory set),
// a port's agent (`lldp enable`) and what it does (`lldp admin-status`). A port learns neighbours
// only when LLDP runs globally and on the port, and its admin status receives (rx or txrx).

// LLDP admin statuses; "" in Iface.LLDPStatus is txrx, the default.
const (
	lldpTxRx    = "txrx"
	lldpRx      = "rx"
	lldpTx      = "tx"
	lldpDisable = "disable"
)

func lldpRows() []Row {
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		{Views: inL2, Path: "lldp enable", Priv: PrivWrite, Run: runLLDPPort},
		{Views: inL2, Path: "undo lldp enable", Priv: PrivWrite, Run: runLLDPPort},
		{Views: inL2, Path: "lldp admin-status {disable|rx|tx|txrx}", Priv: PrivWrite, Run: runLLDPAdmin},
		{Views: inL2, Path: "undo lldp admin-status", Priv: PrivWrite, Run: runLLDPAdmin},
		show("display lldp neighbor-information interface <if:ifname> [verbose]", runDisplayLLDPIf),
	}
}

func runLLDPPort(c *Ctx) error {
	off := c.A.Has("undo")
	return eachIface(c, func(_ *Config, i *Iface) error { i.LLDPOff = off; return nil })
}

func runLLDPAdmin(c *Ctx) error {
	st := ""
	for _, s := range []string{lldpDisable, lldpRx, lldpTx} {
		if c.A.Has(s) {
			st = s
		}
	}
	return eachIface(c, func(_ *Config, i *Iface) error { i.LLDPStatus = st; return nil })
}

// lldpReceives reports whether port f learns LLDP neighbours under cfg.
func lldpReceives(cfg *Config, f *Iface) bool {
	if !cfg.LLDP.Enabled || f == nil {
		return false
	}
	return !f.LLDPOff && (f.LLDPStatus == "" || f.LLDPStatus == lldpRx)
}

// renderLLDP writes a port's LLDP lines.
func (f *Iface) renderLLDP(r *renderer) {
	if f.LLDPOff {
		r.line(" undo lldp enable")
	}
	if f.LLDPStatus != "" {
		r.line(" lldp admin-status %s", f.LLDPStatus)
	}
}

// lldpNotRunning is what the LLDP displays print when LLDP is disabled globally (FACTS §3.10).
const lldpNotRunning = "The LLDP service is not running."

// lldpOff prints lldpNotRunning and reports true when LLDP is disabled globally.
func lldpOff(c *Ctx) bool {
	on := false
	c.D.read(func(cfg *Config) { on = cfg.LLDP.Enabled })
	if !on {
		c.Println(lldpNotRunning)
	}
	return !on
}

// runDisplayLLDPIf prints the neighbour of one port (napalm's get_lldp_neighbors_detail asks this
// way); with or without verbose the block is the verbose one, which is what tools parse.
func runDisplayLLDPIf(c *Ctx) error {
	if lldpOff(c) {
		return nil
	}
	n := c.A.If("if")
	if n.Type != IfGE && n.Type != IfXGE {
		return &ParseError{Kind: WrongParam, Pos: c.A.Pos("if")}
	}
	var b bytes.Buffer
	c.D.simRead(func(v *simView) {
		for _, e := range v.tables().lldp {
			if e.port == n {
				writeLLDPNeighbor(&b, v, e)
			}
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

var lldpHelp = pathHelp(lldpRows(), map[string]string{
	"lldp":                           "Link Layer Discovery Protocol (LLDP) module",
	"lldp enable":                    "Enable LLDP on the port",
	"undo lldp enable":               "Disable LLDP on the port",
	"admin-status":                   "Specify the LLDP operating mode",
	"admin-status disable":           "Neither send nor receive LLDP frames",
	"admin-status rx":                "Receive only",
	"admin-status tx":                "Send only",
	"admin-status txrx":              "Send and receive",
	"display lldp":                   "Link Layer Discovery Protocol(LLDP) module",
	"neighbor-information":           "Neighbor information",
	"neighbor-information interface": "Neighbor information of a port",
	"verbose":                        "Detailed neighbor information",
})

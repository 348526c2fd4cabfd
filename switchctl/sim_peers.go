package switchctl

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
)

// simPeerKind is what is plugged into a port.
type simPeerKind int

const (
	peerNone   simPeerKind = iota // a PC or printer: no LLDP
	peerSwitch                    // another switch, on uplinks
	peerAP                        // a wireless access point
	peerPhone                     // an IP phone with a PC behind it
	peerServer                    // a server or hypervisor
)

// simPeer is the LLDP neighbour at the far end of a port.
type simPeer struct {
	kind       simPeerKind
	name       string // system name
	chassis    net.HardwareAddr
	portIDType string // "Interface name" or "MAC address"
	portID     string
	portDesc   string
	sysDesc    string
	capsSup    string
	capsOn     string
	ttl        int        // IP TTL of its echo replies
	wired      bool       // another device of the fleet (sim_wired.go)
	mgmt       netip.Addr // the management address it announces; a simulated one announces its ARP address
}

// OUIs of the vendors whose equipment sits around the switch.
var (
	ouiSwitch = [][3]byte{{0x94, 0x57, 0xa5}, {0x3c, 0x8c, 0x40}, {0xb8, 0xaf, 0x67}}
	ouiAP     = [][3]byte{{0x20, 0x4c, 0x03}, {0x94, 0xb4, 0x0f}}
	ouiPhone  = [][3]byte{{0x00, 0x04, 0xf2}, {0x64, 0x16, 0x7f}}
	ouiServer = [][3]byte{{0xf8, 0xbc, 0x12}, {0x94, 0x40, 0xc9}, {0x00, 0x50, 0x56}}
	ouiHost   = [][3]byte{{0x3c, 0x52, 0x82}, {0xa4, 0xbb, 0x6d}, {0x00, 0x1b, 0x21}, {0x8c, 0x16, 0x45}, {0xdc, 0xa6, 0x32}}
)

// simMAC makes a unicast MAC address from an OUI list and a hash.
func simMAC(ouis [][3]byte, h uint64) net.HardwareAddr {
	o := ouis[h%uint64(len(ouis))]
	return net.HardwareAddr{o[0], o[1], o[2], byte(h >> 16), byte(h >> 24), byte(h >> 32)}
}

// macString writes a MAC address as display tables do: 0004-f2a1-b2c3.
func macString(a net.HardwareAddr) string {
	const hx = "0123456789abcdef"
	var b [14]byte
	j := 0
	for i, x := range a[:6] {
		if i == 2 || i == 4 {
			b[j] = '-'
			j++
		}
		b[j], b[j+1] = hx[x>>4], hx[x&15]
		j += 2
	}
	return string(b[:])
}

// newPeer decides what is plugged into a port: switches on the ten-gigabit uplinks, access
// points, phones, servers and plain hosts on the gigabit ports. It returns the LLDP neighbour (nil
// for none) and how many MAC addresses the port learns.
func (s *simulation) newPeer(n IfName, h uint64) (*simPeer, int) {
	kind := peerNone
	switch r := h % 100; {
	case n.Type == IfXGE:
		kind = peerSwitch
	case r < 14:
		kind = peerPhone
	case r < 26:
		kind = peerAP
	case r < 36:
		kind = peerServer
	case r < 40:
		kind = peerSwitch
	}
	h2 := mix64(h)
	num := h2 % 100
	p := &simPeer{kind: kind, portIDType: "Interface name", ttl: 255,
		capsSup: "Bridge, Router, Customer Bridge, Service Bridge", capsOn: "Bridge, Router, Customer Bridge"}
	switch kind {
	case peerNone:
		return nil, 1
	case peerSwitch:
		p.chassis = simMAC(ouiSwitch, h2)
		role := [...]string{"core", "dist", "agg", "access"}[h2>>40%4]
		p.name = fmt.Sprintf("%s-sw-%02d", role, num)
		if n.Type == IfXGE {
			p.portID = fmt.Sprintf("Ten-GigabitEthernet%d/0/%d", 1+h2>>44%2, 25+h2>>48%28)
		} else {
			p.portID = fmt.Sprintf("GigabitEthernet1/0/%d", 1+h2>>48%48)
		}
		p.portDesc = p.portID + " Interface"
		p.sysDesc = "HPE Comware Platform Software, Software Version 7.1.070, Release 6635P07"
		return p, 6 + int(h2>>52%25)
	case peerAP:
		p.chassis = simMAC(ouiAP, h2)
		p.name = fmt.Sprintf("ap-floor%d-%02d", 1+h2>>40%6, num)
		p.portID, p.portDesc = "eth0", "eth0"
		p.sysDesc = "ArubaOS (MODEL: 515), Version 8.10.0.9"
		p.capsSup, p.capsOn = "Bridge, WLAN access point, Router", "Bridge, WLAN access point"
		return p, 2 + int(h2>>52%8)
	case peerPhone:
		p.chassis = simMAC(ouiPhone, h2)
		p.name = "SEP" + strings.ToUpper(strings.ReplaceAll(macString(p.chassis), "-", ""))
		p.portIDType, p.portID, p.portDesc = "MAC address", macString(p.chassis), "Port 1"
		p.sysDesc = "Polycom VVX 450, UC Software 6.4.3"
		p.capsSup, p.capsOn, p.ttl = "Bridge, Telephone", "Bridge, Telephone", 64
		return p, 2
	default:
		p.chassis = simMAC(ouiServer, h2)
		p.name = fmt.Sprintf("srv-%02d", num)
		p.portID = [...]string{"ens1f0", "eno1", "vmnic0", "eth1"}[h2>>40%4]
		p.portDesc = p.portID
		p.sysDesc = "Debian GNU/Linux 12 (bookworm) Linux 6.1.0-28-amd64 #1 SMP x86_64"
		p.capsSup, p.capsOn, p.ttl = "Bridge, Router, Station only", "Station only", 64
		return p, 1 + int(h2>>52%4)
	}
}

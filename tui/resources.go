package tui

import (
	"errors"
	"strconv"

	"vtyd/tui/readers"
)

// resource is a piece of device state the console reads with display commands.
type resource int

const (
	resVersion  resource = iota // display version
	resIfBrief                  // display interface brief
	resVLANs                    // display vlan brief
	resLogs                     // display logbuffer (its tail outside the Logs view)
	resConfig                   // display current-configuration + display saved-configuration
	resIfRates                  // display interface, filtered to states, VLANs and rates
	resRouting                  // display ip routing-table + display ip interface brief
	resMAC                      // display mac-address
	resARP                      // display arp
	resLLDP                     // display lldp neighbor-information list
	resSessions                 // display users + display ssh server session
	resUsers                    // display local-user + display ssh user-information
	resSSH                      // display ssh server status + display ssh2 algorithm + host keys
	resStartup                  // display startup
	resSystem                   // display cpu-usage + display memory
	numRes
)

// ifRatesCmd reads what the Interfaces view needs of every interface in one command: the lines
// of `display interface` that name the interface and give its state, description (whole: the brief
// display cuts it at 27 characters), VLANs, rates, the last flap and the error counters (the wide
// table's columns). It is how a
// script asks a Comware switch for rates without reading several screens per port.
const ifRatesCmd = `display interface | include ^[A-Za-z][-A-Za-z]*[0-9][0-9/:.]*$|^Current state|^Description|^PVID|^Port link-type|VLAN permitted|VLAN Passing|Last 300 seconds|^Last link flapping|input errors|output errors`

// hostKeyKinds are the kinds of local key pair the SSH server may hold.
var hostKeyKinds = [...]string{"rsa", "ecdsa", "ed25519", "dsa"}

// resSpec says how a resource is read: its display commands, how many of them must succeed (the
// rest may be refused, as `display public-key local dsa public` is on a device without a DSA
// key, or a real switch's release lacks a command), and the reader of their outputs ("" for a
// refused optional command). With noteRefused, a refused optional command is named above what the
// rest could read, rather than passed over.
type resSpec struct {
	cmds        []string
	required    int
	noteRefused bool
	parse       func(texts []string) (any, error)
}

// spec is how r is read; full reads the whole log buffer (the Logs view), not its tail.
func (r resource) spec(full bool) resSpec {
	one := func(cmd string, parse func(string) (any, error)) resSpec {
		return resSpec{cmds: []string{cmd}, required: 1, parse: func(t []string) (any, error) { return parse(t[0]) }}
	}
	switch r {
	case resVersion:
		return one("display version", func(s string) (any, error) { return readers.ParseVersion(s) })
	case resIfBrief:
		return one("display interface brief", func(s string) (any, error) { return readers.ParseIfBrief(s) })
	case resVLANs:
		return one("display vlan brief", func(s string) (any, error) { return readers.ParseVLANBrief(s) })
	case resLogs:
		cmd := "display logbuffer size " + strconv.Itoa(tailLogs)
		if full {
			cmd = "display logbuffer"
		}
		return one(cmd, func(s string) (any, error) { return readers.ParseLogBuffer(s) })
	case resIfRates:
		return one(ifRatesCmd, func(s string) (any, error) { return readers.ParseInterfaces(s) })
	case resMAC:
		return one("display mac-address", func(s string) (any, error) { return readers.ParseMACTable(s) })
	case resARP:
		return one("display arp", func(s string) (any, error) { return readers.ParseARP(s) })
	case resLLDP:
		return one("display lldp neighbor-information list", func(s string) (any, error) { return readers.ParseLLDPList(s) })
	case resStartup:
		return one("display startup", func(s string) (any, error) { return readers.ParseStartup(s) })
	case resConfig:
		return resSpec{cmds: []string{"display current-configuration", "display saved-configuration"}, required: 2, parse: parseConfigs}
	case resRouting:
		return resSpec{cmds: []string{"display ip routing-table", "display ip interface brief"}, required: 1, noteRefused: true, parse: parseRouting}
	case resSessions:
		return resSpec{cmds: []string{"display users", "display ssh server session"}, required: 1, noteRefused: true, parse: parseSessions}
	case resUsers:
		return resSpec{cmds: []string{"display local-user", "display ssh user-information"}, required: 1, noteRefused: true, parse: parseUsers}
	case resSystem:
		return resSpec{cmds: []string{"display cpu-usage", "display memory"}, required: 1, noteRefused: true, parse: parseSystem}
	}
	cmds := []string{"display ssh server status", "display ssh2 algorithm"}
	for _, k := range hostKeyKinds {
		cmds = append(cmds, "display public-key local "+k+" public")
	}
	return resSpec{cmds: cmds, required: 2, parse: parseSSH}
}

// moving reports whether a resource changes without a device event (counters, tables the network
// fills, CPU load, idle times): the console polls those while they are on screen.
func (r resource) moving() bool {
	switch r {
	case resIfRates, resMAC, resARP, resLLDP, resSessions, resSystem:
		return true
	}
	return false
}

// optional reads the output of a command that may have been refused ("": nothing to read).
func optional[T any](text string, parse func(string) (T, error)) (T, error) {
	if text == "" {
		var zero T
		return zero, nil
	}
	return parse(text)
}

type configPair struct {
	running, saved readers.Config
	none           bool
}

func parseConfigs(t []string) (any, error) {
	run, err := readers.ParseConfig(t[0])
	saved, err2 := readers.ParseConfig(t[1])
	return configPair{running: run, saved: saved, none: errors.Is(err2, readers.ErrFormat)}, err
}

type routingPair struct {
	table readers.RoutingTable
	ifs   []readers.IPIf
}

func parseRouting(t []string) (any, error) {
	table, err := readers.ParseRoutingTable(t[0])
	ifs, err2 := optional(t[1], readers.ParseIPIfBrief)
	return routingPair{table: table, ifs: ifs}, errors.Join(err, err2)
}

type sessionsPair struct {
	lines []readers.UserLine
	ssh   []readers.SSHSession
}

func parseSessions(t []string) (any, error) {
	lines, err := readers.ParseUsers(t[0])
	ssh, err2 := optional(t[1], readers.ParseSSHSessions)
	return sessionsPair{lines: lines, ssh: ssh}, errors.Join(err, err2)
}

type usersPair struct {
	local []readers.LocalUser
	ssh   []readers.SSHUser
}

func parseUsers(t []string) (any, error) {
	local, err := readers.ParseLocalUsers(t[0])
	ssh, err2 := optional(t[1], readers.ParseSSHUsers)
	return usersPair{local: local, ssh: ssh}, errors.Join(err, err2)
}

type systemPair struct {
	cpu []readers.CPUUsage
	mem []readers.Memory
}

func parseSystem(t []string) (any, error) {
	cpu, err := readers.ParseCPUUsage(t[0])
	mem, err2 := optional(t[1], readers.ParseMemory)
	return systemPair{cpu: cpu, mem: mem}, errors.Join(err, err2)
}

type sshInfo struct {
	status []readers.Setting
	algos  readers.Algorithms
	keys   []readers.HostKey
}

func parseSSH(t []string) (any, error) {
	var v sshInfo
	var err, err2 error
	v.status, err = readers.ParseSettings(t[0])
	v.algos, err2 = readers.ParseAlgorithms(t[1])
	for _, text := range t[2:] {
		if text == "" {
			continue // no key of this kind
		}
		keys, err := readers.ParsePublicKeys(text)
		if err == nil {
			v.keys = append(v.keys, keys...)
		}
	}
	return v, errors.Join(err, err2)
}

package fleet

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"vtyd/internal/yamlfile"
	"vtyd/switchctl"
)

// Options are what Load needs beyond the file. The zero value works.
type Options struct {
	// DataDir is vtyd's data root; a device's data directory is DataDir/devices/NAME unless the
	// fleet file names one (default "vtyd-data", as a single device's).
	DataDir string
	// Port is the SSH port of a device that names none, in the file or its defaults (default 2222).
	Port int
}

// DefaultPort is the SSH port a device listens on when nothing else says.
const DefaultPort = 2222

// The kinds of device.
const (
	KindSim = "sim" // a simulated Comware switch (switchctl)
	KindSSH = "ssh" // a real switch reached over SSH: Device.SSH says how
)

// Fleet is the device set of one fleet file.
type Fleet struct {
	File    string   // the file it was loaded from
	Devices []Device // sorted by name
	Links   []Link   // in file order
	// Notes are what the operator should hear but that does not stop the fleet: containerlab nodes
	// and links left out. Each reads "FILE:LINE: note".
	Notes []string
}

// Device is one device of the fleet, with every default applied. A simulated device (KindSim) has
// Sysname, Seed, Listen and RSA, and a Model of switchctl's; a real switch (KindSSH) has SSH
// instead, and a Model only if the file names one, for people to read.
type Device struct {
	Name    string   // the fleet's name for it: unique, also its directory name
	Sysname string   // its system name (default Name); "" for a real switch, which has its own
	Kind    string   // KindSim or KindSSH
	Model   string   // a switchctl model ID; for a real switch, whatever the file says
	Seed    int64    // its simulation seed (never 0: the default is switchctl.DefaultSimSeed)
	Tags    []string // sorted, unique: inventory groups
	Listen  string   // host:port its SSH server listens on; "" for a real switch
	// Data is its data directory: a simulated device's flash:, keys and settings; a real switch's
	// trust-on-first-use known_hosts and audit.
	Data string
	RSA  bool // also make an RSA host key on first start
	// NetconfBrand is the brand its NETCONF hello and tables speak for: hp, hpe or h3c (netconf.Brand);
	// "" for the brand its model names (HPE), and for a real switch.
	NetconfBrand string
	SSH          *SSHTarget // how to reach a real switch; nil for a simulated device
	Line         int        // where the file defines it
}

// Addr is host:port where the device's SSH server is: Listen for a simulated device, the switch's
// address for a real one.
func (d Device) Addr() string {
	if d.SSH != nil {
		return net.JoinHostPort(d.SSH.Host, strconv.Itoa(d.SSH.Port))
	}
	return d.Listen
}

// Host is the host part of Addr: an IP address, or a real switch's host name.
func (d Device) Host() string {
	h, _, _ := net.SplitHostPort(d.Addr())
	return h
}

// Port is the port part of Addr.
func (d Device) Port() int {
	_, p, _ := net.SplitHostPort(d.Addr())
	n, _ := strconv.Atoi(p)
	return n
}

// Link is a cable between two devices' ports.
type Link struct {
	A, B Endpoint
	Line int
}

// String is the link as the fleet file writes it, with short port names.
func (l Link) String() string { return l.A.String() + " -- " + l.B.String() }

// Endpoint is one end of a link.
type Endpoint struct {
	Device string
	Port   switchctl.IfName
}

// String is the endpoint as a link line spells it, with the port's short name: sw1:GE1/0/49.
func (e Endpoint) String() string { return e.Device + ":" + e.Port.Short() }

// Simulated returns the simulated devices, sorted by name: those a vtyd process serves.
func (f *Fleet) Simulated() []Device { return f.ofKind(KindSim) }

// Real returns the real switches (kind ssh), sorted by name: those the gateway reaches over SSH.
func (f *Fleet) Real() []Device { return f.ofKind(KindSSH) }

func (f *Fleet) ofKind(kind string) []Device {
	var out []Device
	for _, d := range f.Devices {
		if d.Kind == kind {
			out = append(out, d)
		}
	}
	return out
}

// Device returns the device called name.
func (f *Fleet) Device(name string) (Device, bool) {
	for _, d := range f.Devices {
		if d.Name == name {
			return d, true
		}
	}
	return Device{}, false
}

// Error is a problem with a fleet file, at a line of it (0: the file as a whole): "FILE:LINE: MSG".
type Error = yamlfile.Error

// maxFileSize bounds what Load reads: a fleet of ten thousand devices is well under a megabyte.
const maxFileSize = 16 << 20

// Load reads the fleet file at path, vtyd's own format or a containerlab topology, and checks all of
// it. Every problem is an *Error; several are joined (errors.Join) so the operator sees them at once.
func Load(path string, opt Options) (*Fleet, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	src, err := io.ReadAll(io.LimitReader(fh, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(src) > maxFileSize {
		return nil, &Error{File: path, Msg: fmt.Sprintf("larger than %d MiB", maxFileSize>>20)}
	}
	return parse(path, src, opt)
}

// parse is Load after reading: the file's bytes to a checked fleet.
func parse(path string, src []byte, opt Options) (*Fleet, error) {
	if opt.DataDir == "" {
		opt.DataDir = "vtyd-data"
	}
	if opt.Port == 0 {
		opt.Port = DefaultPort
	}
	if opt.Port < 1 || opt.Port > 65535 {
		return nil, fmt.Errorf("fleet: port %d: want a number from 1 to 65535", opt.Port)
	}
	p := &parser{dir: filepath.Dir(path), opt: opt, noAddress: "no address (want address: IP or IP:PORT)"}
	p.File = path
	root, err := yamlfile.Decode(path, src, "fleet file")
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, &Error{File: path, Msg: "no devices (the file is empty)"}
	}
	f := &Fleet{File: path}
	if isClab(path, root) {
		p.clab(root, f)
	} else {
		p.vtyd(root, f)
	}
	p.check(f)
	if err := p.Err(); err != nil {
		return nil, err
	}
	f.Notes = p.notes
	return f, nil
}

package fleet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

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
	KindSSH = "ssh" // a real switch reached over SSH (not supported yet)
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

// Device is one device of the fleet, with every default applied.
type Device struct {
	Name    string   // the fleet's name for it: unique, also its directory name
	Sysname string   // its system name (default Name)
	Kind    string   // KindSim
	Model   string   // a switchctl model ID
	Seed    int64    // its simulation seed (never 0: the default is switchctl.DefaultSimSeed)
	Tags    []string // sorted, unique: inventory groups
	Listen  string   // host:port its SSH server listens on
	Data    string   // its data directory
	RSA     bool     // also make an RSA host key on first start
	Line    int      // where the file defines it
}

// Host is the host part of Listen: an IP address.
func (d Device) Host() string {
	h, _, _ := net.SplitHostPort(d.Listen)
	return h
}

// Port is the port part of Listen.
func (d Device) Port() int {
	_, p, _ := net.SplitHostPort(d.Listen)
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

// Device returns the device called name.
func (f *Fleet) Device(name string) (Device, bool) {
	for _, d := range f.Devices {
		if d.Name == name {
			return d, true
		}
	}
	return Device{}, false
}

// Error is a problem with a fleet file, at a line of it (0: the file as a whole).
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line <= 0 {
		return e.File + ": " + e.Msg
	}
	return e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
}

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
	p := &parser{file: path, dir: filepath.Dir(path), opt: opt, noAddress: "no address (want address: IP or IP:PORT)"}
	root, err := decodeOne(src)
	if err != nil {
		return nil, p.yamlError(err)
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
	if len(p.errs) > 0 {
		p.sortErrs()
		return nil, errors.Join(p.errs...)
	}
	f.Notes = p.notes
	return f, nil
}

// decodeOne decodes the one YAML document of src; nil for an empty file.
func decodeOne(src []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, err
		}
		return nil, &Error{Line: more.Line, Msg: "a second YAML document: a fleet file holds one"}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// yamlLine finds the line in yaml.v3's syntax errors ("yaml: line 3: mapping values are not ...").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parserProblems are the messages of yaml.v3's parser, as opposed to its scanner. yaml.v3 v3.0.1
// numbers a parser error's line from 0 (the line where the construct left open began), a scanner
// error's from 1, and leaves the line out when it would be the first (decode.go, parser.fail).
var parserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected '-' indicator", "did not find expected <document start>",
	"did not find expected <stream-start>", "did not find expected key",
	"did not find expected node content", "found duplicate %TAG directive",
	"found duplicate %YAML directive", "found incompatible YAML document",
	"found undefined tag handle",
}

// yamlError words a decoding error as an *Error of this file, at the line yaml.v3 meant.
func (p *parser) yamlError(err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		fe.File = p.file
		return fe
	}
	msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(err.Error(), m[0])
		if contains(parserProblems, msg) {
			line++
		}
	}
	return &Error{File: p.file, Line: line, Msg: "YAML: " + msg}
}

package gateway

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/sshsrv"
)

// Device is a device behind the gateway.
type Device struct {
	Name    string
	Model   string
	Address string // where its own SSH server listens, "" for none
	Tags    []string
	// Server serves a simulated device of this process; nil when it is not serving (State then
	// says why) or for a real switch.
	Server *sshsrv.Server
	// Remotes reach a real switch, by gateway role: each with the switch account that role logs in
	// as. A role without one does not reach the switch.
	Remotes map[Role]sshsrv.Remote
	State   string
	// Health, for a real switch, says whether the gateway reaches it now ("up", or why not).
	Health func() string
}

// state is what a list shows of d.
func (d *Device) state() string {
	switch {
	case d.State != "":
		return d.State
	case d.Health != nil:
		return d.Health()
	}
	return "up"
}

// Front is the gateway's policy, as sshsrv.Gateway asks for it: its users, and which devices each
// may reach with which roles. It never changes after New, so it needs no lock.
type Front struct {
	users  *Users
	devs   []*Device          // sorted by name
	byName map[string]*Device // by name, folded to lower case: core1 is Core1
}

var _ sshsrv.Gateway = (*Front)(nil)

// New builds the gateway's policy over users and the devices behind it.
func New(users *Users, devs []*Device) *Front {
	f := &Front{users: users, devs: slices.Clone(devs), byName: make(map[string]*Device, len(devs))}
	slices.SortFunc(f.devs, func(a, b *Device) int { return strings.Compare(a.Name, b.Name) })
	for _, d := range f.devs {
		f.byName[strings.ToLower(d.Name)] = d
	}
	return f
}

// CheckPassword implements sshsrv.Gateway.
func (f *Front) CheckPassword(account, password string) bool {
	return f.users.CheckPassword(account, password)
}

// CheckPublicKey implements sshsrv.Gateway.
func (f *Front) CheckPublicKey(account string, key gossh.PublicKey) bool {
	return f.users.CheckKey(account, key)
}

// Known implements sshsrv.Gateway.
func (f *Front) Known(account string) bool {
	_, ok := f.users.Lookup(account)
	return ok
}

// Roles implements sshsrv.Gateway: an account's own login on the gateway has the roles its gateway
// role gives on devices.
func (f *Front) Roles(account string) []string {
	if u, ok := f.users.Lookup(account); ok {
		return u.Role.DeviceRoles()
	}
	return nil
}

// Reach implements sshsrv.Gateway.
func (f *Front) Reach(account, device string) (sshsrv.Route, bool) {
	d, u, ok := f.device(account, device)
	if !ok {
		return sshsrv.Route{}, false
	}
	roles := u.Role.DeviceRoles()
	switch {
	case d.Server != nil:
		return sshsrv.Route{Server: d.Server, Roles: roles}, true
	case d.Remotes[u.Role] != nil:
		return sshsrv.Route{Remote: d.Remotes[u.Role], Roles: roles}, true
	}
	return sshsrv.Route{}, false
}

// Device returns the device of that name if the account may reach it, serving or not.
func (f *Front) Device(account, name string) (*Device, bool) {
	d, _, ok := f.device(account, name)
	return d, ok
}

func (f *Front) device(account, name string) (*Device, *User, bool) {
	u, ok := f.users.Lookup(account)
	if !ok {
		return nil, nil, false
	}
	d := f.byName[strings.ToLower(name)]
	if d == nil || !u.Allows(d.Name, d.Tags) {
		return nil, nil, false
	}
	return d, u, true
}

// Reachable lists the devices the account may reach, sorted by name.
func (f *Front) Reachable(account string) []*Device {
	u, ok := f.users.Lookup(account)
	if !ok {
		return nil
	}
	var out []*Device
	for _, d := range f.devs {
		if u.Allows(d.Name, d.Tags) {
			out = append(out, d)
		}
	}
	return out
}

// List implements sshsrv.Gateway: a table of the account's devices, for people and for scripts
// (`ssh alice@gw | awk '$4 == "up" {print $1}'`).
func (f *Front) List(account string, w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tMODEL\tADDRESS\tSTATE\tTAGS")
	for _, d := range f.Reachable(account) {
		state := d.state()
		addr := d.Address
		if addr == "" {
			addr = "-"
		}
		tags := strings.Join(d.Tags, ",")
		if tags == "" {
			tags = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.Name, d.Model, addr, state, tags)
	}
	return tw.Flush()
}

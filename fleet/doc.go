// Package fleet is the set of devices vtyd serves from one fleet file: who they are, where they
// listen, where their data lives, how their ports are cabled, and the inventories that tools need to
// reach them.
//
// Load reads either of two YAML formats and refuses the whole file, naming file and line for every
// problem it finds, before anything is started.
//
// # The vtyd fleet file
//
//	defaults:                 # apply to every device unless it says otherwise
//	  model: 5130-28          # one of switchctl.Models()
//	  port: 2222              # the SSH port (default Options.Port, 2222)
//	  seed: 1                 # the simulation seed (default switchctl.DefaultSimSeed)
//	devices:
//	  core1:                  # the device name: letters, digits, - _ . (not first); its data directory
//	    address: 127.0.1.1    # an IP address, or IP:port ([v6]:port); required
//	    model: "10508"
//	    tags: [core]          # groups in the inventories; "groups" is a synonym
//	  acc1:
//	    address: 127.0.1.3
//	    sysname: ACC-1        # default: the device name
//	    data: /srv/vtyd/acc1  # default: DATA/devices/acc1; relative to the fleet file's directory
//	    rsa: true             # also make an RSA host key (default: Ed25519 only)
//	  edge:
//	    kind: ssh             # a real switch: refused with "not supported yet" for now
//	links:
//	  - core1:XGE1/0/49 -- acc1:XGE1/0/25  # full or abbreviated interface names
//
// The keys of defaults are kind, model, seed, port, address (an IP without port, for fleets whose
// devices differ by port only), tags (or groups) and rsa; a device's own value replaces the
// default, tags included. YAML merge keys work in defaults and devices: anchor one device
// (acc1: &access {...}) and merge it into others (acc2: {<<: *access, address: ...}).
//
// Shard splits the fleet between processes; Wiring gives a device the far ends of its links;
// WriteInventory prints what Ansible, Nornir, OpenSSH or a spreadsheet need to reach the devices.
//
// # containerlab topologies
//
// A file whose name ends in .clab.yml or .clab.yaml, or that has a top-level topology key, is read
// as a containerlab topology. Nodes of kind vtyd are simulated Comware switches: mgmt-ipv4 is the
// listen address (on Options.Port), type the model, and the values of group and labels the tags.
// As in containerlab, kind falls back to topology.defaults, type and group to topology.kinds.vtyd
// and then topology.defaults, and labels add up. Nodes of other kinds are left out with a note
// (Fleet.Notes), and so are links that reach them. Links are endpoints: ["sw1:GE1/0/49",
// "sw2:GE1/0/49"] or the extended {node, interface} form. Keys vtyd does not use are
// containerlab's business and are not refused.
//
// # What is refused
//
// An unknown key, an unknown kind or model, an invalid device name or sysname, a device without an
// address, two devices on one address and port (or on a port that a wildcard address also takes),
// two devices sharing a data directory or one's inside the other's, a link to an unknown device or
// to a port its model lacks, and a port in two links.
package fleet

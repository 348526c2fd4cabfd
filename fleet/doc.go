// Package fleet is the set of devices of one fleet file: the simulated switches vtyd serves (who
// they are, where they listen, where their data lives, how their ports are cabled), the real
// switches its gateway reaches over SSH, and the inventories that tools need to reach them all.
//
// Load reads either of two YAML formats and refuses the whole file, naming file and line for every
// problem it finds, before anything is started.
//
// # The vtyd fleet file
//
//	defaults:                 # apply to every device unless it says otherwise
//	  model: 5130-28          # one of switchctl.Models()
//	  port: 2222              # simulated devices' SSH port (default Options.Port, 2222)
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
//	    netconf_brand: h3c    # whose Comware its NETCONF speaks as: hp, hpe or h3c (default: the
//	                          # model's brand, hpe): the hello's extension capability and the
//	                          # namespaces of its tables (http://www.h3c.com/netconf/data:1.0)
//	  edge:
//	    kind: ssh             # a real switch: see "Real switches" below
//	    address: 192.0.2.11
//	    host_key: SHA256:djcK4gc0qNNB81XoCR+wpTQP89nLJk2iBSjHGsafaqs
//	    credentials:
//	      admin: {user: netadmin, password_env: SW_ADMIN_PW}
//	links:
//	  - core1:XGE1/0/49 -- acc1:XGE1/0/25  # full or abbreviated interface names
//
// The keys of defaults are kind, model, seed, port, address (an IP without port, for fleets whose
// devices differ by port only), tags (or groups), rsa and netconf_brand, and a real switch's
// credentials, poll, known_hosts and host_key (trust-on-first-use only); a device's own value
// replaces the default, tags included. Each default applies to the devices it makes sense for:
// model, seed, port, address, rsa and netconf_brand to simulated devices, the others to real switches, kind and tags to both. YAML merge keys work in defaults and devices: anchor one device
// (acc1: &access {...}) and merge it into others (acc2: {<<: *access, address: ...}).
//
// Shard splits the fleet between processes; Wiring gives a device the far ends of its links;
// WriteInventory prints what Ansible, Nornir, OpenSSH or a spreadsheet need to reach the devices.
//
// # Real switches
//
// A device of kind ssh is a real Comware switch that vtyd's gateway logs in to over SSH
// (Device.SSH; Fleet.Real lists them). No vtyd process serves it: Shard and Simulated leave it out,
// and no link may name it, since links are cables between simulated devices. It takes:
//
//	dist1:
//	  kind: ssh
//	  address: sw1.example.net  # required, its own (not the defaults'): a host name or IP,
//	                            # with :PORT or [IPv6]:PORT if not 22
//	  port: 22                  # the default: defaults.port and --port are simulated devices'
//	  model: 5130-52            # informational, for the dashboard; not checked
//	  tags: [dist]
//	  data: /srv/vtyd/dist1     # default DATA/devices/dist1: its known_hosts (trust-on-first-use)
//	                            # and audit
//	  # The switch's host key, pinned in exactly one of three ways (here or, the last two, in
//	  # defaults). Without one the device is refused; a key that does not match refuses the
//	  # connection.
//	  host_key: SHA256:...      # one fingerprint or a list, as ssh-keygen -lf prints them; any matches
//	  known_hosts: FILE         # or an OpenSSH known_hosts file, hashed or not
//	  host_key: trust-on-first-use  # or record the first key in DATA/devices/dist1/known_hosts
//	                            # and accept only it afterwards: only where the file says so
//	  credentials:              # the switch's accounts by gateway role; at least one
//	    admin:    {user: netadmin, password_env: SW_ADMIN_PW}
//	    operator: {user: netview, password_file: secrets/netview.pw}
//	  poll: 10s                 # how often the console polls it for log entries and configuration
//	                            # changes: the default, from 1s to 10m
//
// A gateway user of role admin reaches the switch as the admin account, one of role operator as
// the operator account, so the switch itself enforces least privilege (make the operator account a
// network-operator). A role without an account cannot reach the switch at all. Each account is a
// user and exactly one of password_env (an environment variable), password_file (the whole file
// but one trailing newline) and key_file (an unencrypted OpenSSH private key); each is read when it
// is used (Credential.Secret, Credential.Key), so it can change without a reload. A password itself is refused: a fleet file is shared, versioned and printed.
// A device's credentials replace those of defaults whole, not role by role. Paths (known_hosts,
// password_file, key_file, data) are relative to the fleet file's directory.
//
// seed, rsa, sysname and netconf_brand are refused on a real switch (it has its own), and credentials, poll,
// host_key and known_hosts on a simulated device. Two real switches may not share an address and
// port; one may share a simulated device's (a lab plays a real switch with a simulated one).
// The inventories list real switches too, at their own address and port.
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
// containerlab's business and are not refused. A containerlab file has no real switches.
//
// # What is refused
//
// An unknown key, an unknown kind or model, an invalid device name or sysname, a device without an
// address, two devices on one address and port (or on a port that a wildcard address also takes),
// two devices sharing a data directory or one's inside the other's, a link to an unknown device or
// to a port its model lacks, or to a real switch, a port in two links, and a netconf_brand other
// than hp, hpe or h3c. For a real switch, also:
// no host key pinned or two ways, a fingerprint that is not SHA256 (or one in defaults), no
// credentials, an account without a user or with other than one secret, a password, a poll outside
// 1s to 10m, and a setting only a simulated device takes.
package fleet

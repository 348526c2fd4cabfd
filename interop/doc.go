// Package interop proves that the SSH clients and automation tools operators already use work
// against vtyd unchanged: OpenSSH, PuTTY, Dropbear, paramiko, asyncssh, netmiko's hp_comware
// driver with TextFSM, scrapligo's hp_comware platform (a Go library, run in the test process),
// an Oxidized-style backup over a PTY, and ssh-audit.
//
// The package holds only tests. TestMain builds vtyd once, without -race (a race build is slow
// enough on a small machine to trip paramiko's and netmiko's timeouts); every test starts its own
// vtyd on 127.0.0.1:0 with its own data directory and drives it with one real client at a time,
// each run bounded in time. The fleet tests (startFleet) serve a fleet file's devices from one
// vtyd, each on its own address of a random loopback /24, and drive each device there. A test whose client is not installed skips and names the Debian
// package; .ci/run installs them all. Python clients always run with Debian's /usr/bin/python3.
package interop

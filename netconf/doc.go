// Package netconf serves NETCONF (RFC 6241) as a Comware 7 switch does, over any byte stream: the
// hello exchange with the device's brand (hp, hpe, h3c), end-of-message and chunked framing (RFC
// 6242), and the RPCs automation sends to Comware (pyhpecw7, H3C's Ansible collection, ncclient's
// hpcomware and h3c handlers): <CLI>, get and get-bulk of Comware's XML tables, edit-config of VLANs,
// lock, save. Every change goes through the device's engine with the session's roles, so the CLI
// and NETCONF see one device.
//
// The package imports switchctl only; the SSH subsystem that carries it lives in sshsrv.
package netconf

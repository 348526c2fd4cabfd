// Package xfer serves file transfers onto a device's flash: over one session's byte stream: the SFTP
// subsystem (pkg/sftp's request server over flash.FS) and the legacy SCP protocol (`scp -t`, `scp -f`,
// what `scp -O`, pyhpecw7 and netmiko run). It knows nothing of SSH. The SSH server (package sshsrv)
// decides who may transfer — the identity, `sftp server enable`, `scp server enable`, `ssh user ...
// service-type`, no PTY for SCP —, takes the session slot, registers the login with the device, reads
// `sftp server idle-timeout`, and hands over a Session; xfer runs the protocol, closes a session that
// stays idle or that the device or the connection ends, and turns a panic while serving into the end
// of that one session.
package xfer

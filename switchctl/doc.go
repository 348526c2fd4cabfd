// Package switchctl is the simulated Comware 7 switch behind vtyd: its state, the command grammar and
// the one engine every input goes through (typed lines, pasted batches, exec commands, console actions,
// configuration files), its sessions, configuration files and flash:.
//
// It knows nothing about SSH or terminals: adapters hand it lines and an io.Writer and turn its typed
// errors into Comware text with Message and Caret.
package switchctl

// Package remote drives real Comware switches over SSH for the gateway: a pool that keeps one
// connection per device and credential warm and opens session channels on it (pool.go), host-key
// pinning (hostkey.go), a prompt-driven CLI session (shell.go), vtyd's exec contract over that
// session (exec.go) and the console's backend on a real switch (backend.go).
//
// The CLI session is driven by its own reader on x/crypto rather than by scrapligo's channel: see
// STACK.md. What scrapligo knows about the platform (its hp_comware prompt patterns, failure
// strings and on-open command) is still read from scrapligo's own definition (platform.go).
package remote

// Package remote drives real Comware switches over SSH for the gateway: a pool that keeps one
// connection per device and credential warm and opens session channels on it (pool.go), host-key
// pinning (hostkey.go), a prompt-driven CLI session (shell.go, run.go), vtyd's exec contract over
// that session (exec.go) and the console's backend on a real switch (backend.go).
//
// Why not scrapligo's driver (v1.4.3, hp_comware) for the session itself: its transports own their
// connection (a custom transport.Implementation could wrap a pooled channel, but each driver still
// opens, authenticates in its own way and closes it), while the gateway needs several channels on one
// pooled connection. Its channel reads in a polling loop with sleeps (ReadDelay), strips every \r and
// escape sequence before matching, and knows no pager: a `---- More ----` on a device that refuses
// `screen-length disable` is a timeout to it. Its SendInteractive needs each step's prompt known in
// advance, which `?` and Tab (whose answer is a listing and a redisplayed edit line) and Comware's
// chained dialogs (save asks two or three questions depending on the release) do not give. So the
// session is driven by its own reader on x/crypto, event-driven (no sleeps), with a timeout on every
// wait. What scrapligo knows about the platform is still taken from it: the hp_comware definition
// embedded in scrapligo (its privilege-level prompt patterns, failed-when-contains strings and the
// on-open `screen-length disable`) is read at run time (platform.go), extended with the `[~sw]`,
// `[*sw]` and `(M)` prompts FACTS.md lists.
package remote

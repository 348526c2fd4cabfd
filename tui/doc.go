// Package tui is vtyd's console: a Bubble Tea program per SSH session that shows the switch in
// views (dashboard, interfaces, VLANs, routing, MAC/ARP/LLDP, logs, sessions, users and SSH,
// configuration, command log), runs actions as CLI commands it shows before running, and keeps a
// CLI line for typed and pasted commands.
//
// The console reaches the device only through a Backend: two CLI sessions (the CLI line's and the
// console's own, for views and actions) and a stream of events. Views are filled by display commands
// read with the typed readers of package readers; every action is a list of CLI lines. The same
// console therefore works in front of a real switch, given a Backend that speaks to it over SSH.
//
// # Questions
//
// Some commands ask before they act (save, reboot, free line: "... [Y/N]:"). Typed in the CLI
// line, such a command runs in a goroutine of its own; the console is the session's Asker: the
// question becomes the CLI line's prompt, the answer typed there goes back to the command, and
// Ctrl+C aborts it. The wait is bounded by the session's context. An action asks first in a
// dialog of its own and then answers the device's question itself, which the command log shows.
// Pasted batches are not answered: their questions are refused, as over exec.
//
// A running command (typed in the CLI line, or a pasted batch) stops on Ctrl+C, as on the switch:
// its context is cancelled. Its output goes into a ring that keeps the last OutputKeep bytes
// (256 KiB) and is shown every 200ms while it runs; what was dropped is said at the top of what is
// shown ("... output truncated"), so a command that prints without end costs the server no more.
//
// # Serving
//
// The SSH layer hands each console session to Handler.Serve, which builds one tea.Program with the
// session's environment (tea.WithEnvironment), window size (tea.WithWindowSize) and colour profile
// (tea.WithColorProfile, from the environment since the PTY is emulated), and forwards window
// changes as tea.WindowSizeMsg. The size is the client's claim: the console lays out and draws at most
// MaxWidth×MaxHeight (512×256) of it, at the start and on every resize, so a pty of 65535×65535
// costs what a 512×256 one does. The program runs without Bubble Tea's renderer and input reader:
// package term draws its frames on the session's output and decodes the session's input, in a few
// KB a session where those held some 600 KB. Tests and other front ends can build the model
// directly with New or NewModel and run it in a program of their own, with Bubble Tea's renderer.
//
// # Fleet
//
// A session through the gateway (Terminal.Fleet) gets a console over a fleet: a dashboard of the
// devices Fleet.Devices lists (state, uptime, ports, unsaved mark, the worst recent log severity,
// tags, address; read about once a second, filtered with /), and over it the console of one device
// at a time, opened with Enter, `:dev NAME` or at login (Terminal.Device); F2 or `:dev` goes back.
// Leaving a device closes its Backend and cancels its reads; messages of a device left are tagged
// with its generation and dropped (fleet.go), so a late read never lands in the next device's
// views. A backend that ends under the console (its Events channel closes) returns to the
// dashboard with its EndMessage. The header names the device ("core1 · via gateway"); the command
// log is the session's, one record per action or paste with its device; quitting asks about this
// session's unsaved changes on every device it worked on and names them. Only the device shown has
// a Model; the fleet console itself is some 3 KB, and 20 KB more while the dashboard is shown.
//
// # Cost
//
// A held console costs the server about 180 KB of live heap and stacks at 80×24 and 245 KB at
// 250×80, whatever the size of the configuration (BenchmarkHeldSessions in package main); some
// 380 KB of PSS with the collector's headroom (bench/ssh-bench.sh).
//
// An idle console does little: no cursor blink (the terminal's cursor is used); one timer, for the
// header's uptime once a minute and, while the screen shows data that moves without events (rates,
// MAC/ARP/LLDP tables, CPU and memory, idle times), a read of it every Options.PollInterval (10s);
// and an event listener that gathers device events over Options.RefreshInterval (500ms) before
// one read and one redraw. Only what the screen shows is read and turned into table rows; tables
// draw only the rows on screen; the whole log buffer, the VLAN list and the configurations' texts
// are kept only in their own views (keep.go).
//
// # Safety
//
// Text from the device and from users (descriptions, sysname, user names, log lines, pasted text,
// command output) goes through Clean before it is drawn, so it cannot carry terminal control
// sequences. Pasted batches with control characters are refused. Text that arrives at once with a line break
// (a terminal without bracketed paste) is a paste too, never keys; keys that arrive within
// DialogGuard (250ms) of a dialog's opening never answer it; Ctrl+C stops a running command and
// otherwise asks before it quits. Quitting asks about unsaved changes only when they are this
// session's own and its role can save them (quit.go). Status, help and dialog texts wrap to the
// width; table cells that do not fit end in "…". Passwords (password simple|hash|
// cipher X) are masked in confirmations, the command log and the CLI line's scrollback, and kept
// out of its history. A panic in Update, View or a command ends in an error screen for that session
// only (see NewModel).
package tui

// Package tui is vtyd's console: a Bubble Tea program per SSH session that shows the switch in
// views (dashboard, interfaces, VLANs, logs, configuration, command log), runs actions as CLI
// commands it shows before running, and keeps a CLI line for typed and pasted commands.
//
// The console reaches the device only through a Backend: two CLI sessions (the CLI line's and the
// console's own, for views and actions) and a stream of events. Views are filled by display commands
// read with the typed readers of package readers; every action is a list of CLI lines. The same
// console therefore works in front of a real switch, given a Backend that speaks to it over SSH.
//
// # Serving
//
// The SSH layer hands each console session to Handler.Serve, which builds one tea.Program with the
// session's input, output, environment (tea.WithEnvironment), window size (tea.WithWindowSize) and
// colour profile (tea.WithColorProfile, from the environment since the PTY is emulated), and forwards
// window changes as tea.WindowSizeMsg. Tests and other front ends can build the model directly with
// New or NewModel and run it in their own program.
//
// # Cost
//
// An idle console does nothing: no cursor blink (the terminal's cursor is used), a header tick once
// a minute for the uptime, and an event listener that gathers device events over
// Options.RefreshInterval (500ms) before one read and one redraw. Tables draw only the rows on screen.
//
// # Safety
//
// Text from the device and from users (descriptions, sysname, user names, log lines, pasted text,
// command output) goes through Clean before it is drawn, so it cannot carry terminal control
// sequences. Pasted batches with control characters are refused. A panic in Update, View or a
// command ends in an error screen for that session only (see NewModel).
package tui

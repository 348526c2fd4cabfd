// Package linecli is the plain Comware command line over a byte stream: the prompt, one command per
// line through the device's engine, Comware's caret errors, `?` help, Tab completion, the
// `---- More ----` pager, dialogs answered on the same input, and pastes bounded by
// switchctl.PasteLimit. It is what automation tools (netmiko, scrapli, Oxidized, scripts) talk to,
// and what people get who ask for it. The SSH server (package sshsrv) runs one CLI per shell that
// does not get the console; the device decides when a session must end (switchctl.Login), and the
// CLI tells the user why in the device's words.
package linecli

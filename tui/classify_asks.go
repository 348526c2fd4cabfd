package tui

import "strings"

// Lines that ask a question: the device stops at them for a [Y/N] or a value, which a batch run
// unattended cannot give. The paste preview marks them beside the disruptive ones (the one
// classifier of fleet_change_classify.go, matched the same way, abbreviations included) and offers
// the `force` form where Comware has one. The list follows the engine's questions (switchctl's
// Confirm and Ask): save, reboot, reset saved-configuration, configuration replace, delete, free,
// key creation and destruction, disabling the SSH server.

// askRule is a command's leading words, the question it asks, and its force form: the words
// that replace the matched ones ("" when there is none).
type askRule struct {
	disruptiveRule
	force string
	exact bool // the rule matches only the whole line (save: `save FILE` asks with no force form)
}

var askRules = []askRule{
	{rule("asks to confirm the save", "save:3"), "save force", true},
	{rule("asks where to save and to confirm", "save:3"), "", false},
	{rule("asks to confirm the reboot", "reboot:3"), "reboot force", true},
	{rule("asks to confirm erasing the saved configuration", "reset:3", "saved-configuration:5"), "", false},
	{rule("asks whether to save the configuration first", "configuration", "replace"), "", false},
	{rule("asks to confirm deleting the file", "delete:3"), "", false},
	{rule("asks to confirm freeing the line", "free"), "", false},
	{rule("asks for the key length (and to replace an existing key)", "public-key", "local", "create"), "", false},
	{rule("asks to confirm destroying the key", "public-key", "local", "destroy"), "", false},
	{rule("asks to confirm disabling the SSH server", "undo", "ssh", "server", "enable"), "", false},
}

// asks says what question a line asks, and the line's force form when it has one; "" when it asks
// nothing.
func asks(line string) (why, force string) {
	ws := strings.Fields(strings.ToLower(line))
	for _, r := range askRules {
		if !matchRule(r.words, ws) || r.exact && len(ws) != len(r.words) {
			continue
		}
		if slicesContainsWord(ws, "force") {
			return "", ""
		}
		return r.why, r.force
	}
	return "", ""
}

func slicesContainsWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

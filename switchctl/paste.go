package switchctl

import "fmt"

// PasteLimit is the most text a terminal session takes pasted at one time, in bytes, in the line
// CLI and the console alike. Larger configurations are uploaded over SFTP, set with `startup
// saved-configuration` and loaded by `reboot` (PasteRefusal says so).
const PasteLimit = 2000

// PasteRefusal is what a session says of a paste of size bytes over PasteLimit, in the line CLI and
// the console alike: nothing of it ran, and how to load a large configuration instead. Its lines
// end in \n and fit 80 columns.
func PasteRefusal(size int) string {
	return fmt.Sprintf("%% Paste refused: %d bytes at one time; the command line takes at most %d.\n"+
		"  Nothing of it was run. To load a larger configuration:\n"+
		"    1. upload the file to flash: over SFTP or SCP\n"+
		"         sftp USER@SWITCH, then put new.cfg\n"+
		"         scp new.cfg USER@SWITCH:flash:/new.cfg\n"+
		"    2. make it the next-startup configuration\n"+
		"         startup saved-configuration new.cfg\n"+
		"    3. reboot (answer N to saving the running configuration, then Y)\n"+
		"  Or paste it in parts of at most %d bytes.\n", size, PasteLimit, PasteLimit)
}

package switchctl

import "fmt"

// PasteLimit is the most text a terminal session takes pasted at one time, in bytes, in the line
// CLI and the console alike. Larger configurations are uploaded over SFTP, set with `startup
// saved-configuration` and loaded by `reboot` (PasteRefusal says so).
const PasteLimit = 2000

// PasteRefusal is what a session prints for a paste of size bytes over PasteLimit: nothing of it
// ran, and how to load a large configuration instead. Its lines end in \n.
func PasteRefusal(size int) string {
	return fmt.Sprintf("%% Paste refused: %d bytes at one time, more than the %d bytes the command line accepts.\n"+
		"  Nothing of it was run. To load a large configuration, upload the file over SFTP\n"+
		"  (sftp> put new.cfg), then run startup saved-configuration new.cfg and reboot.\n", size, PasteLimit)
}

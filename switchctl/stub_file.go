package switchctl

// Placeholder until the file commands land: no rows, no help.

func fileRows() []Row { return nil }

var fileHelp, fileArgHelp = map[string]string{}, map[string]string{}

func (d *Device) saveConfig(name string) error {
	return d.flash.WriteFileAtomic(name, []byte(d.CurrentConfig()))
}

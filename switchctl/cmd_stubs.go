package switchctl

func routeRows() []Row { return nil }
func userRows() []Row  { return nil }
func sshRows() []Row   { return nil }
func lineRows() []Row  { return nil }
func keyRows() []Row   { return nil }
func fileRows() []Row  { return nil }

func (d *Device) saveConfig(name string) error {
	return d.flash.WriteFileAtomic(name, []byte(d.CurrentConfig()))
}

var (
	routeHelp, routeArgHelp = map[string]string{}, map[string]string{}
	userHelp, userArgHelp   = map[string]string{}, map[string]string{}
	sshHelp, sshArgHelp     = map[string]string{}, map[string]string{}
	lineHelp, lineArgHelp   = map[string]string{}, map[string]string{}
	keyHelp, keyArgHelp     = map[string]string{}, map[string]string{}
	fileHelp, fileArgHelp   = map[string]string{}, map[string]string{}
)

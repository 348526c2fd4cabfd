package switchctl

// Placeholder until the ssh commands land: no rows, no help.

func sshRows() []Row { return nil }

var sshHelp, sshArgHelp = map[string]string{}, map[string]string{}

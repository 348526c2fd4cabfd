package switchctl

// Placeholder until the line commands land: no rows, no help.

func lineRows() []Row { return nil }

var lineHelp, lineArgHelp = map[string]string{}, map[string]string{}

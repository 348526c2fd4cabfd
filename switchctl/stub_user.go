package switchctl

// Placeholder until the user commands land: no rows, no help.

func userRows() []Row { return nil }

var userHelp, userArgHelp = map[string]string{}, map[string]string{}

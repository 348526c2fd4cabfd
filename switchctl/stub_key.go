package switchctl

// Placeholder until the key commands land: no rows, no help.

func keyRows() []Row { return nil }

var keyHelp, keyArgHelp = map[string]string{}, map[string]string{}

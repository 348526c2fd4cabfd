package switchctl

// Placeholder until the route commands land: no rows, no help.

func routeRows() []Row { return nil }

var routeHelp, routeArgHelp = map[string]string{}, map[string]string{}

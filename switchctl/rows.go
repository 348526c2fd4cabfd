package switchctl

// theGrammar is built once from every area's rows and never changes; a malformed row panics here.
var theGrammar = buildGrammar(allRows())

func allRows() []Row {
	var rows []Row
	for _, area := range [][]Row{basicRows(), displayRows(), vlanRows(), ifaceRows(), routeRows(),
		userRows(), sshRows(), lineRows(), keyRows(), fileRows(), filesRows(), ifBriefRows(), aaaRows(), roleDisplayRows(), aclRows(), consoleRows(),
		infoRows(), netconfRows(), sessionRows(), systemRows(), displayL2Rows(), displayL3Rows(), pingRows(), globalRows(),
		ntpRows(), snmpRows(), syslogRows(), lldpRows(), laggRows(), laggDisplayRows(), stpRows(), stpDisplayRows(),
		portAttrRows(), l2GlobalRows(), pfilterRows(), mirrorRows(), healthRows(), countersRows(), transceiverRows()} {
		rows = append(rows, area...)
	}
	return rows
}

// Rows returns a copy of the grammar table, for documentation generators and tests.
func Rows() []Row { return allRows() }

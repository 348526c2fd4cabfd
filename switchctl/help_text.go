package switchctl

// keywordHelp is the description `?` shows for a keyword, looked up by its keyword path first
// ("display interface") and then by the keyword alone. Each command area keeps its own table.
var keywordHelp = mergeHelp(basicHelp, routeHelp, userHelp, sshHelp, lineHelp, keyHelp, fileHelp, aclHelp,
	infoHelp, sessionHelp, systemHelp, displayL2Help, displayL3Help, pingHelp, consoleHelp, netconfHelp, globalHelp, ntpHelp, snmpHelp, syslogHelp, lldpHelp, laggHelp, laggDisplayHelp, stpHelp, stpDisplayHelp,
	portAttrHelp, l2GlobalHelp, pfilterHelp, mirrorHelp, healthHelp, countersHelp, transceiverHelp, saveHelp(), filesHelp, ifBriefHelp, aaaHelp, roleDisplayHelp)

// argHelp is the description `?` shows for an argument, by its placeholder name.
var argHelp = mergeHelp(basicArgHelp, routeArgHelp, userArgHelp, sshArgHelp, lineArgHelp, keyArgHelp, fileArgHelp, aclArgHelp,
	infoArgHelp, sessionArgHelp, pingArgHelp, netconfArgHelp, globalArgHelp, ntpArgHelp, snmpArgHelp, syslogArgHelp, laggArgHelp, stpArgHelp,
	portAttrArgHelp, pfilterArgHelp, mirrorArgHelp, filesArgHelp, aaaArgHelp)

func mergeHelp(maps ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range maps {
		for k, v := range m {
			if old, ok := out[k]; ok && old != v {
				panic("switchctl: two help texts for " + k)
			}
			out[k] = v
		}
	}
	return out
}

var basicHelp = map[string]string{
	"system-view":                 "Enter the System View",
	"quit":                        "Exit from current command view",
	"return":                      "Exit to User View",
	"version":                     "Configuration file version",
	"sysname":                     "Specify the host name",
	"undo":                        "Cancel current setting",
	"header":                      "Specify the login banner",
	"motd":                        "Specify the banner of today",
	"login":                       "Specify the login authentication banner",
	"shell":                       "Specify the session banner",
	"screen-length":               "Specify the lines displayed on one screen",
	"disable":                     "Disable the function",
	"terminal":                    "Set the terminal line characteristics",
	"monitor":                     "Enable to display logs on the current terminal",
	"display":                     "Display current system information",
	"current-configuration":       "Current configuration",
	"this":                        "Current view configuration",
	"history-command":             "Display history command of the current line",
	"vlan":                        "Configure VLANs",
	"to":                          "Range of VLANs",
	"name":                        "Specify a name",
	"description":                 "Describe the interface",
	"brief":                       "Brief information",
	"all":                         "All",
	"interface":                   "Specify an interface",
	"range":                       "Specify a range of interfaces",
	"shutdown":                    "Shut down the interface",
	"port":                        "Configure the port",
	"link-type":                   "Specify the link type",
	"access":                      "Access port",
	"trunk":                       "Trunk port",
	"hybrid":                      "Hybrid port",
	"permit":                      "Permit VLANs",
	"pvid":                        "Specify the port VLAN ID",
	"tagged":                      "Tagged",
	"untagged":                    "Untagged",
	"ip":                          "Specify IP configuration",
	"address":                     "Specify an IP address",
	"sub":                         "Secondary address",
	"display vlan":                "VLAN information",
	"display interface":           "Interface status and configuration information",
	"display version":             "System hardware and software version information",
	"port access vlan":            "Specify the VLAN of the access port",
	"port trunk permit vlan":      "Specify the VLANs permitted by the trunk port",
	"port trunk pvid vlan":        "Specify the PVID",
	"port hybrid vlan":            "Specify the VLANs of the hybrid port",
	"port hybrid pvid vlan":       "Specify the PVID",
	"undo port access vlan":       "Restore the default VLAN of the access port",
	"undo port trunk permit vlan": "Remove VLANs permitted by the trunk port",
	"undo port hybrid vlan":       "Remove VLANs of the hybrid port",
	"undo port trunk pvid":        "Restore the default PVID",
	"undo port hybrid pvid":       "Restore the default PVID",
}

var basicArgHelp = map[string]string{
	"vlan":   "VLAN ID",
	"last":   "Last VLAN ID of the range",
	"vlans":  "VLAN ID list",
	"name":   "Name",
	"text":   "Text",
	"rest":   "Version",
	"if":     "Interface name",
	"iftype": "Interface type",
	"ifs":    "Interface list",
	"ip":     "IP address",
	"mask":   "Mask length or mask",
}

package tui

import (
	"strconv"
	"strings"

	"vtyd/tui/readers"
)

// The outputs :ask reads into one table with a Device column first. A command is recognised in
// any abbreviation the device takes (dis int br); one with a pipe (| include …) prints filtered
// text, which the readers do not read, so it is shown as text.

// askReader reads one display command's output into rows (without the device's cell).
type askReader struct {
	words []string // the command, in full
	cols  []column // the columns after Device
	rows  func(out string) ([][]string, error)
}

var (
	ifBriefReader = askReader{
		words: []string{"display", "interface", "brief"},
		cols: []column{{title: "Interface", width: 12}, {title: "Link", width: 5}, {title: "Speed", width: 7},
			{title: "Type", width: 6}, {title: "PVID", width: 5}, {title: "Description", width: 11, flex: true}},
		rows: func(out string) ([][]string, error) { return ifBriefRows(out, "") },
	}
	// downPortsReader is the "down ports" view: the bridge ports whose link is DOWN (not shut
	// down: ADM is a port someone meant to turn off).
	downPortsReader = askReader{words: ifBriefReader.words, cols: ifBriefReader.cols,
		rows: func(out string) ([][]string, error) { return ifBriefRows(out, "DOWN") }}
	vlanBriefReader = askReader{
		words: []string{"display", "vlan", "brief"},
		cols:  []column{{title: "VLAN", width: 5}, {title: "Name", width: 16}, {title: "Ports", width: 10, flex: true}},
		rows: func(out string) ([][]string, error) {
			vs, err := readers.ParseVLANBrief(out)
			var rows [][]string
			for _, v := range vs {
				rows = append(rows, []string{strconv.Itoa(v.ID), v.Name, strings.Join(v.Ports, " ")})
			}
			return rows, err
		},
	}
	versionReader = askReader{
		words: []string{"display", "version"},
		cols: []column{{title: "Product", width: 18}, {title: "Software", width: 9}, {title: "Release", width: 9},
			{title: "Uptime", width: 8}, {title: "Last reboot", width: 11, flex: true}},
		rows: func(out string) ([][]string, error) {
			v, err := readers.ParseVersion(out)
			if err == nil && v.Release == "" {
				err = readers.ErrFormat
			}
			uptime := ""
			if v.Uptime > 0 {
				uptime = shortDuration(v.Uptime)
			}
			return [][]string{{v.Product, v.Software, v.Release, uptime, v.LastReboot}}, err
		},
	}
	askReaders = []*askReader{&ifBriefReader, &vlanBriefReader, &versionReader}
)

func ifBriefRows(out, only string) ([][]string, error) {
	b, err := readers.ParseIfBrief(out)
	var rows [][]string
	for _, r := range b.Bridge {
		if only != "" && r.Link != only {
			continue
		}
		pvid := ""
		if r.PVID > 0 {
			pvid = strconv.Itoa(r.PVID)
		}
		rows = append(rows, []string{r.Name, r.Link, r.Speed, r.Mode(), pvid, r.Description})
	}
	for _, r := range b.Route {
		if only != "" && r.Link != only {
			continue
		}
		rows = append(rows, []string{r.Name, r.Link, "", "route", "", strings.TrimSpace(r.IP + " " + r.Description)})
	}
	return rows, err
}

// readerFor is the reader of a display command line, nil when the console reads no such output.
func readerFor(line string) *askReader {
	if strings.Contains(line, "|") {
		return nil
	}
	typed := strings.Fields(strings.ToLower(line))
	for _, r := range askReaders {
		if len(typed) != len(r.words) {
			continue
		}
		ok := true
		for i, w := range typed {
			ok = ok && abbrev(w, r.words[i], min(2, len(r.words[i])))
		}
		if ok {
			return r
		}
	}
	return nil
}

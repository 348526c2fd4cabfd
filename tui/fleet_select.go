package tui

import (
	"fmt"
	"path"
	"strings"
)

// The dashboard's selection: the devices an operator marks for work on several at once (issue 13's
// ask many, change many, compare). Space marks the device under the cursor, * marks every device the
// filter shows (so `/tag:access` then * picks a group), and `:select` takes the selectors the
// gateway's exec takes: names, globs and tag:GLOB, separated by commas.

func markKey() Binding      { return bind("space", "mark device", "space") }
func markShownKey() Binding { return bind("*", "mark all shown", "*") }

// selection is the marked devices in the dashboard's order; with none marked, the device under the
// cursor, so that an action on "the selection" always has one.
func (f *fleetModel) selection() []string {
	if names := f.table.marked(); len(names) > 0 {
		return names
	}
	if r, ok := f.table.selected(); ok {
		return []string{r[fcName]}
	}
	return nil
}

// selectCommand is `:select SELECTOR`: mark the devices it names, in place of the marks there were;
// `:select none` clears them. A name that is no device's is an error, and nothing changes.
func (f *fleetModel) selectCommand(arg string) {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		f.setStatus(fmt.Sprintf("%d selected · :select NAME,GLOB,tag:TAG · :select none", len(f.table.marked())), false)
		return
	}
	if arg == "none" {
		f.table.setMarks(func(string) bool { return false })
		f.setStatus("selection cleared", false)
		return
	}
	picked, err := pickDevices(f.devs, arg)
	if err != nil {
		f.setStatus(err.Error(), true)
		return
	}
	f.table.setMarks(func(name string) bool { return picked[name] })
	f.setStatus(fmt.Sprintf("%d selected: %s", len(picked), arg), false)
}

// pickDevices reads a selector: comma-separated names (exactly, ignoring case), path.Match globs, and
// tag:GLOB (a device with a matching tag). Every part must pick some device.
func pickDevices(devs []DeviceSummary, selector string) (map[string]bool, error) {
	picked := map[string]bool{}
	for _, part := range strings.Split(selector, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if _, err := path.Match(strings.TrimPrefix(part, "tag:"), ""); err != nil {
			return nil, fmt.Errorf("bad pattern %q: %v", part, err)
		}
		n := 0
		for _, d := range devs {
			if selects(part, d) {
				picked[d.Name] = true
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: no such device", CleanLine(part))
		}
	}
	if len(picked) == 0 {
		return nil, fmt.Errorf("select what? :select NAME,GLOB,tag:TAG")
	}
	return picked, nil
}

// selects reports whether one part of a selector picks d.
func selects(part string, d DeviceSummary) bool {
	if tag, ok := strings.CutPrefix(part, "tag:"); ok {
		for _, t := range d.Tags {
			if m, _ := path.Match(tag, t); m {
				return true
			}
		}
		return false
	}
	if strings.EqualFold(part, d.Name) {
		return true
	}
	m, _ := path.Match(part, d.Name)
	return m
}

// selectionInfo is the info line's word on the selection: "3 selected", and how many of them the
// filter hides.
func (f *fleetModel) selectionInfo() string {
	n := len(f.table.marked())
	if n == 0 {
		return ""
	}
	s := fmt.Sprintf(" · %d selected", n)
	if h := f.table.markedHidden(); h > 0 {
		s += fmt.Sprintf(" (%d hidden)", h)
	}
	return s
}

// tagWords is a device's tags as the filter matches them: each bare and as tag:NAME.
func tagWords(tags []string) string {
	var b strings.Builder
	for _, t := range tags {
		b.WriteString(t + " tag:" + t + " ")
	}
	return b.String()
}

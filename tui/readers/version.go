package readers

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Version is what `display version` says about the device.
type Version struct {
	Vendor     string        // HPE, H3C, HP
	Software   string        // 7.1.070
	Release    string        // 3506P06
	Product    string        // 5130-24G-4SFP+-EI (the words between the vendor and "uptime is")
	Uptime     time.Duration // from "uptime is 1 weeks, 2 days, 3 hours, 4 minutes"
	LastReboot string        // Cold reboot
	Slots      []Slot
}

// Slot is one "Slot N:" block of `display version`.
type Slot struct {
	Number int
	Board  string // BOARD TYPE
	DRAM   string // 1024M bytes
	Flash  string
}

var (
	reSoftware = regexp.MustCompile(`^(\S+) Comware Software, Version ([^,]+), Release (\S+)`)
	reUptime   = regexp.MustCompile(`^(\S+) (.+?) uptime is (.+)$`)
	reSlot     = regexp.MustCompile(`^Slot (\d+)`)
	reDuration = regexp.MustCompile(`(\d+)\s*(week|day|hour|minute)s?`)
)

// ParseVersion reads `display version`.
func ParseVersion(text string) (Version, error) {
	var v Version
	var slot *Slot
	for _, line := range lines(text) {
		switch m := reSoftware.FindStringSubmatch(line); {
		case m != nil:
			v.Vendor, v.Software, v.Release = m[1], m[2], m[3]
			continue
		}
		if m := reUptime.FindStringSubmatch(line); m != nil && v.Product == "" {
			v.Product, v.Uptime = m[2], parseUptime(m[3])
			if v.Vendor == "" {
				v.Vendor = m[1]
			}
			continue
		}
		if k, val, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "Last reboot reason" {
			v.LastReboot = strings.TrimSpace(val)
			continue
		}
		if m := reSlot.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			v.Slots = append(v.Slots, Slot{Number: n})
			slot = &v.Slots[len(v.Slots)-1]
			continue
		}
		if slot == nil {
			continue
		}
		k, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "BOARD TYPE":
			slot.Board = strings.TrimSpace(val)
		case "DRAM":
			slot.DRAM = strings.TrimSpace(val)
		case "FLASH":
			slot.Flash = strings.TrimSpace(val)
		}
	}
	if v.Software == "" && v.Product == "" {
		return v, ErrFormat
	}
	return v, nil
}

// parseUptime reads "4 weeks, 3 days, 13 hours, 40 minutes" (or with "," alone between the parts).
func parseUptime(s string) time.Duration {
	unit := map[string]time.Duration{"week": 7 * 24 * time.Hour, "day": 24 * time.Hour, "hour": time.Hour, "minute": time.Minute}
	var d time.Duration
	for _, m := range reDuration.FindAllStringSubmatch(s, -1) {
		n, _ := strconv.Atoi(m[1])
		d += time.Duration(n) * unit[m[2]]
	}
	return d
}

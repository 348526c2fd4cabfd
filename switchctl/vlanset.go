package switchctl

import (
	"strconv"
	"strings"
)

// VLANSet is a set of VLAN IDs 1-4094.
type VLANSet struct{ bits [64]uint64 }

// NewVLANSet is a set holding ids.
func NewVLANSet(ids ...int) VLANSet {
	var s VLANSet
	for _, id := range ids {
		s.Add(id)
	}
	return s
}

// Add puts id in the set.
func (s *VLANSet) Add(id int) { s.bits[id/64] |= 1 << (id % 64) }

// Remove takes id out of the set.
func (s *VLANSet) Remove(id int) { s.bits[id/64] &^= 1 << (id % 64) }

// Has reports whether id is in the set.
func (s VLANSet) Has(id int) bool { return id > 0 && id < 4095 && s.bits[id/64]&(1<<(id%64)) != 0 }

// IDs lists the set in order.
func (s VLANSet) IDs() []int {
	var ids []int
	for id := 1; id <= 4094; id++ {
		if s.Has(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// All reports whether the set holds every VLAN.
func (s VLANSet) All() bool {
	for id := 1; id <= 4094; id++ {
		if !s.Has(id) {
			return false
		}
	}
	return true
}

// vlanRanges writes ids as Comware does: "2 to 10 20 30 to 40".
func vlanRanges(ids []int) []string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.Itoa(ids[i]))
		} else {
			parts = append(parts, strconv.Itoa(ids[i])+" to "+strconv.Itoa(ids[j]))
		}
		i = j + 1
	}
	return parts
}

// vlanLines renders ids after prefix on as many lines as the 511-character edit buffer needs, so
// every rendered line can be typed back.
func vlanLines(prefix string, ids []int) []string {
	var lines []string
	cur := prefix
	for _, p := range vlanRanges(ids) {
		if len(cur)+1+len(p) > 400 && cur != prefix {
			lines = append(lines, cur)
			cur = prefix
		}
		cur += " " + p
	}
	if cur != prefix {
		lines = append(lines, cur)
	}
	return lines
}

// vlanDisplayList writes ids compressed with dashes, as display commands do: "1-3, 10".
func vlanDisplayList(ids []int) string {
	parts := vlanRanges(ids)
	for i, p := range parts {
		parts[i] = strings.Replace(p, " to ", "-", 1)
	}
	return strings.Join(parts, ", ")
}

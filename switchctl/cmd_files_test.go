package switchctl

import (
	"regexp"
	"strings"
	"testing"

	"vtyd/switchctl/flash"
)

// dirNames lists the names in a dir listing, in order.
func dirNames(out string) []string {
	var names []string
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) >= 7 && (strings.HasPrefix(f[1], "-") || strings.HasPrefix(f[1], "d")) {
			names = append(names, f[len(f)-1])
		}
	}
	return names
}

func TestSaveWritesMdbBesideCfg(t *testing.T) {
	r := newFileRig(t)
	r.must("delete /unreserved flash:/startup.mdb", "y") // a new device's flash: has one already
	r.must("save safely force")
	if out := r.must("dir"); !strings.Contains(strings.Join(dirNames(out), " "), "startup.cfg startup.mdb") {
		t.Fatalf("dir after save:\n%s", out)
	}
	if b := r.read("startup.mdb"); strings.Contains(b, "sysname") {
		t.Error("startup.mdb holds the configuration as text; it is a binary image")
	}
	r.must("reset saved-configuration", "y")
	if out := r.must("dir"); strings.Contains(out, "startup.") {
		t.Errorf("reset saved-configuration left the startup files:\n%s", out)
	}
}

// TestRecycleBinKeepsTheSpace: a deleted file goes to the hidden .trash and still takes its space, as on
// a switch, until reset recycle-bin; dir shows .trash only with /all, as drwh, and keeps the numbers
// of the entries around it.
func TestRecycleBinKeepsTheSpace(t *testing.T) {
	r := newFileRig(t)
	r.write("big.bin", strings.Repeat("x", 200*1024))
	used := r.d.Flash().Used()
	r.must("delete big.bin", "y")
	if got := r.d.Flash().Used(); got != used+flash.BlockSize { // and the bin's directory takes a block
		t.Errorf("delete changed the space in use to %d, was %d", got, used)
	}
	used = r.d.Flash().Used()
	plain := r.must("dir")
	if strings.Contains(plain, "big.bin") || strings.Contains(plain, ".trash") {
		t.Errorf("dir shows the recycle bin:\n%s", plain)
	}
	all := r.must("dir /all")
	if !regexp.MustCompile(`(?m)^ +0 drwh +- .*   \.trash$`).MatchString(all) {
		t.Errorf("dir /all does not show .trash as drwh:\n%s", all)
	}
	if a, p := len(dirNames(all)), len(dirNames(plain)); a != p+1 {
		t.Errorf("dir /all lists %d entries, dir %d", a, p)
	}
	if !strings.Contains(plain, "   1 -rw-    11241472 ") { // .trash keeps number 0
		t.Errorf("dir renumbered the entries after the hidden one:\n%s", plain)
	}
	if out := r.must("dir /all .trash"); !strings.Contains(out, "big.bin") {
		t.Errorf("the deleted file is not in the recycle bin:\n%s", out)
	}
	r.must("reset recycle-bin /force")
	if got := r.d.Flash().Used(); got != used-200*1024 {
		t.Errorf("reset recycle-bin freed %d bytes, want %d", used-got, 200*1024)
	}
}

// TestNewFlashHoldsWhatVersionNames: a new device's flash: holds the images display version names,
// startup.cfg and startup.mdb, ifindex.dat and the directories a switch has; the images take space.
func TestNewFlashHoldsWhatVersionNames(t *testing.T) {
	r := newFileRig(t)
	ver := r.must("display version")
	if !strings.Contains(ver, "\nHPE 5130 24G 4SFP+ EI Switch uptime is ") {
		t.Errorf("display version names the model otherwise:\n%s", ver)
	}
	names := strings.Join(dirNames(r.must("dir")), " ")
	for _, img := range regexp.MustCompile(`(?m)^(?:Boot|System) image: flash:/(\S+)$`).FindAllStringSubmatch(ver, -1) {
		if !strings.Contains(names, img[1]) {
			t.Errorf("flash: lacks %s that display version names: %s", img[1], names)
		}
	}
	for _, want := range []string{"5130ei-cmw710-boot-r3506p06.bin", "5130ei-cmw710-system-r3506p06.bin", "diagfile",
		"ifindex.dat", "license", "logfile", "startup.cfg", "startup.mdb"} {
		if !strings.Contains(names, want) {
			t.Errorf("flash: lacks %s: %s", want, names)
		}
	}
	if r.d.Flash().Used() < 40<<20 {
		t.Errorf("the images take no space: used %d", r.d.Flash().Used())
	}
}

package switchctl

import (
	"fmt"
	"regexp"
	"strconv"
	"syscall"
	"testing"
)

// TestDirReportsNoMoreThanTheDiskHolds: flash: configured larger than the disk under the data
// directory reports the disk's space, not the configured capacity; a user must not be told there is
// room that a write would then not find.
func TestDirReportsNoMoreThanTheDiskHolds(t *testing.T) {
	r := newFileRig(t)
	r.open(func(o *Options) { o.FlashCapacity = 1 << 60 })
	out := r.must("dir")
	var st syscall.Statfs_t
	if err := syscall.Statfs(r.d.Flash().Dir(), &st); err != nil {
		t.Fatal(err)
	}
	diskKB := int64(st.Blocks) * st.Bsize / 1024
	m := regexp.MustCompile(`\n(\d+) KB total \((\d+) KB free\)\n$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no totals line:\n%s", out)
	}
	total, _ := strconv.ParseInt(m[1], 10, 64)
	free, _ := strconv.ParseInt(m[2], 10, 64)
	if total > diskKB || free > total || free == 0 {
		t.Errorf("dir on a %d KB disk reports %d KB total, %d KB free:\n%s", diskKB, total, free, out)
	}
	// A capacity below the disk's free space stays what it was.
	r.open(func(o *Options) { o.FlashCapacity = 4 << 20 })
	want := fmt.Sprintf("\n4096 KB total (%d KB free)\n", r.d.Flash().Free()/1024) // the images may fill it
	if out := r.must("dir"); !regexp.MustCompile(regexp.QuoteMeta(want) + `$`).MatchString(out) {
		t.Errorf("dir with a 4 MiB capacity:\n%s\nwant it to end with %q", out, want)
	}
}

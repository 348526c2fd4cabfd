package switchctl

// flashSpace is what `dir` reports as the medium's total and free bytes: flash:'s configured
// capacity, but never more than the disk holding the data directory could take, so that a small disk
// does not show 1 GiB free.
func (d *Device) flashSpace() (total, free int64) {
	total, free = d.flash.Capacity(), d.flash.Free()
	avail, ok := d.diskAvail()
	if !ok {
		return total, free
	}
	used := d.flash.Used()
	return min(total, used+avail), min(free, avail)
}

// diskAvail is the free space of the file system holding flash:, as an unprivileged process may use
// it; ok is false where it cannot be found.
func (d *Device) diskAvail() (int64, bool) { return fsAvail(d.flash.Dir()) }

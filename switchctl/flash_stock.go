package switchctl

import (
	"errors"
	"fmt"
	"strings"

	"vtyd/switchctl/flash"
)

// imageFile is a software image on flash: and its size.
type imageFile struct {
	name string
	size int64
}

// imageFiles are the boot and system images `display version` names and flash: holds. Their sizes are
// those of the 5130 EI R3506P06 images, near enough for dir and the free space to read as a switch's.
func (m Model) imageFiles() (boot, system imageFile) {
	rel := strings.ToLower(SoftwareRelease)
	return imageFile{fmt.Sprintf("%s-cmw710-boot-r%s.bin", m.Images, rel), 11_241_472},
		imageFile{fmt.Sprintf("%s-cmw710-system-r%s.bin", m.Images, rel), 31_864_832}
}

// stockFlash gives a new device's flash: what a switch's holds out of the box besides startup.cfg:
// the images it runs, startup.mdb, ifindex.dat and the diagfile, license and logfile directories.
// The images are reserved, not written: they read as zeros, take their space on flash: and almost
// none on the host. What does not fit a small flash: (tests, --flash-capacity) is left out.
func (d *Device) stockFlash(cfg string) error {
	boot, system := d.model.imageFiles()
	for _, img := range []imageFile{boot, system} {
		if err := d.flash.Reserve(img.name, img.size); err != nil && !errors.Is(err, flash.ErrNoSpace) {
			return err
		}
	}
	files := []struct {
		name string
		data []byte
	}{
		{"startup.mdb", mdbImage(cfg)},
		{"ifindex.dat", []byte(d.ifindexDat())},
	}
	for _, f := range files {
		if err := d.flash.WriteFileAtomic(f.name, f.data); err != nil && !errors.Is(err, flash.ErrNoSpace) {
			return err
		}
	}
	for _, dir := range []string{"diagfile", "license", "logfile"} {
		if err := d.flash.Mkdir(dir); err != nil && !errors.Is(err, flash.ErrExist) && !errors.Is(err, flash.ErrNoSpace) {
			return err
		}
	}
	return nil
}

// ifindexDat is the interface index table a switch keeps on flash: so that ifIndex values survive a
// reboot; vtyd computes them, so the file only records them.
func (d *Device) ifindexDat() string {
	var b strings.Builder
	for i, p := range d.model.Ports() {
		fmt.Fprintf(&b, "%s %d\n", p.Full(), i+1)
	}
	return b.String()
}

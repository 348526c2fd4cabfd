package flash_test

import (
	"errors"
	"testing"

	"vtyd/switchctl/flash"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		name string
		want string
		err  error
	}{
		{"flash:/a/b.cfg", "a/b.cfg", nil},
		{"flash:a.cfg", "a.cfg", nil},
		{"/a.cfg", "a.cfg", nil},
		{"a.cfg", "a.cfg", nil},
		{"./x", "x", nil},
		{"FLASH:/", ".", nil},
		{"Flash:/Logfile/", "Logfile", nil},
		{"flash:", ".", nil},
		{"/", ".", nil},
		{".", ".", nil},
		{"a//b/./c", "a/b/c", nil},
		{"a/../b.cfg", "b.cfg", nil},
		{"flash:/a/..", ".", nil},
		{"..", "", flash.ErrOutside},
		{"../x.cfg", "", flash.ErrOutside},
		{"flash:/../x", "", flash.ErrOutside},
		{"/a/../../etc/passwd", "", flash.ErrOutside},
		{"slot2#flash:/x", "", flash.ErrOutside},
		{"cfa0:/x.cfg", "", flash.ErrOutside},
		{"usb:/x.cfg", "", flash.ErrOutside},
		{"flashx:/a", "", flash.ErrOutside},
		{"", "", flash.ErrBadPath},
		{"a\x00b", "", flash.ErrBadPath},
		{`a\..\b`, "", flash.ErrBadPath},
		{"flash:/a:b", "", flash.ErrBadPath},
		{"flash:flash:/a", "", flash.ErrBadPath},
		{".tmp-123", "", flash.ErrBadPath},
		{"dir/.tmp-x", "", flash.ErrBadPath},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := flash.Resolve(tt.name)
			if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
				t.Fatalf("Resolve(%q) error = %v, want %v", tt.name, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("Resolve(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestResolveFrom(t *testing.T) {
	tests := []struct {
		cwd, name, want string
		err             error
	}{
		{"logfile", "a.log", "logfile/a.log", nil},
		{"logfile", "../a.cfg", "a.cfg", nil},
		{"logfile", "/a.cfg", "a.cfg", nil},
		{"logfile", "flash:a.cfg", "a.cfg", nil},
		{"a/b", "..", "a", nil},
		{"logfile", "../../x", "", flash.ErrOutside},
	}
	for _, tt := range tests {
		t.Run(tt.cwd+"|"+tt.name, func(t *testing.T) {
			got, err := flash.ResolveFrom(tt.cwd, tt.name)
			if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
				t.Fatalf("error = %v, want %v", err, tt.err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDisplay(t *testing.T) {
	for rel, want := range map[string]string{
		".":       "flash:/",
		"a.cfg":   "flash:/a.cfg",
		"a/b.cfg": "flash:/a/b.cfg",
	} {
		if got := flash.Display(rel); got != want {
			t.Errorf("Display(%q) = %q, want %q", rel, got, want)
		}
	}
}

package fleet

import (
	"io"
	"os"
	"testing"
)

// FuzzParse feeds the loader arbitrary files, as either format: it refuses or loads, never panics
// or hangs, and whatever it loads exports.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"../examples/fleet.yml", "../examples/fleet-real.yml", "../examples/lab.clab.yml"} {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, name == "../examples/lab.clab.yml")
	}
	f.Add([]byte("devices:\n  a: &a {address: 127.0.0.1, <<: *a}\nlinks: [a:g1/0/1 -- a:g1/0/2, [a:x, b:y]]\n"), false)
	f.Add([]byte("defaults: {netconf_brand: H3C}\ndevices:\n  a: {address: 127.0.0.1, netconf_brand: hp}\n  b: {address: 127.0.0.2}\n"), false)
	f.Fuzz(func(t *testing.T, src []byte, clab bool) {
		path := "fuzz.yml"
		if clab {
			path = "fuzz.clab.yml"
		}
		fl, err := parse(path, src, Options{DataDir: "/d"})
		if err != nil {
			return
		}
		for _, format := range Formats() {
			if err := WriteInventory(io.Discard, fl, format); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
		for _, d := range fl.Devices {
			fl.Wiring(d.Name, nil)
			if (d.Kind == KindSSH) != (d.SSH != nil) || d.Addr() == "" {
				t.Fatalf("device %s: kind %s, SSH %+v, Addr %q", d.Name, d.Kind, d.SSH, d.Addr())
			}
		}
	})
}

package main

import (
	"io"
	"strings"
	"testing"

	"vtyd/netconf"
)

// TestNetconfBrandFlag: --netconf-brand takes hp, hpe or h3c in any case for the single device,
// refuses anything else by name, and does not go with --fleet (the fleet file says it per device).
func TestNetconfBrandFlag(t *testing.T) {
	tests := []struct {
		args    []string
		want    netconf.Brand
		wantErr string
	}{
		{nil, "", ""},
		{[]string{"--netconf-brand", "h3c"}, netconf.BrandH3C, ""},
		{[]string{"--netconf-brand", "HP"}, netconf.BrandHP, ""},
		{[]string{"--netconf-brand", "cisco"}, "", `--netconf-brand "cisco": want hp, hpe or h3c`},
		{[]string{"--fleet", "f.yml", "--netconf-brand", "h3c"}, "", "--netconf-brand does not go with --fleet: set it in the fleet file (defaults or per device)"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			o, err := parseFlags(tt.args, io.Discard)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || o.netconfBrand != tt.want {
				t.Errorf("brand %q, err %v; want %q", o.netconfBrand, err, tt.want)
			}
		})
	}
}

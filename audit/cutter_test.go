package audit

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// step is one exchange of a relayed session: keys the user typed, then what the device sent back.
type step struct{ in, out string }

// cut plays steps through a Cutter whose clock moves 10 ms per step; split sends the device's bytes
// one at a time, as a slow link would.
func cut(steps []step, split bool) ([]Record, *Cutter) {
	clock := time.Date(2026, 12, 7, 21, 58, 0, 0, time.UTC)
	c := &Cutter{Base: Record{User: "alice", Device: "sw1", Session: "s-1", Kind: KindCLI},
		Now: func() time.Time { return clock }}
	var recs []Record
	for _, s := range steps {
		clock = clock.Add(10 * time.Millisecond)
		c.Input([]byte(s.in))
		clock = clock.Add(10 * time.Millisecond)
		if split {
			for i := range len(s.out) {
				recs = append(recs, c.Output([]byte{s.out[i]})...)
			}
		} else {
			recs = append(recs, c.Output([]byte(s.out))...)
		}
	}
	return recs, c
}

// crlf turns a fixture's lines into the device's "\r\n" ones.
func crlf(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../shared/ntc-templates/fixtures/" + name)
	if err != nil {
		t.Skipf("ntc-templates fixture: %v", err)
	}
	return crlf(string(b))
}

// pageAt inserts the device's pager after every n lines of out, as Comware with screen-length n does.
// It returns the pieces between pagers.
func pageAt(out string, n int) []string {
	lines := strings.SplitAfter(out, "\r\n")
	var pages []string
	for len(lines) > n {
		pages = append(pages, strings.Join(lines[:n], "")+"  ---- More ----")
		lines = lines[n:]
	}
	return append(pages, strings.Join(lines, ""))
}

const erasePager = "\x1b[16D                \x1b[16D"

type cmdWant struct{ prompt, cmd, result, err string }

func TestCutter(t *testing.T) {
	clock := fixture(t, "display_clock/hp_comware_display_clock_3.raw")
	brief := fixture(t, "display_interface_brief/hp_comware_display_interface_brief_release_60615P16.raw")
	pages := pageAt(brief, 24)
	if len(pages) != 2 {
		t.Fatalf("fixture paged in %d pieces, want 2", len(pages))
	}
	tests := []struct {
		name  string
		steps []step
		want  []cmdWant
	}{
		{"a command and its output", []step{
			{"", "\r\n******************************************************************************\r\n* Copyright (c) 2004-2024 New H3C Technologies Co., Ltd. All rights reserved.*\r\n******************************************************************************\r\n<sw1>"},
			{"display clock\r", "display clock\r\n" + clock + "<sw1>"},
		}, []cmdWant{{"<sw1>", "display clock", "ok", ""}}},
		{"an error line", []step{
			{"", "<HP1>"},
			{"display current-configuration interface Tunnel 20\r", "display current-configuration interface Tunnel 20\r\n" +
				"                                                    ^\r\n % Wrong parameter found at '^' position.\r\n<HP1>"},
			{"dis foo\r", "dis foo\r\n        ^\r\n % Unrecognized command found at '^' position.\r\n<HP1>"},
		}, []cmdWant{
			{"<HP1>", "display current-configuration interface Tunnel 20", "error", "% Wrong parameter found at '^' position."},
			{"<HP1>", "dis foo", "error", "% Unrecognized command found at '^' position."},
		}},
		{"backspace and erase echo", []step{
			{"", "<sw1>"},
			{"dis verx", "dis verx"},
			{"\x7f\x7f", "\b \b\b \b"},
			{"r\r", "r\r\nH3C Comware Software, Version 7.1.070\r\n<sw1>"},
			{"dis clockk\x08", "dis clockk\x1b[1D\x1b[K"},
			{"\r", "\r\n" + clock + "<sw1>"},
		}, []cmdWant{{"<sw1>", "dis ver", "ok", ""}, {"<sw1>", "dis clock", "ok", ""}}},
		{"tab completion, in place and redrawn", []step{
			{"", "<sw1>"},
			{"dis cl\t", "dis clock"[:6] + "ock"},
			{"\r", "\r\n" + clock + "<sw1>"},
			{"sys\t", "\r<sw1>system-view"},
			{"\r", "\r\nSystem View: return to User View with Ctrl+Z.\r\n[sw1]"},
		}, []cmdWant{{"<sw1>", "dis clock", "ok", ""}, {"<sw1>", "system-view", "ok", ""}}},
		{"? help is not a command", []step{
			{"", "[sw1]"},
			{"interface vlan-interface ?", "interface vlan-interface ?\r\n  <1-4094>  Vlan-interface interface number\r\n\r\n[sw1]interface vlan-interface "},
			{"10 ?", "10 ?\r\n  <cr>\r\n\r\n[sw1]interface vlan-interface 10 "},
			{"\r", "\r\n[sw1-Vlan-interface10]"},
		}, []cmdWant{{"[sw1]", "interface vlan-interface 10", "ok", ""}}},
		{"the pager, answered by space and by Enter", []step{
			{"", "<sw1>"},
			{"display interface brief\r", "display interface brief\r\n" + pages[0]},
			{" ", erasePager + pages[1] + "<sw1>"},
			{"display interface brief\r", "display interface brief\r\n" + pages[0]},
			{"\r", erasePager + pages[1] + "<sw1>"},
			{"dis clock\r", "dis clock\r\n" + clock + "<sw1>"},
		}, []cmdWant{
			{"<sw1>", "display interface brief", "ok", ""},
			{"<sw1>", "display interface brief", "ok", ""},
			{"<sw1>", "dis clock", "ok", ""},
		}},
		{"Ctrl+C at the pager and at the prompt", []step{
			{"", "<sw1>"},
			{"display interface brief\r", "display interface brief\r\n" + pages[0]},
			{"\x03", erasePager + "\r\n<sw1>"},
			{"dis ver\x03", "dis ver^C\r\n<sw1>"},
			{"\r", "\r\n<sw1>"},
		}, []cmdWant{{"<sw1>", "display interface brief", "ok", ""}}},
		{"a paste runs line by line", []step{
			{"", "<sw1>"},
			{"system-view\rvlan 10\rdescription uplink\rquit\r", "system-view\r\nSystem View: return to User View with Ctrl+Z.\r\n[sw1]"},
			{"", "vlan 10\r\n[sw1-vlan10]description uplink\r\n[sw1-vlan10]"},
			{"", "quit\r\n[sw1]"},
		}, []cmdWant{
			{"<sw1>", "system-view", "ok", ""},
			{"[sw1]", "vlan 10", "ok", ""},
			{"[sw1-vlan10]", "description uplink", "ok", ""},
			{"[sw1-vlan10]", "quit", "ok", ""},
		}},
		{"a dialog's answers are not commands", []step{
			{"", "<sw1>"},
			{"save\r", "save\r\nThe current configuration will be written to the device. Are you sure? [Y/N]:"},
			{"y\r", "y\r\nPlease input the file name(*.cfg)[flash:/startup.cfg]\r\n(To leave the existing filename unchanged, press the enter key):"},
			{"\r", "\r\nflash:/startup.cfg exists, overwrite? [Y/N]:"},
			{"y\r", "y\r\nValidating file. Please wait...\r\nSaved the current configuration to mainboard device successfully.\r\n<sw1>"},
			{"\x03", "\r\n<sw1>"},
			{"dis clock\r", "dis clock\r\n" + clock + "<sw1>"},
		}, []cmdWant{{"<sw1>", "save", "ok", ""}, {"<sw1>", "dis clock", "ok", ""}}},
		{"secrets are masked", []step{
			{"", "[sw1]"},
			{"local-user bob class manage\r", "local-user bob class manage\r\nNew local user added.\r\n[sw1-luser-manage-bob]"},
			{"pass sim Hunter2\r", "pass sim Hunter2\r\n[sw1-luser-manage-bob]"},
		}, []cmdWant{
			{"[sw1]", "local-user bob class manage", "ok", ""},
			{"[sw1-luser-manage-bob]", "pass sim ******", "ok", ""},
		}},
		{"output that looks like a prompt does not end a command", []step{
			{"", "<sw1>"},
			{"display version | xml\r", "display version | xml\r\n<rpc-reply>\r\n<data>\r\n                ^\r\n % Wrong parameter found at '^' position.\r\n<sw1>"},
		}, []cmdWant{{"<sw1>", "display version | xml", "error", "% Wrong parameter found at '^' position."}}},
		{"sysname changes the prompt", []step{
			{"", "[sw1]"},
			{"sysname core1\r", "sysname core1\r\n[core1]"},
			{"vlan 5\r", "vlan 5\r\n[core1-vlan5]"},
		}, []cmdWant{{"[sw1]", "sysname core1", "ok", ""}, {"[core1]", "vlan 5", "ok", ""}}},
		{"a first prompt in a sub-view", []step{
			{"", "[sw1-vlan10]"},
			{"quit\r", "quit\r\n[sw1]"},
			{"quit\r", "quit\r\n<sw1>"},
		}, []cmdWant{{"[sw1-vlan10]", "quit", "ok", ""}, {"[sw1]", "quit", "ok", ""}}},
		{"permission denied", []step{
			{"", "<sw1>"},
			{"system-view\r", "system-view\r\nSystem View: return to User View with Ctrl+Z.\r\n[sw1]"},
			{"vlan 10\r", "vlan 10\r\nPermission denied.\r\n[sw1]"},
		}, []cmdWant{{"<sw1>", "system-view", "ok", ""}, {"[sw1]", "vlan 10", "error", "Permission denied."}}},
		{"empty Enter and log lines", []step{
			{"", "<sw1>"},
			{"\r\n", "\r\n<sw1>"},
			{"", "\r\n%Sep  6 10:38:12:320 2018 sw1 SHELL/5/SHELL_LOGIN: VTY logged in from 169.254.100.171.\r\n<sw1>"},
			{"dis clock\r", "dis clock\r\n" + clock + "<sw1>"},
		}, []cmdWant{{"<sw1>", "dis clock", "ok", ""}}},
	}
	for _, tt := range tests {
		for _, split := range []bool{false, true} {
			name := tt.name
			if split {
				name += ", byte by byte"
			}
			t.Run(name, func(t *testing.T) {
				recs, _ := cut(tt.steps, split)
				var got []cmdWant
				for _, r := range recs {
					got = append(got, cmdWant{r.Prompt, r.Command, r.Result, r.Error})
					if r.User != "alice" || r.Device != "sw1" || r.Kind != KindCLI || r.Session != "s-1" {
						t.Errorf("record lost the session's fields: %+v", r)
					}
				}
				if len(got) != len(tt.want) {
					t.Fatalf("records:\n%q\nwant:\n%q", got, tt.want)
				}
				for i := range got {
					if got[i] != tt.want[i] {
						t.Errorf("record %d: %q, want %q", i, got[i], tt.want[i])
					}
				}
			})
		}
	}
}

func TestCutterDuration(t *testing.T) {
	recs, _ := cut([]step{
		{"", "<sw1>"},
		{"dis clock\r", "dis clock\r\n"}, // Enter at +10ms
		{"", "19:35:31 UTC Sat 01/08/2011\r\n"},
		{"", "<sw1>"}, // the prompt at +60ms
	}, false)
	if len(recs) != 1 {
		t.Fatalf("records %+v", recs)
	}
	start := time.Date(2026, 12, 7, 21, 58, 0, 30e6, time.UTC)
	if !recs[0].Time.Equal(start) || recs[0].Duration != 50*time.Millisecond {
		t.Errorf("time %v, duration %v; want %v and 50ms (Enter to prompt)", recs[0].Time, recs[0].Duration, start)
	}
}

func TestCutterClose(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		result, ew string
	}{
		{"quit ends the session", nil, "ok", ""},
		{"device stopped answering", os.ErrDeadlineExceeded, "timeout", "i/o timeout"},
		{"connection lost", errors.New("connection reset by peer"), "error", "connection reset by peer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, c := cut([]step{{"", "<sw1>"}, {"quit\r", "quit\r\n"}}, false)
			if len(recs) != 0 {
				t.Fatalf("records before the end: %+v", recs)
			}
			recs = c.Close(tt.err)
			if len(recs) != 1 || recs[0].Command != "quit" || recs[0].Result != tt.result || recs[0].Error != tt.ew {
				t.Errorf("Close: %+v, want quit %s %q", recs, tt.result, tt.ew)
			}
			if again := c.Close(nil); len(again) != 0 {
				t.Errorf("second Close: %+v", again)
			}
		})
	}
}

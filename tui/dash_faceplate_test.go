package tui

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"vtyd/tui/readers"
)

func TestPanelCells(t *testing.T) {
	var ps []readers.BridgeIf
	for i := 1; i <= 28; i++ {
		name, link := "GE1/0/", "UP"
		if i > 24 {
			name = "XGE1/0/"
		}
		switch i {
		case 3:
			link = "ADM"
		case 4, 26:
			link = "DOWN"
		}
		ps = append(ps, readers.BridgeIf{Name: name + strconv.Itoa(i), Link: link})
	}
	slots := panelSlots(ps)
	if len(slots) != 1 || len(slots[0].blocks) != 2 {
		t.Fatalf("slots %+v", slots)
	}
	top, bottom := slots[0].blocks[0].cells()
	// Odd ports above: 1, 3 (shut), 5 ...; even below: 2, 4 (down), 6 ...
	if len(top) != 12 || top[0] != 0 || top[1] != 2 || bottom[1] != 1 || bottom[0] != 0 {
		t.Errorf("GE block: top %v bottom %v", top, bottom)
	}
	top, bottom = slots[0].blocks[1].cells()
	if !reflect.DeepEqual(top, []int{0, 0}) || !reflect.DeepEqual(bottom, []int{1, 0}) {
		t.Errorf("XGE block (25-28, 26 down): top %v bottom %v", top, bottom)
	}
}

func TestFaceplate(t *testing.T) {
	tests := []struct {
		model string
		w, h  int
		want  []string // lines the Ports section holds
		not   []string
	}{
		// GE1/0/3 is shut (▒), GE1/0/11 down (░): the top row holds the odd ports.
		{"", 80, 24, []string{"█ 26 up  ░ 1 down  ▒ 1 shut", "   █▒███░ ██████ ██", "   ██████ ██████ ██"}, []string{"Top talkers"}},
		{"5130-52", 120, 40, []string{"   █▒███░ ██████ ", "Top talkers"}, nil},
		// The chassis by slot, two or more slots side by side; too tall at 80×24: the bar.
		{"10508", 120, 40, []string{"   1  █▒███░", "   7  "}, nil},
		{"10508", 250, 80, []string{"   1  █▒███░", "   5  "}, nil},
		{"10508", 80, 24, []string{"████████████████"}, []string{"   1  █▒███░"}},
	}
	for _, tt := range tests {
		t.Run(tt.model+"/"+strconv.Itoa(tt.w), func(t *testing.T) {
			f := newFixture(t, fixtureOpts{model: tt.model, w: tt.w, h: tt.h})
			f.key("1")
			s := f.screen()
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("no %q:\n%s", w, s)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(s, w) {
					t.Errorf("%q should not show:\n%s", w, s)
				}
			}
		})
	}
}

func TestTopTalkers(t *testing.T) {
	// At 80×24 the dashboard has no room for them and reads no rates: a held console stays small.
	small := newFixture(t, fixtureOpts{w: 80, h: 24})
	if small.m.data.have[resIfRates] {
		t.Error("the 80×24 dashboard read the rates")
	}
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	s := f.screen()
	var best string
	var most int64
	for _, p := range f.m.data.ifs.Bridge {
		if r := f.m.data.rates[readers.FullIfName(p.Name)]; r.InBytes+r.OutBytes > most {
			best, most = p.Name, r.InBytes+r.OutBytes
		}
	}
	i := strings.Index(s, "Top talkers")
	if i < 0 || best == "" {
		t.Fatalf("no top talkers:\n%s", s)
	}
	first := strings.SplitN(s[i:], "\n", 3)[1]
	if !strings.Contains(first, " "+best+" ") {
		t.Errorf("the first talker should be %s: %q", best, first)
	}
	if n := strings.Count(s[i:], " in "); n != 5 {
		t.Errorf("%d talkers at 120×40, want 5", n)
	}
}

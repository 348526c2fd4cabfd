package readers

import "testing"

func TestInterfaceCounters(t *testing.T) {
	tests := []struct {
		name, text string
		want       Counters
	}{
		{"ethernet port", read(t, "vtyd-if-ge2.txt"),
			Counters{HasCounters: true, InPackets: 42, InTotal: 14592, OutPackets: 29, OutTotal: 9487, HasErrors: true, LastFlap: "Never"}},
		{"management port", "M-GigabitEthernet0/0/0\nCurrent state: UP\nLast link flapping: 6 hours 39 minutes\n" +
			"input:   120 packets, 7680 bytes\n         0 broadcasts,0 multicasts\n" +
			"input:   - input errors,- runts,- giants,- throttles,0 CRC\n" +
			"output:  - output errors,- underruns,- buffer failures\n",
			Counters{HasCounters: true, InPackets: 120, InTotal: 7680, InErrors: -1, OutErrors: -1, HasErrors: true, LastFlap: "6 hours 39 minutes"}},
		{"errors counted", "GigabitEthernet1/0/7\n Input:  17 input errors, 0 runts, 0 giants, 0 throttles\n" +
			"        5 CRC, 0 frame, - overruns, 0 aborts\n Output: 3 output errors, - underruns, - buffer failures\n",
			Counters{InErrors: 17, OutErrors: 3, CRC: 5, HasErrors: true}},
		{"a description is not a counter", "GigabitEthernet1/0/8\nDescription: 4 input errors, see ticket\n",
			Counters{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ifs, err := ParseInterfaces(tt.text)
			if err != nil || len(ifs) != 1 {
				t.Fatalf("%v %+v", err, ifs)
			}
			if ifs[0].Counters != tt.want {
				t.Errorf("counters = %+v, want %+v", ifs[0].Counters, tt.want)
			}
		})
	}
	ifs, _ := ParseInterfaces("GigabitEthernet1/0/8\nDescription: 4 input errors, see ticket\n")
	if ifs[0].Description != "4 input errors, see ticket" {
		t.Errorf("description = %q", ifs[0].Description)
	}
}

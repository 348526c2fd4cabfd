package audit

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// referenceJSON is a record as encoding/json writes recordJSON, the log's format before
// appendRecord: the two must give the same bytes.
func referenceJSON(t testing.TB, r Record) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(recordJSON{
		Time: r.Time.UTC().Format(timeLayout), User: r.User, Source: r.Source, Device: r.Device,
		DeviceUser: r.DeviceUser, Prompt: r.Prompt, Command: r.Command, Result: r.Result, Error: r.Error,
		DurationMS: r.Duration.Milliseconds(), Op: r.Op, Session: r.Session, Kind: r.Kind,
	}); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func TestAppendRecordIsEncodingJSON(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 8, 7, 654321000, time.FixedZone("CET", 3600))
	for _, tc := range []struct{ name, s string }{
		{"plain", "display clock"},
		{"prompt", "<core1>"},
		{"html", `a<b>&c`},
		{"quotes", `say "hi" \ there`},
		{"named controls", "\b\f\n\r\t"},
		{"other controls", "\x00\x01\x1b[0m\x1f"},
		{"del", "a\x7fb"},
		{"utf8", "Gigabit€ 端口"},
		{"invalid utf8", "a\xff\xfeb\xe2\x82"},
		{"separators", "a\u2028b\u2029c"},
		{"empty", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Record{Time: at, User: tc.s, Source: "127.0.0.1:22", Device: "core1", DeviceUser: tc.s,
				Prompt: tc.s, Command: tc.s, Result: ResultError, Error: tc.s, Duration: 1500 * time.Microsecond,
				Op: "op-1", Session: tc.s, Kind: KindExec}
			got, err := r.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if want := referenceJSON(t, r); !bytes.Equal(got, want) {
				t.Errorf("MarshalJSON\n got %s\nwant %s", got, want)
			}
		})
	}
}

func FuzzAppendRecordIsEncodingJSON(f *testing.F) {
	f.Add("display clock", "<sw>", int64(12))
	f.Add("\x00\xff\u2028\"\\", "[sw-Vlan1]", int64(-3))
	f.Fuzz(func(t *testing.T, cmd, prompt string, ms int64) {
		r := Record{Time: time.Unix(ms, 0), Command: cmd, Prompt: prompt, Error: cmd + prompt,
			Duration: time.Duration(ms) * time.Millisecond}
		if got, want := appendRecord(nil, r), referenceJSON(t, r); !bytes.Equal(got, want) {
			t.Errorf("appendRecord\n got %s\nwant %s", got, want)
		}
	})
}

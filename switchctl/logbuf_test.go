package switchctl

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// logClock is a settable clock for devices whose output shows the time.
type logClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *logClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *logClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// logDevice is a test device whose clock starts at Sat 2011-01-08 19:35:31.042 UTC and moves only
// when the test moves it.
func logDevice(t testing.TB, opts ...func(*Options)) (*Device, *logClock) {
	t.Helper()
	clk := &logClock{t: time.Date(2011, 1, 8, 19, 35, 31, 42e6, time.UTC)}
	o := Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "admin-pw", Now: clk.Now}
	for _, f := range opts {
		f(&o)
	}
	d, _, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	return d, clk
}

// logLine matches a Comware log buffer entry: %Mon DD HH:MM:SS:mmm YYYY Sysname MODULE/sev/MNEMONIC: text.
var logLine = regexp.MustCompile(`^%[A-Z][a-z]{2} [ 123]\d \d\d:\d\d:\d\d:\d{3} \d{4} \S+ [A-Z]+/[0-7]/[A-Z_]+: .+$`)

func TestLogFormat(t *testing.T) {
	d, clk := logDevice(t)
	d.Logf("IFNET", SevError, "PHY_UPDOWN", "Physical state on the interface %s changed to %s.", "GigabitEthernet1/0/1", "down")
	clk.Advance(10 * 24 * time.Hour)
	d.Logf("SYSLOG", SevInformational, "SYS_RESTART", "System restarted --")
	want := []string{
		"%Jan  8 19:35:31:042 2011 HPE IFNET/3/PHY_UPDOWN: Physical state on the interface GigabitEthernet1/0/1 changed to down.",
		"%Jan 18 19:35:31:042 2011 HPE SYSLOG/6/SYS_RESTART: System restarted --",
	}
	got := d.LogEntries()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, l := range got {
		if !logLine.MatchString(l) {
			t.Errorf("%q does not look like a Comware log line", l)
		}
	}
}

func TestLogTimeIsUTC(t *testing.T) {
	zone := time.FixedZone("Z5", 5*3600)
	d, _ := logDevice(t, func(o *Options) {
		o.Now = func() time.Time { return time.Date(2011, 1, 9, 0, 30, 0, 0, zone) }
	})
	d.Logf("X", SevDebug, "Y", "z")
	if got := d.LogEntries()[0]; !strings.HasPrefix(got, "%Jan  8 19:30:00:000 2011 ") {
		t.Fatalf("entry %q, want the UTC time", got)
	}
}

func TestLogBufferBound(t *testing.T) {
	cases := []struct {
		size, logged              int
		current, overwritten, drp int
	}{
		{size: 5, logged: 3, current: 3},
		{size: 5, logged: 5, current: 5},
		{size: 5, logged: 12, current: 5, overwritten: 7},
		{size: 1, logged: 4, current: 1, overwritten: 3},
		{size: 0, logged: 4, drp: 4},
		{size: DefaultLogBufferSize, logged: 600, current: 512, overwritten: 88},
		{size: MaxLogBufferSize, logged: 1500, current: 1024, overwritten: 476},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("size%d_logged%d", tc.size, tc.logged), func(t *testing.T) {
			d, _ := logDevice(t)
			if err := d.update(func(c *Config) error { c.InfoCenter.BufferSize = tc.size; return nil }); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < tc.logged; i++ {
				d.Logf("TEST", SevInformational, "N", "entry %d", i)
			}
			st := d.logs.stats()
			if len(st.entries) != tc.current || st.overwritten != tc.overwritten || st.dropped != tc.drp {
				t.Fatalf("current %d overwritten %d dropped %d; want %d %d %d", len(st.entries), st.overwritten, st.dropped,
					tc.current, tc.overwritten, tc.drp)
			}
			if tc.current > 0 {
				last := st.entries[len(st.entries)-1].text
				if !strings.HasSuffix(last, fmt.Sprintf("entry %d", tc.logged-1)) {
					t.Fatalf("newest entry %q", last)
				}
				first := st.entries[0].text
				if !strings.HasSuffix(first, fmt.Sprintf("entry %d", tc.logged-tc.current)) {
					t.Fatalf("oldest entry %q", first)
				}
			}
		})
	}
}

func TestLogBufferShrinkKeepsNewest(t *testing.T) {
	d, _ := logDevice(t)
	for i := 0; i < 10; i++ {
		d.Logf("TEST", SevInformational, "N", "entry %d", i)
	}
	d.update(func(c *Config) error { c.InfoCenter.BufferSize = 4; return nil })
	d.Logf("TEST", SevInformational, "N", "entry %d", 10)
	got := d.LogEntries()
	if len(got) != 4 || !strings.HasSuffix(got[0], "entry 7") || !strings.HasSuffix(got[3], "entry 10") {
		t.Fatalf("after shrinking: %q", got)
	}
	if st := d.logs.stats(); st.overwritten != 7 {
		t.Fatalf("overwritten %d, want 7", st.overwritten)
	}
	d.update(func(c *Config) error { c.InfoCenter.BufferSize = 100; return nil })
	d.Logf("TEST", SevInformational, "N", "entry %d", 11)
	if got := d.LogEntries(); len(got) != 5 || !strings.HasSuffix(got[0], "entry 7") {
		t.Fatalf("after growing: %q", got)
	}
}

func TestLogEvents(t *testing.T) {
	d, _ := logDevice(t)
	ch, stop := d.Subscribe(8)
	defer stop()
	d.Logf("SHELL", SevNotification, "SHELL_LOGIN", "VTY logged in from %s.", "127.0.0.1")
	e := <-ch
	if e.Kind != EventLog || e.Text != d.LogEntries()[0] {
		t.Fatalf("event %+v, want the log entry %q", e, d.LogEntries()[0])
	}

	// With only the log buffer off, monitoring terminals still get the log.
	d.update(func(c *Config) error { c.InfoCenter.LogBuffer = false; return nil })
	<-ch // the configuration change
	d.Logf("SHELL", SevNotification, "SHELL_LOGOUT", "VTY logged out from %s.", "127.0.0.1")
	if e := <-ch; e.Kind != EventLog || !strings.Contains(e.Text, "SHELL_LOGOUT") {
		t.Fatalf("event %+v, want the logout", e)
	}
	if n := len(d.LogEntries()); n != 1 {
		t.Fatalf("the disabled log buffer holds %d entries", n)
	}

	// With the information center off, nothing is logged anywhere.
	d.update(func(c *Config) error { c.InfoCenter.LogBuffer, c.InfoCenter.Enabled = true, false; return nil })
	<-ch
	d.Logf("SHELL", SevNotification, "SHELL_LOGIN", "VTY logged in from %s.", "127.0.0.1")
	d.update(func(c *Config) error { return nil }) // a marker: the next event must be this one
	if e := <-ch; e.Kind != EventConfig {
		t.Fatalf("event %+v while the information center is disabled", e)
	}
	if n := len(d.LogEntries()); n != 1 {
		t.Fatalf("the log buffer holds %d entries with the information center disabled", n)
	}
}

func TestLogConcurrent(t *testing.T) {
	d, _ := logDevice(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				d.Logf("TEST", SevInformational, "N", "g%d %d", g, i)
				_ = d.LogEntries()
			}
		}()
	}
	wg.Wait()
	if st := d.logs.stats(); len(st.entries)+st.overwritten != 1600 {
		t.Fatalf("%d entries + %d overwritten, want 1600", len(st.entries), st.overwritten)
	}
}

// TestLogEscapesTerminalControls: text from outside (a pre-authentication user name with an 8-bit
// CSI, a newline that would forge a second entry) is stored escaped, so `display logbuffer` and
// `terminal monitor` never send it raw.
func TestLogEscapesTerminalControls(t *testing.T) {
	d := newTestDevice(t)
	events, stop := d.Subscribe(4)
	defer stop()
	d.Logf("SSHS", SevNotification, "SSHS_AUTH_FAIL", "SSH user %s (IP: %s) failed to log in.", "ev\x9b2Jil\x1b]0;x\x07\n%fake", "10.0.0.1")
	entries := d.LogEntries()
	got := entries[len(entries)-1]
	want := `SSH user ev\x9b2Jil\x1b]0;x\x07\n%fake (IP: 10.0.0.1) failed to log in.`
	if !strings.HasSuffix(got, want) {
		t.Errorf("log entry %q\nwant it to end with %q", got, want)
	}
	if e := <-events; e.Text != got {
		t.Errorf("published %q, stored %q", e.Text, got)
	}
}

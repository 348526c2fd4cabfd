package audit

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// fields are the JSON names operators write jq against; changing one breaks their scripts.
var fields = []string{"cmd", "device", "device_user", "duration_ms", "error", "kind", "op", "prompt", "result",
	"session", "src", "time", "user"}

// readLines parses every line of a log file as an operator's jq would.
func readLines(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%s: line %d is not JSON: %v: %q", path, len(out)+1, err, sc.Text())
		}
		out = append(out, m)
	}
	return out
}

func TestLogWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "audit")
	l, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 7, 22, 58, 0, 123456789, time.FixedZone("CET", 3600))
	r := Record{Time: at, User: "alice", Source: "192.0.2.7:53122", Device: "core1", DeviceUser: "netops",
		Prompt: "[core1-luser-manage-bob]", Command: "password simple Hunter2", Result: ResultOK,
		Duration: 1500 * time.Microsecond, Op: "op-1", Session: "s-1", Kind: KindPaste}
	if err := l.Write(r); err != nil {
		t.Fatal(err)
	}
	if err := l.Write(Record{User: "alice", Command: "dis ver", Result: ResultError, Error: "% Unrecognized command found at '^' position."}); err != nil {
		t.Fatal(err)
	}
	// Acknowledged means on disk: read before Close, as a restarted gateway would.
	lines := readLines(t, filepath.Join(dir, "audit.jsonl"))
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	keys := make([]string, 0, len(lines[0]))
	for k := range lines[0] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, fields) {
		t.Errorf("fields %v, want %v", keys, fields)
	}
	want := map[string]any{"time": "2026-12-07T21:58:00.123Z", "user": "alice", "src": "192.0.2.7:53122",
		"device": "core1", "device_user": "netops", "prompt": "[core1-luser-manage-bob]",
		"cmd": "password simple ******", "result": "ok", "error": "", "duration_ms": 1.0, "op": "op-1",
		"session": "s-1", "kind": "paste"}
	for k, v := range want {
		if lines[0][k] != v {
			t.Errorf("%s = %#v, want %#v", k, lines[0][k], v)
		}
	}
	if ts, _ := lines[1]["time"].(string); !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`).MatchString(ts) {
		t.Errorf("time set by Write = %q, want RFC 3339 UTC with ms", ts)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Write(r); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close = %v, want ErrClosed", err)
	}
	assertMode(t, dir, 0o700)
	assertMode(t, filepath.Join(dir, "audit.jsonl"), 0o600)

	var back Record
	b, _ := r.MarshalJSON()
	if err := json.Unmarshal(b, &back); err != nil || back.User != "alice" || back.Duration != time.Millisecond || !back.Time.Equal(at.Truncate(time.Millisecond)) {
		t.Errorf("round trip = %+v, %v", back, err)
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("%s mode %v, want %v", path, got, want)
	}
}

func TestLogTornLine(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"torn last line", `{"cmd":"a"}` + "\n" + `{"cmd":"b"}` + "\n" + `{"cmd":"c`, `{"cmd":"a"}` + "\n" + `{"cmd":"b"}` + "\n"},
		{"only a torn line", `{"cmd":"c`, ""},
		{"zeros after a crash", `{"cmd":"a"}` + "\n\x00\x00\x00", `{"cmd":"a"}` + "\n"},
		{"whole", `{"cmd":"a"}` + "\n", `{"cmd":"a"}` + "\n"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			live := filepath.Join(dir, "audit.jsonl")
			if err := os.WriteFile(live, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			l, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(live)
			if string(got) != tt.want {
				t.Errorf("after Open: %q, want %q", got, tt.want)
			}
			if err := l.Write(Record{Command: "display version"}); err != nil {
				t.Fatal(err)
			}
			l.Close()
			lines := readLines(t, live)
			if last := lines[len(lines)-1]["cmd"]; last != "display version" {
				t.Errorf("last record %v, want the new one", last)
			}
			assertMode(t, live, 0o600)
		})
	}
}

func TestLogRotate(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir, Options{MaxSize: 1000, Keep: 2})
	if err != nil {
		t.Fatal(err)
	}
	const n = 40 // about 220 bytes each: several rotations
	for i := range n {
		if err := l.Write(Record{Command: fmt.Sprintf("vlan %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	rot, err := Rotated(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(rot) != 2 {
		t.Fatalf("rotated files %v, want Keep=2 of them", rot)
	}
	var cmds []string
	for _, name := range append(rot, "audit.jsonl") {
		if !regexp.MustCompile(`^audit\.jsonl$|^audit-\d{8}T\d{6}\.\d{3}Z\.jsonl$`).MatchString(name) {
			t.Errorf("file name %q", name)
		}
		path := filepath.Join(dir, name)
		assertMode(t, path, 0o600)
		if st, _ := os.Stat(path); st.Size() > 1000 {
			t.Errorf("%s is %d bytes, over MaxSize", name, st.Size())
		}
		for _, m := range readLines(t, path) {
			cmds = append(cmds, m["cmd"].(string))
		}
	}
	// What is left is the newest records, in order, none missing between them.
	if len(cmds) == 0 || cmds[len(cmds)-1] != fmt.Sprintf("vlan %d", n-1) {
		t.Fatalf("records %v", cmds)
	}
	first := n - len(cmds)
	for i, c := range cmds {
		if want := fmt.Sprintf("vlan %d", first+i); c != want {
			t.Errorf("record %d = %q, want %q", i, c, want)
		}
	}
}

// fakeFile is a disk that fails or hangs on demand.
type fakeFile struct {
	mu       sync.Mutex
	data     []byte
	room     int           // bytes the disk takes before ENOSPC; <0 is unlimited
	syncs    int           // fsyncs done
	hold     chan struct{} // while open, Sync waits on it
	inSync   chan struct{} // told when a Sync starts waiting
	readOnly bool
}

func (f *fakeFile) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.room >= 0 && len(p) > f.room {
		n := f.room
		f.data = append(f.data, p[:n]...)
		f.room = 0
		return n, &os.PathError{Op: "write", Path: "audit.jsonl", Err: syscall.ENOSPC}
	}
	if f.room >= 0 {
		f.room -= len(p)
	}
	f.data = append(f.data, p...)
	return len(p), nil
}

func (f *fakeFile) ReadAt(p []byte, off int64) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return copy(p, f.data[off:]), nil
}

func (f *fakeFile) Sync() error {
	f.mu.Lock()
	hold, in := f.hold, f.inSync
	f.syncs++
	f.mu.Unlock()
	if hold != nil {
		if in != nil {
			in <- struct{}{}
		}
		<-hold
	}
	return nil
}

func (f *fakeFile) Truncate(n int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.data = f.data[:n]
	return nil
}

func (f *fakeFile) Stat() (os.FileInfo, error) { return fakeInfo(len(f.data)), nil }
func (f *fakeFile) Close() error               { return nil }

type fakeInfo int

func (n fakeInfo) Name() string       { return "audit.jsonl" }
func (n fakeInfo) Size() int64        { return int64(n) }
func (n fakeInfo) Mode() os.FileMode  { return 0o600 }
func (n fakeInfo) ModTime() time.Time { return time.Time{} }
func (n fakeInfo) IsDir() bool        { return false }
func (n fakeInfo) Sys() any           { return nil }

func openFake(f *fakeFile) Options {
	return Options{open: func(string) (file, error) { return f, nil }}
}

func TestLogFullDisk(t *testing.T) {
	f := &fakeFile{room: 300}
	l, err := Open(t.TempDir(), openFake(f))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.Write(Record{Command: "vlan 10"}); err != nil {
		t.Fatal(err)
	}
	err = l.Write(Record{Command: "vlan 20"})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Write on a full disk = %v, want ENOSPC", err)
	}
	if !strings.Contains(err.Error(), "no space left") {
		t.Errorf("error %q does not say the disk is full", err)
	}
	f.mu.Lock()
	data := string(f.data)
	f.mu.Unlock()
	if strings.Count(data, "\n") != 1 || !strings.HasSuffix(data, "\n") || !strings.Contains(data, `"vlan 10"`) {
		t.Errorf("file after a full disk: %q, want the first record whole and no half line", data)
	}
}

func TestLogStuckDisk(t *testing.T) {
	f := &fakeFile{room: -1, hold: make(chan struct{})}
	opt := openFake(f)
	opt.Timeout = 50 * time.Millisecond
	l, err := Open(t.TempDir(), opt)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := l.Write(Record{Command: "save"}); !errors.Is(err, ErrTimeout) {
		t.Fatalf("Write on a stuck disk = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Write took %v with a 50ms timeout", d)
	}
	close(f.hold) // the disk comes back
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestLogGroupCommit: records that arrive while an fsync runs share the next one.
func TestLogGroupCommit(t *testing.T) {
	f := &fakeFile{room: -1, hold: make(chan struct{}), inSync: make(chan struct{}, 1)}
	l, err := Open(t.TempDir(), openFake(f))
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 11)
	go func() { errs <- l.Write(Record{Command: "first"}) }()
	<-f.inSync // the first fsync is under way and holds the writer
	f.mu.Lock()
	f.inSync = nil
	f.mu.Unlock()
	for i := range 10 {
		go func() { errs <- l.Write(Record{Command: fmt.Sprintf("vlan %d", i)}) }()
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		l.mu.Lock()
		waiting := strings.Count(string(l.pending.buf), "\n")
		l.mu.Unlock()
		if waiting == 10 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d records waiting, want 10", waiting)
		}
		time.Sleep(time.Millisecond) // polls for the goroutines above; the test waits for the count
	}
	close(f.hold)
	for range 11 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.syncs != 2 || strings.Count(string(f.data), "\n") != 11 {
		t.Errorf("%d fsyncs for %d records, want 2 for 11", f.syncs, strings.Count(string(f.data), "\n"))
	}
}

// TestLogConcurrentRotate: sessions writing at once across rotations lose no acknowledged record.
func TestLogConcurrentRotate(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir, Options{MaxSize: 2000, Keep: 1000})
	if err != nil {
		t.Fatal(err)
	}
	const sessions, each = 8, 25
	var wg sync.WaitGroup
	for s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if err := l.Write(Record{Session: fmt.Sprint(s), Command: fmt.Sprintf("vlan %d", i)}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	rot, _ := Rotated(dir)
	if len(rot) < 2 {
		t.Errorf("%d rotations, want several", len(rot))
	}
	seen := map[string]bool{}
	for _, name := range append(rot, "audit.jsonl") {
		for _, m := range readLines(t, filepath.Join(dir, name)) {
			seen[m["session"].(string)+"/"+m["cmd"].(string)] = true
		}
	}
	if len(seen) != sessions*each {
		t.Errorf("%d distinct records on disk, want %d", len(seen), sessions*each)
	}
}

// TestLogGather: while several sessions write at the same time, records wait for each other and
// share fsyncs; otherwise each is committed at once.
func TestLogGather(t *testing.T) {
	t.Run("sessions writing at once", func(t *testing.T) {
		f := &fakeFile{room: -1, hold: make(chan struct{}), inSync: make(chan struct{}, 1)}
		l, err := Open(t.TempDir(), openFake(f))
		if err != nil {
			t.Fatal(err)
		}
		const sessions, each = 8, 25
		var wg sync.WaitGroup
		errs := make(chan error, sessions*each)
		for s := range sessions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					errs <- l.Write(Record{Session: fmt.Sprintf("s%d", s), Command: fmt.Sprintf("vlan %d", i)})
				}
			}()
		}
		// The first fsync holds the writer until every session has a record under way: from then on
		// they write at the same time, whatever the scheduler does.
		<-f.inSync
		f.mu.Lock()
		f.inSync = nil
		f.mu.Unlock()
		deadline := time.Now().Add(10 * time.Second)
		for {
			l.mu.Lock()
			inflight := l.inflight
			l.mu.Unlock()
			if inflight == sessions {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d sessions writing, want %d", inflight, sessions)
			}
			time.Sleep(time.Millisecond) // polls for the goroutines above; the test waits for the count
		}
		close(f.hold)
		wg.Wait()
		l.Close()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if n := strings.Count(string(f.data), "\n"); n != sessions*each || f.syncs > n/2 {
			t.Errorf("%d fsyncs for %d records of %d sessions, want at most one for two", f.syncs, n, sessions)
		}
	})
	// Two execs at once, each a session of one record that ends once its record is kept: the
	// second is not held for the first, which will write no more.
	t.Run("a session that ended", func(t *testing.T) {
		f := &fakeFile{room: -1, hold: make(chan struct{}), inSync: make(chan struct{}, 1)}
		l := openLongGather(t, f) // waiting for the ended session would time the Write out
		first := make(chan error, 1)
		go func() { first <- l.Write(Record{Session: "exec1", Command: "display clock"}) }()
		<-f.inSync // exec1's record is in its fsync, held
		second := make(chan error, 1)
		go func() { second <- l.Write(Record{Session: "exec2", Command: "display clock"}) }()
		deadline := time.Now().Add(10 * time.Second)
		for {
			l.mu.Lock()
			inflight := l.inflight
			l.mu.Unlock()
			if inflight == 2 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the second Write did not start")
			}
			time.Sleep(time.Millisecond) // polls for the goroutine above; the test waits for the count
		}
		close(f.hold)
		if err := <-first; err != nil {
			t.Fatal(err)
		}
		l.Ended("exec1")
		if err := <-second; err != nil {
			t.Fatalf("the second exec's record: %v", err)
		}
	})
	// Execs at once: a record waits for the command another exec has under way (Begin), and the
	// two share an fsync.
	t.Run("a command under way", func(t *testing.T) {
		f := &fakeFile{room: -1, hold: make(chan struct{}), inSync: make(chan struct{}, 1)}
		l := openLongGather(t, f) // only the record under way ends the wait
		// Two execs that wrote at the same time, each a session that ends once its record is
		// kept: the log knows sessions write together.
		errs := make(chan error, 2)
		exec := func(session string) {
			errs <- l.Write(Record{Session: session, Command: "display clock"})
			l.Ended(session)
		}
		go exec("exec1")
		<-f.inSync
		f.mu.Lock()
		f.inSync = nil
		f.mu.Unlock()
		go exec("exec2")
		waitFor(t, "the second Write to start", func() bool { return l.inflight == 2 }, l)
		close(f.hold)
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		f.mu.Lock()
		before := f.syncs
		f.mu.Unlock()

		l.Begin("exec3")
		done := make(chan error, 1)
		go func() { done <- l.Write(Record{Session: "exec4", Command: "display version"}) }()
		waitFor(t, "exec4's record", func() bool { return l.pending.records == 1 || len(done) > 0 }, l)
		select {
		case err := <-done:
			t.Fatalf("exec4's record was kept (%v) while exec3's command was under way", err)
		case <-time.After(20 * time.Millisecond): // holding on; a slow machine only holds it longer
		}
		if err := l.Write(Record{Session: "exec3", Command: "display clock"}); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if n := f.syncs - before; n != 1 {
			t.Errorf("%d fsyncs for the two records, want one", n)
		}
	})
	// One session alone, and sessions one after the other, each its record and gone (a script's
	// execs in turn): nobody is held for anybody, each record has its own fsync.
	for name, session := range map[string]func(i int) string{
		"one session alone": func(int) string { return "s1" },
		"sessions in turn":  func(i int) string { return fmt.Sprintf("s%d", i) },
	} {
		t.Run(name, func(t *testing.T) {
			f := &fakeFile{room: -1}
			l := openLongGather(t, f) // a gather would time the Write out
			for i := range 20 {
				if err := l.Write(Record{Session: session(i), Command: fmt.Sprintf("vlan %d", i)}); err != nil {
					t.Fatalf("record %d: %v", i, err)
				}
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.syncs != 20 {
				t.Errorf("%d fsyncs for 20 records, want one each", f.syncs)
			}
		})
	}
}

// openLongGather opens a log on f whose group commit waits an hour, longer than a Write waits (5 s):
// a record held for one that is not coming times the Write out. It is closed when the test ends.
func openLongGather(t *testing.T, f *fakeFile) *Log {
	t.Helper()
	opt := openFake(f)
	opt.gatherWindow = time.Hour
	opt.Timeout = 5 * time.Second
	l, err := Open(t.TempDir(), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// waitFor polls cond, under l.mu, for up to 10 s: the test waits for goroutines it started.
func waitFor(t *testing.T, what string, cond func() bool, l *Log) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		l.mu.Lock()
		ok := cond()
		l.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

package sshsrv

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// scpClient is the client side of the legacy SCP protocol, as OpenSSH's `scp -O` speaks it.
type scpClient struct {
	sess *gossh.Session
	in   io.WriteCloser
	out  *bufio.Reader
}

func startSCP(t *testing.T, c *gossh.Client, cmd string) *scpClient {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Start(cmd); err != nil {
		t.Fatal(err)
	}
	return &scpClient{sess: sess, in: in, out: bufio.NewReader(out)}
}

// reply reads the server's answer: "" for ok, else the error text with its code ("1 scp: ...").
func (s *scpClient) reply() string {
	code, err := s.out.ReadByte()
	if err != nil {
		return "read error: " + err.Error()
	}
	if code == 0 {
		return ""
	}
	msg, _ := s.out.ReadString('\n')
	return fmt.Sprintf("%d %s", code, strings.TrimSuffix(msg, "\n"))
}

// finish ends the client's side and returns the exit status.
func (s *scpClient) finish() int {
	s.in.Close()
	_, _ = io.Copy(io.Discard, s.out)
	err := s.sess.Wait()
	var ee *gossh.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitStatus()
	}
	return -1
}

// scpPut runs cmd (scp -t ...) and sends one file as name, with a T record first when times is
// set. It returns the first refusal ("" when every reply was ok) and the exit status.
func scpPut(t *testing.T, c *gossh.Client, cmd, name string, data []byte, times bool) (string, int) {
	t.Helper()
	s := startSCP(t, c, cmd)
	steps := []func(){func() {}}
	if times {
		steps = append(steps, func() { fmt.Fprintf(s.in, "T1700000000 0 1700000000 0\n") })
	}
	steps = append(steps,
		func() { fmt.Fprintf(s.in, "C0644 %d %s\n", len(data), name) },
		func() { s.in.Write(append(append([]byte(nil), data...), 0)) })
	for _, step := range steps {
		step()
		if msg := s.reply(); msg != "" {
			return msg, s.finish()
		}
	}
	return "", s.finish()
}

// scpGet runs cmd (scp -f ...) and receives one file.
func scpGet(t *testing.T, c *gossh.Client, cmd string) (data []byte, msg string, status int) {
	t.Helper()
	s := startSCP(t, c, cmd)
	s.in.Write([]byte{0})
	for {
		code, err := s.out.ReadByte()
		if err != nil {
			return nil, "read error: " + err.Error(), s.finish()
		}
		line, _ := s.out.ReadString('\n')
		line = strings.TrimSuffix(line, "\n")
		switch code {
		case 'T':
			s.in.Write([]byte{0})
			continue
		case 'C':
			var mode, size int
			var name string
			if _, err := fmt.Sscanf(line, "%o %d %s", &mode, &size, &name); err != nil {
				return nil, "bad record " + line, s.finish()
			}
			s.in.Write([]byte{0})
			data = make([]byte, size)
			if _, err := io.ReadFull(s.out, data); err != nil {
				return nil, "short data", s.finish()
			}
			if end := s.reply(); end != "" {
				return nil, end, s.finish()
			}
			s.in.Write([]byte{0})
			return data, "", s.finish()
		default:
			return nil, fmt.Sprintf("%d %s", code, line), s.finish()
		}
	}
}

// TestSCPUploadPathForms sends a file with `scp -t` to every name form scp users write after
// host: and checks where it lands.
func TestSCPUploadPathForms(t *testing.T) {
	e := newXferServer(t, 0)
	if err := e.d.Flash().Mkdir("sub"); err != nil {
		t.Fatal(err)
	}
	c := e.login(t, "admin", "secret")
	data := []byte("sysname scp\nreturn\n")
	for _, tc := range []struct{ cmd, want string }{
		{"scp -t flash:/a.cfg", "a.cfg"},
		{"scp -t flash:b.cfg", "b.cfg"},
		{"scp -t /c.cfg", "c.cfg"},
		{"scp -t d.cfg", "d.cfg"},
		{"scp -t .", "sent.cfg"},
		{"scp -t flash:/", "sent.cfg"},
		{"scp -d -t flash:/sub", "sub/sent.cfg"},
		{"scp -t -- 'flash:/e f.cfg'", "e f.cfg"},
		{"scp -v -p -t flash:/g.cfg", "g.cfg"},
	} {
		t.Run(tc.cmd, func(t *testing.T) {
			msg, status := scpPut(t, c, tc.cmd, "sent.cfg", data, strings.Contains(tc.cmd, "-p"))
			if msg != "" || status != 0 {
				t.Fatalf("refused: %q, exit %d", msg, status)
			}
			if got, err := e.d.Flash().ReadFile(tc.want); err != nil || !bytes.Equal(got, data) {
				t.Errorf("flash:/%s = %q, %v", tc.want, got, err)
			}
			if err := e.d.Flash().Remove(tc.want); err != nil {
				t.Fatal(err)
			}
		})
	}
	if len(e.d.Logins()) != 0 {
		t.Errorf("SCP logins left registered: %+v", e.d.Logins())
	}
}

// TestSCPDownload fetches files with `scp -f` and checks the refusals of names that are missing or
// outside flash:.
func TestSCPDownload(t *testing.T) {
	e := newXferServer(t, 0)
	data := bytes.Repeat([]byte("interface GigabitEthernet1/0/1\n"), 5000)
	if err := e.d.Flash().WriteFileAtomic("run.cfg", data); err != nil {
		t.Fatal(err)
	}
	c := e.login(t, "admin", "secret")
	for _, cmd := range []string{"scp -f flash:/run.cfg", "scp -f run.cfg", "scp -p -f /run.cfg", "scp -f flash:run.cfg"} {
		got, msg, status := scpGet(t, c, cmd)
		if msg != "" || status != 0 || !bytes.Equal(got, data) {
			t.Errorf("%s: %d bytes, %q, exit %d", cmd, len(got), msg, status)
		}
	}
	for _, tc := range []struct{ cmd, want string }{
		{"scp -f flash:/none.cfg", "1 scp: flash:/none.cfg: No such file or directory"},
		{"scp -f ../etc/passwd", "1 scp: ../etc/passwd: Permission denied (outside flash:)"},
		{"scp -f cfa0:/run.cfg", "1 scp: cfa0:/run.cfg: Permission denied (outside flash:)"},
		{"scp -f /", "1 scp: flash:/: not a regular file"},
	} {
		_, msg, status := scpGet(t, c, tc.cmd)
		if msg != tc.want || status != 1 {
			t.Errorf("%s: %q, exit %d; want %q, exit 1", tc.cmd, msg, status, tc.want)
		}
	}
}

// TestSCPCapacity sends a file larger than the free space: it is refused before its bytes flow,
// nothing is written, and the exit status says so.
func TestSCPCapacity(t *testing.T) {
	const capacity = 128 << 10
	e := newXferServer(t, capacity)
	c := e.login(t, "admin", "secret")
	msg, status := scpPut(t, c, "scp -t flash:/big.bin", "big.bin", bytes.Repeat([]byte("x"), capacity+1), false)
	if !strings.HasPrefix(msg, "1 scp: flash:/big.bin: No space left on device") || status != 1 {
		t.Errorf("too big: %q, exit %d; want a no-space warning and exit 1", msg, status)
	}
	if _, err := os.Stat(filepath.Join(e.flashDir(), "big.bin")); err == nil {
		t.Error("big.bin exists")
	}
	noTempFiles(t, e.flashDir())
	if msg, status := scpPut(t, c, "scp -t flash:/small.cfg", "small.cfg", []byte("return\n"), false); msg != "" || status != 0 {
		t.Errorf("a small file after the refusal: %q, exit %d", msg, status)
	}
}

// TestSCPAccess checks `scp server enable`, the user's service type, and the invocations vtyd does
// not serve; refusals are fatal protocol errors (code 2) with exit status 1.
func TestSCPAccess(t *testing.T) {
	for _, tc := range []struct {
		name, cmd string
		config    []string
		want      string // "" for allowed
	}{
		{"default", "scp -t flash:/x.cfg", nil, ""},
		{"disabled", "scp -t flash:/x.cfg", []string{"undo scp server enable"}, "2 scp: The SCP server is disabled."},
		{"service scp", "scp -t flash:/x.cfg", []string{"ssh user admin service-type scp authentication-type password"}, ""},
		{"service all", "scp -t flash:/x.cfg", []string{"ssh user admin service-type all authentication-type password"}, ""},
		{"service sftp", "scp -t flash:/x.cfg", []string{"ssh user admin service-type sftp authentication-type password"},
			"2 scp: The user is not authorized for SCP (ssh user admin service-type sftp)."},
		{"service stelnet", "scp -t flash:/x.cfg", []string{"ssh user admin service-type stelnet authentication-type password"},
			"2 scp: The user is not authorized for SCP (ssh user admin service-type stelnet)."},
		{"remote to remote", "scp a.cfg b.cfg", nil, "2 scp: only scp -t (upload) or -f (download) can run on the device"},
		{"unknown option", "scp -Z -t x.cfg", nil, "2 scp: unsupported option -Z"},
		{"outside", "scp -t ../x.cfg", nil, "2 scp: ../x.cfg: Permission denied (outside flash:)"},
		{"not a directory", "scp -d -t flash:/x.cfg", nil, "2 scp: flash:/x.cfg: Not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newXferServer(t, 0)
			e.configure(t, tc.config...)
			msg, status := scpPut(t, e.login(t, "admin", "secret"), tc.cmd, "x.cfg", []byte("return\n"), false)
			if msg != tc.want || (status == 0) != (tc.want == "") {
				t.Errorf("%s: %q, exit %d; want %q", tc.cmd, msg, status, tc.want)
			}
		})
	}
}

// TestSCPDirectoryRefused sends a directory (scp -r): refused, nothing created.
func TestSCPDirectoryRefused(t *testing.T) {
	e := newXferServer(t, 0)
	s := startSCP(t, e.login(t, "admin", "secret"), "scp -r -t flash:/")
	if msg := s.reply(); msg != "" {
		t.Fatal(msg)
	}
	fmt.Fprintf(s.in, "D0755 0 dir\n")
	if msg := s.reply(); !strings.HasPrefix(msg, "2 scp: directories cannot be copied") {
		t.Errorf("D record: %q", msg)
	}
	if status := s.finish(); status != 1 {
		t.Errorf("exit %d; want 1", status)
	}
	if _, err := os.Stat(filepath.Join(e.flashDir(), "dir")); err == nil {
		t.Error("the directory was created")
	}
}

// TestParseSCP checks which exec commands handleSCP takes: scp itself, never a CLI command.
func TestParseSCP(t *testing.T) {
	for _, tc := range []struct {
		argv   []string
		ok     bool
		sink   bool
		paths  int
		errSet bool
	}{
		{[]string{"display", "version"}, false, false, 0, false},
		{[]string{"scpx", "-t", "a"}, false, false, 0, false},
		{nil, false, false, 0, false},
		{[]string{"scp", "-t", "a"}, true, true, 1, false},
		{[]string{"scp", "-pt", "--", "-a"}, true, true, 1, false},
		{[]string{"scp", "-f", "a", "b"}, true, false, 2, false},
		{[]string{"scp", "-t", "a", "b"}, true, true, 2, true},
		{[]string{"scp", "-t", "-f", "a"}, true, true, 1, true},
		{[]string{"scp", "-t"}, true, true, 0, true},
	} {
		a, ok, err := parseSCP(tc.argv)
		if ok != tc.ok || (err != nil) != tc.errSet || (ok && !tc.errSet && (a.sink != tc.sink || len(a.paths) != tc.paths)) {
			t.Errorf("parseSCP(%q) = %+v, %v, %v", tc.argv, a, ok, err)
		}
	}
}

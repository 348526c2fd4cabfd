package sshsrv

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vtyd/internal/termtest"
)

// TestSFTPRoundTrip uploads, lists, stats, renames, downloads and removes files on flash:, in the
// Comware name forms, and checks that the channel ends with exit status 0.
func TestSFTPRoundTrip(t *testing.T) {
	e := newXferServer(t, 0)
	client, wait, err := sftpSession(t, e.login(t, "admin", "secret"))
	if err != nil {
		t.Fatal(err)
	}
	if wd, err := client.Getwd(); err != nil || wd != "/" {
		t.Errorf("Getwd = %q, %v; want / (flash:/)", wd, err)
	}
	data := bytes.Repeat([]byte("vlan 10\n name users\n#\n"), 3000) // ~70 KB: several SFTP packets
	for _, name := range []string{"a.cfg", "/b.cfg", "flash:/c.cfg", "flash:d.cfg"} {
		if err := termtest.PutFile(client, name, data); err != nil {
			t.Fatalf("put %s: %v", name, err)
		}
	}
	for _, name := range []string{"a.cfg", "b.cfg", "c.cfg", "d.cfg"} {
		got, err := e.d.Flash().ReadFile(name)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("flash:/%s: %d bytes, %v; want the %d bytes sent", name, len(got), err, len(data))
		}
	}
	if got, err := termtest.ReadAll(client, "flash:/a.cfg"); err != nil || !bytes.Equal(got, data) {
		t.Errorf("get flash:/a.cfg: %d bytes, %v", len(got), err)
	}
	if st, err := client.Stat("flash:/b.cfg"); err != nil || st.Size() != int64(len(data)) || st.IsDir() {
		t.Errorf("stat flash:/b.cfg = %v, %v", st, err)
	}

	if err := client.Mkdir("cfg"); err != nil {
		t.Fatal(err)
	}
	if err := client.Rename("c.cfg", "cfg/c.cfg"); err != nil {
		t.Fatalf("rename: %v", err)
	}
	if err := client.Rename("a.cfg", "b.cfg"); err == nil {
		t.Error("rename over an existing file succeeded; SFTP v3 rename must refuse it")
	}
	if err := client.PosixRename("a.cfg", "b.cfg"); err != nil {
		t.Errorf("posix-rename over an existing file: %v", err)
	}
	if err := client.Remove("d.cfg"); err != nil {
		t.Fatal(err)
	}
	if err := client.RemoveDirectory("cfg"); err == nil {
		t.Error("rmdir of a non-empty directory succeeded")
	}
	names := termtest.List(t, client, "/")
	if want := []string{"b.cfg", "cfg"}; !containsAll(names, want) || slices.Contains(names, "a.cfg") || slices.Contains(names, "d.cfg") {
		t.Errorf("ls / = %v; want b.cfg and cfg, no a.cfg or d.cfg", names)
	}
	if got := termtest.List(t, client, "flash:/cfg"); !slices.Equal(got, []string{"c.cfg"}) {
		t.Errorf("ls flash:/cfg = %v", got)
	}
	if err := client.Remove("cfg/c.cfg"); err != nil {
		t.Fatal(err)
	}
	if err := client.RemoveDirectory("cfg"); err != nil {
		t.Errorf("rmdir of an empty directory: %v", err)
	}
	vfs, err := client.StatVFS("/")
	if err != nil || vfs.TotalSpace() != uint64(e.d.Flash().Capacity()) {
		t.Errorf("df: %+v, %v; want the capacity of flash:", vfs, err)
	}

	if err := client.Close(); err != nil {
		t.Fatal(err)
	}
	if err := wait(); err != nil {
		t.Errorf("the sftp channel ended with %v; want exit status 0 (OpenSSH's scp needs it)", err)
	}
	if !slices.ContainsFunc(e.d.LogEntries(), func(l string) bool {
		return strings.Contains(l, "SSHS/6/SSHS_LOG: Subsystem request for sftp.")
	}) {
		t.Errorf("no SSHS_LOG entry for the subsystem request in %q", e.d.LogEntries())
	}
	termtest.NoTempFiles(t, e.flashDir())
}

// TestSFTPRegistersLogin checks that an SFTP session shows as a login without a VTY line while it
// lasts, and is gone afterwards.
func TestSFTPRegistersLogin(t *testing.T) {
	e := newXferServer(t, 0)
	client := e.mustSFTP(t)
	if _, err := client.Getwd(); err != nil {
		t.Fatal(err)
	}
	logins := e.d.Logins()
	if len(logins) != 1 || logins[0].Info.Proto != "SFTP" || logins[0].Info.Line != -1 || logins[0].Info.User != "admin" {
		t.Fatalf("logins during SFTP = %+v", logins)
	}
	client.Close()
	waitFor(t, "the SFTP login to end", func() bool { return len(e.d.Logins()) == 0 })
}

// TestSFTPAccess checks `sftp server enable` and the user's service type.
func TestSFTPAccess(t *testing.T) {
	for _, tc := range []struct {
		name   string
		config []string
		ok     bool
		stderr string
	}{
		{"default", nil, true, ""},
		{"disabled", []string{"undo sftp server enable"}, false, "The SFTP server is disabled."},
		{"service all", []string{"ssh user admin service-type all authentication-type password"}, true, ""},
		{"service sftp", []string{"ssh user admin service-type sftp authentication-type password"}, true, ""},
		{"service stelnet", []string{"ssh user admin service-type stelnet authentication-type password"}, false, "not authorized for SFTP"},
		{"service scp", []string{"ssh user admin service-type scp authentication-type password"}, false, "scp -O"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newXferServer(t, 0)
			e.configure(t, tc.config...)
			client, _, err := sftpSession(t, e.login(t, "admin", "secret"))
			if tc.ok {
				if err != nil {
					t.Fatalf("sftp refused: %v", err)
				}
				if err := termtest.PutFile(client, "x.cfg", []byte("return\n")); err != nil {
					t.Error(err)
				}
				client.Close()
				return
			}
			if err == nil {
				client.Close()
				t.Fatal("sftp allowed")
			}
			if !strings.Contains(err.Error(), tc.stderr) {
				t.Errorf("refusal %q does not say %q", err, tc.stderr)
			}
			if len(e.d.Logins()) != 0 {
				t.Errorf("a refused session registered: %+v", e.d.Logins())
			}
		})
	}
}

// TestSFTPUploadAbandoned drops the connection in the middle of an upload: the file must not appear
// under its name, and no temp file may stay.
func TestSFTPUploadAbandoned(t *testing.T) {
	e := newXferServer(t, 0)
	conn := e.login(t, "admin", "secret")
	c, _, err := sftpSession(t, conn)
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.Create("half.cfg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(bytes.Repeat([]byte("x"), 100<<10)); err != nil {
		t.Fatal(err)
	}
	conn.Close() // no close of the handle
	waitFor(t, "the SFTP login to end", func() bool { return len(e.d.Logins()) == 0 })
	if _, err := os.Stat(filepath.Join(e.flashDir(), "half.cfg")); err == nil {
		t.Error("half.cfg exists after an abandoned upload")
	}
	termtest.NoTempFiles(t, e.flashDir())
}

// TestSFTPEndsOnReboot checks that a reboot closes open SFTP sessions, as it does every login.
func TestSFTPEndsOnReboot(t *testing.T) {
	e := newXferServer(t, 0)
	client := e.mustSFTP(t)
	if _, err := client.Getwd(); err != nil {
		t.Fatal(err)
	}
	e.d.Reboot()
	waitFor(t, "the SFTP session to close", func() bool {
		_, err := client.Getwd()
		return err != nil
	})
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

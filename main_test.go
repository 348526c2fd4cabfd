package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// TestOpenSSHClient drives the vtyd binary with the real OpenSSH client (through sshpass).
func TestOpenSSHClient(t *testing.T) {
	for _, bin := range []string{"ssh", "sshpass"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("%s is not on PATH (apt-get install openssh-client sshpass)", bin)
		}
	}
	keyFile, authorized := clientKey(t)
	port := startVtyd(t, "--admin-password", "secret", "--admin-key", authorized)

	t.Run("exec", func(t *testing.T) {
		out, errOut, code := sshRun(t, port, "", nil, "display version")
		if code != 0 || !strings.Contains(out, "HPE Comware Software, Version 7.1.070") {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("exec error", func(t *testing.T) {
		out, errOut, code := sshRun(t, port, "", nil, "dispaly version")
		if code == 0 || !strings.Contains(errOut, "% Unrecognized command found at '^' position.") {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("piped shell", func(t *testing.T) {
		out, errOut, code := sshRun(t, port, "system-view\ndisplay this\nquit\nquit\n", []string{"-T"}, "")
		if code != 0 || !strings.Contains(out, "<HPE>") || !strings.Contains(out, "[HPE]") {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("publickey from --admin-key", func(t *testing.T) {
		out, errOut, code := sshRun(t, port, "", []string{"-i", keyFile, "-o", "PreferredAuthentications=publickey"}, "display version")
		if code != 0 || !strings.Contains(out, "HPE Comware Software") {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
}

// clientKey writes an Ed25519 client key for OpenSSH and an authorized_keys file with its public half.
func clientKey(t *testing.T) (keyFile, authorizedKeys string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	keyFile, authorizedKeys = filepath.Join(dir, "id_ed25519"), filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(authorizedKeys, ssh.MarshalAuthorizedKey(signer.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	return keyFile, authorizedKeys
}

// sshRun runs OpenSSH against vtyd as admin/secret with no agent, no user keys and no config, so
// nothing uses up the authentication retries before the password; opts go before the destination,
// remote ("" for a shell) after it.
func sshRun(t *testing.T, port, stdin string, opts []string, remote string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmdline := []string{"-p", "secret", "ssh", "-F", "/dev/null", "-o", "IdentitiesOnly=yes",
		"-o", "IdentityAgent=none", "-o", "StrictHostKeyChecking=no", "-o", "LogLevel=ERROR",
		"-o", "UserKnownHostsFile=" + filepath.Join(t.TempDir(), "known_hosts"), "-o", "ConnectTimeout=10",
		"-p", port}
	cmdline = append(append(cmdline, opts...), "admin@127.0.0.1")
	if remote != "" {
		cmdline = append(cmdline, remote)
	}
	cmd := exec.CommandContext(ctx, "sshpass", cmdline...)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("ssh %q timed out; stdout %q, stderr %q", remote, out.String(), errb.String())
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("ssh %q: %v", remote, err)
	}
	return out.String(), errb.String(), code
}

var listeningRE = regexp.MustCompile(`: listening addr=127\.0\.0\.1:(\d+)`)

// startVtyd builds vtyd (without -race: client tests time out on a slow race build), starts it on a
// free loopback port and returns the port it logged. The process is stopped with SIGTERM at the end
// and must exit cleanly.
func startVtyd(t *testing.T, args ...string) string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "vtyd")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, append([]string{"--listen", "127.0.0.1:0", "--data", filepath.Join(dir, "data")}, args...)...)
	cmd.Stdout = io.Discard
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var logs bytes.Buffer
	portc := make(chan string, 1)
	drained := make(chan struct{})
	go func() { // keep reading so the child never blocks on a full pipe
		defer close(drained)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			mu.Lock()
			logs.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if m := listeningRE.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case portc <- m[1]:
				default:
				}
			}
		}
	}()
	logText := func() string { mu.Lock(); defer mu.Unlock(); return logs.String() }
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		exited := make(chan error, 1)
		go func() { <-drained; exited <- cmd.Wait() }()
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("vtyd exited with %v after SIGTERM; log:\n%s", err, logText())
			}
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			t.Errorf("vtyd did not stop after SIGTERM; log:\n%s", logText())
		}
	})
	select {
	case port := <-portc:
		return port
	case <-drained:
		t.Fatalf("vtyd exited before listening; log:\n%s", logText())
	case <-time.After(60 * time.Second): // the first start generates an RSA-3072 host key
		t.Fatalf("vtyd did not log listening; log:\n%s", logText())
	}
	return ""
}

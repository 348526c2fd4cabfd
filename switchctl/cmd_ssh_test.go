package switchctl

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// sshDialog answers dialogs from a script and records the prompts it was shown.
type sshDialog struct {
	answers []string
	prompts []string
}

func (a *sshDialog) Ask(_ context.Context, prompt string) (string, error) {
	a.prompts = append(a.prompts, prompt)
	if len(a.answers) == 0 {
		return "", ErrNoAnswer
	}
	ans := a.answers[0]
	a.answers = a.answers[1:]
	return ans, nil
}

func sshTestDevice(t *testing.T) *Device {
	t.Helper()
	d, _, err := Open(Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "x"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sshSysSession is an administrator's session in system view; a nil asker leaves nobody to answer.
func sshSysSession(t *testing.T, d *Device, asker Asker) *Session {
	t.Helper()
	s := d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: 0, Proto: "SSH"})
	if asker != nil {
		s.SetAsker(asker)
	}
	sshMust(t, s, "system-view")
	return s
}

func sshExec(s *Session, line string) (string, error) {
	var out bytes.Buffer
	err := s.Exec(context.Background(), line, &out)
	return out.String(), err
}

func sshMust(t *testing.T, s *Session, lines ...string) string {
	t.Helper()
	var all strings.Builder
	for _, l := range lines {
		out, err := sshExec(s, l)
		if err != nil {
			t.Fatalf("%q: %v (%s)", l, err, Message(err))
		}
		all.WriteString(out)
	}
	return all.String()
}

// sshWantParse checks that err is a parse error of kind with its caret at pos.
func sshWantParse(t *testing.T, line string, err error, kind ParseKind, pos int) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Kind != kind || pe.Pos != pos {
		t.Fatalf("%q: err = %v, want %v at %d", line, err, kind, pos)
	}
}

// sshWantRefusal checks that err is a refusal for reason whose text holds every part.
func sshWantRefusal(t *testing.T, line string, err error, reason error, parts ...string) {
	t.Helper()
	if !errors.Is(err, reason) {
		t.Fatalf("%q: err = %v, want %v", line, err, reason)
	}
	for _, p := range parts {
		if !strings.Contains(Message(err), p) {
			t.Fatalf("%q: message %q does not say %q", line, Message(err), p)
		}
	}
}

// sshResetConfig gives the device the configuration of a switch with nothing configured.
func sshResetConfig(d *Device) {
	d.mu.Lock()
	d.cfg = newConfig(d.model, d.opts.VTYLines)
	d.mu.Unlock()
}

func TestSSHServerSettings(t *testing.T) {
	tests := []struct {
		line   string
		check  func(SSHConfig) bool
		render string // a line the running configuration shows, "" for none of these
		out    string // part of the command's output
	}{
		{"ssh server port 2222", func(s SSHConfig) bool { return s.Port == 2222 }, " ssh server port 2222\n", "--listen"},
		{"undo ssh server port", func(s SSHConfig) bool { return s.Port == 22 }, "", "--listen"},
		{"ssh server authentication-retries 5", func(s SSHConfig) bool { return s.AuthRetries == 5 }, " ssh server authentication-retries 5\n", ""},
		{"undo ssh server authentication-retries", func(s SSHConfig) bool { return s.AuthRetries == 3 }, "", ""},
		{"ssh server authentication-timeout 120", func(s SSHConfig) bool { return s.AuthTimeout == 120 }, " ssh server authentication-timeout 120\n", ""},
		{"undo ssh server authentication-timeout", func(s SSHConfig) bool { return s.AuthTimeout == 60 }, "", ""},
		{"undo sftp server enable", func(s SSHConfig) bool { return !s.SFTP }, "", ""},
		{"sftp server enable", func(s SSHConfig) bool { return s.SFTP }, " sftp server enable\n", ""},
		{"undo scp server enable", func(s SSHConfig) bool { return !s.SCP }, "", ""},
		{"scp server enable", func(s SSHConfig) bool { return s.SCP }, " scp server enable\n", ""},
		{"ssh server enable", func(s SSHConfig) bool { return s.Enabled }, " ssh server enable\n", ""},
		{"undo ssh server compatible-ssh1x", func(SSHConfig) bool { return true }, "", ""},
		{"undo ssh server compatible-ssh1x enable", func(SSHConfig) bool { return true }, "", ""},
	}
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			out := sshMust(t, s, tc.line)
			if !tc.check(d.SSHSettings()) {
				t.Fatalf("settings after %q: %+v", tc.line, d.SSHSettings())
			}
			if tc.render != "" && !strings.Contains(d.CurrentConfig(), tc.render) {
				t.Fatalf("the configuration does not show %q", tc.render)
			}
			if !strings.Contains(out, tc.out) {
				t.Fatalf("output %q does not say %q", out, tc.out)
			}
		})
	}
	if cfg := d.CurrentConfig(); strings.Contains(cfg, "ssh server port") || strings.Contains(cfg, "ssh server authentication-") {
		t.Fatalf("defaults are rendered:\n%s", cfg)
	}
}

func TestSSHServerBadValues(t *testing.T) {
	tests := []struct {
		line string
		kind ParseKind
		pos  int
	}{
		{"ssh server port 0", WrongParam, 16},
		{"ssh server port 65536", WrongParam, 16},
		{"ssh server authentication-retries 0", WrongParam, 34},
		{"ssh server authentication-retries 6", WrongParam, 34},
		{"ssh server authentication-timeout 121", WrongParam, 34},
		{"ssh server authentication-timeout", Incomplete, 34},
		{"ssh server port 22 23", TooMany, 19},
		{"undo ssh server port 22", TooMany, 21},
		{"ssh server foo", Unrecognized, 11},
	}
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			_, err := sshExec(s, tc.line)
			sshWantParse(t, tc.line, err, tc.kind, tc.pos)
		})
	}
}

func TestSSH1IsRefused(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	_, err := sshExec(s, "ssh server compatible-ssh1x enable")
	sshWantRefusal(t, "compatible-ssh1x", err, ErrUnsupported, "SSH1 is not supported", "broken", "OpenSSH")
	if strings.Contains(d.CurrentConfig(), "ssh1") {
		t.Fatal("the refused command reached the configuration")
	}
	// a configuration from a real switch that has it reports the line and loads the rest
	errs := d.Load(strings.NewReader("ssh server compatible-ssh1x enable\nssh server port 2022\n"))
	if len(errs) != 1 || errs[0].Line != 1 || d.SSHSettings().Port != 2022 {
		t.Fatalf("load: %v, port %d", errs, d.SSHSettings().Port)
	}
}

func TestUndoSSHServerEnableAsks(t *testing.T) {
	d := sshTestDevice(t) // the factory configuration has the server on
	const question = "Disabling the SSH server may lock every SSH user out, you included. Continue? [Y/N]:"

	_, err := sshExec(sshSysSession(t, d, nil), "undo ssh server enable")
	sshWantRefusal(t, "no asker", err, ErrNoAnswer, "Disabling the SSH server needs a confirmation")
	if !d.SSHSettings().Enabled {
		t.Fatal("disabled without a confirmation")
	}

	no := &sshDialog{answers: []string{"n"}}
	sshMust(t, sshSysSession(t, d, no), "undo ssh server enable")
	if !d.SSHSettings().Enabled || !slices.Equal(no.prompts, []string{question}) {
		t.Fatalf("answered N: enabled %v, prompts %q", d.SSHSettings().Enabled, no.prompts)
	}

	yes := &sshDialog{answers: []string{"Y"}}
	sshMust(t, sshSysSession(t, d, yes), "undo ssh server enable")
	if d.SSHSettings().Enabled || len(yes.prompts) != 1 {
		t.Fatalf("answered Y: enabled %v, prompts %q", d.SSHSettings().Enabled, yes.prompts)
	}

	// already off: nothing to ask
	sshMust(t, sshSysSession(t, d, nil), "undo ssh server enable")

	// a configuration file is taken as written
	if errs := d.Load(strings.NewReader("ssh server enable\nundo ssh server enable\n")); len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	if d.SSHSettings().Enabled {
		t.Fatal("undo ssh server enable from a file did not apply")
	}
}

func TestDisplaySSHServerStatus(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, &sshDialog{answers: []string{"y"}})
	sshMust(t, s, "ssh server authentication-retries 4", "ssh server authentication-timeout 30",
		"undo scp server enable", "ssh server port 830", "sftp server idle-timeout 25")
	got := sshMust(t, s, "display ssh server status")
	want := ` Stelnet server: Enable
 SSH version : 2.0
 SSH authentication-timeout : 30 second(s)
 SSH server key generating interval : 0 hour(s)
 SSH authentication retries : 4 time(s)
 SFTP server: Enable
 SFTP server Idle-Timeout: 25 minute(s)
 NETCONF server: Disable
 SCP server: Disable
 SSH server port: 830
`
	if got != want {
		t.Fatalf("display ssh server status:\n%s", lineDiff(want, got))
	}
	if got := sshMust(t, s, "display current-configuration | include idle-timeout"); got != " sftp server idle-timeout 25\n" {
		t.Errorf("current-configuration: %q, want the idle timeout", got)
	}
	sshMust(t, s, "undo sftp server idle-timeout")
	if got := sshMust(t, s, "display ssh server status | include Idle"); got != " SFTP server Idle-Timeout: 10 minute(s)\n" {
		t.Errorf("after undo: %q", got)
	}
	sshMust(t, s, "undo ssh server enable")
	if got := sshMust(t, s, "display ssh server status | include Stelnet"); got != " Stelnet server: Disable\n" {
		t.Fatalf("after undo: %q", got)
	}
}

func TestSSHUser(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	for i, name := range []string{"KeyA", "keyb", "keyc", "keyd", "keye", "keyf", "keyg"} {
		sshWritePeerFile(t, d, name+".pub", sshNewEd25519(t), i%2 == 0)
		sshMust(t, s, "public-key peer "+name+" import sshkey "+name+".pub")
	}
	sshMust(t, s,
		"ssh user bob service-type sftp authentication-type password",
		"ssh user alice service-type all authentication-type publickey assign publickey keya keyb",
		"ssh user carol service-type stelnet authentication-type password-publickey assign publickey keyc",
		"ssh user dave service-type netconf authentication-type any",
		"ssh user erin service-type scp authentication-type keyboard-interactive",
		`ssh user "mary ann" service-type all authentication-type any assign publickey keyd keyd keye`)

	u, ok := d.SSHUser("alice")
	if !ok || u.Service != "all" || u.AuthType != "publickey" || !slices.Equal(u.Keys, []string{"KeyA", "keyb"}) {
		t.Fatalf("SSHUser(alice) = %+v, %v", u, ok)
	}
	u.Keys[0] = "changed"
	if again, _ := d.SSHUser("alice"); again.Keys[0] != "KeyA" {
		t.Fatal("SSHUser returned the device's own slice")
	}
	if u, _ := d.SSHUser("mary ann"); !slices.Equal(u.Keys, []string{"keyd", "keye"}) {
		t.Fatalf("repeated key not dropped: %v", u.Keys)
	}
	if _, ok := d.SSHUser("Alice"); ok {
		t.Fatal("user names are case-sensitive")
	}

	cfg := d.CurrentConfig()
	for _, l := range []string{
		" ssh user alice service-type all authentication-type publickey assign publickey KeyA keyb\n",
		" ssh user bob service-type sftp authentication-type password\n",
		" ssh user erin service-type scp authentication-type keyboard-interactive\n",
		` ssh user "mary ann" service-type all authentication-type any assign publickey keyd keye` + "\n",
	} {
		if !strings.Contains(cfg, l) {
			t.Fatalf("configuration lacks %q:\n%s", l, cfg)
		}
	}

	got := sshMust(t, s, "display ssh user-information")
	lines := strings.Split(got, "\n")
	if lines[0] != " Total ssh users:6" || lines[1] != " Username            Authentication-type  User-public-key-name  Service-type" {
		t.Fatalf("header:\n%s", got)
	}
	for _, l := range []string{
		" alice               publickey            KeyA                  Stelnet|SFTP|SCP|NETCONF",
		" bob                 password             null                  SFTP",
		" carol               password-publickey   keyc                  Stelnet",
		" dave                any                  null                  NETCONF",
		" erin                keyboard-interactive null                  SCP",
		"                                          keyb",
	} {
		if !slices.Contains(lines, l) {
			t.Fatalf("display lacks %q:\n%s", l, got)
		}
	}
	if got := sshMust(t, s, "display ssh user-information bob"); got != " Username            Authentication-type  User-public-key-name  Service-type\n"+
		" bob                 password             null                  SFTP\n" {
		t.Fatalf("one user:\n%s", got)
	}

	// the same command again replaces the entry
	sshMust(t, s, "ssh user alice service-type sftp authentication-type password")
	if u, _ := d.SSHUser("alice"); u.AuthType != "password" || len(u.Keys) != 0 {
		t.Fatalf("replaced entry: %+v", u)
	}
	sshMust(t, s, "undo ssh user bob")
	if _, ok := d.SSHUser("bob"); ok {
		t.Fatal("undo ssh user left the user")
	}
}

func TestSSHUserErrors(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	for _, name := range []string{"k1", "k2", "k3", "k4", "k5", "k6", "k7"} {
		sshWritePeerFile(t, d, name+".pub", sshNewEd25519(t), false)
		sshMust(t, s, "public-key peer "+name+" import sshkey "+name+".pub")
	}
	const base = "ssh user u service-type all authentication-type "
	parseErrs := []struct {
		line string
		kind ParseKind
		pos  int
	}{
		{base + "publickey assign publickey k1 k2 k3 k4 k5 k6 k7", TooMany, len(base + "publickey assign publickey k1 k2 k3 k4 k5 k6 ")},
		{base + "password assign publickey k1", TooMany, len(base + "password ")},
		{base + "publickey assign publickey", Incomplete, len(base + "publickey assign publickey ")},
		{base + "certificate", Unrecognized, len(base)},
		{"ssh user u service-type telnet authentication-type password", Unrecognized, 24},
		{"ssh user " + strings.Repeat("u", 81) + " service-type all authentication-type password", WrongParam, 9},
		{base + `publickey assign publickey "k 1"`, WrongParam, len(base + "publickey assign publickey ")},
		{"ssh user u service-type all", Incomplete, 28},
		{"undo ssh user", Incomplete, 14},
		{base + "p", Ambiguous, len(base)},
	}
	for _, tc := range parseErrs {
		t.Run(tc.line, func(t *testing.T) {
			_, err := sshExec(s, tc.line)
			sshWantParse(t, tc.line, err, tc.kind, tc.pos)
		})
	}
	_, err := sshExec(s, base+"publickey assign publickey k1 nokey")
	sshWantRefusal(t, "missing key", err, ErrNotFound, "The public key nokey does not exist.")
	if _, ok := d.SSHUser("u"); ok {
		t.Fatal("a refused ssh user was stored")
	}
	_, err = sshExec(s, "undo ssh user nobody")
	sshWantRefusal(t, "undo missing", err, ErrNotFound, "The SSH user nobody does not exist.")
	_, err = sshExec(s, "display ssh user-information nobody")
	sshWantRefusal(t, "display missing", err, ErrNotFound, "nobody")
	if got := sshMust(t, s, "display ssh user-information"); got != " Total ssh users:0\n" {
		t.Fatalf("no users: %q", got)
	}
	// six keys is the most, and key names are case-insensitive
	sshMust(t, s, base+"publickey assign publickey K1 k2 k3 k4 k5 K6")
	if u, _ := d.SSHUser("u"); !slices.Equal(u.Keys, []string{"k1", "k2", "k3", "k4", "k5", "k6"}) {
		t.Fatalf("keys: %v", u.Keys)
	}
	// an operator may look but not change
	op := d.NewSession(SessionInfo{User: "op", Roles: []string{RoleOperator}, Line: 1, Proto: "SSH"})
	sshMust(t, op, "system-view", "display ssh user-information u")
	if _, err := sshExec(op, "undo ssh user u"); !errors.Is(err, ErrPermissionDenied) {
		t.Fatalf("operator: %v", err)
	}
}

func TestSSH2Algorithm(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, &sshDialog{answers: []string{"y"}})
	sshMust(t, s, "ssh2 algorithm cipher aes256-gcm aes128-ctr 3des-cbc aes256-gcm",
		"ssh2 algorithm key-exchange curve25519-sha256 dh-group14-sha1",
		"ssh2 algorithm mac sha2-512 sha1-96",
		"ssh2 algorithm public-key ed25519 rsa-sha2-512 rsa")
	if got := d.AlgoNames("cipher"); !slices.Equal(got, []string{"aes256-gcm", "aes128-ctr", "3des-cbc"}) {
		t.Fatalf("cipher = %v", got)
	}
	if got := AlgoWire("cipher", d.AlgoNames("cipher")); !slices.Equal(got, []string{"aes256-gcm@openssh.com", "aes128-ctr", "3des-cbc"}) {
		t.Fatalf("wire = %v", got)
	}
	cfg := d.CurrentConfig()
	for _, l := range []string{
		" ssh2 algorithm key-exchange curve25519-sha256 dh-group14-sha1\n ssh2 algorithm public-key ed25519 rsa-sha2-512 rsa\n" +
			" ssh2 algorithm cipher aes256-gcm aes128-ctr 3des-cbc\n ssh2 algorithm mac sha2-512 sha1-96\n",
	} {
		if !strings.Contains(cfg, l) {
			t.Fatalf("configuration lacks %q:\n%s", l, cfg)
		}
	}
	want := "Key exchange algorithms: curve25519-sha256 dh-group14-sha1\n" +
		"Public key algorithms: ed25519 rsa-sha2-512 rsa\n" +
		"Encryption algorithms: aes256-gcm aes128-ctr 3des-cbc\n" +
		"MAC algorithms: sha2-512 sha1-96\n"
	if got := sshMust(t, s, "display ssh2 algorithm"); got != want {
		t.Fatalf("display ssh2 algorithm:\n%s", lineDiff(want, got))
	}

	// a unique prefix is enough
	sshMust(t, s, "ssh2 algorithm cipher chacha aes128-g")
	if got := d.AlgoNames("cipher"); !slices.Equal(got, []string{"chacha20-poly1305", "aes128-gcm"}) {
		t.Fatalf("prefixes: %v", got)
	}

	for _, kind := range []string{"cipher", "key-exchange", "mac", "public-key"} {
		sshMust(t, s, "undo ssh2 algorithm "+kind)
		if got := d.AlgoNames(kind); !slices.Equal(got, algoDefaults[kind]) {
			t.Fatalf("undo %s: %v", kind, got)
		}
	}
	if strings.Contains(d.CurrentConfig(), "ssh2") {
		t.Fatal("defaults are rendered")
	}
	want = "Key exchange algorithms: mlkem768x25519-sha256 curve25519-sha256\n"
	if got := sshMust(t, s, "display ssh2 algorithm | include Key"); got != want {
		t.Fatalf("defaults: %q", got)
	}
}

func TestSSH2AlgorithmRefusals(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	refused := []struct{ line, name, why string }{
		{"ssh2 algorithm cipher aes128-ctr des-cbc", "des-cbc", "DES is broken"},
		{"ssh2 algorithm cipher sm4-cbc", "sm4-cbc", "SM4"},
		{"ssh2 algorithm cipher aes256-cbc", "aes256-cbc", "aes128-cbc only"},
		{"ssh2 algorithm mac md5", "md5", "HMAC-MD5 is obsolete"},
		{"ssh2 algorithm mac sha2-256 md5-96", "md5-96", "HMAC-MD5"},
		{"ssh2 algorithm mac sm3", "sm3", "SM3"},
		{"ssh2 algorithm public-key x509v3-ecdsa-sha2-nistp256", "x509v3-ecdsa-sha2-nistp256", "X.509"},
	}
	for _, tc := range refused {
		t.Run(tc.line, func(t *testing.T) {
			_, err := sshExec(s, tc.line)
			sshWantRefusal(t, tc.line, err, ErrUnsupported, "algorithm "+tc.name+" is not supported", tc.why)
		})
	}
	if d.SSHSettings().Algos != nil {
		t.Fatalf("a refused list was stored: %v", d.SSHSettings().Algos)
	}
	parseErrs := []struct {
		line string
		kind ParseKind
		pos  int
	}{
		{"ssh2 algorithm cipher rot13", WrongParam, 22},
		{"ssh2 algorithm cipher aes128-ctr blowfish", WrongParam, 22},
		{"ssh2 algorithm cipher aes", WrongParam, 22}, // ambiguous prefix
		{"ssh2 algorithm mac aes128-ctr", WrongParam, 19},
		{"ssh2 algorithm cipher", Incomplete, 22},
		{"undo ssh2 algorithm cipher aes128-ctr", TooMany, 27},
		{"ssh2 algorithm compression zlib", Unrecognized, 15},
	}
	for _, tc := range parseErrs {
		t.Run(tc.line, func(t *testing.T) {
			_, err := sshExec(s, tc.line)
			sshWantParse(t, tc.line, err, tc.kind, tc.pos)
		})
	}
}

func TestSSH2PublicKeyWithoutHostKeyWarns(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, &sshDialog{answers: []string{"y"}})
	if out := sshMust(t, s, "ssh2 algorithm public-key dsa"); out != "" {
		t.Fatalf("the seeded dsakey can sign, yet: %q", out)
	}
	sshMust(t, s, "public-key local destroy dsa")
	out := sshMust(t, s, "ssh2 algorithm public-key dsa")
	if !strings.HasPrefix(out, "Warning: no local key pair can sign") {
		t.Fatalf("no warning: %q", out)
	}
	if got := d.AlgoNames("public-key"); !slices.Equal(got, []string{"dsa"}) {
		t.Fatalf("the list is stored all the same: %v", got)
	}
}

func TestSSHHelp(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	tests := []struct{ line, want string }{
		{"ssh ", "  server  Configure the SSH server\n  user    Specify an SSH user\n"},
		{"ssh server port ", "  INTEGER<1-65535>  Port number\n"},
		{"ssh user u service-type all authentication-type any assign ", "  publickey  Specify the peer public keys, tried in order\n"},
		{"ssh user u service-type all authentication-type any assign publickey ", "  STRING<1-64>  Public key name\n"},
		{"ssh user u service-type all authentication-type p", "  password            Password authentication\n"},
		{"undo ssh server ", "  compatible-ssh1x        Disable compatibility with SSH1 clients\n"},
		{"ssh2 algorithm ", "  cipher        Encryption algorithms\n"},
		{"display ssh ", "  server            SSH server information\n"},
	}
	for _, tc := range tests {
		var out bytes.Buffer
		if err := s.Help(tc.line, &out); err != nil {
			t.Fatalf("%q: %v", tc.line, err)
		}
		if !strings.Contains(out.String(), tc.want) {
			t.Fatalf("help for %q:\n%s\nwant a line %q", tc.line, out.String(), tc.want)
		}
	}
}

// TestSSHKeyRoundTrip configures every SSH and key setting, renders, loads the text into another
// device with nothing configured and renders again: the text must not change.
func TestSSHKeyRoundTrip(t *testing.T) {
	d := sshTestDevice(t)
	sshResetConfig(d)
	s := sshSysSession(t, d, nil)
	hexKey := sshNewEd25519(t)
	fileKey, rfcKey := sshNewEd25519(t), sshNewEd25519(t)
	sshWritePeerFile(t, d, "laptop.pub", fileKey, false)
	sshWritePeerFile(t, d, "keys/desk.pub", rfcKey, true)
	sshMust(t, s, "public-key peer Typed")
	sshTypeHexKey(t, s, hexKey, 16)
	sshMust(t, s, "peer-public-key end",
		"public-key peer laptop import sshkey laptop.pub",
		"public-key peer desk import sshkey flash:/keys/desk.pub",
		"ssh server enable", "ssh server port 2200", "ssh server authentication-retries 2",
		"ssh server authentication-timeout 15", "sftp server enable", "scp server enable",
		"ssh user admin service-type all authentication-type any assign publickey typed laptop desk",
		`ssh user "two words" service-type sftp authentication-type password`,
		"ssh2 algorithm cipher aes128-ctr aes256-ctr", "ssh2 algorithm key-exchange dh-group14-sha256",
		"ssh2 algorithm mac sha2-256", "ssh2 algorithm public-key rsa-sha2-256 ed25519")
	first := d.CurrentConfig()

	d2 := sshTestDevice(t)
	sshResetConfig(d2)
	sshWritePeerFile(t, d2, "laptop.pub", fileKey, false)
	sshWritePeerFile(t, d2, "keys/desk.pub", rfcKey, true)
	if errs := d2.Load(strings.NewReader(first)); len(errs) > 0 {
		t.Fatalf("the rendered text does not load: %v\n%s", errs, first)
	}
	if second := d2.CurrentConfig(); second != first {
		t.Fatalf("render -> load -> render differs:\n%s", lineDiff(first, second))
	}
	for _, name := range []string{"typed", "laptop", "desk"} {
		k1, err1 := d.PeerKey(name)
		k2, err2 := d2.PeerKey(name)
		if err1 != nil || err2 != nil || !bytes.Equal(k1.Marshal(), k2.Marshal()) {
			t.Fatalf("key %s differs after the round trip: %v %v", name, err1, err2)
		}
	}
	if d2.SSHSettings().Port != 2200 || !slices.Equal(d2.AlgoNames("public-key"), []string{"rsa-sha2-256", "ed25519"}) {
		t.Fatalf("settings after load: %+v", d2.SSHSettings())
	}
}

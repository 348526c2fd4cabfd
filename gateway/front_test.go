package gateway

import (
	"strings"
	"testing"

	"vtyd/sshsrv"
	"vtyd/switchctl"
)

// TestFrontReach: who reaches what, with which roles; a device that is not serving is listed with
// why but cannot be reached; names are matched without regard to case, as people type them.
func TestFrontReach(t *testing.T) {
	users, err := ParseUsers("users.yml", []byte(`users:
  - {name: alice, role: admin, devices: ["*"], password_hash: "`+hashA+`"}
  - {name: bob, role: operator, devices: ["acc*", "tag:lab"], password_hash: "`+hashB+`"}
`))
	if err != nil {
		t.Fatal(err)
	}
	srv := &sshsrv.Server{} // Reach hands it back; nothing of it runs here
	f := New(users, []*Device{
		{Name: "core1", Model: "10508", Address: "127.0.1.1:2222", Tags: []string{"core"}, Server: srv},
		{Name: "acc1", Model: "5130-28", Address: "127.0.1.3:2222", Server: srv},
		{Name: "lab9", Model: "5130-28", Tags: []string{"lab"}, State: "not started: address in use"},
	})
	for _, tc := range []struct {
		account, device string
		roles           []string // nil: not reached
	}{
		{"alice", "core1", []string{switchctl.RoleAdmin}},
		{"alice", "CORE1", []string{switchctl.RoleAdmin}},
		{"bob", "acc1", []string{switchctl.RoleOperator}},
		{"bob", "core1", nil},
		{"bob", "nosuch", nil},
		{"bob", "lab9", nil}, // his, but not serving
		{"mallory", "acc1", nil},
	} {
		r, ok := f.Reach(tc.account, tc.device)
		if ok != (tc.roles != nil) || (ok && (r.Server != srv || strings.Join(r.Roles, ",") != strings.Join(tc.roles, ","))) {
			t.Errorf("Reach(%s, %s) = %+v, %v; want roles %v", tc.account, tc.device, r, ok, tc.roles)
		}
	}
	if d, ok := f.Device("bob", "lab9"); !ok || d.State == "" {
		t.Errorf("bob's lab9 (not started): %+v %v; want it with its state", d, ok)
	}

	var b strings.Builder
	if err := f.List("bob", &b); err != nil {
		t.Fatal(err)
	}
	want := `DEVICE  MODEL    ADDRESS         STATE                        TAGS
acc1    5130-28  127.0.1.3:2222  up                           -
lab9    5130-28  -               not started: address in use  lab
`
	if b.String() != want {
		t.Errorf("bob's list:\n%s\nwant:\n%s", b.String(), want)
	}
	if !f.Known("alice") || f.Known("mallory") || !f.CheckPassword("alice", "pw-a") || f.CheckPassword("bob", "pw-a") {
		t.Error("Known/CheckPassword do not follow the users file")
	}
}

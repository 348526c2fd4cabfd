package gateway

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"vtyd/sshsrv"
)

// TestFrontSelect: a fan-out's selector, resolved with the policy of Reach: patterns match only
// the account's devices, without regard to case; a name it may not reach refuses all of it, by
// name; each device comes once, in the terms' order; one that cannot run says why.
func TestFrontSelect(t *testing.T) {
	users, err := ParseUsers("users.yml", []byte(`users:
  - {name: alice, role: admin, devices: ["*"], password_hash: "`+hashA+`"}
  - {name: bob, role: operator, devices: ["acc*", "tag:lab", "real*"], password_hash: "`+hashB+`"}
`))
	if err != nil {
		t.Fatal(err)
	}
	srv := &sshsrv.Server{}
	f := New(users, []*Device{
		{Name: "core1", Tags: []string{"core"}, Server: srv},
		{Name: "acc1", Tags: []string{"Access"}, Server: srv},
		{Name: "acc2", Tags: []string{"access", "lab"}, Server: srv},
		{Name: "lab9", Tags: []string{"lab"}, State: "not started: address in use"},
		{Name: "real1", Tags: []string{"access"}, Remotes: map[Role]sshsrv.Remote{RoleAdmin: nil}},
	})
	sel := func(account, selector string) (string, error) {
		terms, err := sshsrv.ParseSelector(selector)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.Select(account, terms)
		var s []string
		for _, d := range got {
			switch {
			case d.Down != "":
				s = append(s, d.Name+"("+d.Down+")")
			case d.Route.Server != nil:
				s = append(s, d.Name+":"+strings.Join(d.Route.Roles, ","))
			default:
				s = append(s, d.Name+"?")
			}
		}
		return strings.Join(s, " "), err
	}
	for _, c := range []struct {
		account, selector, want string
		refused                 []string
	}{
		{account: "alice", selector: "tag:access", want: "acc1:network-admin acc2:network-admin real1(the gateway has no account on this switch for role admin)"},
		{account: "alice", selector: "core1,ACC*,acc1", want: "core1:network-admin acc1:network-admin acc2:network-admin"},
		{account: "bob", selector: "tag:access", want: "acc1:network-operator acc2:network-operator real1(the gateway has no account on this switch for role operator)"},
		{account: "bob", selector: "tag:lab,c*", want: "acc2:network-operator lab9(not started: address in use)"},
		{account: "bob", selector: "tag:core", want: ""},
		{account: "bob", selector: "acc1,core1,nosuch,core*", refused: []string{"core1", "nosuch"}},
		{account: "mallory", selector: "*", want: ""},
	} {
		got, err := sel(c.account, c.selector)
		var ue *sshsrv.UnreachableError
		if c.refused != nil {
			if !errors.As(err, &ue) || !slices.Equal(ue.Devices, c.refused) || got != "" {
				t.Errorf("%s@%s: %q, %v; want refused %v", c.account, c.selector, got, err, c.refused)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s@%s = %q, %v\nwant %q", c.account, c.selector, got, err, c.want)
		}
	}
}

package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"vtyd/switchctl"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the README's command table from the grammar")

const (
	tableStart = "<!-- commands:start (generated from the grammar by readme_test.go; go test -run TestReadmeCommands -update-readme) -->"
	tableEnd   = "<!-- commands:end -->"
)

// TestReadmeCommands keeps the README's table of supported commands equal to the grammar.
func TestReadmeCommands(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, tableStart), strings.Index(readme, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q ... %q", tableStart, tableEnd)
	}
	want := readme[:i] + tableStart + "\n" + commandTable() + tableEnd + readme[j+len(tableEnd):]
	if *updateReadme {
		if err := os.WriteFile("README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != readme {
		t.Fatal("README.md's command table is out of date: go test -run TestReadmeCommands -update-readme")
	}
}

var viewNames = []struct {
	set  switchctl.ViewSet
	name string
}{
	{switchctl.InUser, "user"}, {switchctl.InSystem, "system"}, {switchctl.InIfPort, "port"},
	{switchctl.InIfRoute, "L3 interface"}, {switchctl.InIfRange, "interface range"}, {switchctl.InVLAN, "vlan"},
	{switchctl.InLocalUser, "local-user"}, {switchctl.InLine, "line"}, {switchctl.InPeerKey, "public key"},
	{switchctl.InACL, "acl"}, {switchctl.InDomain, "isp domain"}, {switchctl.InRole, "role"}, {switchctl.InUserGroup, "user group"},
}

var privNames = map[switchctl.Priv]string{
	switchctl.PrivAny: "any", switchctl.PrivRead: "read", switchctl.PrivDiag: "diagnose",
	switchctl.PrivWrite: "configure", switchctl.PrivSecurity: "security",
}

func commandTable() string {
	var b strings.Builder
	b.WriteString("| Views | Command | Role needed |\n|---|---|---|\n")
	for _, r := range switchctl.Rows() {
		if r.Hidden {
			continue
		}
		views := "all"
		if r.Views != switchctl.InAll {
			var names []string
			for _, v := range viewNames {
				if r.Views&v.set != 0 {
					names = append(names, v.name)
				}
			}
			views = strings.Join(names, ", ")
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s |\n", views, strings.ReplaceAll(r.Path, "|", `\|`), privNames[r.Priv])
	}
	return b.String()
}

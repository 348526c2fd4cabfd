package audit

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestOperatorJQ is the path an operator's question takes: a relayed session cut into records,
// written to the log, and asked with jq for the failed commands.
func TestOperatorJQ(t *testing.T) {
	jq, err := exec.LookPath("jq")
	if err != nil {
		t.Skip("jq is not installed: the operator's query was not run")
	}
	dir := t.TempDir()
	l, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs, c := cut([]step{
		{"", "[sw1-luser-manage-bob]"},
		{"password simple Hunter2\r", "password simple Hunter2\r\n[sw1-luser-manage-bob]"},
		{"dis foo\r", "dis foo\r\n        ^\r\n % Unrecognized command found at '^' position.\r\n[sw1-luser-manage-bob]"},
	}, false)
	recs = append(recs, c.Close(nil)...)
	for _, r := range recs {
		if err := l.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(jq, "-r", `select(.user=="alice" and .result!="ok") | "\(.prompt) \(.cmd): \(.error)"`,
		filepath.Join(dir, "audit.jsonl")).CombinedOutput()
	if err != nil {
		t.Fatalf("jq: %v\n%s", err, out)
	}
	want := "[sw1-luser-manage-bob] dis foo: % Unrecognized command found at '^' position.\n"
	if string(out) != want {
		t.Errorf("jq printed %q, want %q", out, want)
	}
	out, _ = exec.Command(jq, "-r", ".cmd", filepath.Join(dir, "audit.jsonl")).CombinedOutput()
	if want := "password simple ******\ndis foo\n"; string(out) != want {
		t.Errorf("commands %q, want %q", out, want)
	}
}

package yamlfile

import (
	"errors"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestDecode: the one document of a file, or an *Error naming the file and the line a person
// would look at, worded with the file's own noun.
func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string // want: the error, "" for none
		root            bool
	}{
		{"empty", "", "", false},
		{"comments only", "# nothing\n", "", false},
		{"one document", "a: 1\n", "", true},
		{"a second document", "a: 1\n---\nb: 2\n", "f.yml:2: a second YAML document: a test file holds one", false},
		{"parser error, its line numbered from 0", "a:\n  b: [1\n", "f.yml:2: YAML: did not find expected ',' or ']'", false},
		{"scanner error, its line numbered from 1", "a:\n  b: `x`\n", "f.yml:2: YAML: found character that cannot start any token", false},
		{"on the first line, where yaml.v3 gives none", "a: b: c\n", "f.yml:1: YAML: mapping values are not allowed in this context", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, err := Decode("f.yml", []byte(tc.src), "test file")
			if got := errText(err); got != tc.want {
				t.Fatalf("error = %q, want %q", got, tc.want)
			}
			var fe *Error
			if err != nil && (!errors.As(err, &fe) || fe.File != "f.yml") {
				t.Errorf("error %v: not an *Error of f.yml", err)
			}
			if (root != nil) != tc.root {
				t.Errorf("root = %v, want one: %v", root, tc.root)
			}
		})
	}
}

// TestErrorText: a problem of the file as a whole has no line.
func TestErrorText(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{"f.yml", 0, "empty"}, "f.yml: empty"},
		{Error{"f.yml", 7, "bad"}, "f.yml:7: bad"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("%+v.Error() = %q, want %q", tc.e, got, tc.want)
		}
	}
}

// TestKeys: known keys in file order; every other key reported, in line order once joined; merge
// keys left to the caller, in their place.
func TestKeys(t *testing.T) {
	src := "b: 1\nx: 2\nb: 3\n<<: {}\n[l]: 4\na: 5\n"
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	p := &Problems{File: "f.yml"}
	p.Errf(9, "found earlier, later in the file")
	var merges []int
	pairs, seen := p.Keys(n.Content[0], "top", []string{"a", "b"}, func(k, _ *yaml.Node) {
		merges = append(merges, k.Line)
		p.Errf(k.Line, "top: a merge")
	})
	var keys []string
	for _, pr := range pairs {
		keys = append(keys, pr.Key+"="+pr.V.Value)
	}
	if got := strings.Join(keys, " "); got != "b=1 a=5" {
		t.Errorf("pairs = %s, want b=1 a=5", got)
	}
	if seen["b"] != 1 || seen["x"] != 2 || seen["a"] != 6 {
		t.Errorf("seen = %v", seen)
	}
	if len(merges) != 1 || merges[0] != 4 {
		t.Errorf("merge keys at lines %v, want [4]", merges)
	}
	want := strings.Join([]string{
		`f.yml:2: top: unknown key "x" (known: a, b)`,
		`f.yml:3: top: b given twice (first at line 1)`,
		`f.yml:4: top: a merge`,
		`f.yml:5: top: a key must be a plain word`,
		`f.yml:9: found earlier, later in the file`,
	}, "\n")
	if got := errText(p.Err()); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if p.Count() != 5 {
		t.Errorf("Count = %d, want 5", p.Count())
	}
}

// TestStr: a scalar as text, through an alias; anything else is "want a value".
func TestStr(t *testing.T) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("a: &x 10508\nb: *x\nc:\nd: []\ne: ''\n"), &n); err != nil {
		t.Fatal(err)
	}
	p := &Problems{File: "f.yml"}
	m := n.Content[0].Content
	var got []string
	for i := 1; i < len(m); i += 2 {
		if s, ok := p.Str(m[i], m[i-1].Value); ok {
			got = append(got, s)
		}
	}
	if strings.Join(got, " ") != "10508 10508" {
		t.Errorf("values = %q", got)
	}
	want := "f.yml:3: c: want a value\nf.yml:4: d: want a value\nf.yml:5: e: want a value"
	if g := errText(p.Err()); g != want {
		t.Errorf("problems:\n%s\nwant:\n%s", g, want)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

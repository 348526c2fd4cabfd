package remote

import (
	"regexp"
	"strings"
	"sync"

	"github.com/scrapli/scrapligo/assets"
	"gopkg.in/yaml.v3"
)

// platform is what scrapligo's hp_comware definition says about the CLI, read from scrapligo's
// embedded YAML so both agree: the prompt of each privilege level, the texts that mark a failed
// command, and the command sent on open.
type platform struct {
	prompts []*regexp.Regexp
	failed  []string
	onOpen  []string
}

// extraPrompt covers what scrapligo's two patterns miss and FACTS.md lists: the `[~sw]` and `[*sw]`
// views of two-stage commit releases, the `(M)` prefix of MMI mode, and a leading NUL.
var extraPrompt = regexp.MustCompile(`^\x00?(\(M\))?(<[^<>\s]{1,64}>|\[[~*]?[^\[\]\s]{1,160}\])$`)

var comware = sync.OnceValue(func() platform {
	p := platform{
		// What scrapligo v1.4.3 ships, should the asset go missing.
		failed: []string{"% Unrecognized command", "% Ambiguous command", "% Wrong parameter",
			"% Incomplete command", "% Too many parameters"},
		onOpen: []string{"screen-length disable"},
	}
	b, err := assets.Assets.ReadFile("platforms/hp_comware.yaml")
	if err != nil {
		return p
	}
	var def struct {
		Default struct {
			Privileges map[string]struct {
				Pattern string `yaml:"pattern"`
			} `yaml:"privilege-levels"`
			Failed []string `yaml:"failed-when-contains"`
			OnOpen []struct {
				Operation string `yaml:"operation"`
				Command   string `yaml:"command"`
			} `yaml:"network-on-open"`
		} `yaml:"default"`
	}
	if yaml.Unmarshal(b, &def) != nil {
		return p
	}
	for _, l := range def.Default.Privileges {
		if re, err := regexp.Compile(l.Pattern); err == nil {
			p.prompts = append(p.prompts, re)
		}
	}
	if len(def.Default.Failed) > 0 {
		p.failed = def.Default.Failed
	}
	var cmds []string
	for _, op := range def.Default.OnOpen {
		if op.Operation == "driver.send-command" && op.Command != "" {
			cmds = append(cmds, op.Command)
		}
	}
	if len(cmds) > 0 {
		p.onOpen = cmds
	}
	return p
})

// isPrompt reports whether line (one line, without its end) is a Comware prompt.
func (p platform) isPrompt(line string) bool {
	if extraPrompt.MatchString(line) {
		return true
	}
	for _, re := range p.prompts {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

// isError reports whether an output line is the device refusing the command.
func (p platform) isError(line string) bool {
	t := strings.TrimSpace(line)
	// Comware's errors start with "% "; a role refusing a command says only "Permission denied."
	// (FACTS.md, RBAC).
	if strings.HasPrefix(t, "% ") || t == "Permission denied." {
		return true
	}
	for _, f := range p.failed {
		if strings.Contains(line, f) {
			return true
		}
	}
	return false
}

// mayHoldError reports whether text may hold a line isError takes: most output holds none, and
// looking for the few marks of one is far cheaper than looking at each line (a large
// configuration's output is hundreds of lines).
func (p platform) mayHoldError(text string) bool {
	if strings.IndexByte(text, '%') >= 0 || strings.Contains(text, "Permission denied.") {
		return true
	}
	for _, f := range p.failed {
		if !strings.Contains(f, "%") && strings.Contains(text, f) {
			return true
		}
	}
	return false
}

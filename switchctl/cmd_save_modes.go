package switchctl

import (
	"bytes"
	"compress/gzip"
	"path"
	"strings"
)

// saveHelp describes every path of `save [safely] [backup|main] [force]`: the keywords are looked up
// by their whole path, and the same word means the same thing wherever it stands.
func saveHelp() map[string]string {
	words := map[string]string{
		"safely": "Save the configuration file in safe mode",
		"backup": "Save to the backup next-startup configuration file",
		"main":   "Save to the main next-startup configuration file",
		"force":  "Save without confirmation",
	}
	out := map[string]string{}
	for _, seq := range expandSpec("save [safely] [backup|main] [force]") {
		for i := 1; i < len(seq); i++ {
			out[strings.Join(seq[:i+1], " ")] = words[seq[i]]
		}
	}
	return out
}

// saveMode checks the keywords of save: vtyd keeps a main next-startup file only (display startup
// shows the backup one as NULL), so `save backup` has nowhere to write. safely changes nothing: every
// save already writes a temp file and renames it over the old one.
func saveMode(c *Ctx) error {
	if c.A.Has("backup") {
		return refuse(ErrUnsupported, "The next backup startup saved-configuration file is NULL: use save main, or save a named file.")
	}
	return nil
}

// mdbName is the binary twin of a main configuration file, as Comware keeps one beside it
// (startup.cfg, startup.mdb); "" when rel is not a .cfg file.
func mdbName(rel string) string {
	base, ok := strings.CutSuffix(rel, path.Ext(rel))
	if !ok || !strings.EqualFold(path.Ext(rel), ".cfg") {
		return ""
	}
	return base + ".mdb"
}

// mdbImage is what vtyd writes to the .mdb file: the configuration compressed behind a marker. A
// switch's .mdb is a binary image of the same configuration that speeds up its boot; vtyd never
// reads it back, it is there so that a listing of flash: after a save looks as a switch's does and
// its size counts against the space.
func mdbImage(cfg string) []byte {
	var b bytes.Buffer
	b.WriteString("VTYD-MDB\x00\x01")
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(cfg)) // a bytes.Buffer does not fail
	zw.Close()
	return b.Bytes()
}

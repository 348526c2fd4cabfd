package switchctl

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"vtyd/switchctl/flash"
)

// display diagnostic-information gathers, as Comware does, the output of the displays support asks
// for, each under a banner with its command. It asks first whether to save them to a .tar.gz on the
// flash or to display them; a session that cannot answer (an exec, NETCONF's CLI) gets them
// displayed, which is what a script running the command wants.

// diagCommands are the displays gathered, a subset of a real box's hundreds.
var diagCommands = []string{
	"display clock", "display version", "display device", "display device manuinfo", "display cpu-usage",
	"display memory", "display power", "display fan", "display environment", "display irf",
	"display interface brief", "display counters inbound interface", "display counters outbound interface",
	"display transceiver interface", "display link-aggregation summary", "display stp brief",
	"display mac-address", "display arp", "display ip routing-table", "display logbuffer", "display current-configuration",
}

func runDisplayDiag(c *Ctx) error {
	save, err := c.Confirm("Save or display diagnostic information (Y=save, N=display)?")
	switch {
	case errors.Is(err, ErrNoAnswer): // nobody to ask: display
		save = false
	case err != nil:
		return err
	}
	if !save {
		return c.D.diagText(c, c.Out)
	}
	def := fmt.Sprintf("diag_%s_%s.tar.gz", c.D.Sysname(), c.D.now().Format("20060102-150405"))
	ans, err := c.Ask(fmt.Sprintf("Please input the file name(*.tar.gz)[%s] :", flash.Display(def)))
	if err != nil {
		return err
	}
	name := strings.TrimSpace(ans)
	if name == "" {
		name = def
	}
	if !strings.HasSuffix(strings.ToLower(name), ".tar.gz") {
		return refuse(ErrInvalidValue, "The file name must end with .tar.gz.")
	}
	rel, err := resolveName(name)
	if err != nil {
		return err
	}
	var text bytes.Buffer
	if err := c.D.diagText(c, &text); err != nil {
		return err
	}
	data, err := tarGz(strings.TrimSuffix(flash.Display(rel)[len("flash:/"):], ".tar.gz")+".txt", text.Bytes(), c.D.now().Unix())
	if err != nil {
		return err
	}
	c.Printf("Diagnostic information is outputting to %s.\nPlease wait...\n", flash.Display(rel))
	if err := c.D.flash.WriteFileAtomic(rel, data); err != nil {
		return c.D.fileErr(rel, err)
	}
	c.Println("Save successfully.")
	return nil
}

// sessionExec is Session.Exec, set in init: a handler that runs commands would otherwise make the
// grammar's initialisation depend on itself.
var sessionExec func(s *Session, ctx context.Context, line string, out io.Writer) error

func init() { sessionExec = (*Session).Exec }

// diagText runs each display in a session of the caller's roles and writes it under its banner.
func (d *Device) diagText(c *Ctx, w io.Writer) error {
	info := c.S.Info()
	info.Line = -1 // no line's screen length: nothing pages
	s := d.NewSession(info)
	for _, cmd := range diagCommands {
		fmt.Fprintf(w, "=================================================\n  ===============%s===============\n", cmd)
		if err := sessionExec(s, c.Context(), cmd, w); err != nil {
			fmt.Fprintf(w, "%s\n", Message(err))
		}
	}
	return nil
}

// tarGz is a gzipped tar archive holding one file.
func tarGz(name string, data []byte, mtime int64) ([]byte, error) {
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	t := tar.NewWriter(z)
	hdr := &tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg, ModTime: time.Unix(mtime, 0)}
	if err := t.WriteHeader(hdr); err != nil {
		return nil, err
	}
	if _, err := t.Write(data); err != nil {
		return nil, err
	}
	if err := t.Close(); err != nil {
		return nil, err
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

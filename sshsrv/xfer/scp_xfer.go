package xfer

import (
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"vtyd/switchctl/flash"
)

// scpXfer runs one SCP transfer over flash:. failed records a file that did not make it while the
// session went on (the client was told with a warning), so the exit status can say so.
type scpXfer struct {
	*scpConn
	s      Session
	args   Args
	failed bool
}

// sink receives files (scp -t): the target is a directory (files keep their names) or a file name.
func (x *scpXfer) sink() error {
	target := x.args.paths[0]
	rel, err := x.s.resolve(target)
	if err != nil {
		x.fatal("scp: %s: %s", target, pathProblem(err))
		x.failed = true
		return nil
	}
	info, err := x.s.FS.Root().Stat(rel)
	isDir := err == nil && info.IsDir()
	if x.args.dirOnly && !isDir {
		x.fatal("scp: %s: Not a directory", flash.Display(rel))
		x.failed = true
		return nil
	}
	if err := x.ack(); err != nil {
		return err
	}
	for {
		code, err := x.in.ReadByte()
		if errors.Is(err, io.EOF) {
			return nil // the client is done
		}
		if err != nil {
			return err
		}
		switch code {
		case 'C':
			line, err := x.readLine()
			if err != nil {
				return err
			}
			if err := x.receive(line, rel, isDir); err != nil {
				return err
			}
		case 'T', 'E': // times (scp -p) are not kept: flash: stamps its own; E ends a directory
			if _, err := x.readLine(); err != nil {
				return err
			}
			if err := x.ack(); err != nil {
				return err
			}
		case 'D':
			x.fatal("scp: directories cannot be copied to flash: (scp -r); copy the files")
			x.failed = true
			return nil
		case 1, 2:
			msg, err := x.readLine()
			if err != nil {
				return err
			}
			x.failed = true
			if code == 2 {
				return fmt.Errorf("scp: client: %s", msg)
			}
		default:
			x.fatal("scp: protocol error: unexpected record %q", code)
			return fmt.Errorf("scp: protocol error: record %q", code)
		}
	}
}

// receive takes one file record (`C0644 SIZE NAME`) and its bytes. A file that cannot be stored is
// refused with a warning before its bytes come when that is known up front (a bad name, too big for
// the free space), or after them (the upload failed); either way nothing partial stays on flash:.
func (x *scpXfer) receive(line, target string, intoDir bool) error {
	size, name, err := parseFileRecord(line)
	if err != nil {
		x.fatal("scp: protocol error: %v", err)
		return err
	}
	dest := target
	if intoDir {
		dest = path.Join(target, name)
	}
	shown := flash.Display(dest)
	if need, room := flash.SpaceFor(size), x.s.FS.Room(dest); need > room {
		x.failed = true
		return x.warn("scp: %s: No space left on device (%d bytes needed, %d free)", shown, need, room)
	}
	u, err := x.s.FS.Create(dest)
	if err != nil {
		x.failed = true
		return x.warn("scp: %s: %s", shown, pathProblem(err))
	}
	defer u.Abort() // a no-op once closed
	if err := x.ack(); err != nil {
		return err
	}
	w := &firstError{w: u}
	if _, err := io.CopyN(w, x.in, size); err != nil {
		return err // the connection failed; the deferred Abort drops the temp file
	}
	if err := x.response(); err != nil { // the client's read of its own file failed
		x.failed = true
		x.log.Info("scp upload abandoned by the client", "file", shown, "err", err)
		return nil
	}
	err = w.err
	if err == nil {
		err = u.Close()
	}
	if err != nil {
		x.failed = true
		return x.warn("scp: %s: %s", shown, pathProblem(err))
	}
	x.log.Info("scp file received", "file", shown, "bytes", size)
	return x.ack()
}

// parseFileRecord reads `0644 SIZE NAME` (the C already read). The name must be a plain file name.
func parseFileRecord(line string) (size int64, name string, err error) {
	f := strings.SplitN(line, " ", 3)
	if len(f) != 3 || len(f[0]) != 4 || strings.Trim(f[0], "01234567") != "" {
		return 0, "", fmt.Errorf("bad file record %q", line)
	}
	size, err = strconv.ParseInt(f[1], 10, 64)
	if err != nil || size < 0 {
		return 0, "", fmt.Errorf("bad file size %q", f[1])
	}
	name = f[2]
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\x00") {
		return 0, "", fmt.Errorf("bad file name %q", name)
	}
	return size, name, nil
}

// firstError writes to w until it fails, then swallows the rest, so that the bytes of a refused
// upload are still read off the wire and the protocol stays in step.
type firstError struct {
	w   io.Writer
	err error
}

func (f *firstError) Write(p []byte) (int, error) {
	if f.err == nil {
		_, f.err = f.w.Write(p)
	}
	return len(p), nil
}

// source sends files (scp -f). A file that cannot be sent is reported with a warning and the rest go.
func (x *scpXfer) source() error {
	if err := x.response(); err != nil { // the client says it is ready
		return err
	}
	for _, name := range x.args.paths {
		if err := x.send1(name); err != nil {
			return err
		}
	}
	return nil
}

func (x *scpXfer) send1(name string) error {
	rel, err := x.s.resolve(name)
	if err != nil {
		x.failed = true
		return x.warn("scp: %s: %s", name, pathProblem(err))
	}
	shown := flash.Display(rel)
	f, err := x.s.FS.Root().Open(rel)
	if err != nil {
		x.failed = true
		return x.warn("scp: %s: %s", shown, pathProblem(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = fmt.Errorf("not a regular file")
	}
	if err != nil {
		x.failed = true
		return x.warn("scp: %s: %v", shown, err)
	}
	if x.args.preserve {
		t := info.ModTime().Unix()
		if err := x.record("T%d 0 %d 0\n", t, t); err != nil {
			return err
		}
	}
	// The record names the file as the client asked for it: OpenSSH's scp refuses a name that does
	// not match its request ("filename does not match request"), so flash:b.cfg stays flash:b.cfg.
	if err := x.record("C0644 %d %s\n", info.Size(), path.Base(name)); err != nil {
		return err
	}
	if _, err := io.CopyN(x.out, f, info.Size()); err != nil {
		return err // the file changed under us; the stream cannot be repaired
	}
	if err := x.out.WriteByte(0); err != nil {
		return err
	}
	if err := x.out.Flush(); err != nil {
		return err
	}
	x.log.Info("scp file sent", "file", shown, "bytes", info.Size())
	return x.response()
}

// record sends a control record and waits for the client's ok.
func (x *scpXfer) record(format string, args ...any) error {
	if _, err := fmt.Fprintf(x.out, format, args...); err != nil {
		return err
	}
	if err := x.out.Flush(); err != nil {
		return err
	}
	return x.response()
}

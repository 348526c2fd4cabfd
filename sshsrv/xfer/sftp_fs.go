package xfer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pkg/sftp"

	"vtyd/switchctl/flash"
)

// flashHandlers are pkg/sftp's request-server handlers over flash: for one session. Every path goes
// through flash.Resolve (no "..", no other device, no temp-file names) and then the device's os.Root,
// which refuses symbolic links that lead out of flash:, so no request reaches a file outside it.
// Every change goes through flash.FS, which keeps the capacity and its limits; uploads go through
// flash.Create: the capacity is enforced as bytes arrive, and a failed upload leaves no partial file.
type flashHandlers struct {
	fs      *flash.FS
	log     *slog.Logger
	resolve func(name string) (string, error) // Session.resolve

	// uploads are this session's open upload handles by flash: path: pkg/sftp hands an fsetstat on
	// a handle over as a setstat of its path, which must reach the upload, not the old file.
	mu      sync.Mutex
	uploads map[string]*flashUpload

	// pkg/sftp calls the handlers on its own goroutines, where a panic would end the process:
	// each method recovers (h.recovered), fails its request, notes panicked and calls end, which
	// closes the session.
	end      func()
	panicked atomic.Bool
}

// newFlashHandlers serves s's flash:; a panic closes s's stream.
func newFlashHandlers(s Session) *flashHandlers {
	return &flashHandlers{fs: s.FS, log: s.Log, resolve: s.resolve, uploads: map[string]*flashUpload{},
		end: func() { _ = s.Stream.Close() }} // the request server's read ends
}

// handlers is h in every role of pkg/sftp's request server.
func (h *flashHandlers) handlers() sftp.Handlers {
	return sftp.Handlers{FileGet: h, FilePut: h, FileCmd: h, FileList: h}
}

// rel turns a request path into a flash: path. pkg/sftp hands over paths cleaned against "/";
// Comware names come through as "/flash:/x.cfg" or "/flash:x.cfg", so the leading slash goes before
// flash.Resolve reads them.
func (h *flashHandlers) rel(p string) (string, error) {
	name := strings.TrimPrefix(p, "/")
	if name == "" {
		return ".", nil
	}
	return h.resolve(name)
}

// recovered is deferred first in every method pkg/sftp calls: a panic fails the request (*err, when
// the method returns one), is logged with its stack, and ends this session and no other.
func (h *flashHandlers) recovered(op string, err *error) {
	v := recover()
	if v == nil {
		return
	}
	logPanic(h.log, "sftp "+op, v)
	h.panicked.Store(true)
	if err != nil {
		*err = &statusError{"internal error; the session is closed", sftp.ErrSSHFxFailure}
	}
	if h.end != nil {
		h.end()
	}
}

// Fileread opens a file for a download.
func (h *flashHandlers) Fileread(r *sftp.Request) (_ io.ReaderAt, err error) {
	defer h.recovered("read", &err)
	rel, err := h.rel(r.Filepath)
	if err != nil {
		return nil, sftpStatus(err)
	}
	f, err := h.fs.Root().Open(rel)
	if err != nil {
		return nil, sftpStatus(fmt.Errorf("read %s: %w", flash.Display(rel), pathless(err)))
	}
	info, err := f.Stat()
	if err == nil && info.IsDir() {
		err = flash.ErrIsDir
	}
	if err != nil {
		return nil, sftpStatus(fmt.Errorf("read %s: %w", flash.Display(rel), errors.Join(pathless(err), f.Close())))
	}
	return &flashFile{f: f, rel: rel, h: h}, nil
}

// flashFile is a download: the file's errors name its flash: path, not its host path.
type flashFile struct {
	f   *os.File
	rel string
	h   *flashHandlers
}

func (r *flashFile) ReadAt(p []byte, off int64) (n int, err error) {
	defer r.h.recovered("read", &err)
	n, err = r.f.ReadAt(p, off)
	if err != nil && !errors.Is(err, io.EOF) {
		err = sftpStatus(fmt.Errorf("read %s: %w", flash.Display(r.rel), pathless(err)))
	}
	return n, err
}

func (r *flashFile) Close() (err error) {
	defer r.h.recovered("close", &err)
	return r.f.Close()
}

// Filewrite starts an upload. The file is replaced as a whole when the handle closes; appending to
// an existing file is not offered (flash: keeps no partial files).
func (h *flashHandlers) Filewrite(r *sftp.Request) (_ io.WriterAt, err error) {
	defer h.recovered("write", &err)
	if r.Pflags().Append {
		return nil, sftp.ErrSSHFxOpUnsupported
	}
	rel, err := h.rel(r.Filepath)
	if err != nil {
		return nil, sftpStatus(err)
	}
	u, err := h.fs.Create(rel)
	if err != nil {
		return nil, sftpStatus(err)
	}
	h.log.Info("sftp upload", "file", flash.Display(rel))
	w := &flashUpload{u: u, h: h, rel: rel}
	h.mu.Lock()
	h.uploads[rel] = w
	h.mu.Unlock()
	return w, nil
}

// flashUpload adapts a flash.Upload to pkg/sftp: its errors carry SFTP status codes, and a session
// that ends with the handle open (TransferError) drops the upload instead of keeping a partial file.
// The first failed write ends the upload (flash.Upload), so a client that goes on to close the
// handle is told the upload failed and nothing is published.
type flashUpload struct {
	u   *flash.Upload
	h   *flashHandlers
	rel string
}

func (w *flashUpload) WriteAt(p []byte, off int64) (n int, err error) {
	defer w.h.recovered("write", &err)
	n, err = w.u.WriteAt(p, off)
	return n, sftpStatus(err)
}

// Close makes the file visible; a failed upload reports why (SSH_FX_FAILURE).
func (w *flashUpload) Close() (err error) {
	defer w.h.recovered("close", &err)
	w.forget()
	return sftpStatus(w.u.Close())
}

// TransferError is called before Close when the session ended with the handle open.
func (w *flashUpload) TransferError(error) {
	defer w.h.recovered("transfer error", nil)
	w.forget()
	_ = w.u.Abort()
}

func (w *flashUpload) forget() {
	w.h.mu.Lock()
	if w.h.uploads[w.rel] == w {
		delete(w.h.uploads, w.rel)
	}
	w.h.mu.Unlock()
}

// Filecmd changes the tree: remove, rename, mkdir, rmdir, setstat. Links are refused.
func (h *flashHandlers) Filecmd(r *sftp.Request) (err error) {
	defer h.recovered(strings.ToLower(r.Method), &err)
	rel, err := h.rel(r.Filepath)
	if err != nil {
		return sftpStatus(err)
	}
	switch r.Method {
	case "Setstat":
		err = h.setstat(rel, r.AttrFlags(), r.Attributes())
	case "Remove":
		err = h.fs.Remove(rel)
	case "Mkdir":
		err = h.fs.Mkdir(rel)
	case "Rmdir":
		err = h.fs.Rmdir(rel)
	case "Rename", "PosixRename":
		var to string
		if to, err = h.rel(r.Target); err == nil {
			err = h.fs.Rename(rel, to, r.Method == "PosixRename")
		}
	default: // Link, Symlink
		return sftp.ErrSSHFxOpUnsupported
	}
	if err == nil {
		h.log.Info("sftp "+strings.ToLower(r.Method), "file", flash.Display(rel))
	}
	return sftpStatus(err)
}

// PosixRename is rename that replaces an existing target (posix-rename@openssh.com).
func (h *flashHandlers) PosixRename(r *sftp.Request) error { return h.Filecmd(r) }

// StatVFS answers `df` with flash:'s capacity and free bytes.
func (h *flashHandlers) StatVFS(*sftp.Request) (_ *sftp.StatVFS, err error) {
	defer h.recovered("statvfs", &err)
	const block = 1024
	free := uint64(h.fs.Free()) / block
	return &sftp.StatVFS{Bsize: block, Frsize: block, Blocks: uint64(h.fs.Capacity()) / block,
		Bfree: free, Bavail: free, Namemax: 255}, nil
}

// setstat applies what flash: can keep of a setstat: a new length (truncate, with the space it takes).
// Modes, owners and times are accepted on a file or directory that exists and dropped, as flash:
// keeps none of them (and stamps its own times, as SCP's T records are dropped). A setstat of a path
// this session is uploading (an fsetstat on the open handle: OpenSSH's put -p, scp -p) applies to
// the upload.
func (h *flashHandlers) setstat(rel string, flags sftp.FileAttrFlags, attrs *sftp.FileStat) error {
	h.mu.Lock()
	w := h.uploads[rel]
	h.mu.Unlock()
	if w != nil {
		if flags.Size {
			return w.u.Truncate(int64(attrs.Size))
		}
		return nil
	}
	if flags.Size {
		return h.fs.Truncate(rel, int64(attrs.Size))
	}
	_, err := h.fs.Stat(rel)
	return err
}

// Filelist lists a directory or describes one file (Stat; Lstat is answered the same way).
func (h *flashHandlers) Filelist(r *sftp.Request) (_ sftp.ListerAt, err error) {
	defer h.recovered(strings.ToLower(r.Method), &err)
	rel, err := h.rel(r.Filepath)
	if err != nil {
		return nil, sftpStatus(err)
	}
	e, err := h.fs.Stat(rel)
	if err != nil {
		return nil, sftpStatus(err)
	}
	if r.Method != "List" {
		return listerAt{entryInfo{e}}, nil
	}
	if !e.Dir {
		return nil, sftpStatus(fmt.Errorf("dir %s: not a directory", flash.Display(rel)))
	}
	entries, err := h.fs.List(rel)
	if err != nil {
		return nil, sftpStatus(err)
	}
	infos := make(listerAt, len(entries))
	for i, e := range entries {
		infos[i] = entryInfo{e}
	}
	return infos, nil
}

// RealPath is where a client's cd and pwd land: "/" is flash:/, and Comware names are understood.
func (h *flashHandlers) RealPath(p string) (_ string, err error) {
	defer h.recovered("realpath", &err)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	rel, err := h.rel(path.Clean(p))
	if err != nil {
		return "", sftpStatus(err)
	}
	return path.Join("/", rel), nil
}

// Readlink is refused: flash: has no symbolic links to show.
func (h *flashHandlers) Readlink(string) (string, error) { return "", sftp.ErrSSHFxOpUnsupported }

// listerAt serves a fixed list of entries.
type listerAt []os.FileInfo

func (l listerAt) ListAt(dst []os.FileInfo, off int64) (int, error) {
	if off >= int64(len(l)) {
		return 0, io.EOF
	}
	n := copy(dst, l[off:])
	if n < len(dst) {
		return n, io.EOF
	}
	return n, nil
}

// entryInfo presents a flash: entry as a file: owner 0, mode 0644 (0755 for directories).
type entryInfo struct{ e flash.Entry }

func (i entryInfo) Name() string       { return i.e.Name }
func (i entryInfo) Size() int64        { return i.e.Size }
func (i entryInfo) ModTime() time.Time { return i.e.ModTime }
func (i entryInfo) IsDir() bool        { return i.e.Dir }
func (i entryInfo) Sys() any           { return nil }

func (i entryInfo) Mode() fs.FileMode {
	if i.e.Dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}

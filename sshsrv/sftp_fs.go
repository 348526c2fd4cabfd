package sshsrv

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"strings"
	"time"

	"github.com/pkg/sftp"

	"vtyd/switchctl/flash"
)

// flashHandlers are pkg/sftp's request-server handlers over flash:. Every path goes through
// flash.Resolve (no "..", no other device, no temp-file names) and then the device's os.Root, which
// refuses symbolic links that lead out of flash:, so no request reaches a file outside it. Uploads
// go through flash.Create: the capacity is enforced as bytes arrive, and a failed upload leaves no
// partial file.
type flashHandlers struct {
	fs  *flash.FS
	log *slog.Logger
}

// sftpRel turns a request path into a flash: path. pkg/sftp hands over paths cleaned against "/";
// Comware names come through as "/flash:/x.cfg" or "/flash:x.cfg", so the leading slash goes before
// flash.Resolve reads them.
func sftpRel(p string) (string, error) {
	name := strings.TrimPrefix(p, "/")
	if name == "" {
		return ".", nil
	}
	return flash.Resolve(name)
}

// Fileread opens a file for a download.
func (h *flashHandlers) Fileread(r *sftp.Request) (io.ReaderAt, error) {
	rel, err := sftpRel(r.Filepath)
	if err != nil {
		return nil, sftpStatus(err)
	}
	f, err := h.fs.Root().Open(rel)
	if err != nil {
		return nil, sftpStatus(err)
	}
	info, err := f.Stat()
	if err == nil && info.IsDir() {
		err = fmt.Errorf("read %s: %w", flash.Display(rel), flash.ErrIsDir)
	}
	if err != nil {
		return nil, sftpStatus(errors.Join(err, f.Close()))
	}
	return f, nil
}

// Filewrite starts an upload. The file is replaced as a whole when the handle closes; appending to
// an existing file is not offered (flash: keeps no partial files).
func (h *flashHandlers) Filewrite(r *sftp.Request) (io.WriterAt, error) {
	if r.Pflags().Append {
		return nil, sftp.ErrSSHFxOpUnsupported
	}
	rel, err := sftpRel(r.Filepath)
	if err != nil {
		return nil, sftpStatus(err)
	}
	u, err := h.fs.Create(rel)
	if err != nil {
		return nil, sftpStatus(err)
	}
	h.log.Info("sftp upload", "file", flash.Display(rel))
	return &flashUpload{u: u}, nil
}

// flashUpload adapts a flash.Upload to pkg/sftp: its errors carry SFTP status codes, and a session
// that ends with the handle open (TransferError) drops the upload instead of keeping a partial file.
type flashUpload struct{ u *flash.Upload }

func (w *flashUpload) WriteAt(p []byte, off int64) (int, error) {
	n, err := w.u.WriteAt(p, off)
	return n, sftpStatus(err)
}

// Close makes the file visible; a failed upload reports why (SSH_FX_FAILURE).
func (w *flashUpload) Close() error { return sftpStatus(w.u.Close()) }

// TransferError is called before Close when the session ended with the handle open.
func (w *flashUpload) TransferError(error) { _ = w.u.Abort() }

// Filecmd changes the tree: remove, rename, mkdir, rmdir. Setstat is accepted and ignored: flash:
// keeps no owners or modes, and clients (put -p, scp -p) send it while the upload is still invisible
// under its name. Links are refused.
func (h *flashHandlers) Filecmd(r *sftp.Request) error {
	rel, err := sftpRel(r.Filepath)
	if err != nil {
		return sftpStatus(err)
	}
	switch r.Method {
	case "Setstat":
		return nil
	case "Remove":
		err = h.fs.Remove(rel)
	case "Mkdir":
		err = h.fs.Mkdir(rel)
	case "Rmdir":
		err = h.rmdir(rel)
	case "Rename", "PosixRename":
		err = h.rename(rel, r.Target, r.Method == "PosixRename")
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
func (h *flashHandlers) StatVFS(*sftp.Request) (*sftp.StatVFS, error) {
	const block = 1024
	free := uint64(h.fs.Free()) / block
	return &sftp.StatVFS{Bsize: block, Frsize: block, Blocks: uint64(h.fs.Capacity()) / block,
		Bfree: free, Bavail: free, Namemax: 255}, nil
}

func (h *flashHandlers) rmdir(rel string) error {
	if rel == "." {
		return fmt.Errorf("rmdir %s: %w", flash.Display(rel), fs.ErrPermission)
	}
	info, err := h.fs.Root().Lstat(rel)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("rmdir %s: not a directory", flash.Display(rel))
	}
	return h.fs.Root().Remove(rel) // fails unless empty
}

// rename moves a file or directory within flash:. SFTP v3's rename refuses an existing target;
// posix-rename replaces it.
func (h *flashHandlers) rename(from, target string, replace bool) error {
	to, err := sftpRel(target)
	if err != nil {
		return err
	}
	if from == "." || to == "." {
		return fmt.Errorf("rename %s: %w", flash.Display(from), fs.ErrPermission)
	}
	if _, err := h.fs.Root().Lstat(to); err == nil && !replace {
		return fmt.Errorf("rename to %s: %w", flash.Display(to), flash.ErrExist)
	}
	return h.fs.Root().Rename(from, to)
}

// Filelist lists a directory or describes one file (Stat; Lstat is answered the same way).
func (h *flashHandlers) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	rel, err := sftpRel(r.Filepath)
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
func (h *flashHandlers) RealPath(p string) (string, error) {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	rel, err := sftpRel(path.Clean(p))
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

// statusError is an error worded for the client with the SFTP status code it maps to (pkg/sftp finds
// the code through Unwrap).
type statusError struct {
	msg  string
	code error // one of sftp.ErrSSHFx...
}

func (e *statusError) Error() string { return e.msg }
func (e *statusError) Unwrap() error { return e.code }

// sftpStatus gives err the status code a client expects: no such file, permission denied for names
// outside flash:, failure (with the reason, such as flash: being full) for the rest.
func sftpStatus(err error) error {
	var se *statusError
	switch {
	case err == nil, errors.Is(err, io.EOF), errors.As(err, &se):
		return err
	case errors.Is(err, fs.ErrNotExist):
		return &statusError{err.Error(), sftp.ErrSSHFxNoSuchFile}
	case errors.Is(err, flash.ErrOutside), errors.Is(err, flash.ErrBadPath), errors.Is(err, fs.ErrPermission), escapesRoot(err):
		return &statusError{err.Error(), sftp.ErrSSHFxPermissionDenied}
	case errors.Is(err, sftp.ErrSSHFxOpUnsupported):
		return err
	}
	return &statusError{err.Error(), sftp.ErrSSHFxFailure}
}

// escapesRoot reports os.Root's refusal of a path that leaves flash: through a symbolic link. The
// standard library does not export that error (os.errPathEscapes), so its text is matched.
func escapesRoot(err error) bool {
	return strings.Contains(err.Error(), "path escapes from parent")
}

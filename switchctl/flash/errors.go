package flash

import "errors"

// The reasons flash: refuses a name or an operation; callers test them with errors.Is and word them
// for the CLI at the edge.
var (
	// ErrBadPath is a name that is not a flash: path at all: empty, NUL bytes, backslashes, stray
	// colons or a reserved temp-file name.
	ErrBadPath = errors.New("flash: invalid path")
	// ErrOutside is a name on another device (cfa0:, usb:, slot2#flash:) or one whose ".." climbs
	// above flash:/.
	ErrOutside = errors.New("flash: path outside flash:")
	// ErrNoSpace is a write that would push the used bytes over the capacity.
	ErrNoSpace = errors.New("flash: not enough space")
	// ErrExist is a directory or file that already exists where a new one was asked for.
	ErrExist = errors.New("flash: file or directory already exists")
	// ErrNotDir is a directory operation aimed at a file.
	ErrNotDir = errors.New("flash: not a directory")
	// ErrIsDir is a file operation aimed at a directory.
	ErrIsDir = errors.New("flash: is a directory")
	// ErrClosed is a write to an Upload that was already closed, aborted or failed.
	ErrClosed = errors.New("flash: upload already finished")
	// ErrTooDeep is a directory that would sit more than MaxDepth levels below flash:/.
	ErrTooDeep = errors.New("flash: too many directory levels")
	// ErrDirFull is a new name in a directory that already holds MaxEntries files and directories.
	ErrDirFull = errors.New("flash: too many files in the directory")
)

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
	// ErrIsDir is a file operation aimed at a directory.
	ErrIsDir = errors.New("flash: is a directory")
	// ErrClosed is a write to an Upload that was already closed, aborted or failed.
	ErrClosed = errors.New("flash: upload already finished")
)

// Package flash is the simulated switch's flash: file system: a directory inside the data dir, reached
// only through an os.Root so that no name — "..", absolute paths or symbolic links included — can leave
// it.
//
// Names are written the Comware way (flash:/a/b.cfg, /a.cfg, a.cfg) and resolved by Resolve; writes are
// atomic (temp file, fsync, rename, fsync dir) and bounded by a capacity, so a full flash: or a crash in
// the middle of a save leaves either the old file or the new one, never a torn one. FormatDir prints
// the listing exactly as Comware's dir command does.
package flash

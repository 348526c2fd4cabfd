//go:build !linux

package audit

// datasync is fsync where fdatasync's guarantee for a file's size is not known to hold.
func datasync(f file) error { return f.Sync() }

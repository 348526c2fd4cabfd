package flash

// WithWriteFault makes the writes of uploads fail as a failing medium would: before each write of n
// bytes at off into the temp file whose host path is tmp, fault is called, and an error it returns
// is what the write returns. It lets tests outside this package reproduce a full host disk (ENOSPC)
// under a capacity that has room; never for a real device.
func WithWriteFault(fault func(tmp string, off int64, n int) error) Option {
	return func(f *FS) { f.writeFault = fault }
}

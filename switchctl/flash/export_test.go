package flash

// CrashPoints are the points of WriteFileAtomic at which a test can simulate a crash.
var CrashPoints = []string{pointTempWritten, pointSynced, pointBeforeRename}

// SetCrashHook installs the crash hook; set it before the FS is shared.
func (f *FS) SetCrashHook(h func(point string) error) { f.crashHook = h }

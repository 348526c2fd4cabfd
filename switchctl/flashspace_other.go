//go:build !linux

package switchctl

// fsAvail is unknown off Linux: dir reports the configured capacity alone.
func fsAvail(string) (int64, bool) { return 0, false }

package switchctl

import "sync"

// runningLock is NETCONF's lock of the running configuration: held by one login at a time, and let
// go when that login ends, as RFC 6241 §7.5 asks ("a lock is released when the session ends").
type runningLock struct {
	mu     sync.Mutex
	holder int // the holding login's ID, 0 for none
}

// LockRunning takes the running configuration's lock for l. It reports the holder's login ID and
// false when another login that is still registered holds it (lock-denied names that session).
// Taking a lock one already holds is refused too, as RFC 6241 says.
func (d *Device) LockRunning(l *Login) (holder int, ok bool) {
	d.runLock.mu.Lock()
	defer d.runLock.mu.Unlock()
	if h := d.runLock.holder; h != 0 && d.registered(h) {
		return h, false
	}
	d.runLock.holder = l.ID
	return l.ID, true
}

// UnlockRunning lets go of the lock l holds; ok false when l does not hold it.
func (d *Device) UnlockRunning(l *Login) bool {
	d.runLock.mu.Lock()
	defer d.runLock.mu.Unlock()
	if d.runLock.holder != l.ID {
		return false
	}
	d.runLock.holder = 0
	return true
}

// RunningLockHolder is the ID of the login holding the running configuration's lock, 0 for none.
func (d *Device) RunningLockHolder() int {
	d.runLock.mu.Lock()
	defer d.runLock.mu.Unlock()
	if h := d.runLock.holder; h != 0 && d.registered(h) {
		return h
	}
	return 0
}

// registered reports whether the login with this ID has not ended.
func (d *Device) registered(id int) bool {
	d.reg.mu.Lock()
	defer d.reg.mu.Unlock()
	_, ok := d.reg.logins[id]
	return ok
}

package sshsrv

import "sync"

// vtyLines hands out VTY line numbers to shells: the lowest free one, as Comware does. Exec sessions
// take no line.
// TODO: move into the device when `display users` and `free line` need the sessions.
type vtyLines struct {
	mu   sync.Mutex
	busy []bool
}

func newVTYLines(n int) *vtyLines { return &vtyLines{busy: make([]bool, n)} }

// take returns a free line and a function that frees it, or ok false when every line is in use.
func (v *vtyLines) take() (line int, free func(), ok bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for i, b := range v.busy {
		if !b {
			v.busy[i] = true
			var once sync.Once
			return i, func() {
				once.Do(func() {
					v.mu.Lock()
					v.busy[i] = false
					v.mu.Unlock()
				})
			}, true
		}
	}
	return -1, nil, false
}

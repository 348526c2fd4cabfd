package switchctl

// EndCause is why the device ended a login (Login.EndWith). Both ways a person is served, the line
// CLI and the console, print Message when the session ends, so the wording lives here, once.
type EndCause int

// Why a login ended. EndNone: it has not been ended by the device (the user quit, or the
// connection was lost).
const (
	EndNone     EndCause = iota
	EndFreed             // `free line`, `free ssh`
	EndReboot            // `reboot`
	EndIdle              // the line's idle-timeout passed without input
	EndShutdown          // the SSH server is shutting down
)

// String names the cause for logs.
func (c EndCause) String() string {
	switch c {
	case EndFreed:
		return "freed"
	case EndReboot:
		return "reboot"
	case EndIdle:
		return "idle-timeout"
	case EndShutdown:
		return "shutdown"
	}
	return "none"
}

// Message is what the session's user is told as it closes, "" for EndNone.
func (c EndCause) Message() string {
	switch c {
	case EndFreed:
		return "% The line was freed by an administrator (free line or free ssh); the session is closed."
	case EndReboot:
		return "% The device is rebooting; the session is closed."
	case EndIdle:
		return "% The session was idle for longer than the line's idle-timeout; it is closed."
	case EndShutdown:
		return "% The server is shutting down; the session is closed."
	}
	return ""
}

package sshsrv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// The process log speaks two dialects at once. Every line is a syslog-like line,
//
//	2026-11-25T10:38:12.320+01:00 vtyd[4242]: Failed password for admin from 127.0.0.1 port 50308 ssh2
//	2026-11-25T10:38:12.402+01:00 vtyd[4242]: ssh session ended session=3 user=admin status=0
//
// and the server writes its authentication events with OpenSSH's exact wording as the message and no
// attributes, so that the stock fail2ban sshd filter (and any sshd log tooling) reads vtyd's log as it
// reads sshd's: the ISO time is the date fail2ban finds at the line start, "vtyd[pid]:" takes the
// place of the host name, and the message is what the filter's patterns match. Warnings and errors
// start with "warning: " and "error: ", as sshd's do (fail2ban skips the latter prefix itself).
// NewLogHandler writes this format; main hands a logger built on it to New.

// NewLogHandler returns a slog.Handler that writes the syslog-like lines above to w: time, program
// and pid, the message with control characters escaped (\ooo, as sshd's log does), then the record's
// attributes in slog's text form. opts are slog's (level, source, ReplaceAttr); nil means Info.
func NewLogHandler(w io.Writer, opts *slog.HandlerOptions) slog.Handler {
	var o slog.HandlerOptions
	if opts != nil {
		o = *opts
	}
	user := o.ReplaceAttr
	o.ReplaceAttr = func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && (a.Key == slog.TimeKey || a.Key == slog.LevelKey || a.Key == slog.MessageKey) {
			return slog.Attr{} // written by the handler in its own form
		}
		if user != nil {
			return user(groups, a)
		}
		return a
	}
	h := &logHandler{out: &logOutput{w: w}, prefix: fmt.Sprintf("vtyd[%d]: ", os.Getpid())}
	h.attrs = slog.NewTextHandler(&h.out.buf, &o)
	return h
}

// logHandler formats time, program and message itself and lets a TextHandler format attributes into
// a buffer shared, under one lock, by every handler derived with WithAttrs or WithGroup.
type logHandler struct {
	out    *logOutput
	attrs  slog.Handler
	prefix string
}

type logOutput struct {
	mu  sync.Mutex
	w   io.Writer
	buf bytes.Buffer
}

func (h *logHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.attrs.Enabled(ctx, l) }

func (h *logHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &logHandler{out: h.out, attrs: h.attrs.WithAttrs(as), prefix: h.prefix}
}

func (h *logHandler) WithGroup(name string) slog.Handler {
	return &logHandler{out: h.out, attrs: h.attrs.WithGroup(name), prefix: h.prefix}
}

func (h *logHandler) Handle(ctx context.Context, r slog.Record) error {
	t := r.Time
	if t.IsZero() {
		t = time.Now()
	}
	var line strings.Builder
	line.WriteString(t.Format("2006-01-02T15:04:05.000Z07:00"))
	line.WriteByte(' ')
	line.WriteString(h.prefix)
	switch {
	case r.Level >= slog.LevelError:
		line.WriteString("error: ")
	case r.Level >= slog.LevelWarn:
		line.WriteString("warning: ")
	case r.Level < slog.LevelInfo:
		line.WriteString("debug: ")
	}
	line.WriteString(vis(r.Message))

	h.out.mu.Lock()
	defer h.out.mu.Unlock()
	h.out.buf.Reset()
	if err := h.attrs.Handle(ctx, r); err != nil {
		return err
	}
	if attrs := bytes.TrimSpace(h.out.buf.Bytes()); len(attrs) > 0 {
		line.WriteByte(' ')
		line.Write(attrs)
	}
	line.WriteByte('\n')
	_, err := io.WriteString(h.out.w, line.String())
	return err
}

// vis escapes control characters as \ooo, as OpenSSH's log does (strnvis with VIS_OCTAL), so that a
// user name or a client's version string cannot forge log lines or drive a terminal: C0 controls,
// DEL, C1 controls (U+0080–U+009F, and a raw 8-bit byte such as 0x9b, which 8-bit terminals read
// as CSI), bidirectional controls, and bytes that are not UTF-8. Other text, non-ASCII names
// included, stays as it is.
func vis(s string) string {
	clean := true
	for _, r := range s {
		if r == '\\' || r == utf8.RuneError || unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == utf8.RuneError || unsafeRune(r):
			for _, c := range []byte(s[i : i+n]) {
				fmt.Fprintf(&b, `\%03o`, c)
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unsafeRune reports whether r is a control or bidirectional control character that vis escapes.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// clip escapes s and keeps at most 100 bytes of it, as sshd's "%.100s" does for user names.
func clip(s string) string {
	if len(s) > 100 {
		s = s[:100]
	}
	return vis(s)
}

// sshd writes one OpenSSH-format line to the process log: the message alone, no attributes.
func (s *Server) sshd(level slog.Level, format string, args ...any) {
	s.auth.Log(context.Background(), level, fmt.Sprintf(format, args...))
}

// sshs adds a Comware SSHS entry to the device's log buffer (`display logbuffer`).
func (s *Server) sshs(sev int, mnemonic, format string, args ...any) {
	s.d.Logf("SSHS", sev, mnemonic, format, args...)
}

// Severities of the SSHS entries, as Comware 7's log reference lists them.
const (
	sevSSHSLog      = switchctl.SevInformational // SSHS_LOG
	sevSSHSMismatch = switchctl.SevWarning       // SSHS_ALGORITHM_MISMATCH, SSHS_VERSION_MISMATCH
	sevSSHSAuthFail = switchctl.SevNotification  // SSHS_AUTH_FAIL, SSHS_AUTH_EXCEED_RETRY_TIMES
)

// keyLabel is how sshd names a key in "Accepted publickey ... ssh2: ED25519 SHA256:...".
func keyLabel(key gossh.PublicKey) string {
	t := key.Type()
	name := map[string]string{
		gossh.KeyAlgoED25519: "ED25519", gossh.KeyAlgoRSA: "RSA", gossh.KeyAlgoDSA: "DSA",
		gossh.KeyAlgoECDSA256: "ECDSA", gossh.KeyAlgoECDSA384: "ECDSA", gossh.KeyAlgoECDSA521: "ECDSA",
		gossh.KeyAlgoSKED25519: "ED25519-SK", gossh.KeyAlgoSKECDSA256: "ECDSA-SK",
	}[t]
	if name == "" {
		name = strings.ToUpper(t)
	}
	return name + " " + gossh.FingerprintSHA256(key)
}

// connFailed logs a handshake that ended before a login, in sshd's words and as Comware's SSHS
// entries: a refused identification, a failed negotiation (with the category that had no common
// algorithm), too many failures, the authentication timeout, or the client leaving.
func (s *Server) connFailed(c net.Conn, err error) {
	g := s.guard(c)
	if g == nil {
		s.log.Info("ssh handshake failed", "remote", c.RemoteAddr().String(), "err", err)
		return
	}
	st := g.st
	r := st.remote
	user, valid := st.who()
	var ie *identError
	var ae *gossh.ServerAuthError
	m, isMismatch := negotiationFailure(err)
	timedOut := errors.Is(err, os.ErrDeadlineExceeded)
	if !timedOut && st.onlyProbed() {
		// A client that offered keys and left, without ever failing a password, still counts once
		// against its source, as sshd's PerSourcePenalties authfail: else probing which keys a
		// user has is free.
		s.penalise(r)
	}
	switch {
	case errors.As(err, &ie) && ie.invalid:
		s.sshd(slog.LevelInfo, "banner exchange: Connection from %s port %d: invalid format", r.Addr(), r.Port())
		s.sshs(sevSSHSMismatch, "SSHS_VERSION_MISMATCH", "SSH client %s failed to log in because of version mismatch.", r.Addr())
	case errors.As(err, &ie):
		s.sshd(slog.LevelInfo, "Protocol major versions differ for %s port %d: %s vs. %s", r.Addr(), r.Port(), Version, clip(ie.line))
		s.sshs(sevSSHSMismatch, "SSHS_VERSION_MISMATCH", "SSH client %s failed to log in because of version mismatch.", r.Addr())
	case isMismatch:
		s.sshd(slog.LevelInfo, "Unable to negotiate with %s port %d: no matching %s found. Their offer: %s [preauth]",
			r.Addr(), r.Port(), m.openssh, clip(strings.Join(m.theirs, ",")))
		s.sshs(sevSSHSMismatch, "SSHS_ALGORITHM_MISMATCH", "SSH client %s failed to log in because of %s algorithm mismatch.",
			r.Addr(), m.comware)
	case timedOut:
		s.sshd(slog.LevelInfo, "Timeout before authentication for %s port %d", r.Addr(), r.Port())
		s.sshs(sevSSHSLog, "SSHS_LOG", "Authentication timed out for %s.", r.Addr())
		s.penalise(r)
	case errors.As(err, &ae) && strings.Contains(err.Error(), "too many authentication failures"):
		s.sshd(slog.LevelError, "maximum authentication attempts exceeded for %s%s from %s port %d ssh2 [preauth]",
			invalid(valid), clip(user), r.Addr(), r.Port())
		s.sshd(slog.LevelInfo, "Disconnecting %s user %s %s port %d: Too many authentication failures [preauth]",
			authenticating(valid), clip(user), r.Addr(), r.Port())
		s.sshs(sevSSHSAuthFail, "SSHS_AUTH_EXCEED_RETRY_TIMES",
			"SSH user %s (IP: %s) failed to log in, because the number of authentication attempts exceeded the upper limit.",
			clip(user), r.Addr())
	case user != "":
		s.sshd(slog.LevelInfo, "Connection closed by %s user %s %s port %d [preauth]", authenticating(valid), clip(user), r.Addr(), r.Port())
	case errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || errors.As(err, &ae):
		s.sshd(slog.LevelInfo, "Connection closed by %s port %d [preauth]", r.Addr(), r.Port())
	case errors.Is(err, syscall.ECONNRESET):
		s.sshd(slog.LevelInfo, "Connection reset by %s port %d [preauth]", r.Addr(), r.Port())
	default:
		s.sshd(slog.LevelInfo, "Connection from %s port %d failed before authentication: %v [preauth]", r.Addr(), r.Port(), err)
	}
}

func authenticating(valid bool) string {
	if valid {
		return "authenticating"
	}
	return "invalid"
}

// penalise counts a failure against the client's source and logs a refusal it starts.
func (s *Server) penalise(r netip.AddrPort) {
	src, d := s.penalty.fail(r.Addr())
	if d <= 0 {
		return
	}
	family := "ipv4"
	if src.Addr().Is6() {
		family = "ipv6"
	}
	s.sshd(slog.LevelInfo, "srclimit_penalise: %s: new %s deny for %s: penalty: failed authentication", family, src, d)
}

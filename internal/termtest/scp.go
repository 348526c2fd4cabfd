package termtest

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// SCPClient is the client side of the legacy SCP protocol, as OpenSSH's `scp -O` speaks it, over a
// running `scp -t` or `scp -f`: In is its input, Out its output, Wait the exit status once it ended.
type SCPClient struct {
	In   io.WriteCloser
	Out  *bufio.Reader
	Wait func() int
}

// Reply reads the server's answer: "" for ok, else the error text with its code ("1 scp: ...").
func (s *SCPClient) Reply() string {
	code, err := s.Out.ReadByte()
	if err != nil {
		return "read error: " + err.Error()
	}
	if code == 0 {
		return ""
	}
	msg, _ := s.Out.ReadString('\n')
	return fmt.Sprintf("%d %s", code, strings.TrimSuffix(msg, "\n"))
}

// Finish ends the client's side and returns the exit status.
func (s *SCPClient) Finish() int {
	s.In.Close()
	_, _ = io.Copy(io.Discard, s.Out)
	return s.Wait()
}

// Put sends one file as name to a running `scp -t`, with a T record first when times is set. It
// returns the first refusal ("" when every reply was ok) and the exit status.
func (s *SCPClient) Put(name string, data []byte, times bool) (string, int) {
	steps := []func(){func() {}}
	if times {
		steps = append(steps, func() { fmt.Fprintf(s.In, "T1700000000 0 1700000000 0\n") })
	}
	steps = append(steps,
		func() { fmt.Fprintf(s.In, "C0644 %d %s\n", len(data), name) },
		func() { s.In.Write(append(append([]byte(nil), data...), 0)) })
	for _, step := range steps {
		step()
		if msg := s.Reply(); msg != "" {
			return msg, s.Finish()
		}
	}
	return "", s.Finish()
}

// Get receives one file from a running `scp -f`: its bytes, or the refusal, and the exit status.
func (s *SCPClient) Get() (data []byte, msg string, status int) {
	s.In.Write([]byte{0})
	for {
		code, err := s.Out.ReadByte()
		if err != nil {
			return nil, "read error: " + err.Error(), s.Finish()
		}
		line, _ := s.Out.ReadString('\n')
		line = strings.TrimSuffix(line, "\n")
		switch code {
		case 'T':
			s.In.Write([]byte{0})
			continue
		case 'C':
			var mode, size int
			var name string
			if _, err := fmt.Sscanf(line, "%o %d %s", &mode, &size, &name); err != nil {
				return nil, "bad record " + line, s.Finish()
			}
			s.In.Write([]byte{0})
			data = make([]byte, size)
			if _, err := io.ReadFull(s.Out, data); err != nil {
				return nil, "short data", s.Finish()
			}
			if end := s.Reply(); end != "" {
				return nil, end, s.Finish()
			}
			s.In.Write([]byte{0})
			return data, "", s.Finish()
		default:
			return nil, fmt.Sprintf("%d %s", code, line), s.Finish()
		}
	}
}

package linecli

import (
	"context"
	"io"
	"sync"
)

// The `xml` command: the CLI's stream is handed to a NETCONF session (Options.XML) as raw bytes,
// neither echoed nor edited nor split into lines, until the session ends; then the prompt comes
// back, as on Comware (where quit does nothing in XML view and <close-session> leaves it).

func (c *CLI) xml(ctx context.Context) error {
	st := &xmlStream{c: c, ctx: ctx, closed: make(chan struct{})}
	err := c.opt.XML(ctx, st)
	_ = st.Close()
	if c.ended != nil {
		return c.ended
	}
	if err != nil {
		return err
	}
	return c.checkEnd()
}

// xmlStream reads what the CLI's input goroutine queued, from what the CLI had not yet taken on,
// and writes past the terminal's line-end translation (NETCONF frames count bytes). Close ends a
// blocked Read, which the NETCONF session uses on its timeouts; the CLI's stream stays open.
type xmlStream struct {
	c      *CLI
	ctx    context.Context
	once   sync.Once
	closed chan struct{}
}

func (s *xmlStream) Read(p []byte) (int, error) {
	c := s.c
	for {
		if len(c.literal) > 0 {
			n := copy(p, c.literal)
			c.literal = c.literal[n:]
			return n, nil
		}
		if len(c.pending) > 0 {
			n := copy(p, c.pending)
			c.pending = c.pending[n:]
			return n, nil
		}
		ch, ok, end := c.next()
		if ok {
			c.pending = ch.b
			if c.opt.Touch != nil {
				c.opt.Touch(ch.at)
			}
			continue
		}
		if end != nil {
			c.ended = end
			return 0, end
		}
		select {
		case <-c.in.ready:
		case <-s.closed:
			return 0, io.ErrClosedPipe
		case <-c.opt.Freed:
			c.ended = c.whyFreed()
			return 0, io.EOF
		case <-s.ctx.Done():
			return 0, s.ctx.Err()
		}
	}
}

func (s *xmlStream) Write(p []byte) (int, error) {
	return s.c.out.WriteRaw(p)
}

func (s *xmlStream) Close() error {
	s.once.Do(func() { close(s.closed) })
	return nil
}

package remote

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"vtyd/switchctl"
)

func openShell(t *testing.T, r *replayServer, p *Pool) *Shell {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := OpenShell(ctx, p, r.target())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func run(t *testing.T, s *Shell, line string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var b strings.Builder
	err := s.Run(ctx, line, &b)
	return b.String(), err
}

// TestShellRunGivesFixtureText: every recorded display comes back exactly as recorded: no banner,
// no echo, no prompt, no \r; with the pager disabled and with it refused (then answered, leaving no
// trace of its prompt or erasure).
func TestShellRunGivesFixtureText(t *testing.T) {
	for _, refuse := range []bool{false, true} {
		name := map[bool]string{false: "screen-length disabled", true: "pager answered"}[refuse]
		t.Run(name, func(t *testing.T) {
			r := newReplayServer(t)
			r.refuseSL = refuse
			p := NewPool(PoolOptions{})
			defer p.Close()
			s := openShell(t, r, p)
			if s.Paged() != refuse {
				t.Errorf("Paged() = %v after screen-length disable was refused=%v", s.Paged(), refuse)
			}
			if got := s.Prompt(); got != "<H3C>" {
				t.Errorf("prompt %q after login, want <H3C>", got)
			}
			long := 0
			for cmd, want := range r.answers {
				got, err := run(t, s, cmd)
				if err != nil {
					t.Errorf("%s: %v", cmd, err)
					continue
				}
				if got != want {
					t.Errorf("%s: output differs from the recording\n got: %q\nwant: %q", cmd, got, want)
				}
				if strings.Count(want, "\n") > r.pageLen {
					long++
				}
			}
			if long == 0 {
				t.Fatal("no recording is longer than a screen: the pager is not exercised")
			}
		})
	}
}

// TestShellViewsAndErrors: prompts follow the views; a `%` error is a CommandError that words and
// places its caret as the device did.
func TestShellViewsAndErrors(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	s := openShell(t, r, p)
	for _, step := range []struct{ line, out, prompt string }{
		{"system-view", "System View: return to User View with Ctrl+Z.\n", "[H3C]"},
		{"interface GigabitEthernet1/0/1", "", "[H3C-GigabitEthernet1/0/1]"},
		{"shutdown", "", "[H3C-GigabitEthernet1/0/1]"},
		{"quit", "", "[H3C]"},
		{"interface GigabitEthernet1/0/2", "", "[H3C-GigabitEthernet1/0/2]"},
	} {
		out, err := run(t, s, step.line)
		if err != nil || out != step.out || s.Prompt() != step.prompt {
			t.Errorf("%s: output %q err %v prompt %s; want %q and %s", step.line, out, err, s.Prompt(), step.out, step.prompt)
		}
	}
	s.Reset()
	if s.Prompt() != "<H3C>" {
		t.Errorf("Reset left the shell in %s", s.Prompt())
	}

	out, err := run(t, s, "dispaly version")
	var ce *CommandError
	if !errors.As(err, &ce) {
		t.Fatalf("an unknown command gave %v (output %q), want a CommandError", err, out)
	}
	if out != "" {
		t.Errorf("the error's lines were written as output: %q", out)
	}
	if got, want := switchctl.Message(err), " % Unrecognized command found at '^' position."; got != want {
		t.Errorf("Message %q, want %q", got, want)
	}
	if got, want := switchctl.Caret(err, len("<H3C>")), "     ^"; got != want {
		t.Errorf("caret %q, want %q", got, want)
	}
}

// askerFunc answers questions for tests.
type askerFunc func(q string) (string, error)

func (f askerFunc) Ask(_ context.Context, q string) (string, error) { return f(q) }

// TestShellDialog: `save` asks three questions; with an Asker they are answered and the save
// runs, without one the first is answered N and the error says a confirmation was needed.
func TestShellDialog(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	s := openShell(t, r, p)

	var asked []string
	s.SetAsker(askerFunc(func(q string) (string, error) {
		asked = append(asked, q)
		if strings.Contains(q, "file name") || strings.Contains(q, "enter key") {
			return "", nil
		}
		return "Y", nil
	}))
	out, err := run(t, s, "save")
	if err != nil {
		t.Fatalf("save with an Asker: %v", err)
	}
	if len(asked) != 3 || !strings.Contains(asked[0], "Are you sure? [Y/N]:") || !strings.Contains(asked[2], "overwrite? [Y/N]:") {
		t.Errorf("questions asked: %q", asked)
	}
	if want := "Validating file. Please wait...\nSaved the current configuration to mainboard device successfully.\n"; !strings.HasSuffix(out, want) || strings.Contains(out, "[Y/N]") {
		t.Errorf("save printed %q, want it to end with %q and hold no question", out, want)
	}

	s.SetAsker(nil)
	out, err = run(t, s, "save")
	var cf *ConfirmError
	if !errors.As(err, &cf) || !errors.Is(err, switchctl.ErrNoAnswer) {
		t.Fatalf("save without an Asker gave %v (output %q), want a ConfirmError", err, out)
	}
	if !strings.Contains(err.Error(), "needs a confirmation") || strings.Contains(out, "Saved") {
		t.Errorf("refused save: err %q, output %q", err, out)
	}
	if s.Prompt() != "<H3C>" {
		t.Errorf("after the refusal the prompt is %q", s.Prompt())
	}
	if out, err := run(t, s, "display version"); err != nil || out != r.answers["display version"] {
		t.Errorf("the shell is unusable after a refused dialog: %v %q", err, out)
	}
}

// TestShellHelpAndComplete: `?` and Tab go to the device; the edit line is left empty after.
func TestShellHelpAndComplete(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	s := openShell(t, r, p)
	var b strings.Builder
	if err := s.Help("di", &b); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); !strings.Contains(got, "  dir ") || !strings.Contains(got, "  display ") || strings.Contains(got, "debug") || strings.Contains(got, "<H3C>") {
		t.Errorf("help for di:\n%s", got)
	}
	if line, cands := s.Complete("disp"); line != "display " || cands != nil {
		t.Errorf("Complete(disp) = %q %q, want display", line, cands)
	}
	if line, cands := s.Complete("di"); line != "di" || strings.Join(cands, ",") != "dir,display" {
		t.Errorf("Complete(di) = %q %q, want di and dir, display", line, cands)
	}
	if out, err := run(t, s, "display version"); err != nil || out != r.answers["display version"] {
		t.Errorf("after help and completion the device's line was not empty: %v %q", err, out)
	}
}

// TestShellDeviceCloses: the device closing the connection in the middle of a command is
// ErrClosed, at once; the next command fails the same way.
func TestShellDeviceCloses(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	s := openShell(t, r, p)
	_, err := run(t, s, "die")
	if !errors.Is(err, ErrClosed) {
		t.Fatalf("a device that closed mid-command gave %v, want ErrClosed", err)
	}
	if _, err := run(t, s, "display version"); !errors.Is(err, ErrClosed) {
		t.Errorf("the next command gave %v", err)
	}
}

// TestShellTimeout: a device that stops answering is ErrTimeout within the target's timeout, and
// the shell stays unusable.
func TestShellTimeout(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	tg := r.target()
	tg.Timeout = 300 * time.Millisecond
	s, err := OpenShell(context.Background(), p, tg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, err = run(t, s, "hang")
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("a silent device gave %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the timeout of 300ms took %v", d)
	}
	if !strings.Contains(err.Error(), "core1") {
		t.Errorf("the timeout does not name the device: %v", err)
	}
	if _, err := run(t, s, "display version"); !errors.Is(err, ErrTimeout) {
		t.Errorf("a command after a timeout gave %v, want the shell unusable", err)
	}
}

// TestShellKeepsNoOutput: a shell left open (as the pool keeps one warm between execs) holds none
// of the output of the command it ran last. Its prompt, cut from that output, once held all of it:
// a warm shell kept a whole configuration alive.
func TestShellKeepsNoOutput(t *testing.T) {
	const size = 4 << 20
	r := newReplayServer(t)
	line := strings.Repeat("x", 99) + "\r\n"
	r.answers["display big"] = strings.Repeat(line, size/len(line))
	p := NewPool(PoolOptions{})
	defer p.Close()
	s := openShell(t, r, p)
	before := liveHeap()
	out, err := run(t, s, "display big")
	if err != nil || len(out) < size/2 {
		t.Fatalf("display big: %d bytes, %v", len(out), err)
	}
	if grew := liveHeap() - before; grew > size/4 {
		t.Errorf("the open shell keeps %d KB alive after a %d KB output", grew>>10, size>>10)
	}
	if s.Prompt() != "<H3C>" {
		t.Errorf("prompt %q, want <H3C>", s.Prompt())
	}
}

// liveHeap is the heap in use after a collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

package main

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// screen is what a terminal shows: written by the client's goroutine,
// read by the test, with a signal for each write.
type screen struct {
	mu    sync.Mutex
	b     strings.Builder
	wrote chan struct{}
}

func newScreen() *screen { return &screen{wrote: make(chan struct{}, 1)} }

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Write(p)
	select {
	case s.wrote <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// terminalPlayer is one `tale connect --plain` with a keyboard and a screen.
type terminalPlayer struct {
	t      *testing.T
	name   string
	keys   *io.PipeWriter
	screen *screen
	read   int // how much of the screen has been looked at
	done   chan error
}

func connectTerminal(t *testing.T, url, name string) *terminalPlayer {
	t.Helper()
	keysR, keys := io.Pipe()
	p := &terminalPlayer{t: t, name: name, keys: keys, screen: newScreen(), done: make(chan error, 1)}
	app := newApp(keysR, p.screen, p.screen)
	go func() { p.done <- app.Run([]string{"tale", "connect", "--plain", url}) }()
	t.Cleanup(func() {
		keys.Close() // end of input: the client leaves
		<-p.done
	})
	p.until("What is your name?")
	p.typ(name)
	p.until("The Slipway")
	return p
}

func (p *terminalPlayer) typ(line string) {
	p.t.Helper()
	if _, err := io.WriteString(p.keys, line+"\n"); err != nil {
		p.t.Fatalf("%s typing %q: %v", p.name, line, err)
	}
}

// maxWait is how long a test waits for text that should come: far more
// than a reply takes, so only a reply that never comes fails.
const maxWait = 10 * time.Second

// until waits for want on the screen and returns what was shown up to
// and including it since last asked.
func (p *terminalPlayer) until(want string) string {
	p.t.Helper()
	deadline := time.NewTimer(maxWait)
	defer deadline.Stop()
	for {
		all := p.screen.String()
		if i := strings.Index(all[p.read:], want); i >= 0 {
			got := all[p.read : p.read+i+len(want)]
			p.read += i + len(want)
			return got
		}
		select {
		case <-p.screen.wrote:
		case <-deadline.C:
			p.t.Fatalf("%s never saw %q; the screen shows:\n%s", p.name, want, all[p.read:])
		}
	}
}

// Two players in two terminals (tale connect) on one MUD server read each
// other's speech as the words, never as the page's HTML.
func TestConnectMUDTwoTerminalsTalk(t *testing.T) {
	url := serve(t, "--mode", "mud", "--web", "--websocket", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir()).ws()

	ann := connectTerminal(t, url, "ann")
	bob := connectTerminal(t, url, "bob")
	ann.until("Bob appears.")

	ann.typ("say hello <p class=\"x\">")
	ann.until("You say:")
	heard := bob.until("Ann says: “hello <p class=\"x\">”")
	bob.typ("wave at ann")
	bob.until("You wave")
	seen := ann.until("Bob waves happily at you.")
	bob.typ("tell ann psst")
	told := ann.until("Bob tells you: “psst”")
	ann.typ("shout </say>run")
	shouted := bob.until("Ann shouts: “</say>run”")

	for who, text := range map[string]string{"Bob": heard + shouted, "Ann": seen + told} {
		rest := strings.ReplaceAll(text, `<p class="x">`, "") // what Ann typed, shown as typed
		if strings.Contains(rest, "<p") || strings.Contains(rest, "class=") || strings.Contains(rest, "<say>") {
			t.Errorf("%s's terminal shows markup or HTML:\n%s", who, text)
		}
	}
}

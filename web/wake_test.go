package web

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

// writers counts the goroutines writing to WebSockets: an on-demand one
// (turns, or serveWriter before it hands over) or a parked one (loop).
func writers() (onDemand, parked int) {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	for _, g := range strings.Split(string(buf), "\n\n") {
		switch {
		case strings.Contains(g, "web.(*client).loop"):
			parked++
		case strings.Contains(g, "web.(*client).turns"), strings.Contains(g, "web.(*client).serveWriter"):
			onDemand++
		}
	}
	return onDemand, parked
}

func noWriters() bool { d, p := writers(); return d == 0 && p == 0 }

// An idle tab holds no writer goroutine (wake.go), yet everything that
// has to reach it does: the game's events, replies from the queue, and
// the end of the connection.
func TestWSIdleTabHasNoWriterYetGetsEverything(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	a, b := ts.dial(t, "", nil), ts.dial(t, "", nil)
	a.hello()
	b.hello()
	eventually(t, "the writers to finish after the first screen", noWriters)

	a.send(map[string]any{"cmd": "hello from a"})
	if m := b.expect("text"); !strings.Contains(m.str("text"), "hello from a") {
		t.Errorf("the idle tab got %v, want the other tab's command", m)
	}
	b.send(map[string]any{"type": "ping"})
	for b.next().typ() != "pong" { // the rest of the reply comes first
	}
	eventually(t, "the writers to finish after the reply", noWriters)

	ts.stop()
	if err := a.closed(); closeCode(err) != closeGoingAway {
		t.Errorf("idle tab at shutdown: %v, want close %d", err, closeGoingAway)
	}
}

// plainSession hands out subscriptions that do not notify, as a session
// built on tio.NewSubscription does.
type plainSession struct{ tio.Session }

func (s plainSession) Subscribe(ctx context.Context, since int64) (*tio.Subscription, error) {
	sub, err := s.Session.Subscribe(ctx, since)
	if err != nil {
		return nil, err
	}
	return tio.NewSubscription(sub.Events, sub.Resynced, sub.Cancel, sub.Evicted), nil
}

// A session whose subscriptions do not notify still works: the writer
// waits on the channel as before.
func TestWSSessionWithoutNotifyKeepsAParkedWriter(t *testing.T) {
	ts := serveSession(t, wsConfig(), plainSession{newEchoGame(64, 64)})
	c := ts.dial(t, "", nil)
	c.hello()
	c.send(map[string]any{"cmd": "still here"})
	if m := c.expect("text"); !strings.Contains(m.str("text"), "still here") {
		t.Errorf("got %v, want the echo", m)
	}
	if _, parked := writers(); parked != 1 {
		t.Errorf("%d parked writers, want 1", parked)
	}
}

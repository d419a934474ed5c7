package web

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

// A game whose inbox stays full tells the player it is busy, every time
// (each wait is bounded, none is cut short by an earlier one's expired
// deadline), and once it takes input again the next command is played.
func TestStuckGameSaysBusyThenPlaysAgain(t *testing.T) {
	release := make(chan struct{})
	g := tiotest.New(tiotest.Options{
		Info: echoInfo,
		React: func(s *tiotest.Session, in tio.Input) {
			if in.Line == "block" {
				<-release
			}
			s.Emit(tiotest.Text("done: " + in.Line))
		},
	})
	t.Cleanup(g.Close)
	g.Emit(tiotest.Text("The stuck game."))
	cfg := Config{WebSocket: true, WriteWait: 300 * time.Millisecond}
	unlimited(&cfg)
	ts := serveSession(t, cfg, g)
	c := ts.dial(t, "", nil)
	c.expect("connected")
	c.expect("text")

	// The game takes "block" and hangs; 64 more fill its inbox; each
	// command after those waits in vain.
	c.send(map[string]any{"cmd": "block"})
	for range 64 {
		c.send(map[string]any{"cmd": "queued"})
	}
	for range 3 {
		c.send(map[string]any{"cmd": "one too many"})
	}
	for busy := 0; busy < 3; {
		if m := c.next(); m.typ() == "message_error" {
			if m.str("error") != errorSentence(ErrBusy) {
				t.Fatalf("a stuck game gave %v, want %q", m, errorSentence(ErrBusy))
			}
			busy++
		}
	}
	close(release)
	// Every command is played now: none meets a deadline left over from
	// the waits before (with an expired one, each would be refused half
	// the time).
	for i := range 8 {
		c.send(map[string]any{"cmd": "after " + strconv.Itoa(i)})
	}
	for {
		m := c.next()
		if m.typ() == "message_error" {
			t.Fatalf("after the game took input again: %v", m)
		}
		if strings.Contains(m.str("text"), "done: after 7") {
			return
		}
	}
}

// The readers' shared deadline: every call gets a context that ends
// between half the wait and the whole wait after the call, whichever
// reader renewed it, and one that its parent ended is never handed out.
func TestGameWaitBoundsEveryCall(t *testing.T) {
	const wait = 40 * time.Millisecond
	var w gameWait
	parent, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				before := time.Now()
				deadline, ok := w.context(parent, wait).Deadline()
				after := time.Now()
				if !ok || deadline.Before(before.Add(wait/2)) || deadline.After(after.Add(wait)) {
					t.Errorf("a call at %v got deadline %v: want between wait/2 and wait on", before, deadline)
					return
				}
				time.Sleep(time.Millisecond)
			}
		}()
	}
	wg.Wait()
	cancel()
	if err := w.context(parent, wait).Err(); err == nil || w.context(context.Background(), wait).Err() != nil {
		t.Error("a context its parent ended was handed out again, or never renewed")
	}
}

package web

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// A call into the game (a command, a completion) takes input at once
// unless the game's inbox is full; one that waits longer than the write
// deadline finds the game stuck, and the player hears so (ErrBusy) rather
// than wait. A context with its own timer for every command was a tenth
// of a WebSocket round trip's CPU (the timer, and registering with the
// server's context), and one kept by each connection's reader was a
// context and a timer held by every tab that had ever typed. So the
// server's readers share one, renewed once half of its time is gone:
// every call may still wait at least half the write deadline, and never
// more than all of it.

// gameWait is the WebSocket readers' shared deadline for calls into the
// game. It is safe for concurrent use.
type gameWait struct {
	mu  sync.Mutex // held while renewing
	cur atomic.Pointer[waitContext]
}

type waitContext struct {
	ctx    context.Context
	cancel context.CancelFunc // never called: readers may still be using ctx when it is renewed, and its deadline ends it
	until  time.Time
}

// context returns a context of parent that ends between wait/2 and wait
// from now.
func (w *gameWait) context(parent context.Context, wait time.Duration) context.Context {
	now := time.Now()
	if c := w.cur.Load(); c.fresh(now, wait) {
		return c.ctx
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if c := w.cur.Load(); c.fresh(now, wait) {
		return c.ctx // another reader renewed it meanwhile
	}
	c := &waitContext{until: now.Add(wait)}
	c.ctx, c.cancel = context.WithDeadline(parent, c.until)
	w.cur.Store(c)
	return c.ctx
}

// fresh reports whether c may serve a call made at now: at least wait/2
// left, and not ended by its parent.
func (c *waitContext) fresh(now time.Time, wait time.Duration) bool {
	return c != nil && c.until.Sub(now) >= wait/2 && c.ctx.Err() == nil
}

// gameContext is the context for one call into the game: from the
// readers' gameWait when the caller has one, else made for this call.
func (s *Server) gameContext(w *gameWait) (context.Context, context.CancelFunc) {
	if w == nil {
		return context.WithTimeout(s.ctx, s.cfg.WriteWait)
	}
	return w.context(s.ctx, s.cfg.WriteWait), func() {}
}

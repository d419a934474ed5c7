package web

import (
	"context"
	"time"
)

// A call into the game (a command, a completion) takes input at once
// unless the game's inbox is full; one that waits longer than the write
// deadline finds the game stuck, and the player hears so (ErrBusy) rather
// than wait. A context with its own timer for every command was a tenth
// of a WebSocket round trip's CPU (the timer, and registering with the
// server's context), so a connection's reader keeps one and renews it
// once half of its time is gone: every call may still wait at least half
// the write deadline, and never more than all of it.

// gameWait is a reader's reusable deadline for calls into the game. Only
// its reader uses it.
type gameWait struct {
	ctx    context.Context
	cancel context.CancelFunc
	until  time.Time
}

// context returns a context of parent that ends between wait/2 and wait
// from now.
func (w *gameWait) context(parent context.Context, wait time.Duration) context.Context {
	now := time.Now()
	if w.ctx == nil || w.until.Sub(now) < wait/2 || w.ctx.Err() != nil {
		w.stop()
		w.until = now.Add(wait)
		w.ctx, w.cancel = context.WithDeadline(parent, w.until)
	}
	return w.ctx
}

// stop releases the context's timer.
func (w *gameWait) stop() {
	if w.cancel != nil {
		w.cancel()
	}
}

// gameContext is the context for one call into the game: from the
// reader's gameWait when it has one, else made for this call.
func (s *Server) gameContext(w *gameWait) (context.Context, context.CancelFunc) {
	if w == nil {
		return context.WithTimeout(s.ctx, s.cfg.WriteWait)
	}
	return w.context(s.ctx, s.cfg.WriteWait), func() {}
}

package remote

import (
	"context"
	"time"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/tio"
)

// Sync returns once every event of the input sent before it is in the
// local stream (see the package doc for how the server is asked). With
// no input since the last Sync it returns at once.
func (s *Session) Sync(ctx context.Context) error {
	for attempt := 0; ; attempt++ {
		s.mu.Lock()
		if s.ended {
			s.mu.Unlock()
			return tio.ErrSessionClosed
		}
		sent, epoch := s.sent, s.epoch
		need := sent > s.synced
		s.mu.Unlock()
		if !need {
			return nil
		}
		// The completion's answer means the game loop has run every
		// command this connection sent before it.
		m, err := s.ask(ctx, barrierPrefix)
		if err != nil {
			return err
		}
		if m.Type != "completions" {
			// Dropped with its connection, or refused (the game or the
			// address is over its budget): ask again.
			if err := s.pause(ctx, attempt); err != nil {
				return err
			}
			continue
		}
		target, err := s.probeTarget(ctx, true)
		if err != nil {
			return err
		}
		if err := s.waitSeq(ctx, target, epoch); err != nil {
			return err
		}
		s.mu.Lock()
		s.synced = max(s.synced, sent)
		s.mu.Unlock()
		return nil
	}
}

// firstScreen waits for what a new connection shows first: the snapshot
// at hello's seq, or, in a game nobody has played, the whole opening.
func (s *Session) firstScreen(ctx context.Context, hello uint64) error {
	s.mu.Lock()
	epoch := s.epoch
	s.mu.Unlock()
	if hello > 0 {
		return s.waitSeq(ctx, hello, epoch)
	}
	target, err := s.probeTarget(ctx, false)
	if err != nil {
		return err
	}
	return s.waitSeq(ctx, target, epoch)
}

// probeTarget finds a server seq that covers every event the game had
// published when it was asked. A fresh probe's connected names it, except
// in a game nobody has played (seq 0, the opening follows); then probes
// ask ?since=N+1, which the server resumes only when it has an event
// after N, until one does not.
func (s *Session) probeTarget(ctx context.Context, fresh bool) (uint64, error) {
	if fresh {
		p, err := s.probe(ctx, -1)
		if err != nil || p > 0 {
			return p, err
		}
	}
	for {
		s.mu.Lock()
		x, epoch := s.seq, s.epoch
		s.mu.Unlock()
		got, err := s.probe(ctx, int64(x+1))
		if err != nil {
			return 0, err
		}
		if got != x+1 {
			return x, nil
		}
		if err := s.waitSeq(ctx, x+1, epoch); err != nil {
			return 0, err
		}
	}
}

// probe opens a connection for the session only to read the seq its
// connected message names, and hangs up. It retries what a retry can
// mend (a cap, a blip) until ctx or the session ends.
func (s *Session) probe(ctx context.Context, since int64) (uint64, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(s.ctx, cancel)()
	for attempt := 0; ; attempt++ {
		s.mu.Lock()
		token, ended := s.token, s.ended
		s.mu.Unlock()
		if ended {
			return 0, tio.ErrSessionClosed
		}
		ws, hello, err := s.connect(ctx, token, since)
		if err == nil {
			ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(writeWait))
			ws.Close()
			return hello.Seq, nil
		}
		s.log.Debug("probe failed", "err", err)
		if err := s.pause(ctx, attempt); err != nil {
			return 0, err
		}
	}
}

// pause waits before retry attempt n, or fails when ctx or the session
// ends first.
func (s *Session) pause(ctx context.Context, n int) error {
	select {
	case <-time.After(backoff(n)):
		return nil
	case <-s.done:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// waitSeq waits until the main connection has delivered the server's seq
// target, or the server has started a new game (its seqs are not ours).
func (s *Session) waitSeq(ctx context.Context, target uint64, epoch int) error {
	for {
		s.mu.Lock()
		if s.ended {
			s.mu.Unlock()
			return tio.ErrSessionClosed
		}
		if s.seq >= target || s.epoch != epoch {
			s.mu.Unlock()
			return nil
		}
		ch := s.progress
		s.mu.Unlock()
		select {
		case <-ch:
		case <-s.done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

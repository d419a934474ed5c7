package driver

import (
	"context"
	"math"

	"github.com/tale-if/tale/tio"
)

// SendSync is Send followed by tio.ReplyEnd in one message to the loop: it
// queues in, waits until the loop has handled it, and returns the seq of
// the last event published by then. A console sends a line and waits for
// its reply every command; as two messages that woke the loop twice.
//
// It answers as the pair would: ErrSessionClosed (with math.MaxUint64,
// "show everything until the stream closes") when the player was gone
// before or by the end of the input, ctx's error when ctx ends first.
func (s *session) SendSync(ctx context.Context, in tio.Input) (uint64, error) {
	in = in.Clean() // here, on the sender's goroutine, not the loop's
	closed := false // written before call's f returns, read after
	err := s.call(ctx, func() {
		// guard as the loop would for a Send: a bug costs this input,
		// not the caller's session.
		s.g.guard(func() { s.g.handleInput(s.p, in) })
		// The pair's Sync would not have run: the loop stops after
		// this message (quit), or the player left.
		closed = s.g.stopping || s.p.left
	})
	switch {
	case err == tio.ErrSessionClosed || (err == nil && closed):
		return math.MaxUint64, tio.ErrSessionClosed
	case err != nil:
		return 0, err
	}
	return s.p.events.LastSeq(), nil
}

package driver

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/tale-if/tale/tio"
)

// ErrNameTaken means a player of that name is already in the world.
var ErrNameTaken = errors.New("a player of that name is already here")

// Seat is a player's session in a world. Leave takes the player out of
// the world; the session is then over (tio.ErrSessionClosed).
type Seat interface {
	tio.Session
	Leave(ctx context.Context) error
}

var _ Seat = (*session)(nil)

// Join seats a new player called name (names are case-insensitive) at the
// story's start (a guest: what it holds falls where it stood when it
// leaves; JoinCharacter seats an account's kept character), with the story's opening as the first events of its
// session. It needs Run to be going. Checking what a name may be is the
// join flow's business (MUD mode), not the world's.
func (w *World) Join(ctx context.Context, name string) (Seat, error) {
	return w.join(ctx, name, name, false)
}

// join seats the player called name, journaling text as its join entry
// (joinText). With reuse, a player of that name already in the world gets
// its seat back instead of ErrNameTaken (Rejoin, JoinCharacter).
func (w *World) join(ctx context.Context, name, text string, reuse bool) (Seat, error) {
	id := strings.ToLower(name)
	type result struct {
		seat *session
		err  error
	}
	reply := make(chan result, 1)
	fresh := false // written on the loop before reply is sent
	join := func() {
		if i := slices.IndexFunc(w.players, func(p *player) bool { return p.id == id && !p.left }); i >= 0 {
			if reuse {
				reply <- result{seat: w.seat(w.players[i])}
				return
			}
			reply <- result{err: ErrNameTaken}
			return
		}
		if !w.journaled(EntryJoin, id, text) {
			reply <- result{err: ErrNotKept}
			return
		}
		fresh = true
		reply <- result{seat: w.seat(w.addPlayer(id, displayName(text)))}
	}
	select {
	case w.inbox <- join:
	case <-w.done:
		return nil, tio.ErrSessionClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case r := <-reply:
		return r.seat, r.err
	case <-w.done:
		return nil, tio.ErrSessionClosed
	case <-ctx.Done():
		// The loop may seat the player yet; nobody would ever play it.
		go func() {
			select {
			case r := <-reply:
				if r.seat != nil && fresh {
					r.seat.Leave(context.Background())
				}
			case <-w.done:
			}
		}()
		return nil, ctx.Err()
	}
}

// ErrNotInWorld is Reseat's error when no player of that name is in the
// world.
var ErrNotInWorld = errors.New("no player of that name is in the world")

// Reseat gives back the seat of the player called name when it is in the
// world (link-dead after a rebuild, say) and seats nobody new: a guest's
// browser that kept its seat token across a restart takes its player
// back, and one whose player has gone meanwhile is told ErrNotInWorld and
// joins afresh from the lobby. Who may take which seat is the caller's to
// decide, as for Rejoin.
func (w *World) Reseat(ctx context.Context, name string) (Seat, error) {
	id := strings.ToLower(name)
	reply := make(chan *session, 1)
	find := func() {
		if i := slices.IndexFunc(w.players, func(p *player) bool { return p.id == id && !p.left }); i >= 0 {
			reply <- w.seat(w.players[i])
			return
		}
		reply <- nil
	}
	select {
	case w.inbox <- find:
	case <-w.done:
		return nil, tio.ErrSessionClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case s := <-reply:
		if s == nil {
			return nil, ErrNotInWorld
		}
		return s, nil
	case <-w.done:
		return nil, tio.ErrSessionClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Leave takes the seat's player out of the world: its streams close after
// what they hold and its session fails from then on. What it carried stays
// where it is in IF mode; in MUD mode a guest's falls where the player
// stood, for the others to find, a kept character's leaves with it
// (character.go), and they read that the player left. Leaving
// twice is not an error.
func (s *session) Leave(ctx context.Context) error {
	notKept := false // written on the loop before call returns
	err := s.call(ctx, func() {
		if !s.g.journaled(EntryLeave, s.p.id, leaveQuit) {
			notKept = true
			return
		}
		s.g.depart(s.p, leaveQuit)
	})
	if errors.Is(err, tio.ErrSessionClosed) {
		return nil // gone already: with the world, or by an earlier Leave
	}
	if err == nil && notKept {
		return ErrNotKept
	}
	return err
}

// leave runs on the loop.
func (w *World) leave(p *player) {
	if i := slices.Index(w.players, p); i >= 0 {
		w.players = slices.Delete(w.players, i, i+1)
		p.left = true
		p.close()
	}
}

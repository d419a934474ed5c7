package web

import (
	"context"
	"net/http"
)

// Guest seats that survive a restart (MUD with accounts). A guest of a
// shared world is known by its seat token alone, which the hub keeps in
// memory; the world, durable, comes back after a restart with the guest's
// player in it, link-dead. So when a guest's player joins, the token's
// hash is kept in the store beside the name (account.KeepGuestSeat) for
// the resume window, the life of the browser's session cookie; a request
// whose token the hub does not know is looked up there, and its seat is
// made again under the same token, its player given back by the world
// (Reseat). The newest guest of a name is the only one who may take it
// back, never under an account's name, and only while the player is in
// the world: one that has gone is joined afresh from the lobby.

// Reseater is what a World may also do to give guests their seats back
// after a restart; main's durable world does.
type Reseater interface {
	// Reseat returns the session of the player called name when it is in
	// the world, and seats nobody new (an error then).
	Reseat(ctx context.Context, name string) (Player, error)
}

// keepGuestSeat keeps a guest seat's token in the store once its player
// has joined under name. A failure is logged: the guest plays on, and
// only a restart would cost it the seat.
func (s *Server) keepGuestSeat(st *seat, name string) {
	if s.hosting == nil || st.owner != "" {
		return // no store, or an account's seat (its login finds it)
	}
	if _, ok := s.world.(Reseater); !ok {
		return
	}
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.WriteWait)
	defer cancel()
	if err := s.hosting.Accounts.KeepGuestSeat(ctx, s.hosting.Info.ID, name, st.token, s.cfg.ResumeWindow); err != nil {
		s.log.Error("cannot keep a guest's seat; a restart would lose it", "err", err)
	}
}

// restoredGuestSeat is the seat of a request whose token the hub does not
// know but the store keeps (a guest from before a restart), made again
// with its player given back; nil for any other request.
func (s *Server) restoredGuestSeat(r *http.Request) *seat {
	rs, ok := s.world.(Reseater)
	token := requestToken(r)
	if !ok || token == "" {
		return nil
	}
	if st, _, _ := s.hub.seat(token, nil); st != nil {
		return nil // known: the hub's seat, by the usual way
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.WriteWait)
	defer cancel()
	name, err := s.hosting.Accounts.GuestSeat(ctx, s.hosting.Info.ID, token)
	if err != nil {
		return nil
	}
	st := s.hub.restoreSeat(token)
	if st == nil {
		return nil // shutting down
	}
	st.naming.Lock()
	defer st.naming.Unlock()
	if st.game() != nil {
		return st // another request of this browser restored it first
	}
	if problem := s.accountNameProblem(st, name); problem != "" {
		return st // the name is an account's now: the lobby asks for another
	}
	pl, err := rs.Reseat(ctx, name)
	if err != nil {
		return st // gone from the world meanwhile: the lobby joins it afresh
	}
	st.seatPlayer(&game{Session: pl, leave: pl.Leave, msgs: newGameLimiter(s.cfg)})
	s.keepGuestSeat(st, name) // a new resume window from now
	s.log.Info("guest took its seat back", "name", name, "session", st.token[:6])
	return st
}

// restoreSeat makes the seat of a token kept from before a restart; nil
// while the server shuts down. A seat of that token made meanwhile is it.
func (h *hub) restoreSeat(token string) (s *seat) {
	h.do(func() {
		if s = h.seats[token]; s != nil || h.closing {
			return
		}
		s = newSeat(token, nil, h.newRate)
		h.seats[token] = s
		if len(h.seats) > h.maxSeats {
			h.dropOldestIdle(s)
		}
	})
	return s
}

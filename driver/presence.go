package driver

import (
	"context"
	"time"
)

// Comings and goings in a shared world that the wall clock or a
// connection decides (housekeep, Seat.Leave) are journaled like input
// (journal.go): each tells the room something and a leave changes the
// world, so replay must do them at the same point. These are the one
// place each is done, live and in replay alike.

// Why a player left, as a leave entry records it.
const (
	leaveQuit = "quit" // the seat's Leave
	leaveIdle = "idle" // typed nothing for Options.IdleTimeout
	leaveGone = "gone" // link-dead past Options.LinkDeadGrace
)

// depart takes p out of the world for the reason why.
func (w *World) depart(p *player, why string) {
	if !w.mud() {
		w.leave(p)
		return
	}
	switch why {
	case leaveIdle:
		w.worldAtomically("idle "+p.id, func(tn *turn) {
			tn.tell(p, "You have been idle too long, and are logged out. Goodbye.")
		})
		w.leaveWorld(p, "has been idle too long, and has left the game.")
	case leaveGone:
		w.leaveWorld(p, "fades from sight, and has left the game.")
	default:
		w.leaveWorld(p, "has left the game.")
	}
}

// goAway marks p link-dead as of now and tells the room.
func (w *World) goAway(p *player, now time.Time) {
	p.deadSince = now
	w.worldAtomically("link-dead "+p.id, func(tn *turn) {
		tn.tellAt(tn.locOf(p), p.the()+" goes still, staring at nothing: their connection has dropped.", p)
	})
}

// comeBack ends p's link-dead spell and tells the room.
func (w *World) comeBack(p *player) {
	p.deadSince = time.Time{}
	w.worldAtomically("back "+p.id, func(tn *turn) {
		tn.tellAt(tn.locOf(p), p.the()+" stirs, and is back with you.", p)
	})
}

// Rejoin gives back the seat of the player called name when it is still
// in the world — after a rebuild (RebuildWorld) the players who were in it
// are there, link-dead, with nobody holding their seats — and otherwise
// seats a new player as Join does. Who may take which seat (an account's
// own character) is the caller's to decide.
func (w *World) Rejoin(ctx context.Context, name string) (Seat, error) {
	return w.join(ctx, name, name, true)
}

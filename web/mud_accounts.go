package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
)

// NewMUDWithAccounts is NewMUD with accounts. A logged-in player joins the
// world under the account's name without being asked, from every browser
// it logs in from (logging in again takes the character over); a visitor
// who is not logged in types a name, which may not be an account's. The
// account routes and the @ admin commands are those of hosted mode.
// Whether an account's character is kept between visits is the World's
// business (tale's MUD world keeps it: host.OpenWorld).
func NewMUDWithAccounts(w World, hs Hosting, cfg Config) (*Server, error) {
	if w == nil || hs.Accounts == nil {
		return nil, errors.New("web: a MUD with accounts needs a world and accounts")
	}
	hs.Games = nil
	if hs.MaxConnsPerAccount <= 0 {
		hs.MaxConnsPerAccount = DefaultMaxConnsPerAccount
	}
	hs.Info = w.Info()
	return newServerWith(cfg, func(string) *game { return nil }, nil, w, &hs)
}

// hostedIF says the server gives each visitor their own game (NewHosted).
func (s *Server) hostedIF() bool { return s.hosting != nil && s.hosting.Games != nil }

// accountSeat is, in a MUD with accounts, the seat of the request's
// logged-in account, its player joined into the world if it was not, or
// the seat of a guest that a restart made the hub forget
// (restoredGuestSeat); nil for any other request.
func (s *Server) accountSeat(r *http.Request) *seat {
	if s.hosting == nil || s.world == nil {
		return nil
	}
	id := identityOf(r)
	if id.authSession == "" {
		return s.restoredGuestSeat(r) // a guest from before a restart, if any
	}
	st := s.hub.ownerSeat(id.owner)
	if st != nil && st.game() == nil {
		s.join(st, id.account.Name) // a problem (the name is taken) is told to the seat's lobby
	}
	return st
}

// accountNameProblem is why a guest (or another account) may not join a
// MUD under name: it belongs to an account. "" when it may.
func (s *Server) accountNameProblem(st *seat, name string) string {
	if s.hosting == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.WriteWait)
	defer cancel()
	accounts, err := s.hosting.Accounts.List(ctx)
	if err != nil {
		s.log.Error("cannot list accounts", "err", err)
		return "The server cannot check that name just now; try again."
	}
	for _, a := range accounts {
		if strings.EqualFold(a.Name, name) && a.ID != st.owner {
			return capitalised(name) + " is the name of an account: log in to play as " + capitalised(name) + ", or choose another name."
		}
	}
	return ""
}

// leaveWorld takes an account's player out of a MUD world (ban, kick), on
// its own goroutine: the hub never waits for the game.
func (s *Server) leaveWorld(accountID string) {
	if s.world == nil {
		return
	}
	s.hub.do(func() {
		st := s.hub.owners[accountID]
		if st == nil {
			return
		}
		// After its connections have read why they close (closeWhere): a
		// stream ended by the leave first would close them without it.
		st.leaveWhenEmpty = true
		if len(st.conns) == 0 {
			s.hub.leave(st)
		}
	})
}

package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/tale-if/tale/tio"
)

// cookieName carries the session token for EventSource and POST input,
// which cannot send it any other way a browser keeps private.
const cookieName = "tale_session"

// seatFor finds the seat a request speaks for: the token in ?session=,
// else the X-Tale-Session header, else the cookie. With a peer, an unknown
// or missing token gets a new seat (known is then false) if the peer may
// start one more (ErrTooManySessions otherwise). st is nil without a
// peer for an unknown token, and while the server shuts down.
func (s *Server) seatFor(r *http.Request, p *peer) (st *seat, known bool, err error) {
	var mint func() error
	if p != nil {
		mint = func() error {
			if !p.seats.Allow() {
				return ErrTooManySessions
			}
			return nil
		}
	}
	if s.hostedIF() {
		st, err := s.hostedSeat(r, mint)
		// The visitor's cookie proves the seat is theirs, and their game
		// keeps its event numbers across unloads and restarts: a resume
		// (?since=) is always honoured.
		return st, true, err
	}
	if st := s.accountSeat(r); st != nil {
		return st, true, nil // MUD with accounts: the account's player, joined by name
	}
	return s.hub.seat(requestToken(r), mint)
}

// lookupSeat is the seat of a request that may not start one.
func (s *Server) lookupSeat(r *http.Request) *seat {
	st, _, _ := s.seatFor(r, nil)
	return st
}

func requestToken(r *http.Request) string {
	if t := r.URL.Query().Get("session"); t != "" {
		return t
	}
	if t := r.Header.Get("X-Tale-Session"); t != "" {
		return t
	}
	if c, err := r.Cookie(cookieName); err == nil {
		return c.Value
	}
	return ""
}

// openStream subscribes a new connection of st to its game, resuming
// where the request asks (resumePoint). In MUD mode a seat without a
// player, or whose player has left the world, gets no game and no
// stream: the connection starts in the lobby (join.go).
func (s *Server) openStream(r *http.Request, st *seat, known bool, lastEventID string) (g *game, sub *tio.Subscription, since int64, release func(), err error) {
	release = func() {}
	if s.hostedIF() {
		var hold func()
		if g, hold, err = s.holdGame(r.Context(), st); err != nil {
			return nil, nil, -1, release, err
		}
		since = resumePoint(r, g, known, lastEventID)
		if sub, err = g.Subscribe(s.ctx, since); err != nil {
			hold()
			return nil, nil, -1, release, err
		}
		release = hold
		return g, sub, since, release, nil
	}
	for {
		g = st.game()
		if g == nil {
			if s.world != nil {
				return nil, nil, -1, release, nil
			}
			return nil, nil, -1, release, tio.ErrSessionClosed
		}
		since = resumePoint(r, g, known, lastEventID)
		sub, err = g.Subscribe(s.ctx, since)
		if errors.Is(err, tio.ErrSessionClosed) && s.world != nil {
			st.forget(g) // gone from the world (the link-dead grace ran out)
			continue
		}
		return g, sub, since, release, err
	}
}

// resumePoint is the seq a stream continues after, or -1 for a fresh
// screen. Only a known seat resumes: a token from before a restart, or a
// seq the game never reached, gets a fresh screen instead of a stream that
// would wait for events that will never come.
func resumePoint(r *http.Request, g *game, known bool, lastEventID string) int64 {
	if !known {
		return -1
	}
	raw := lastEventID
	if raw == "" {
		raw = r.URL.Query().Get("since")
	}
	if raw == "" {
		return -1
	}
	since, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
	if err != nil || since < 0 || uint64(since) > g.LastSeq() {
		return -1
	}
	return since
}

// sessionCookie is the cookie naming st, or nil when the request has it
// already. HttpOnly keeps it from scripts; SameSite=Strict keeps another
// site's form from posting commands with it.
func (s *Server) sessionCookie(r *http.Request, st *seat) *http.Cookie {
	if s.hostedIF() {
		return identityOf(r).setCookie // the seat follows the visitor's own cookies
	}
	if st.owner != "" {
		return nil // MUD: an account's seat follows its login cookie
	}
	if c, err := r.Cookie(cookieName); err == nil && c.Value == st.token {
		return nil
	}
	return &http.Cookie{
		Name: cookieName, Value: st.token, Path: "/tale/",
		MaxAge: int(s.cfg.ResumeWindow.Seconds()), HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
	}
}

package web

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/tale-if/tale/account"
	"github.com/tale-if/tale/host"
	"github.com/tale-if/tale/tio"
)

// Cookies of hosted mode. Both are HttpOnly and SameSite=Strict, Secure
// under TLS: a script cannot read them and another site's page cannot
// send them, which with the Origin check is the CSRF defence of every POST.
const (
	authCookie  = "tale_auth"  // an account's login session token
	guestCookie = "tale_guest" // a guest's token: the visitor's own game without an account
)

// Hosting is what NewHosted serves: a game per visitor from Games, and who
// the visitor is from Accounts.
type Hosting struct {
	Games    *host.Host
	Accounts *account.Service
	Info     tio.StoryInfo // the story, for pages and the log
	// Registration open lets visitors create accounts; closed leaves only
	// the accounts that exist (the admin's, made with `tale admin create`).
	Registration bool
	// MaxConnsPerAccount caps an account's open connections (all its
	// browsers and tabs); 0 takes DefaultMaxConnsPerAccount.
	MaxConnsPerAccount int
}

// DefaultMaxConnsPerAccount lets a player keep a few tabs and a phone open,
// and no one account hold many connections of the server's cap.
const DefaultMaxConnsPerAccount = 8

// NewHosted serves each visitor their own game of one story: the game of
// their account once logged in, else of a guest kept by a cookie. quit
// ends only that visitor's game (the driver offers restart), and no client
// message stops the server.
func NewHosted(hs Hosting, cfg Config) (*Server, error) {
	if hs.Games == nil || hs.Accounts == nil {
		return nil, errors.New("web: hosting needs games and accounts")
	}
	if hs.MaxConnsPerAccount <= 0 {
		hs.MaxConnsPerAccount = DefaultMaxConnsPerAccount
	}
	return newServerWith(cfg, func(string) *game { return nil }, nil, nil, &hs)
}

// identity is who a hosted request speaks for, resolved once per request
// (identify) and kept in its context.
type identity struct {
	owner       string          // account id or guest id; "" until a guest is made
	account     account.Account // zero for a guest
	authSession string          // the account's session id; "" for a guest
	setCookie   *http.Cookie    // a new guest's cookie, for the response
}

type identityKey struct{}

// identify resolves the visitor of r from its cookies: a live account
// session first, then a guest. A visitor with neither gets a guest later,
// from seatFor, which knows whether this request may start one.
func (s *Server) identify(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := &identity{}
		if c, err := r.Cookie(authCookie); err == nil && c.Value != "" {
			if acc, sid, err := s.hosting.Accounts.Authenticate(r.Context(), c.Value); err == nil {
				id.owner, id.account, id.authSession = acc.ID, acc, sid
			}
		}
		if id.owner == "" {
			if c, err := r.Cookie(guestCookie); err == nil && c.Value != "" {
				if g, err := s.hosting.Accounts.Guest(r.Context(), c.Value); err == nil {
					id.owner = g.ID
				}
			}
		}
		next(w, r.WithContext(context.WithValue(r.Context(), identityKey{}, id)))
	}
}

func identityOf(r *http.Request) *identity {
	if id, ok := r.Context().Value(identityKey{}).(*identity); ok {
		return id
	}
	return &identity{}
}

// hostedSeat is the seat of r's visitor. A visitor without one gets a new
// guest when mint allows it; without mint it is nil.
func (s *Server) hostedSeat(r *http.Request, mint func() error) (*seat, error) {
	id := identityOf(r)
	if id.owner == "" {
		// A client without cookies (tale connect) resumes by the seat
		// token that its connected message gave it, as in --shared mode.
		if st, _, _ := s.hub.seat(requestToken(r), nil); st != nil && st.owner != "" {
			return st, nil
		}
		if mint == nil {
			return nil, nil
		}
		if err := mint(); err != nil {
			return nil, err
		}
		g, err := s.hosting.Accounts.NewGuest(r.Context())
		if err != nil {
			s.log.Error("cannot make a guest", "err", err)
			return nil, ErrInternal
		}
		id.owner = g.ID
		id.setCookie = s.cookie(r, guestCookie, g.Token, guestCookieAge)
	}
	return s.hub.ownerSeat(id.owner), nil
}

// guestCookieAge outlasts any guest TTL an operator sets: the store, not
// the browser, decides when a guest's game is gone.
const guestCookieAge = 400 * 24 * time.Hour

// cookie is a hosted-mode cookie: HttpOnly, SameSite=Strict, Secure under
// TLS; maxAge 0 deletes it.
func (s *Server) cookie(r *http.Request, name, value string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{
		Name: name, Value: value, Path: "/tale/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
		MaxAge: int(maxAge.Seconds()),
	}
	if maxAge <= 0 {
		c.MaxAge = -1
	}
	return c
}

// holdGame loads st's owner's game for as long as the caller needs it and
// makes it the seat's game; release lets go (the host unloads a game
// nobody holds after its idle time). A game loaded again after an unload
// is a new session, so the seat's game follows it.
func (s *Server) holdGame(ctx context.Context, st *seat) (*game, func(), error) {
	a, err := s.hosting.Games.Open(ctx, st.owner)
	if err != nil {
		if errors.Is(err, host.ErrClosed) {
			return nil, nil, ErrShuttingDown
		}
		s.log.Error("cannot load a game", "err", err)
		return nil, nil, ErrInternal
	}
	sess := a.Session()
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.g == nil || st.g.Session != sess {
		st.g = &game{Session: sess, msgs: newGameLimiter(s.cfg)}
		select {
		case <-st.joined:
		default:
			close(st.joined)
		}
	}
	return st.g, a.Release, nil
}

// holding wraps a POST or GET that plays the visitor's game: the game is
// loaded for the request, since no stream may be holding it.
func (s *Server) holding(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st, _ := s.hostedSeat(r, nil)
		if st == nil {
			writeError(w, http.StatusForbidden, ErrNoSession)
			return
		}
		_, release, err := s.holdGame(r.Context(), st)
		if err != nil {
			writeError(w, statusOf(err), err)
			return
		}
		defer release()
		next(w, r)
	}
}

// closeAccount ends every connection of an account's seat, telling why.
func (s *Server) closeAccount(accountID string, why error) {
	s.hub.closeWhere(func(c *client) bool { return c.seat.owner == accountID }, closeNormal, why)
}

// closeSessions ends the connections opened with any of the account
// session ids (logout, password change, ban, deletion).
func (s *Server) closeSessions(ids []string, why error) {
	if len(ids) == 0 {
		return
	}
	set := map[string]bool{}
	for _, id := range ids {
		set[id] = true
	}
	s.hub.closeWhere(func(c *client) bool { return c.authSession != "" && set[c.authSession] }, closeNormal, why)
}

// maxPerAccount is the cap hub.attach applies to account connections; 0
// outside hosted mode, where there are no accounts.
func (s *Server) maxPerAccount() int {
	if s.hosting == nil {
		return 0
	}
	return s.hosting.MaxConnsPerAccount
}

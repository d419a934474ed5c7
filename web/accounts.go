package web

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tale-if/tale/account"
)

// accountFormLimit bounds an account form's body: four fields, a password
// at most 1024 characters of up to 4 bytes each, with room for encoding.
const accountFormLimit = 16 << 10

// ErrRegistrationClosed is a create-account form on a server started with
// --registration closed.
var ErrRegistrationClosed = errors.New("this server does not take new accounts; ask its operator for one")

// accountForm is what the account forms post; each route reads the fields
// it needs.
type accountForm struct {
	Name, Password, NewPassword, Email string
}

// accountFields are the fields a form may carry; anything else is refused,
// so a typo in a client shows at once.
var accountFields = map[string]bool{"name": true, "password": true, "new_password": true, "email": true}

// decodeAccountForm reads an urlencoded account form (a browser's form
// post, or the game page's fetch). Every field is at most one value of
// valid UTF-8; the account package checks the rules of each.
func decodeAccountForm(contentType string, body []byte) (accountForm, error) {
	if ct, _, _ := mime.ParseMediaType(contentType); ct != "application/x-www-form-urlencoded" {
		return accountForm{}, errors.New("send the form as application/x-www-form-urlencoded")
	}
	vals, err := parseQueryStrict(string(body))
	if err != nil {
		return accountForm{}, err
	}
	var f accountForm
	for k, v := range vals {
		if !accountFields[k] {
			return accountForm{}, fmt.Errorf("the form has a field %q it should not have", k)
		}
		if len(v) != 1 {
			return accountForm{}, fmt.Errorf("the form field %q is given more than once", k)
		}
		if !utf8.ValidString(v[0]) {
			return accountForm{}, ErrInvalidUTF8
		}
		switch k {
		case "name":
			f.Name = strings.TrimSpace(v[0])
		case "password":
			f.Password = v[0]
		case "new_password":
			f.NewPassword = v[0]
		case "email":
			f.Email = strings.TrimSpace(v[0])
		}
	}
	return f, nil
}

// accountRoutes are the account pages and forms of hosted mode. Every POST
// passes the Host and Origin checks of the game routes; the cookies are
// SameSite=Strict, so together another site can neither post a form with
// them nor read an answer.
func (s *Server) accountRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /tale/account", s.gameRoute(s.identify(s.serveAccountPage)))
	mux.HandleFunc("GET /tale/account/me", s.gameRoute(s.identify(s.serveMe)))
	for path, h := range map[string]func(http.ResponseWriter, *http.Request, accountForm){
		"create":   s.startsSession(s.createAccount),
		"login":    s.startsSession(s.login),
		"logout":   s.logout,
		"password": s.changePassword,
		"delete":   s.deleteAccount,
	} {
		mux.HandleFunc("POST /tale/account/"+path, s.gameRoute(s.identify(s.accountForm(h))))
	}
}

// startsSession spends one of the address's new sessions a minute
// (Config.NewSessionsPerIP) on a form that makes a login session: each
// costs a password hash and a row, so an address may not make them
// without end.
func (s *Server) startsSession(h func(http.ResponseWriter, *http.Request, accountForm)) func(http.ResponseWriter, *http.Request, accountForm) {
	return func(w http.ResponseWriter, r *http.Request, f accountForm) {
		p := s.peers.of(r)
		if p == nil {
			s.tooMany(w, ErrServerFull)
			return
		}
		if !p.seats.Allow() {
			s.metrics.errors.WithLabelValues("capped").Inc()
			s.tooMany(w, ErrTooManySessions)
			return
		}
		h(w, r, f)
	}
}

// accountForm reads and decodes the bounded body before h runs.
func (s *Server) accountForm(h func(http.ResponseWriter, *http.Request, accountForm)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := readBounded(w, r, accountFormLimit)
		if err != nil {
			s.badBody(w, err)
			return
		}
		f, err := decodeAccountForm(r.Header.Get("Content-Type"), body)
		if err != nil {
			s.accountAnswer(w, r, http.StatusBadRequest, err, "")
			return
		}
		h(w, r, f)
	}
}

// meMsg is the JSON answer of the account routes: who the visitor is now.
type meMsg struct {
	Type  string `json:"type"` // "account"
	Name  string `json:"name,omitempty"`
	Role  string `json:"role,omitempty"`
	Guest bool   `json:"guest"`
	Done  string `json:"done,omitempty"` // what the form did, for the page to say
}

func (s *Server) serveMe(w http.ResponseWriter, r *http.Request) {
	id := identityOf(r)
	writeJSON(w, http.StatusOK, mustJSON(meOf(id, "")))
}

func meOf(id *identity, done string) meMsg {
	m := meMsg{Type: "account", Guest: id.authSession == "", Done: done}
	if !m.Guest {
		m.Name, m.Role = id.account.Name, string(id.account.Role)
	}
	return m
}

// accountAnswer answers a form: JSON for the game page's fetch (Accept:
// application/json), else the account page again, with the error or the
// sentence saying what was done.
func (s *Server) accountAnswer(w http.ResponseWriter, r *http.Request, status int, err error, done string) {
	if wantsJSON(r) {
		if err != nil {
			writeError(w, status, err)
			return
		}
		writeJSON(w, status, mustJSON(meOf(identityOf(r), done)))
		return
	}
	msg := done
	if err != nil {
		msg = errorSentence(err)
	}
	s.renderAccountPage(w, r, status, msg)
}

func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// loggedIn sets the auth cookie of l and makes it the request's identity,
// so the answer names the account.
func (s *Server) loggedIn(w http.ResponseWriter, r *http.Request, l account.Login) {
	http.SetCookie(w, s.cookie(r, authCookie, l.Token, time.Until(l.Expires)))
	id := identityOf(r)
	id.owner, id.account, id.authSession = l.Account.ID, l.Account, l.SessionID
}

func (s *Server) createAccount(w http.ResponseWriter, r *http.Request, f accountForm) {
	if !s.hosting.Registration {
		s.accountAnswer(w, r, http.StatusForbidden, ErrRegistrationClosed, "")
		return
	}
	id := identityOf(r)
	if id.authSession != "" {
		s.accountAnswer(w, r, http.StatusConflict, errors.New("you are logged in already; log out to create another account"), "")
		return
	}
	var l account.Login
	var err error
	if c, cerr := r.Cookie(guestCookie); cerr == nil && id.owner != "" {
		// The guest's game becomes the account's: its connections close
		// (the page reconnects as the account) and its cookie goes.
		l, err = s.hosting.Accounts.UpgradeGuest(r.Context(), c.Value, f.Name, f.Password, f.Email, clientKey(r, s.cfg.TrustedProxies))
		if err == nil {
			guestID := id.owner
			s.hub.closeWhere(func(c *client) bool { return c.seat.owner == guestID }, closeGoingAway, errors.New("your game now belongs to your account"))
			http.SetCookie(w, s.cookie(r, guestCookie, "", 0))
			s.evictGuestGame(r, guestID)
		}
	} else {
		if _, err = s.hosting.Accounts.Register(r.Context(), f.Name, f.Password, f.Email); err == nil {
			l, err = s.hosting.Accounts.Login(r.Context(), f.Name, f.Password, clientKey(r, s.cfg.TrustedProxies))
		}
	}
	if err != nil {
		s.accountAnswer(w, r, formStatus(err), err, "")
		return
	}
	s.loggedIn(w, r, l)
	s.accountAnswer(w, r, http.StatusOK, nil, "Your account "+l.Account.Name+" is ready.")
}

// evictGuestGame unloads the game a guest played before its upgrade, before
// the answer lets the page reconnect as the account: the account loads the
// game afresh from the store, and the guest's copy is never left running
// beside it. A game that cannot be evicted in time is logged; the host's
// fencing still stops the stale copy at its next write.
func (s *Server) evictGuestGame(r *http.Request, guestID string) {
	if s.hosting.Games == nil {
		return // a MUD: the world is not a guest's game
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.WriteWait)
	defer cancel()
	// Its connections first read why they close (closeWhere): a stream
	// ended by the eviction would close them without the reason.
	for s.ownerConnected(guestID) && ctx.Err() == nil {
		time.Sleep(evictPoll)
	}
	if err := s.hosting.Games.Evict(ctx, guestID); err != nil {
		s.log.Error("cannot unload an upgraded guest's game", "err", err)
	}
}

// evictPoll is how often an upgrade looks whether the guest's connections
// have gone: a close takes a write or two, a few milliseconds.
const evictPoll = 5 * time.Millisecond

// ownerConnected says whether owner's seat has a connection open.
func (s *Server) ownerConnected(owner string) (open bool) {
	s.hub.do(func() {
		if st := s.hub.owners[owner]; st != nil {
			open = len(st.conns) > 0
		}
	})
	return open
}

func (s *Server) login(w http.ResponseWriter, r *http.Request, f accountForm) {
	l, err := s.hosting.Accounts.Login(r.Context(), f.Name, f.Password, clientKey(r, s.cfg.TrustedProxies))
	var th *account.ThrottledError
	switch {
	case errors.As(err, &th):
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(th.RetryAfter.Seconds()+0.999))))
		s.accountAnswer(w, r, http.StatusTooManyRequests, account.ErrInvalidLogin, "")
		return
	case errors.Is(err, account.ErrInvalidLogin), errors.Is(err, account.ErrBanned):
		s.accountAnswer(w, r, http.StatusUnauthorized, err, "")
		return
	case err != nil:
		s.log.Error("login failed", "err", err)
		s.accountAnswer(w, r, http.StatusInternalServerError, ErrInternal, "")
		return
	}
	// Logging in again takes the character over: the connections playing
	// it elsewhere are told why and closed (1000: they do not reconnect).
	s.closeAccount(l.Account.ID, ErrTakenOver)
	s.loggedIn(w, r, l)
	s.accountAnswer(w, r, http.StatusOK, nil, "You are logged in as "+l.Account.Name+".")
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, _ accountForm) {
	id := identityOf(r)
	if c, err := r.Cookie(authCookie); err == nil {
		if err := s.hosting.Accounts.Logout(r.Context(), c.Value); err != nil {
			s.log.Error("logout failed", "err", err)
			s.accountAnswer(w, r, http.StatusInternalServerError, ErrInternal, "")
			return
		}
	}
	s.closeSessions([]string{id.authSession}, ErrLoggedOut)
	http.SetCookie(w, s.cookie(r, authCookie, "", 0))
	*id = identity{}
	s.accountAnswer(w, r, http.StatusOK, nil, "You are logged out.")
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, f accountForm) {
	id := identityOf(r)
	if id.authSession == "" {
		s.accountAnswer(w, r, http.StatusUnauthorized, account.ErrNotLoggedIn, "")
		return
	}
	l, revoked, err := s.hosting.Accounts.ChangePassword(r.Context(), id.account.ID, f.Password, f.NewPassword, clientKey(r, s.cfg.TrustedProxies))
	if err != nil {
		s.accountAnswer(w, r, formStatus(err), err, "")
		return
	}
	s.closeSessions(revoked, ErrLoggedOut)
	s.loggedIn(w, r, l)
	s.accountAnswer(w, r, http.StatusOK, nil, "Your password is changed; your other sessions are logged out.")
}

func (s *Server) deleteAccount(w http.ResponseWriter, r *http.Request, f accountForm) {
	id := identityOf(r)
	if id.authSession == "" {
		s.accountAnswer(w, r, http.StatusUnauthorized, account.ErrNotLoggedIn, "")
		return
	}
	accountID := id.account.ID
	if _, err := s.hosting.Accounts.Delete(r.Context(), accountID, f.Password); err != nil {
		s.accountAnswer(w, r, formStatus(err), err, "")
		return
	}
	s.closeAccount(accountID, ErrAccountDeleted)
	http.SetCookie(w, s.cookie(r, authCookie, "", 0))
	*id = identity{}
	s.accountAnswer(w, r, http.StatusOK, nil, "Your account and its games are deleted.")
}

// formStatus is the HTTP status of an account error: the player's
// mistakes are 4xx with the account package's sentence; anything else is
// logged by the caller's answer as an internal error.
func formStatus(err error) int {
	var fe *account.FormError
	switch {
	case errors.As(err, &fe):
		return http.StatusBadRequest
	case errors.Is(err, account.ErrInvalidLogin):
		return http.StatusUnauthorized
	case errors.Is(err, account.ErrNameTaken):
		return http.StatusConflict
	}
	return http.StatusBadRequest
}

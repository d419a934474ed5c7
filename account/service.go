package account

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/tale-if/tale/store"
)

// Errors for the player; their text is what to show.
var (
	// ErrInvalidLogin is every failed login: unknown name, wrong password,
	// malformed input, throttled. One text, so a failure tells nothing.
	ErrInvalidLogin = errors.New("Invalid name or password.")
	// ErrBanned: the right password for a banned account.
	ErrBanned = errors.New("This account is banned.")
	// ErrNotLoggedIn: a token that is unknown, expired or revoked.
	ErrNotLoggedIn = errors.New("Please log in.")
	// ErrNameTaken: registration with a name in use.
	ErrNameTaken = &FormError{"name", "That name is taken. Please choose another."}
	// ErrWrongPassword: the old password given to change it or to delete
	// the account does not match.
	ErrWrongPassword = &FormError{"password", "That is not your current password."}
	// ErrNotFirst: the first admin exists already.
	ErrNotFirst = errors.New("An account exists already; log in as an admin to create others.")
	// ErrNoSuchAccount: an admin command named nobody.
	ErrNoSuchAccount = errors.New("There is no account of that name.")
)

// Role is what an account may do.
type Role string

// The roles.
const (
	Player Role = "player"
	Admin  Role = "admin" // the wizard: admin commands in the game
)

// Account is an account as the rest of tale sees it: never its hash.
type Account struct {
	ID, Name, Email string
	Role            Role
	Created         time.Time
	Banned          bool
}

func fromStore(a store.Account) Account {
	return Account{ID: a.ID, Name: a.Name, Email: a.Email, Role: Role(a.Role), Created: a.Created, Banned: !a.Banned.IsZero()}
}

// Login is a new session: Token goes to the client (cookie, token file)
// and is never stored or logged; SessionID names it everywhere else.
type Login struct {
	Token     string
	SessionID string
	Expires   time.Time
	Account   Account
}

// Defaults for Config fields left zero.
const (
	// defaultSessionTTL: a player on their own device stays logged in
	// for a month of evenings.
	defaultSessionTTL = 30 * 24 * time.Hour
	// defaultGuestTTL: a guest's game is kept a week after its last visit.
	defaultGuestTTL = 7 * 24 * time.Hour
	// maxHashing bounds argon2id runs at once (19 MiB each): 4 is ~76 MiB.
	maxHashing = 4
)

// Config tunes a Service; the zero value is the defaults.
type Config struct {
	SessionTTL time.Duration
	GuestTTL   time.Duration
	Now        func() time.Time // the wall clock; tests move it
}

// Service is the account API over a store. Safe for concurrent use.
type Service struct {
	st       *store.Store
	cfg      Config
	throttle *throttle
	hashing  chan struct{}
	dummy    func() string // a hash of nothing, for unknown names
}

// New returns the account service over st.
func New(st *store.Store, cfg Config) *Service {
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = defaultSessionTTL
	}
	if cfg.GuestTTL == 0 {
		cfg.GuestTTL = defaultGuestTTL
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Service{
		st: st, cfg: cfg, throttle: newThrottle(),
		hashing: make(chan struct{}, maxHashing),
		dummy:   sync.OnceValue(func() string { return hashPassword("not a password of anyone") }),
	}
}

// slot waits for a hashing slot; release it with the returned func.
func (s *Service) slot(ctx context.Context) (func(), error) {
	select {
	case s.hashing <- struct{}{}:
		return func() { <-s.hashing }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *Service) hash(ctx context.Context, pw string) (string, error) {
	release, err := s.slot(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return hashPassword(pw), nil
}

func (s *Service) verify(ctx context.Context, pw, phc string) (bool, error) {
	release, err := s.slot(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	return verifyPassword(pw, phc)
}

// newAccount checks a registration form and hashes its password.
func (s *Service) newAccount(ctx context.Context, name, password, email string, role Role) (store.Account, error) {
	name, err := ValidateName(name)
	if err != nil {
		return store.Account{}, err
	}
	if err := ValidatePassword(password); err != nil {
		return store.Account{}, err
	}
	if email, err = ValidateEmail(email); err != nil {
		return store.Account{}, err
	}
	h, err := s.hash(ctx, password)
	if err != nil {
		return store.Account{}, err
	}
	return store.Account{Name: name, PasswordHash: h, Email: email, Role: string(role), Created: s.cfg.Now()}, nil
}

func taken(err error) error {
	if errors.Is(err, store.ErrExists) {
		return ErrNameTaken
	}
	return err
}

// NeedsFirstAdmin says whether the store has no account yet: the first
// start asks for the admin (a terminal prompt, `tale admin create`).
func (s *Service) NeedsFirstAdmin(ctx context.Context) (bool, error) {
	any, err := s.st.HasAccounts(ctx)
	return !any, err
}

// CreateFirstAdmin creates an admin account if and only if there is no
// account at all; otherwise ErrNotFirst.
func (s *Service) CreateFirstAdmin(ctx context.Context, name, password, email string) (Account, error) {
	a, err := s.newAccount(ctx, name, password, email, Admin)
	if err != nil {
		return Account{}, err
	}
	a, err = s.st.CreateFirstAccount(ctx, a)
	if errors.Is(err, store.ErrExists) {
		return Account{}, ErrNotFirst
	}
	return fromStore(a), err
}

// Register creates a player account. A *FormError says which field is
// wrong and why; a taken name is ErrNameTaken.
func (s *Service) Register(ctx context.Context, name, password, email string) (Account, error) {
	a, err := s.newAccount(ctx, name, password, email, Player)
	if err != nil {
		return Account{}, err
	}
	a, err = s.st.CreateAccount(ctx, a)
	return fromStore(a), taken(err)
}

// Login checks a name and password from addr (the client IP, as the web
// layer trusts it) and opens a session. Any failure is ErrInvalidLogin
// (possibly a *ThrottledError); a banned account is ErrBanned.
func (s *Service) Login(ctx context.Context, name, password, addr string) (Login, error) {
	now := s.cfg.Now()
	key, nameErr := ValidateName(name)
	if nameErr != nil {
		key = "" // cannot exist: count against the address only
	}
	if err := s.throttle.check(ipKey(addr), now); err != nil {
		return Login{}, err
	}
	if key != "" {
		if err := s.throttle.check(nameKey(key), now); err != nil {
			return Login{}, err
		}
	}
	fail := func() (Login, error) {
		s.throttle.fail(ipKey(addr), freeIPFailures, now)
		if key != "" {
			s.throttle.fail(nameKey(key), freeFailures, now)
		}
		return Login{}, ErrInvalidLogin
	}
	if len(password) > maxPasswordBytes {
		return fail() // no account has it; hashing a megabyte would be the attack
	}
	a, err := store.Account{}, store.ErrNotFound
	if nameErr == nil {
		a, err = s.st.AccountByName(ctx, key)
	}
	phc := a.PasswordHash
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			return Login{}, err
		}
		phc = s.dummy() // the same work as for a real account
	}
	ok, verr := s.verify(ctx, password, phc)
	if err != nil || verr != nil || !ok {
		if verr != nil && !errors.Is(verr, errBadHash) {
			return Login{}, verr
		}
		return fail()
	}
	s.throttle.reset(nameKey(key))
	if !a.Banned.IsZero() {
		return Login{}, ErrBanned
	}
	return s.openSession(ctx, a, addr)
}

func (s *Service) openSession(ctx context.Context, a store.Account, addr string) (Login, error) {
	token, h := newToken()
	now := s.cfg.Now()
	se, err := s.st.CreateSession(ctx, store.Session{TokenHash: h, AccountID: a.ID, Addr: addr, Created: now, Expires: now.Add(s.cfg.SessionTTL)})
	if err != nil {
		return Login{}, err
	}
	return Login{Token: token, SessionID: se.ID, Expires: se.Expires, Account: fromStore(a)}, nil
}

// Authenticate returns the account and session id of a token, or
// ErrNotLoggedIn. Call it on every request that acts as the account.
func (s *Service) Authenticate(ctx context.Context, token string) (Account, string, error) {
	if token == "" || len(token) > maxTokenLen {
		return Account{}, "", ErrNotLoggedIn
	}
	se, a, err := s.st.SessionByToken(ctx, hashToken(token), s.cfg.Now())
	if errors.Is(err, store.ErrNotFound) {
		return Account{}, "", ErrNotLoggedIn
	}
	if err != nil {
		return Account{}, "", err
	}
	return fromStore(a), se.ID, nil
}

// Logout ends the token's session; an unknown token is already logged out.
func (s *Service) Logout(ctx context.Context, token string) error {
	_, id, err := s.Authenticate(ctx, token)
	if errors.Is(err, ErrNotLoggedIn) {
		return nil
	}
	if err != nil {
		return err
	}
	err = s.st.DeleteSession(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}

// checkPassword verifies the account's current password.
func (s *Service) checkPassword(ctx context.Context, accountID, password string) (store.Account, error) {
	a, err := s.st.AccountByID(ctx, accountID)
	if err != nil {
		return store.Account{}, err
	}
	if len(password) > maxPasswordBytes {
		return store.Account{}, ErrWrongPassword
	}
	ok, err := s.verify(ctx, password, a.PasswordHash)
	if err != nil {
		return store.Account{}, err
	}
	if !ok {
		return store.Account{}, ErrWrongPassword
	}
	return a, nil
}

// ChangePassword replaces the password after checking the old one,
// revokes every session of the account (returned, for the web layer to
// close their connections) and opens a fresh one for the caller.
func (s *Service) ChangePassword(ctx context.Context, accountID, oldPassword, newPassword, addr string) (Login, []string, error) {
	a, err := s.checkPassword(ctx, accountID, oldPassword)
	if err != nil {
		return Login{}, nil, err
	}
	if err := ValidatePassword(newPassword); err != nil {
		return Login{}, nil, err
	}
	h, err := s.hash(ctx, newPassword)
	if err != nil {
		return Login{}, nil, err
	}
	revoked, err := s.st.SetPassword(ctx, accountID, h)
	if err != nil {
		return Login{}, nil, err
	}
	l, err := s.openSession(ctx, a, addr)
	return l, revoked, err
}

// Delete removes the account and everything it owns, after checking its
// password; it returns the revoked session ids.
func (s *Service) Delete(ctx context.Context, accountID, password string) ([]string, error) {
	if _, err := s.checkPassword(ctx, accountID, password); err != nil {
		return nil, err
	}
	return s.st.DeleteAccount(ctx, accountID)
}

// byName finds an account for an admin command.
func (s *Service) byName(ctx context.Context, name string) (store.Account, error) {
	n, err := ValidateName(name)
	if err != nil {
		return store.Account{}, ErrNoSuchAccount
	}
	a, err := s.st.AccountByName(ctx, n)
	if errors.Is(err, store.ErrNotFound) {
		return store.Account{}, ErrNoSuchAccount
	}
	return a, err
}

// Ban bars an account from logging in and revokes its sessions; the web
// layer closes the connections of the returned session ids at once.
func (s *Service) Ban(ctx context.Context, name string) ([]string, error) {
	a, err := s.byName(ctx, name)
	if err != nil {
		return nil, err
	}
	return s.st.Ban(ctx, a.ID, s.cfg.Now())
}

// Unban lifts a ban.
func (s *Service) Unban(ctx context.Context, name string) error {
	a, err := s.byName(ctx, name)
	if err != nil {
		return err
	}
	return s.st.Unban(ctx, a.ID)
}

// SetRole grants (Admin) or revokes (Player) admin rights.
func (s *Service) SetRole(ctx context.Context, name string, r Role) error {
	if r != Player && r != Admin {
		return fmt.Errorf("account: unknown role %q", r)
	}
	a, err := s.byName(ctx, name)
	if err != nil {
		return err
	}
	return s.st.SetRole(ctx, a.ID, string(r))
}

// List returns every account by name.
func (s *Service) List(ctx context.Context) ([]Account, error) {
	as, err := s.st.Accounts(ctx)
	list := make([]Account, len(as))
	for i, a := range as {
		list[i] = fromStore(a)
	}
	return list, err
}

// LoggedIn is a live session, for the admin's "who".
type LoggedIn struct {
	SessionID, AccountID, Name, Addr string
	Since, Expires                   time.Time
}

// LoggedIn lists the live sessions, newest first.
func (s *Service) LoggedIn(ctx context.Context) ([]LoggedIn, error) {
	live, err := s.st.LiveSessions(ctx, "", s.cfg.Now())
	list := make([]LoggedIn, len(live))
	for i, l := range live {
		list[i] = LoggedIn{SessionID: l.ID, AccountID: l.AccountID, Name: l.Name, Addr: l.Addr, Since: l.Created, Expires: l.Expires}
	}
	return list, err
}

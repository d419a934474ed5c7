package account

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tale-if/tale/store"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

var ctx = context.Background()

func newService(t *testing.T) (*Service, *store.Store, *clock) {
	t.Helper()
	return newServiceIn(t, t.TempDir())
}

func newServiceIn(t *testing.T, dir string) (*Service, *store.Store, *clock) {
	t.Helper()
	st, err := store.OpenSQLite(ctx, dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &clock{time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)}
	return New(st, Config{Now: c.now, SessionTTL: time.Hour, GuestTTL: 24 * time.Hour}), st, c
}

func register(t *testing.T, s *Service, name, pw string) Account {
	t.Helper()
	a, err := s.Register(ctx, name, pw, "")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func login(t *testing.T, s *Service, name, pw string) Login {
	t.Helper()
	l, err := s.Login(ctx, name, pw, "127.0.0.1")
	if err != nil {
		t.Fatalf("login %s: %v", name, err)
	}
	return l
}

func TestFirstAdminBootstrap(t *testing.T) {
	s, _, _ := newService(t)
	if need, err := s.NeedsFirstAdmin(ctx); err != nil || !need {
		t.Fatalf("NeedsFirstAdmin on an empty store = %v, %v", need, err)
	}
	a, err := s.CreateFirstAdmin(ctx, "Boss", "long enough", "")
	if err != nil || a.Role != Admin || a.Name != "boss" {
		t.Fatalf("CreateFirstAdmin = %+v, %v", a, err)
	}
	if _, err := s.CreateFirstAdmin(ctx, "other", "long enough", ""); !errors.Is(err, ErrNotFirst) {
		t.Errorf("a second first admin: %v", err)
	}
	if need, _ := s.NeedsFirstAdmin(ctx); need {
		t.Error("NeedsFirstAdmin after the first admin")
	}
	if p := register(t, s, "ann", "long enough"); p.Role != Player {
		t.Errorf("a registered account has role %s", p.Role)
	}
}

func TestRegisterRefusesBadFormsAndTakenNames(t *testing.T) {
	s, _, _ := newService(t)
	register(t, s, "ann", "long enough")
	for _, c := range []struct{ name, pw, email, field string }{
		{"ANN", "long enough", "", "name"},
		{"admin", "long enough", "", "name"},
		{"bob", "short", "", "password"},
		{"bob", "long enough", "bob@", "email"},
	} {
		_, err := s.Register(ctx, c.name, c.pw, c.email)
		var fe *FormError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("Register(%q, %q, %q) = %v, want a %s error", c.name, c.pw, c.email, err, c.field)
		}
	}
}

func TestLoginFailuresAllReadTheSame(t *testing.T) {
	s, _, _ := newService(t)
	register(t, s, "ann", "long enough")
	for _, c := range []struct{ name, pw string }{
		{"ann", "wrong password"},
		{"bob", "long enough"}, // no such account
		{"x", "long enough"},   // not even a name
		{"ann", strings.Repeat("y", 2000)},
		{"ann", ""},
	} {
		_, err := s.Login(ctx, c.name, c.pw, "127.0.0.2")
		if !errors.Is(err, ErrInvalidLogin) || err.Error() != "Invalid name or password." {
			t.Errorf("Login(%q, %.10q…) = %v", c.name, c.pw, err)
		}
	}
	if l := login(t, s, "ANN", "long enough"); l.Account.Name != "ann" {
		t.Errorf("login by upper case name: %+v", l.Account)
	}
}

func TestTokenIsStoredOnlyAsItsHash(t *testing.T) {
	dir := t.TempDir()
	s, _, _ := newServiceIn(t, dir)
	register(t, s, "ann", "long enough")
	l := login(t, s, "ann", "long enough")
	if len(l.Token) < 22 { // 128 bits of base64
		t.Errorf("token %q is shorter than 128 bits", l.Token)
	}
	// Read the rows as anyone with a copy of the file would.
	db, err := sql.Open("sqlite", filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	var hash []byte
	if err := db.QueryRow(`SELECT id, token_hash FROM sessions`).Scan(&id, &hash); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(l.Token))
	if !bytes.Equal(hash, sum[:]) || id != l.SessionID {
		t.Errorf("stored token_hash %x, want SHA-256 of the token", hash)
	}
	var leaked int
	db.QueryRow(`SELECT count(*) FROM sessions WHERE instr(CAST(token_hash AS TEXT), $1) > 0 OR instr(id, $1) > 0`, l.Token).Scan(&leaked)
	if leaked != 0 {
		t.Error("the token itself is in the sessions table")
	}
	var phc string
	db.QueryRow(`SELECT password_hash FROM accounts WHERE name = 'ann'`).Scan(&phc)
	if strings.Contains(phc, "long enough") || !strings.HasPrefix(phc, "$argon2id$") {
		t.Errorf("stored password hash %q", phc)
	}
}

func TestSessionExpires(t *testing.T) {
	s, _, c := newService(t)
	register(t, s, "ann", "long enough")
	l := login(t, s, "ann", "long enough")
	if a, id, err := s.Authenticate(ctx, l.Token); err != nil || a.Name != "ann" || id != l.SessionID {
		t.Fatalf("Authenticate = %+v %q %v", a, id, err)
	}
	c.advance(time.Hour)
	if _, _, err := s.Authenticate(ctx, l.Token); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("after the TTL: %v, want ErrNotLoggedIn", err)
	}
	for _, bad := range []string{"", "nonsense", strings.Repeat("t", 10000)} {
		if _, _, err := s.Authenticate(ctx, bad); !errors.Is(err, ErrNotLoggedIn) {
			t.Errorf("Authenticate(%.10q) = %v", bad, err)
		}
	}
}

func TestLogoutRevokesOnlyThatSession(t *testing.T) {
	s, _, _ := newService(t)
	register(t, s, "ann", "long enough")
	phone, laptop := login(t, s, "ann", "long enough"), login(t, s, "ann", "long enough")
	if err := s.Logout(ctx, phone.Token); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Authenticate(ctx, phone.Token); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("after logout: %v", err)
	}
	if _, _, err := s.Authenticate(ctx, laptop.Token); err != nil {
		t.Errorf("logout on the phone logged the laptop out: %v", err)
	}
	if err := s.Logout(ctx, phone.Token); err != nil {
		t.Errorf("logging out twice: %v", err)
	}
}

func TestPasswordChangeRevokesEverySession(t *testing.T) {
	s, _, _ := newService(t)
	a := register(t, s, "ann", "long enough")
	phone, laptop := login(t, s, "ann", "long enough"), login(t, s, "ann", "long enough")
	if _, _, err := s.ChangePassword(ctx, a.ID, "not it at all", "brand new pw", ""); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("change with a wrong old password: %v", err)
	}
	fresh, revoked, err := s.ChangePassword(ctx, a.ID, "long enough", "brand new pw", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(revoked) != 2 {
		t.Errorf("revoked %v, want the two sessions", revoked)
	}
	for _, l := range []Login{phone, laptop} {
		if _, _, err := s.Authenticate(ctx, l.Token); !errors.Is(err, ErrNotLoggedIn) {
			t.Errorf("an old session survived the password change: %v", err)
		}
	}
	if _, _, err := s.Authenticate(ctx, fresh.Token); err != nil {
		t.Errorf("the new session: %v", err)
	}
	if _, err := s.Login(ctx, "ann", "long enough", "127.0.0.3"); !errors.Is(err, ErrInvalidLogin) {
		t.Errorf("the old password still logs in: %v", err)
	}
	login(t, s, "ann", "brand new pw")
}

func TestBanRefusesLoginAndReportsLiveSessions(t *testing.T) {
	s, _, _ := newService(t)
	register(t, s, "ann", "long enough")
	l := login(t, s, "ann", "long enough")
	revoked, err := s.Ban(ctx, "Ann")
	if err != nil || len(revoked) != 1 || revoked[0] != l.SessionID {
		t.Fatalf("Ban = %v, %v; want [%s]", revoked, err, l.SessionID)
	}
	if _, _, err := s.Authenticate(ctx, l.Token); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("a banned session still authenticates: %v", err)
	}
	if _, err := s.Login(ctx, "ann", "long enough", "127.0.0.1"); !errors.Is(err, ErrBanned) {
		t.Errorf("a banned login: %v, want ErrBanned", err)
	}
	if _, err := s.Login(ctx, "ann", "wrong password", "127.0.0.1"); !errors.Is(err, ErrInvalidLogin) {
		t.Errorf("a banned account with a wrong password must not say banned: %v", err)
	}
	if err := s.Unban(ctx, "ann"); err != nil {
		t.Fatal(err)
	}
	login(t, s, "ann", "long enough")
	if _, err := s.Ban(ctx, "nobodyhere"); !errors.Is(err, ErrNoSuchAccount) {
		t.Errorf("banning nobody: %v", err)
	}
}

func TestGrantAndRevokeAdmin(t *testing.T) {
	s, _, _ := newService(t)
	register(t, s, "ann", "long enough")
	l := login(t, s, "ann", "long enough")
	if err := s.SetRole(ctx, "ann", Admin); err != nil {
		t.Fatal(err)
	}
	if a, _, _ := s.Authenticate(ctx, l.Token); a.Role != Admin {
		t.Errorf("after grant: role %s", a.Role)
	}
	s.SetRole(ctx, "ann", Player)
	if a, _, _ := s.Authenticate(ctx, l.Token); a.Role != Player {
		t.Errorf("after revoke: role %s", a.Role)
	}
	if err := s.SetRole(ctx, "ann", "god"); err == nil {
		t.Error("an unknown role was accepted")
	}
}

func TestDeleteAsksForThePassword(t *testing.T) {
	s, _, _ := newService(t)
	a := register(t, s, "ann", "long enough")
	l := login(t, s, "ann", "long enough")
	if _, err := s.Delete(ctx, a.ID, "not my password"); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("delete with a wrong password: %v", err)
	}
	revoked, err := s.Delete(ctx, a.ID, "long enough")
	if err != nil || len(revoked) != 1 || revoked[0] != l.SessionID {
		t.Fatalf("Delete = %v, %v", revoked, err)
	}
	if list, _ := s.List(ctx); len(list) != 0 {
		t.Errorf("accounts after delete: %v", list)
	}
	register(t, s, "ann", "another one") // the name is free again
}

func TestLoggedInListsLiveSessions(t *testing.T) {
	s, _, c := newService(t)
	register(t, s, "ann", "long enough")
	register(t, s, "bob", "long enough")
	login(t, s, "ann", "long enough")
	c.advance(time.Minute)
	login(t, s, "bob", "long enough")
	who, err := s.LoggedIn(ctx)
	if err != nil || len(who) != 2 || who[0].Name != "bob" || who[1].Name != "ann" || who[0].Addr != "127.0.0.1" {
		t.Errorf("LoggedIn = %+v, %v", who, err)
	}
}

func TestThrottlePerAccount(t *testing.T) {
	s, _, c := newService(t)
	register(t, s, "ann", "long enough")
	for i := range freeFailures {
		// From different addresses: only the name's count can refuse.
		if _, err := s.Login(ctx, "ann", "wrong password", "10.0.0."+string(rune('1'+i))); !errors.Is(err, ErrInvalidLogin) {
			t.Fatal(err)
		}
	}
	_, err := s.Login(ctx, "ann", "long enough", "10.0.1.1")
	var te *ThrottledError
	if !errors.As(err, &te) || err.Error() != "Invalid name or password." || te.RetryAfter != firstLockout {
		t.Fatalf("attempt %d with the right password: %v, want refused for %v", freeFailures+1, err, firstLockout)
	}
	if _, err := s.Login(ctx, "bob", "long enough", "10.0.1.1"); errors.As(err, &te) {
		t.Error("throttling ann locked out another name")
	}
	c.advance(firstLockout)
	if _, err := s.Login(ctx, "ann", "wrong again", "10.0.1.2"); errors.As(err, &te) {
		t.Fatal("still locked after the lockout")
	}
	if _, err := s.Login(ctx, "ann", "long enough", "10.0.1.3"); !errors.As(err, &te) || te.RetryAfter != 2*firstLockout {
		t.Errorf("after one more failure: %v, want locked for twice as long", err)
	}
	c.advance(2 * firstLockout)
	login(t, s, "ann", "long enough")
	if _, err := s.Login(ctx, "ann", "wrong", "10.0.1.4"); errors.As(err, &te) {
		t.Error("a successful login did not clear the count")
	}
}

func TestThrottlePerAddress(t *testing.T) {
	s, _, _ := newService(t)
	register(t, s, "ann", "long enough")
	// Over-long passwords fail without hashing: the address's count is
	// what is tested, cheaply.
	long := strings.Repeat("z", maxPasswordBytes+1)
	for i := range freeIPFailures {
		name := "user" + strings.Repeat("q", i%10) + string(rune('a'+i/10)) // never 5 failures on one name
		if _, err := s.Login(ctx, name, long, "192.0.2.9"); !errors.Is(err, ErrInvalidLogin) {
			t.Fatal(err)
		}
	}
	var te *ThrottledError
	if _, err := s.Login(ctx, "ann", "long enough", "192.0.2.9"); !errors.As(err, &te) {
		t.Fatalf("attempt %d from one address with the right password: %v, want refused", freeIPFailures+1, err)
	}
	login(t, s, "ann", "long enough") // from another address
}

func TestGuestUpgradeKeepsItsGame(t *testing.T) {
	s, st, c := newService(t)
	g, err := s.NewGuest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	game, err := st.CreateGame(ctx, store.Game{Owner: g.ID, Story: "demo", Mode: "if"})
	if err != nil {
		t.Fatal(err)
	}
	c.advance(20 * time.Hour)
	if back, err := s.Guest(ctx, g.Token); err != nil || back.ID != g.ID {
		t.Fatalf("Guest = %+v, %v", back, err) // and the visit pushes expiry on
	}
	c.advance(20 * time.Hour) // 40 h after creation, 20 h after the visit
	l, err := s.UpgradeGuest(ctx, g.Token, "ann", "long enough", "", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	games, _ := st.GamesOf(ctx, l.Account.ID, "demo")
	if len(games) != 1 || games[0].ID != game.ID {
		t.Errorf("the account's games: %+v", games)
	}
	if _, err := s.Guest(ctx, g.Token); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("the guest token after the upgrade: %v", err)
	}
	if _, _, err := s.Authenticate(ctx, l.Token); err != nil {
		t.Errorf("not logged in after the upgrade: %v", err)
	}
}

func TestGuestExpires(t *testing.T) {
	s, st, c := newService(t)
	g, _ := s.NewGuest(ctx)
	st.CreateGame(ctx, store.Game{Owner: g.ID, Story: "demo", Mode: "if"})
	c.advance(24 * time.Hour)
	if _, err := s.Guest(ctx, g.Token); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("an expired guest: %v", err)
	}
	if err := s.Purge(ctx); err != nil {
		t.Fatal(err)
	}
	if games, _ := st.GamesOf(ctx, g.ID, ""); len(games) != 0 {
		t.Errorf("an expired guest's games after Purge: %v", games)
	}
}

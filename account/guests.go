package account

import (
	"context"
	"errors"

	"github.com/tale-if/tale/store"
)

// Guest is a visitor without an account; ID owns its games.
type Guest struct {
	ID    string
	Token string // for the guest cookie; "" when read back by Guest
}

// NewGuest makes a guest whose games are kept for Config.GuestTTL after
// its last visit.
func (s *Service) NewGuest(ctx context.Context) (Guest, error) {
	token, h := newToken()
	now := s.cfg.Now()
	g, err := s.st.CreateGuest(ctx, store.Guest{TokenHash: h, Created: now, Expires: now.Add(s.cfg.GuestTTL)})
	return Guest{ID: g.ID, Token: token}, err
}

// Guest returns the guest of a cookie's token and moves its expiry a
// GuestTTL ahead (each visit keeps the game longer), or ErrNotLoggedIn.
func (s *Service) Guest(ctx context.Context, token string) (Guest, error) {
	if token == "" || len(token) > maxTokenLen {
		return Guest{}, ErrNotLoggedIn
	}
	now := s.cfg.Now()
	g, err := s.st.GuestByToken(ctx, hashToken(token), now)
	if errors.Is(err, store.ErrNotFound) {
		return Guest{}, ErrNotLoggedIn
	}
	if err != nil {
		return Guest{}, err
	}
	return Guest{ID: g.ID}, s.st.ExtendGuest(ctx, g.ID, now.Add(s.cfg.GuestTTL))
}

// UpgradeGuest turns the guest of guestToken into a player account that
// keeps the guest's games, saves and transcripts, and logs it in.
func (s *Service) UpgradeGuest(ctx context.Context, guestToken, name, password, email, addr string) (Login, error) {
	g, err := s.Guest(ctx, guestToken)
	if err != nil {
		return Login{}, err
	}
	a, err := s.newAccount(ctx, name, password, email, Player)
	if err != nil {
		return Login{}, err
	}
	a, err = s.st.UpgradeGuest(ctx, g.ID, a)
	if err != nil {
		return Login{}, taken(err)
	}
	return s.openSession(ctx, a, addr)
}

// Purge deletes expired sessions and expired guests with their games.
// Run it now and then (hourly is plenty).
func (s *Service) Purge(ctx context.Context) error {
	_, _, err := s.st.PurgeExpired(ctx, s.cfg.Now())
	return err
}

package account

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/tale-if/tale/store"
)

// Guest seats in a shared world (MUD mode). A guest there has no cookie
// of its own: its browser holds the seat token the web server gave it,
// and its player a name. KeepGuestSeat stores the token's hash beside the
// name, so that after a restart the browser's token still finds its
// player — as an account's session token finds its account, and with the
// same care: only the hash is stored, and it expires.

// KeepGuestSeat keeps token as the guest seat of the player called name in
// world until ttl from now. It replaces whoever had the name before: only
// the newest guest of a name may take it back.
func (s *Service) KeepGuestSeat(ctx context.Context, world, name, token string, ttl time.Duration) error {
	if token == "" || len(token) > maxTokenLen {
		return ErrNotLoggedIn
	}
	now := s.cfg.Now()
	return s.st.PutGuestSeat(ctx, store.GuestSeat{World: world, Name: strings.ToLower(name),
		TokenHash: hashToken(token), Created: now, Expires: now.Add(ttl)})
}

// GuestSeat is the name of the player whose seat token is token in world,
// or ErrNotLoggedIn when the store has no live seat for it.
func (s *Service) GuestSeat(ctx context.Context, world, token string) (string, error) {
	if token == "" || len(token) > maxTokenLen {
		return "", ErrNotLoggedIn
	}
	g, err := s.st.GuestSeatByToken(ctx, world, hashToken(token), s.cfg.Now())
	if errors.Is(err, store.ErrNotFound) {
		return "", ErrNotLoggedIn
	}
	return g.Name, err
}

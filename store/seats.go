package store

import (
	"context"
	"database/sql"
	"time"
)

// GuestSeat is a guest's seat in a shared world: a browser's seat token
// (only its hash is stored) and the name of its player there.
type GuestSeat struct {
	World     string // the story's id
	Name      string // the player's id in the world
	TokenHash []byte
	Created   time.Time
	Expires   time.Time
}

// PutGuestSeat stores a guest's seat, replacing the seat of anyone who had
// the name before in that world (and any older seat of the same token):
// only the newest holder of a name may take it back.
func (s *Store) PutGuestSeat(ctx context.Context, g GuestSeat) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM guest_seats WHERE token_hash = $1 OR (world = $2 AND name = $3)`,
			g.TokenHash, g.World, g.Name); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO guest_seats (world, name, token_hash, created_ms, expires_ms) VALUES ($1, $2, $3, $4, $5)`,
			g.World, g.Name, g.TokenHash, ms(g.Created), ms(g.Expires))
		return s.mapErr(err)
	})
}

// GuestSeatByToken returns the seat in world whose token hashes to
// tokenHash, or ErrNotFound when there is none or it expired by now.
func (s *Store) GuestSeatByToken(ctx context.Context, world string, tokenHash []byte, now time.Time) (GuestSeat, error) {
	g := GuestSeat{World: world, TokenHash: tokenHash}
	var created, expires int64
	err := s.read.QueryRowContext(ctx, `SELECT name, created_ms, expires_ms FROM guest_seats
		WHERE world = $1 AND token_hash = $2 AND expires_ms > $3`, world, tokenHash, ms(now)).Scan(&g.Name, &created, &expires)
	g.Created, g.Expires = fromMS(created), fromMS(expires)
	return g, notFound(err)
}

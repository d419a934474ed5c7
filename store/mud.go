package store

import (
	"context"
	"database/sql"
	"fmt"
)

// PutCharacter stores an account's character in a MUD world (location,
// inventory, stats, flags — serialized by the driver), replacing the last.
func (s *Store) PutCharacter(ctx context.Context, accountID, world string, data []byte) error {
	_, err := s.exec(ctx, `INSERT INTO characters (account_id, world, data, updated_ms) VALUES ($1, $2, $3, $4)
		ON CONFLICT (account_id, world) DO UPDATE SET data = excluded.data, updated_ms = excluded.updated_ms`,
		accountID, world, data, ms(s.now()))
	return err
}

// Character returns an account's character in a world, or ErrNotFound (a
// first visit).
func (s *Store) Character(ctx context.Context, accountID, world string) ([]byte, error) {
	var data []byte
	err := s.read.QueryRowContext(ctx, `SELECT data FROM characters WHERE account_id = $1 AND world = $2`,
		accountID, world).Scan(&data)
	return data, notFound(err)
}

// PutWorld stores a world's shared state as of its journal position n. An
// n below the stored one returns ErrConflict: an older state never
// overwrites a newer one (two processes running one world, or a late
// write).
func (s *Store) PutWorld(ctx context.Context, world string, n int64, data []byte) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO worlds (id, n, data, updated_ms) VALUES ($1, $2, $3, $4)
			ON CONFLICT (id) DO UPDATE SET n = excluded.n, data = excluded.data, updated_ms = excluded.updated_ms
			WHERE worlds.n <= excluded.n`, world, n, data, ms(s.now()))
		if err != nil {
			return err
		}
		if k, err := res.RowsAffected(); err != nil {
			return err
		} else if k == 0 {
			return fmt.Errorf("%w: world %s: state at %d is older than the stored one", ErrConflict, world, n)
		}
		return nil
	})
}

// World returns a world's shared state and its position, or ErrNotFound.
func (s *Store) World(ctx context.Context, world string) (data []byte, n int64, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT data, n FROM worlds WHERE id = $1`, world).Scan(&data, &n)
	return data, n, notFound(err)
}

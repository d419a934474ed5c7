package store

import (
	"context"
	"database/sql"
	"time"
)

// Session is a logged-in client of an account. Only the hash of its token
// is stored: a copy of the database logs nobody in.
type Session struct {
	ID        string // public handle, set by CreateSession when empty
	TokenHash []byte
	AccountID string
	Addr      string
	Created   time.Time
	Expires   time.Time
}

// LiveSession is a session with its account's name, for "who is logged in".
type LiveSession struct {
	Session
	Name string
}

// CreateSession stores a session.
func (s *Store) CreateSession(ctx context.Context, se Session) (Session, error) {
	if se.ID == "" {
		se.ID = NewID()
	}
	_, err := s.exec(ctx, `INSERT INTO sessions (id, token_hash, account_id, addr, created_ms, expires_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
		se.ID, se.TokenHash, se.AccountID, se.Addr, ms(se.Created), ms(se.Expires))
	return se, err
}

// SessionByToken returns the session whose token hashes to tokenHash and
// its account, or ErrNotFound when there is none or it expired by now.
func (s *Store) SessionByToken(ctx context.Context, tokenHash []byte, now time.Time) (Session, Account, error) {
	var se Session
	var created, expires int64
	a, err := scanAccount(s.read.QueryRowContext(ctx, `SELECT s.id, s.addr, s.created_ms, s.expires_ms,
		a.id, a.name, a.password_hash, a.email, a.role, a.created_ms, a.banned_ms
		FROM sessions s JOIN accounts a ON a.id = s.account_id
		WHERE s.token_hash = $1 AND s.expires_ms > $2`, tokenHash, ms(now)),
		&se.ID, &se.Addr, &created, &expires)
	if err != nil {
		return Session{}, Account{}, err
	}
	se.TokenHash, se.AccountID = tokenHash, a.ID
	se.Created, se.Expires = fromMS(created), fromMS(expires)
	return se, a, nil
}

// DeleteSession removes one session (log out), or returns ErrNotFound.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return mustAffect(s.exec(ctx, `DELETE FROM sessions WHERE id = $1`, id))
}

// LiveSessions lists the sessions not expired by now, of one account or
// (accountID "") of all, the newest first.
func (s *Store) LiveSessions(ctx context.Context, accountID string, now time.Time) ([]LiveSession, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT s.id, s.account_id, s.addr, s.created_ms, s.expires_ms, a.name
		FROM sessions s JOIN accounts a ON a.id = s.account_id
		WHERE s.expires_ms > $1 AND ($2 = '' OR s.account_id = $2)
		ORDER BY s.created_ms DESC, s.id`, ms(now), accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []LiveSession
	for rows.Next() {
		var l LiveSession
		var created, expires int64
		if err := rows.Scan(&l.ID, &l.AccountID, &l.Addr, &created, &expires, &l.Name); err != nil {
			return nil, err
		}
		l.Created, l.Expires = fromMS(created), fromMS(expires)
		list = append(list, l)
	}
	return list, rows.Err()
}

// Guest is a visitor without an account. Its games are owned by its ID;
// its cookie carries a token of which only the hash is stored.
type Guest struct {
	ID        string // set by CreateGuest when empty
	TokenHash []byte
	Created   time.Time
	Expires   time.Time
}

// CreateGuest stores a guest.
func (s *Store) CreateGuest(ctx context.Context, g Guest) (Guest, error) {
	if g.ID == "" {
		g.ID = NewID()
	}
	_, err := s.exec(ctx, `INSERT INTO guests (id, token_hash, created_ms, expires_ms) VALUES ($1, $2, $3, $4)`,
		g.ID, g.TokenHash, ms(g.Created), ms(g.Expires))
	return g, err
}

// GuestByToken returns the guest whose token hashes to tokenHash, or
// ErrNotFound when there is none or it expired by now.
func (s *Store) GuestByToken(ctx context.Context, tokenHash []byte, now time.Time) (Guest, error) {
	g := Guest{TokenHash: tokenHash}
	var created, expires int64
	err := s.read.QueryRowContext(ctx, `SELECT id, created_ms, expires_ms FROM guests WHERE token_hash = $1 AND expires_ms > $2`,
		tokenHash, ms(now)).Scan(&g.ID, &created, &expires)
	g.Created, g.Expires = fromMS(created), fromMS(expires)
	return g, notFound(err)
}

// ExtendGuest moves a guest's expiry (a returning guest keeps its game).
func (s *Store) ExtendGuest(ctx context.Context, guestID string, expires time.Time) error {
	return mustAffect(s.exec(ctx, `UPDATE guests SET expires_ms = $2 WHERE id = $1`, guestID, ms(expires)))
}

// UpgradeGuest creates the account a and hands it everything the guest
// owned (games, saves, transcripts), then forgets the guest — all in one
// transaction. A taken name returns ErrExists and the guest stays as it
// was.
func (s *Store) UpgradeGuest(ctx context.Context, guestID string, a Account) (Account, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := mustAffect(tx.ExecContext(ctx, `DELETE FROM guests WHERE id = $1`, guestID)); err != nil {
			return err
		}
		if _, err := insertAccount(ctx, tx, &a, false); err != nil {
			return s.mapErr(err)
		}
		for _, q := range []string{
			`UPDATE games SET owner = $2 WHERE owner = $1`,
			`UPDATE saves SET owner = $2 WHERE owner = $1`,
			`UPDATE transcripts SET owner = $2 WHERE owner = $1`,
		} {
			if _, err := tx.ExecContext(ctx, q, guestID, a.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return a, err
}

// PurgeExpired deletes the sessions, guests and guest seats expired by
// now, with the guests' games, saves and transcripts. Run it now and then
// (hourly).
func (s *Store) PurgeExpired(ctx context.Context, now time.Time) (sessions, guests int64, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_ms <= $1`, ms(now))
		if err != nil {
			return err
		}
		if sessions, err = res.RowsAffected(); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id FROM guests WHERE expires_ms <= $1`, ms(now))
		if err != nil {
			return err
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if err := deleteOwned(ctx, tx, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM guests WHERE id = $1`, id); err != nil {
				return err
			}
		}
		guests = int64(len(ids))
		_, err = tx.ExecContext(ctx, `DELETE FROM guest_seats WHERE expires_ms <= $1`, ms(now))
		return err
	})
	return sessions, guests, err
}

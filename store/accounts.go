package store

import (
	"context"
	"database/sql"
	"time"
)

// Account is an account row. The account package owns the rules (names,
// password hashing, roles); the store keeps what it is given.
type Account struct {
	ID           string // set by CreateAccount when empty
	Name         string // lower case, unique
	PasswordHash string
	Email        string
	Role         string // "player" or "admin"
	Created      time.Time
	Banned       time.Time // zero: not banned
}

const accountColumns = `id, name, password_hash, email, role, created_ms, banned_ms`

// scanAccount reads the accountColumns that follow the columns of first.
func scanAccount(r scanner, first ...any) (Account, error) {
	var a Account
	var created int64
	var banned sql.NullInt64
	if err := r.Scan(append(first, &a.ID, &a.Name, &a.PasswordHash, &a.Email, &a.Role, &created, &banned)...); err != nil {
		return Account{}, notFound(err)
	}
	a.Created = fromMS(created)
	if banned.Valid {
		a.Banned = fromMS(banned.Int64)
	}
	return a, nil
}

func insertAccount(ctx context.Context, tx *sql.Tx, a *Account, onlyIfEmpty bool) (sql.Result, error) {
	if a.ID == "" {
		a.ID = NewID()
	}
	q := `INSERT INTO accounts (id, name, password_hash, email, role, created_ms) VALUES ($1, $2, $3, $4, $5, $6)`
	if onlyIfEmpty {
		q = `INSERT INTO accounts (id, name, password_hash, email, role, created_ms)
			SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM accounts)`
	}
	return tx.ExecContext(ctx, q, a.ID, a.Name, a.PasswordHash, a.Email, a.Role, ms(a.Created))
}

// CreateAccount stores a new account; a taken name returns ErrExists.
func (s *Store) CreateAccount(ctx context.Context, a Account) (Account, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := insertAccount(ctx, tx, &a, false)
		return s.mapErr(err)
	})
	return a, err
}

// CreateFirstAccount stores a only if there is no account yet, in one
// statement, so two first visitors racing cannot both become admin.
// Otherwise it returns ErrExists.
func (s *Store) CreateFirstAccount(ctx context.Context, a Account) (Account, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := insertAccount(ctx, tx, &a, true)
		if err != nil {
			return s.mapErr(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrExists
		}
		return nil
	})
	return a, err
}

// HasAccounts says whether any account exists (first start: none).
func (s *Store) HasAccounts(ctx context.Context) (bool, error) {
	var any bool
	err := s.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM accounts)`).Scan(&any)
	return any, err
}

// AccountByName returns the account with that (lower-case) name.
func (s *Store) AccountByName(ctx context.Context, name string) (Account, error) {
	return scanAccount(s.read.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE name = $1`, name))
}

// AccountByID returns the account with that id.
func (s *Store) AccountByID(ctx context.Context, id string) (Account, error) {
	return scanAccount(s.read.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = $1`, id))
}

// Accounts lists every account by name.
func (s *Store) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// revokeAll deletes an account's sessions and returns their ids, so the
// caller can close the connections that use them.
func revokeAll(ctx context.Context, tx *sql.Tx, accountID string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM sessions WHERE account_id = $1 ORDER BY created_ms, id`, accountID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE account_id = $1`, accountID)
	return ids, err
}

// updateAndRevoke runs one UPDATE of the account (ErrNotFound when no row
// matches) and, when revoke is set, deletes its sessions in the same
// transaction.
func (s *Store) updateAndRevoke(ctx context.Context, accountID string, revoke bool, q string, args ...any) ([]string, error) {
	var ids []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := mustAffect(tx.ExecContext(ctx, q, args...)); err != nil {
			return err
		}
		if !revoke {
			return nil
		}
		var err error
		ids, err = revokeAll(ctx, tx, accountID)
		return err
	})
	return ids, err
}

// SetPassword replaces the password hash and revokes every session of the
// account in the same transaction; it returns the revoked session ids.
func (s *Store) SetPassword(ctx context.Context, accountID, hash string) ([]string, error) {
	return s.updateAndRevoke(ctx, accountID, true, `UPDATE accounts SET password_hash = $2 WHERE id = $1`, accountID, hash)
}

// SetRole sets the account's role.
func (s *Store) SetRole(ctx context.Context, accountID, role string) error {
	_, err := s.updateAndRevoke(ctx, accountID, false, `UPDATE accounts SET role = $2 WHERE id = $1`, accountID, role)
	return err
}

// Ban marks the account banned at t and revokes its sessions; it returns
// the revoked session ids so the web layer can disconnect them.
func (s *Store) Ban(ctx context.Context, accountID string, t time.Time) ([]string, error) {
	return s.updateAndRevoke(ctx, accountID, true, `UPDATE accounts SET banned_ms = $2 WHERE id = $1`, accountID, ms(t))
}

// Unban lifts a ban.
func (s *Store) Unban(ctx context.Context, accountID string) error {
	_, err := s.updateAndRevoke(ctx, accountID, false, `UPDATE accounts SET banned_ms = NULL WHERE id = $1`, accountID)
	return err
}

// DeleteAccount removes the account and everything it owns — sessions,
// characters, games, saves, transcripts — in one transaction, and returns
// the ids of the sessions it revoked.
func (s *Store) DeleteAccount(ctx context.Context, accountID string) ([]string, error) {
	var ids []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if ids, err = revokeAll(ctx, tx, accountID); err != nil {
			return err
		}
		if err := deleteOwned(ctx, tx, accountID); err != nil {
			return err
		}
		return mustAffect(tx.ExecContext(ctx, `DELETE FROM accounts WHERE id = $1`, accountID))
	})
	return ids, err
}

// deleteOwned removes the rows whose owner column names owner (no foreign
// key can: the owner is an account or a guest).
func deleteOwned(ctx context.Context, tx *sql.Tx, owner string) error {
	for _, q := range []string{
		`DELETE FROM games WHERE owner = $1`,
		`DELETE FROM saves WHERE owner = $1`,
		`DELETE FROM transcripts WHERE owner = $1`,
	} {
		if _, err := tx.ExecContext(ctx, q, owner); err != nil {
			return err
		}
	}
	return nil
}

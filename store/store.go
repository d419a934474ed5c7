package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"io/fs"
	"time"
)

// Errors a caller can act on; test them with errors.Is.
var (
	// ErrNotFound: no row has that key (unknown game, account, session…).
	ErrNotFound = errors.New("store: not found")
	// ErrExists: a row with that key or unique value exists (an account
	// name taken, the first admin already made).
	ErrExists = errors.New("store: already exists")
	// ErrConflict: a journal entry out of order or a stale world state —
	// the game is being written from somewhere else too.
	ErrConflict = errors.New("store: conflicting write")
	// ErrQuota: the write would exceed the caller's quota; nothing changed.
	ErrQuota = errors.New("store: quota exceeded")
	// ErrTooNew: the database was migrated by a newer tale.
	ErrTooNew = errors.New("store: database is newer than this tale")
)

// Backend is what differs between database engines. Everything else —
// every query in this package — is shared SQL.
type Backend interface {
	// Open returns the pool that writes and the pool that only reads. They
	// may be the same pool when the engine has no single-writer rule.
	Open(ctx context.Context) (write, read *sql.DB, err error)
	// Migrations holds the numbered NNNN_name.sql files at its root.
	Migrations() fs.FS
	// IsDuplicate says whether err is a unique or primary key violation.
	IsDuplicate(err error) bool
}

// Store is tale's database. Its methods are safe for concurrent use.
type Store struct {
	write, read *sql.DB
	backend     Backend
	now         func() time.Time // the wall clock; tests move it
}

// Open opens the database behind b and brings its schema up to date.
func Open(ctx context.Context, b Backend) (*Store, error) {
	w, r, err := b.Open(ctx)
	if err != nil {
		return nil, err
	}
	s := &Store{write: w, read: r, backend: b, now: time.Now}
	if err := migrate(ctx, w, b.Migrations()); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes both pools. Every write already returned is durable whether
// or not Close runs.
func (s *Store) Close() error {
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// SetClock replaces the wall clock used for created/updated stamps and
// expiry; for tests and for callers that stamp with their own clock.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// idBytes is 128 random bits: ids are unguessable as well as unique, so an
// id that leaks into a URL or a log names a game without a way to find
// others.
const idBytes = 16

var idEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewID returns a fresh random id (26 characters, [A-Z2-7]).
func NewID() string {
	b := make([]byte, idBytes)
	rand.Read(b) // never fails (crypto/rand documents it)
	return idEncoding.EncodeToString(b)
}

// tx runs fn in a write transaction and commits it; any error rolls back.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// exec runs one statement on the writer and maps a duplicate key to
// ErrExists.
func (s *Store) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	res, err := s.write.ExecContext(ctx, q, args...)
	return res, s.mapErr(err)
}

func (s *Store) mapErr(err error) error {
	if err != nil && s.backend.IsDuplicate(err) {
		return fmt.Errorf("%w: %w", ErrExists, err)
	}
	return err
}

// mustAffect turns "no row changed" into ErrNotFound.
func mustAffect(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// notFound maps sql.ErrNoRows to ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// Times are stored as BIGINT Unix milliseconds: both engines compare and
// index them alike, and no driver converts them behind our back.
func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v) }

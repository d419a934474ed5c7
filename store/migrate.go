package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"
)

// migrationVersion reads a file named NNNN_words.sql (words of a-z, 0-9
// and _): the number orders the files and is the version recorded once the
// file is applied. ok is false for any other name. A loop, not a regexp,
// so nothing is compiled at start-up.
func migrationVersion(name string) (version int64, ok bool) {
	const digits = 4
	words, found := strings.CutSuffix(name, ".sql")
	if !found || len(words) < digits+2 || words[digits] != '_' {
		return 0, false
	}
	for i := 0; i < digits; i++ {
		if c := words[i]; c < '0' || c > '9' {
			return 0, false
		}
		version = version*10 + int64(words[i]-'0')
	}
	for _, c := range []byte(words[digits+1:]) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return 0, false
		}
	}
	return version, true
}

type migration struct {
	version int64
	name    string
	sql     string
}

// migrations reads the files of f in version order and checks that they
// count 1, 2, 3… so a missing or doubled file fails every test at once.
func migrations(f fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(f, ".")
	if err != nil {
		return nil, err
	}
	var list []migration
	for _, e := range entries {
		v, ok := migrationVersion(e.Name())
		if !ok {
			return nil, fmt.Errorf("store: migration file %q is not named NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(f, e.Name())
		if err != nil {
			return nil, err
		}
		list = append(list, migration{v, e.Name(), string(body)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].version < list[j].version })
	for i, m := range list {
		if m.version != int64(i+1) {
			return nil, fmt.Errorf("store: migration %s: want version %d", m.name, i+1)
		}
	}
	return list, nil
}

const createMigrationTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version BIGINT PRIMARY KEY,
	name TEXT NOT NULL,
	applied_ms BIGINT NOT NULL
)`

// migrate applies the migrations db lacks, each in one transaction with
// its schema_migrations row, so a crash leaves either all of a file or
// none. The version is read again inside each transaction: two processes
// opening the same new database apply each file once.
func migrate(ctx context.Context, db *sql.DB, f fs.FS) error {
	list, err := migrations(f)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, createMigrationTable); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	known := int64(len(list))
	for _, m := range list {
		if err := applyOne(ctx, db, m, known); err != nil {
			return err
		}
	}
	// A binary with no pending file still must refuse a newer database.
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return err
	}
	if v > known {
		return tooNew(v, known)
	}
	return nil
}

func applyOne(ctx context.Context, db *sql.DB, m migration, known int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int64
	if err := tx.QueryRowContext(ctx, `SELECT CAST(coalesce(max(version), 0) AS BIGINT) FROM schema_migrations`).Scan(&v); err != nil {
		return err
	}
	if v > known {
		return tooNew(v, known)
	}
	if v >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("store: migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_ms) VALUES ($1, $2, $3)`,
		m.version, m.name, ms(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

func schemaVersion(ctx context.Context, db *sql.DB) (int64, error) {
	var v int64
	err := db.QueryRowContext(ctx, `SELECT CAST(coalesce(max(version), 0) AS BIGINT) FROM schema_migrations`).Scan(&v)
	return v, err
}

func tooNew(have, known int64) error {
	return fmt.Errorf("%w: its schema is version %d, this tale knows versions up to %d; run a newer tale, or restore a backup made by this one", ErrTooNew, have, known)
}

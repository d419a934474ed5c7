package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func migrationRows(t *testing.T, s *Store) []int64 {
	t.Helper()
	rows, err := s.read.Query(`SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var vs []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		vs = append(vs, v)
	}
	return vs
}

func TestMigrationsAppliedOnceAndIdempotentOnReopen(t *testing.T) {
	s, dir := openTest(t)
	list, err := migrations(SQLite{}.Migrations())
	if err != nil {
		t.Fatal(err)
	}
	want := len(list)
	if got := migrationRows(t, s); len(got) != want || got[len(got)-1] != int64(want) {
		t.Fatalf("after first open: versions %v, want 1..%d", got, want)
	}
	ctx := context.Background()
	g, err := s.CreateGame(ctx, Game{Owner: "o", Story: "demo", Mode: "if"})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		s = reopen(t, s, dir)
	}
	if got := migrationRows(t, s); len(got) != want {
		t.Errorf("after reopening: versions %v, want each of 1..%d once", got, want)
	}
	if _, err := s.Game(ctx, g.ID); err != nil {
		t.Errorf("a reopen lost a game: %v", err)
	}
}

func TestNewerDatabaseRefused(t *testing.T) {
	s, dir := openTest(t)
	if _, err := s.write.Exec(`INSERT INTO schema_migrations (version, name, applied_ms) VALUES (9999, '9999_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	_, err = OpenSQLite(context.Background(), dir, Options{})
	if !errors.Is(err, ErrTooNew) {
		t.Fatalf("opening a database of schema 9999: err = %v, want ErrTooNew", err)
	}
	if !strings.Contains(err.Error(), "version 9999") || !strings.Contains(err.Error(), "newer tale") {
		t.Errorf("the message does not tell the operator what to do: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, FileName))
	if string(before) != string(after) {
		t.Error("the refused database was written to")
	}
}

func TestMigrationFilesAreCheckedBeforeAnyIsApplied(t *testing.T) {
	for name, f := range map[string]fstest.MapFS{
		"gap":      {"0001_a.sql": {Data: []byte("SELECT 1")}, "0003_c.sql": {Data: []byte("SELECT 1")}},
		"badname":  {"0001_a.sql": {Data: []byte("SELECT 1")}, "init.sql": {Data: []byte("SELECT 1")}},
		"doubled":  {"0001_a.sql": {Data: []byte("SELECT 1")}, "0001_b.sql": {Data: []byte("SELECT 1")}},
		"notfirst": {"0002_a.sql": {Data: []byte("SELECT 1")}},
	} {
		if _, err := migrations(f); err == nil {
			t.Errorf("%s: migrations accepted %v", name, f)
		}
	}
}

func TestFailingMigrationLeavesNothingBehind(t *testing.T) {
	f := fstest.MapFS{
		"0001_a.sql": {Data: []byte("CREATE TABLE t1 (x BIGINT)")},
		"0002_b.sql": {Data: []byte("CREATE TABLE t2 (x BIGINT); INSERT INTO nowhere VALUES (1)")},
	}
	// A fresh database file with only our two test migrations.
	dir := t.TempDir()
	w, r, err := SQLite{Path: filepath.Join(dir, FileName)}.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	defer r.Close()
	if err := migrate(context.Background(), w, f); err == nil || !strings.Contains(err.Error(), "0002_b.sql") {
		t.Fatalf("migrate = %v, want an error naming 0002_b.sql", err)
	}
	var n int
	if err := w.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 't2'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("half of the failed migration stayed: t2 exists (%v)", err)
	}
	if err := w.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != 1 {
		t.Errorf("schema_migrations has %d rows (%v), want 1: the first file applied, the second not", n, err)
	}
}

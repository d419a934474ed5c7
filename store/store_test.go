package store

import (
	"context"
	"testing"
)

// openTest opens a fresh SQLite store in a temporary dir; it closes with
// the test.
func openTest(t testing.TB) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := OpenSQLite(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

// reopen closes s and opens the same data dir again.
func reopen(t testing.TB, s *Store, dir string) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := OpenSQLite(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenUsesWALAndForeignKeys(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	for _, c := range []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"synchronous", "1"}, // NORMAL
		{"foreign_keys", "1"},
		{"busy_timeout", "5000"},
	} {
		var got string
		if err := s.write.QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("writer: PRAGMA %s = %s, want %s", c.pragma, got, c.want)
		}
	}
	var ro string
	if err := s.read.QueryRowContext(ctx, "PRAGMA query_only").Scan(&ro); err != nil || ro != "1" {
		t.Errorf("reader: query_only = %q (%v), want 1", ro, err)
	}
}

func TestPowerSafeIsSynchronousFull(t *testing.T) {
	s, err := OpenSQLite(context.Background(), t.TempDir(), Options{PowerSafe: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var got string
	if err := s.write.QueryRow("PRAGMA synchronous").Scan(&got); err != nil || got != "2" {
		t.Errorf("PRAGMA synchronous = %q (%v), want 2 (FULL)", got, err)
	}
}

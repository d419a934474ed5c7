package store

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// A durable game journals more than typed lines: ticks, joins, leaves,
// connections dropping and coming back, and a model's narration replay too.
func TestJournalKeepsEveryKind(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	g, err := s.CreateGame(ctx, Game{Owner: "o", Story: "demo", Mode: "mud"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{1, Join, "Ann", "ann"}, {2, Line, "north", "ann"}, {3, Tick, "", ""},
		{4, Away, "", "ann"}, {5, Back, "", "ann"}, {6, Choice, "2", "ann"}, {7, Narration, `{"id":3,"final":true,"text":"Dust.","of":"room"}`, "ann"},
		{8, Leave, "quit", "ann"}}
	for _, e := range want {
		if err := s.Append(ctx, g.ID, e); err != nil {
			t.Fatalf("Append(%v): %v", e, err)
		}
	}
	r, err := s.Replay(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Tail) != len(want) {
		t.Fatalf("replay has %d entries, want %d", len(r.Tail), len(want))
	}
	for i, e := range r.Tail {
		if e != want[i] {
			t.Errorf("entry %d = %v, want %v", i+1, e, want[i])
		}
	}
}

// olderSQLite is the SQLite backend as a binary with only the first
// migrations had it.
type olderSQLite struct {
	SQLite
	upTo int
}

func (b olderSQLite) Migrations() fs.FS {
	all := SQLite{}.Migrations()
	list, err := migrations(all)
	if err != nil {
		panic(err)
	}
	f := fstest.MapFS{}
	for _, m := range list[:b.upTo] {
		f[m.name] = &fstest.MapFile{Data: []byte(m.sql)}
	}
	return f
}

// A database written before the journal kept narration keeps its games
// and entries when a newer tale opens it, and takes narration from then on.
func TestUpgradeKeepsTheJournalAndAddsNarration(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	old, err := Open(ctx, olderSQLite{SQLite{Path: filepath.Join(dir, FileName)}, 2})
	if err != nil {
		t.Fatal(err)
	}
	g, err := old.CreateGame(ctx, Game{Owner: "o", Story: "demo", Mode: "if"})
	if err != nil {
		t.Fatal(err)
	}
	before := []Entry{{1, Line, "look", ""}, {2, Tick, "", ""}}
	for _, e := range before {
		if err := old.Append(ctx, g.ID, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.Append(ctx, g.ID, Entry{3, Narration, "{}", ""}); err == nil {
		t.Fatal("schema 2 took a narration entry; the test proves nothing")
	}
	old.Close()

	s, err := OpenSQLite(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := Entry{3, Narration, `{"id":1,"final":true,"text":"Dust.","of":"room"}`, ""}
	if err := s.Append(ctx, g.ID, n); err != nil {
		t.Fatalf("after the upgrade: %v", err)
	}
	r, err := s.Replay(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := append(before, n)
	if len(r.Tail) != len(want) {
		t.Fatalf("replay has %d entries, want %d", len(r.Tail), len(want))
	}
	for i, e := range r.Tail {
		if e != want[i] {
			t.Errorf("entry %d = %v, want %v", i+1, e, want[i])
		}
	}
}

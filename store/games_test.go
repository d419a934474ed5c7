package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

func newGame(t testing.TB, s *Store) Game {
	t.Helper()
	g, err := s.CreateGame(context.Background(), Game{Owner: "owner", Story: "demo", StoryVersion: "1", Mode: "if", Seed: 1<<63 + 5})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func appendLines(t testing.TB, s *Store, gameID string, from, to int64) {
	t.Helper()
	for n := from; n <= to; n++ {
		if err := s.Append(context.Background(), gameID, Entry{N: n, Kind: Line, Text: fmt.Sprint("cmd ", n)}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGameKeepsItsSeedAndCountsTurns(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	g := newGame(t, s)
	appendLines(t, s, g.ID, 1, 3)
	got, err := s.Game(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Seed != 1<<63+5 || got.Turns != 3 || got.Story != "demo" || got.Owner != "owner" {
		t.Errorf("game read back as %+v", got)
	}
	list, err := s.GamesOf(ctx, "owner", "")
	if err != nil || len(list) != 1 || list[0].ID != g.ID {
		t.Errorf("GamesOf = %v, %v", list, err)
	}
	if _, err := s.Game(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown game: %v, want ErrNotFound", err)
	}
}

func TestAppendRefusesAGapADuplicateAndAnUnknownGame(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	g := newGame(t, s)
	appendLines(t, s, g.ID, 1, 2)
	for _, c := range []struct {
		game string
		e    Entry
		want error
	}{
		{g.ID, Entry{N: 2, Kind: Line, Text: "again"}, ErrConflict},
		{g.ID, Entry{N: 4, Kind: Line, Text: "skip"}, ErrConflict},
		{g.ID, Entry{N: 0, Kind: Line, Text: "zero"}, ErrConflict},
		{"nope", Entry{N: 1, Kind: Line, Text: "x"}, ErrNotFound},
	} {
		if err := s.Append(ctx, c.game, c.e); !errors.Is(err, c.want) {
			t.Errorf("Append(%s, %d) = %v, want %v", c.game, c.e.N, err, c.want)
		}
	}
	if err := s.Append(ctx, g.ID, Entry{N: 3, Kind: "shout", Text: "x"}); err == nil {
		t.Error("an entry of unknown kind was accepted")
	}
	r, err := s.Replay(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Tail) != 2 || r.Turns != 2 {
		t.Errorf("refused appends changed the journal: %d entries, turns %d", len(r.Tail), r.Turns)
	}
}

func TestReplayReadsOnlyTheTailAfterTheNewestSnapshot(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	g := newGame(t, s)
	appendLines(t, s, g.ID, 1, 5)
	if err := s.PutSnapshot(ctx, g.ID, 3, []byte("state@3")); err != nil {
		t.Fatal(err)
	}
	if err := s.PutSnapshot(ctx, g.ID, 6, []byte("ahead")); !errors.Is(err, ErrConflict) {
		t.Errorf("a snapshot past the journal: %v, want ErrConflict", err)
	}
	appendLines(t, s, g.ID, 6, 7)
	if err := s.Append(ctx, g.ID, Entry{N: 8, Kind: Choice, Text: "2", Player: "p1"}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Replay(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Snapshot) != "state@3" || r.SnapshotN != 3 {
		t.Errorf("snapshot %q at %d, want state@3 at 3", r.Snapshot, r.SnapshotN)
	}
	want := []Entry{
		{4, Line, "cmd 4", ""}, {5, Line, "cmd 5", ""}, {6, Line, "cmd 6", ""}, {7, Line, "cmd 7", ""},
		{8, Choice, "2", "p1"},
	}
	if !reflect.DeepEqual(r.Tail, want) {
		t.Errorf("tail\n got %v\nwant %v", r.Tail, want)
	}

	if err := s.PutSnapshot(ctx, g.ID, 7, []byte("state@7")); err != nil {
		t.Fatal(err)
	}
	dropped, err := s.Compact(ctx, g.ID)
	if err != nil || dropped != 7 {
		t.Errorf("Compact dropped %d (%v), want 7", dropped, err)
	}
	after, err := s.Replay(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(after.Snapshot) != "state@7" || !reflect.DeepEqual(after.Tail, want[4:]) {
		t.Errorf("after Compact: snapshot %q, tail %v", after.Snapshot, after.Tail)
	}
	var left int
	s.read.QueryRow(`SELECT count(*) FROM journal WHERE game_id = $1`, g.ID).Scan(&left)
	var snaps int
	s.read.QueryRow(`SELECT count(*) FROM snapshots WHERE game_id = $1`, g.ID).Scan(&snaps)
	if left != 1 || snaps != 1 {
		t.Errorf("after Compact: %d journal rows and %d snapshots, want 1 and 1", left, snaps)
	}
	appendLines(t, s, g.ID, 9, 9) // the count goes on after compaction
}

func TestReplayWithoutSnapshotStartsFromTheSeed(t *testing.T) {
	s, _ := openTest(t)
	g := newGame(t, s)
	appendLines(t, s, g.ID, 1, 2)
	if n, err := s.Compact(context.Background(), g.ID); err != nil || n != 0 {
		t.Errorf("Compact without a snapshot dropped %d (%v)", n, err)
	}
	r, err := s.Replay(context.Background(), g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Snapshot != nil || r.SnapshotN != 0 || len(r.Tail) != 2 || r.Seed != g.Seed {
		t.Errorf("replay = %+v", r)
	}
}

func TestJournalSurvivesReopen(t *testing.T) {
	s, dir := openTest(t)
	g := newGame(t, s)
	appendLines(t, s, g.ID, 1, 50)
	s = reopen(t, s, dir)
	r, err := s.Replay(context.Background(), g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Tail) != 50 || r.Tail[49].Text != "cmd 50" {
		t.Errorf("after reopen: %d entries", len(r.Tail))
	}
}

func TestDeleteGameTakesItsJournal(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	g := newGame(t, s)
	appendLines(t, s, g.ID, 1, 2)
	s.PutSnapshot(ctx, g.ID, 2, []byte("x"))
	if err := s.DeleteGame(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	s.read.QueryRow(`SELECT (SELECT count(*) FROM journal) + (SELECT count(*) FROM snapshots)`).Scan(&n)
	if n != 0 {
		t.Errorf("%d journal and snapshot rows outlived their game", n)
	}
	if err := s.DeleteGame(ctx, g.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
}

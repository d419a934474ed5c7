package store

import (
	"context"
	"testing"
)

// A durable game journals more than typed lines: ticks, joins, leaves and
// connections dropping and coming back replay too.
func TestJournalKeepsEveryKind(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	g, err := s.CreateGame(ctx, Game{Owner: "o", Story: "demo", Mode: "mud"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{1, Join, "Ann", "ann"}, {2, Line, "north", "ann"}, {3, Tick, "", ""},
		{4, Away, "", "ann"}, {5, Back, "", "ann"}, {6, Choice, "2", "ann"}, {7, Leave, "quit", "ann"}}
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

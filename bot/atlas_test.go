package bot

import (
	_ "github.com/tale-if/tale/internal/goldenflag" // accept go test ./... -update
	"slices"
	"testing"

	"github.com/tale-if/tale/tio"
)

// Dead reckoning: each move shifts the position by its step, up and down
// change level and come back to the same stair.
func TestAtlasDeadReckoning(t *testing.T) {
	a := newAtlas()
	a.observe("Foot", []string{"north", "east"})
	moves := []struct {
		dir, name string
		exits     []string
		depth     int
		at        pos
	}{
		{"north", "Hall", []string{"south", "east"}, 1, pos{0, -1}},
		{"east", "Gallery", []string{"west", "south", "down"}, 1, pos{1, -1}},
		{"south", "Pantry", []string{"north", "west"}, 1, pos{1, 0}},
		{"west", "Foot", []string{"north", "east"}, 1, pos{0, 0}},
		{"north", "Hall", []string{"south", "east"}, 1, pos{0, -1}},
		{"east", "Gallery", []string{"west", "south", "down"}, 1, pos{1, -1}},
		{"down", "Hall", []string{"up", "west"}, 2, pos{0, 0}}, // names repeat across levels
		{"west", "Crypt", []string{"east"}, 2, pos{-1, 0}},
		{"east", "Hall", []string{"up", "west"}, 2, pos{0, 0}},
		{"up", "Gallery", []string{"west", "south", "down"}, 1, pos{1, -1}},
	}
	for i, m := range moves {
		if ok := a.moved(m.dir, m.name, m.exits); !ok {
			t.Errorf("move %d (%s): reckoning slipped", i, m.dir)
		}
		if a.depth != m.depth || a.at != m.at {
			t.Fatalf("move %d (%s): at level %d %v, want level %d %v", i, m.dir, a.depth, a.at, m.depth, m.at)
		}
	}
	if got := len(a.levels[1].rooms); got != 4 {
		t.Errorf("level 1 has %d rooms, want 4", got)
	}
	if lv := a.levels[1]; !lv.hasDown || lv.down != (pos{1, -1}) {
		t.Errorf("stair down at %v (%v), want {1 -1}", lv.down, lv.hasDown)
	}
	// Both sides of a walked exit are known open.
	if s := a.levels[1].rooms[pos{0, -1}].exits["east"].status; s != exitOpen {
		t.Errorf("Hall east is %d, want open", s)
	}
	if s := a.levels[1].rooms[pos{1, -1}].exits["west"].status; s != exitOpen {
		t.Errorf("Gallery west is %d, want open", s)
	}
	if a.slips != 0 {
		t.Errorf("%d slips", a.slips)
	}
}

// A name that does not fit the reckoning moves the bot to the room that
// has it.
func TestAtlasRepairsBySlip(t *testing.T) {
	a := newAtlas()
	a.observe("Foot", []string{"north", "east"})
	a.moved("north", "Hall", []string{"south", "east"})
	a.moved("south", "Foot", []string{"north", "east"})
	// Claimed east, but the room that answers is the Hall.
	if ok := a.moved("east", "Hall", []string{"south", "east"}); ok {
		t.Error("a wrong name was not noticed")
	}
	if a.at != (pos{0, -1}) || a.slips != 1 {
		t.Errorf("at %v after %d slips, want {0 -1} after 1", a.at, a.slips)
	}
}

// grid builds a level from rooms and the exits each lists, all visited,
// as if explored.
func grid(rooms map[pos][]string) *level {
	lv := newLevel()
	for p, exits := range rooms {
		r := lv.room(p)
		r.name = "room"
		r.visited = true
		for _, d := range exits {
			r.exit(d)
		}
	}
	return lv
}

// Breadth first: the nearest untried exit into unknown ground wins, and
// the route there goes through known rooms.
func TestFrontierNearestFirst(t *testing.T) {
	//  (0,0) ─ (1,0) ─ (2,0) → ?
	//    │
	//  (0,1) → ?         ((0,1) south is two steps away, (2,0) east three)
	lv := grid(map[pos][]string{
		{0, 0}: {"east", "south"},
		{1, 0}: {"west", "east"},
		{2, 0}: {"west", "east"},
		{0, 1}: {"north", "south"},
	})
	ts := lv.frontier(pos{0, 0}, 0, false)
	if len(ts) != 2 {
		t.Fatalf("frontier = %+v, want 2 targets", ts)
	}
	if ts[0].at != (pos{0, 1}) || ts[0].dir != "south" || ts[0].dist != 2 {
		t.Errorf("nearest = %+v, want south of {0 1} at 2", ts[0])
	}
	if ts[1].at != (pos{2, 0}) || ts[1].dir != "east" || ts[1].dist != 3 {
		t.Errorf("second = %+v, want east of {2 0} at 3", ts[1])
	}
	dirs, ok := lv.route(pos{0, 1}, pos{2, 0}, false)
	if !ok || !slices.Equal(dirs, []string{"north", "east", "east"}) {
		t.Errorf("route = %v %v, want north, east, east", dirs, ok)
	}
}

// Exits between known rooms are ways, not goals; a wall is neither; a
// locked door is a goal again only after new finds.
func TestFrontierSkipsKnownAndWaitsForKeys(t *testing.T) {
	lv := grid(map[pos][]string{
		{0, 0}: {"east", "north"},
		{1, 0}: {"west"},
	})
	lv.rooms[pos{0, 0}].exits["north"].status = exitLocked
	lv.rooms[pos{0, 0}].exits["north"].triedAt = 3
	if ts := lv.frontier(pos{1, 0}, 3, false); len(ts) != 0 {
		t.Errorf("frontier = %+v, want none: no new finds since the door was tried", ts)
	}
	ts := lv.frontier(pos{1, 0}, 4, false)
	if len(ts) != 1 || ts[0].dir != "north" || ts[0].dist != 2 {
		t.Errorf("frontier = %+v, want the locked door north of {0 0}", ts)
	}
	lv.rooms[pos{0, 0}].exits["north"].status = exitBlocked
	if ts := lv.frontier(pos{1, 0}, 9, false); len(ts) != 0 {
		t.Errorf("frontier = %+v, want none past a wall", ts)
	}
}

// A locked door on the way cuts the route until it is opened.
func TestRouteStopsAtLockedDoors(t *testing.T) {
	lv := grid(map[pos][]string{
		{0, 0}: {"east"},
		{1, 0}: {"west"},
	})
	lv.rooms[pos{0, 0}].exits["east"].status = exitLocked
	lv.rooms[pos{1, 0}].exits["west"].status = exitLocked
	if _, ok := lv.route(pos{0, 0}, pos{1, 0}, false); ok {
		t.Error("routed through a locked door")
	}
	lv.rooms[pos{0, 0}].exits["east"].status = exitOpen
	if dirs, ok := lv.route(pos{0, 0}, pos{1, 0}, false); !ok || !slices.Equal(dirs, []string{"east"}) {
		t.Errorf("route = %v %v, want east", dirs, ok)
	}
}

// Hit points come from the state event; a story without combat shows
// none (MaxHP 0), and then the bot knows it is blind.
func TestStateHP(t *testing.T) {
	for _, tc := range []struct {
		st      *tio.State
		hp, max int
		ok      bool
	}{
		{&tio.State{HP: 23, MaxHP: 30}, 23, 30, true},
		{&tio.State{HP: 0, MaxHP: 30}, 0, 30, true},
		{&tio.State{}, 0, 0, false},
		{nil, 0, 0, false},
	} {
		hp, max, ok := stateHP(tc.st)
		if hp != tc.hp || max != tc.max || ok != tc.ok {
			t.Errorf("stateHP(%+v) = %d, %d, %v; want %d, %d, %v", tc.st, hp, max, ok, tc.hp, tc.max, tc.ok)
		}
	}
}

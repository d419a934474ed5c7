package driver

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
)

// scopedStory is the test story with a bell in the hall to ring (a flag,
// a counter and 5 points), hands to clap (a flag), ears to listen with,
// a chime on each player's second move, and a way out that ends the
// story. The world's clock is kept out of the way: these tests are about
// whose things are, not about time.
func scopedStory() *story.Story {
	s := testStory()
	s.Config.Tick = story.Tick{Method: "timer", Period: "1h"}
	n := func(i int) *int { return &i }
	s.Locations["hall"].Actions = []*story.Action{
		{Verbs: []string{"ring"}, Do: story.Effects{{Say: "Ding."}, {Set: "rang"}, {Counter: "rings", Add: n(1)}, {Score: 5}}},
		{Verbs: []string{"clap"}, Do: story.Effects{{Say: "Clap."}, {Set: "clapped"}}},
		{Verbs: []string{"listen"}, If: story.Conditions{{Flag: "rang"}}, Do: story.Effects{{Say: "Your ears ring."}}},
		{Verbs: []string{"listen"}, If: story.Conditions{{Flag: "clapped"}}, Do: story.Effects{{Say: "The clap echoes."}}, Refuse: "Silence."},
		{Verbs: []string{"count"}, If: story.Conditions{{Counter: "rings", AtLeast: n(2)}}, Do: story.Effects{{Say: "Twice or more."}}, Refuse: "Not yet."},
		{Verbs: []string{"escape"}, Do: story.Effects{{End: "escaped"}}},
	}
	s.Events["chime"] = &story.TimedEvent{ID: "chime", AtTurn: 2, Scope: story.ScopePlayer, Do: story.Effects{{Say: "A chime only you hear."}}}
	s.Order.Events = append(s.Order.Events, "chime")
	s.Flags = map[string]*story.Flag{"rang": {ID: "rang", Scope: story.ScopePlayer}}
	s.Counters = map[string]*story.Flag{"rings": {ID: "rings", Scope: story.ScopePlayer}}
	return s
}

// A player's flags and counters are theirs; a world's flag is everyone's.
func TestMUDPlayerFlagsAndCountersAreTheirOwn(t *testing.T) {
	s := scopedStory()
	s.Events["chime"].AtTurn = 99
	m := startMUD(t, s)
	m.join("ann", "bob")
	m.do("ann", "ring")
	m.do("ann", "listen")
	m.do("bob", "listen")
	m.read()
	m.do("ann", "listen")
	m.expect("ann", "Your ears ring.")
	m.do("bob", "listen")
	m.expect("bob", "Silence.")

	m.do("bob", "clap")
	m.read()
	m.do("bob", "listen")
	m.expect("bob", "The clap echoes.")
	m.do("ann", "listen")
	m.expect("ann", "Your ears ring.") // her own flag comes first

	m.do("ann", "ring")
	m.do("bob", "ring")
	m.read()
	m.do("ann", "count")
	m.expect("ann", "Twice or more.")
	m.do("bob", "count")
	m.expect("bob", "Not yet.")
}

// By default each player earns an award once for themselves; with a
// world's score, one score is shared and each award is given once.
func TestMUDScoreScope(t *testing.T) {
	scored := func(m *mudWorld, who, want string) {
		t.Helper()
		m.read()
		m.do(who, "score")
		if got := m.text(who); !strings.HasPrefix(got, "You have scored "+want+" out of") {
			t.Errorf("%s: %q, want a score of %s", who, got, want)
		}
	}
	m := startMUD(t, scopedStory())
	m.join("ann", "bob")
	m.do("ann", "ring")
	m.do("ann", "ring")
	scored(m, "ann", "5")
	scored(m, "bob", "0")
	m.do("bob", "ring")
	scored(m, "bob", "5")

	s := scopedStory()
	s.Config.Scope.Score = story.ScopeWorld
	m = startMUD(t, s)
	m.join("ann", "bob")
	m.do("ann", "ring")
	scored(m, "bob", "5")
	m.do("bob", "ring")
	scored(m, "ann", "5")
	scored(m, "bob", "5")
}

// A player's timed event runs on that player's own moves, not the
// world's clock, and only they read it.
func TestMUDPlayerEventsRunOnTheirOwnMoves(t *testing.T) {
	m := startMUD(t, scopedStory())
	m.join("ann", "bob")
	m.do("ann", "wait")
	m.expect("ann", "Time passes.")
	m.do("ann", "wait")
	m.expect("ann", "Time passes.\n\nA chime only you hear.")
	m.expect("bob", "")
	m.do("bob", "wait")
	m.expect("bob", "Time passes.")
	m.do("bob", "wait")
	m.expect("bob", "Time passes.\n\nA chime only you hear.")
	m.expect("ann", "")
}

// An ending of the world's ends the story for everyone in it, and for
// whoever joins after; a player's own ending (the default) for them
// alone.
func TestMUDWorldEndingEndsItForEveryone(t *testing.T) {
	s := scopedStory()
	m := startMUD(t, s)
	m.join("ann", "bob")
	m.do("ann", "west")
	m.do("ann", "gate")
	if got := m.text("ann"); !strings.Contains(got, "The pond is deeper than it looks.") {
		t.Fatalf("ann read %q, want her drowning", got)
	}
	m.read()
	m.do("bob", "look")
	if got := m.text("bob"); !strings.HasPrefix(got, "Entrance Hall") {
		t.Errorf("bob read %q after ann drowned, want the game going on for him", got)
	}

	s = scopedStory()
	s.Config.Endings["escaped"].Scope = story.ScopeWorld
	m = startMUD(t, s)
	m.join("ann", "bob")
	m.do("ann", "escape")
	won := "You climb into the tower and see the way home."
	for _, who := range []string{"ann", "bob"} {
		if got := m.text(who); !strings.Contains(got, won) {
			t.Errorf("%s read %q, want the ending", who, got)
		}
	}
	m.do("bob", "look")
	m.expect("bob", "The story is over for you. Type quit to leave the game; the others play on.")
	m.join("cid")
	m.seen["cid"] = 0
	if got := m.text("cid"); !strings.Contains(got, won) {
		t.Errorf("cid joined after the end and read %q, want the ending", got)
	}
}

// In IF mode every scope is kept as the world's: one player, the same
// game, and nothing per player in the state (or a save).
func TestIFKeepsEveryScopeInTheWorld(t *testing.T) {
	h := newHarness(t, scopedStory())
	h.expect("ring", "Ding.")
	h.expect("listen", "Your ears ring.")
	st := h.g.st()
	if !st.Flags["rang"] || st.Counters["rings"] != 1 || st.Score != 5 {
		t.Errorf("flags %v counters %v score %d, want rang, one ring and 5 points in the world's state", st.Flags, st.Counters, st.Score)
	}
	if b := stateJSON(t, st); strings.Contains(b, `"mine"`) {
		t.Errorf("an IF state holds per-player state: %s", b)
	}
}

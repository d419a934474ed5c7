package driver

import (
	"slices"

	"github.com/tale-if/tale/story"
)

// What a story declared each player's own and what the world's
// (story.Story's FlagScope, EventScope, …) is applied here. Only a shared
// world keeps anything per player: in IF mode every scope is the world's,
// which with one player is the same game, so IF games, transcripts and
// saves are untouched by scopes.

func (w *World) mine(scope string) bool { return w.mud() && scope == story.ScopePlayer }

// flag reads a flag where its scope keeps it.
func (tn *turn) flag(name string) bool {
	if tn.mine(tn.story.FlagScope(name)) {
		return tn.st.PlayerState != nil && tn.st.Mine.Flags[name]
	}
	return tn.st.Flags[name]
}

func (tn *turn) setFlag(name string, on bool) {
	var m map[string]bool
	if tn.mine(tn.story.FlagScope(name)) {
		if tn.st.PlayerState == nil {
			return // a world turn with nobody's eyes: there is no player to set it for
		}
		ps := tn.writablePlayer(cpMineFlags)
		if ps.Mine.Flags == nil {
			ps.Mine.Flags = map[string]bool{}
		}
		m = ps.Mine.Flags
	} else {
		m = tn.writableWorld(cwFlags).Flags
	}
	if on {
		m[name] = true
	} else {
		delete(m, name)
	}
}

func (tn *turn) counter(name string) int {
	if tn.mine(tn.story.CounterScope(name)) {
		if tn.st.PlayerState == nil {
			return 0
		}
		return tn.st.Mine.Counters[name]
	}
	return tn.st.Counters[name]
}

func (tn *turn) setCounter(name string, v int) {
	var m map[string]int
	if tn.mine(tn.story.CounterScope(name)) {
		if tn.st.PlayerState == nil {
			return
		}
		ps := tn.writablePlayer(cpMineCounters)
		if ps.Mine.Counters == nil {
			ps.Mine.Counters = map[string]int{}
		}
		m = ps.Mine.Counters
	} else {
		m = tn.writableWorld(cwCounters).Counters
	}
	m[name] = v
}

// teamScore says the score is one for the whole (shared) world.
func (tn *turn) teamScore() bool {
	return tn.mud() && tn.story.ScoreScope() == story.ScopeWorld
}

// score is the score the player sees: their own, or the world's.
func (tn *turn) score() int {
	if tn.teamScore() {
		return tn.st.TeamScore
	}
	return tn.st.Score
}

// award gives points once for key (a score effect's path, "take:<item>"):
// once in the world (IF mode, or a team score), or once for each player
// (a player's own score in a shared world). An empty key always pays.
func (tn *turn) award(key string, points int) {
	mine := tn.mud() && !tn.teamScore()
	if mine && tn.st.PlayerState == nil {
		return
	}
	if key != "" {
		if mine && tn.st.Mine.Done[key] || !mine && tn.st.Done[key] {
			return
		}
		if mine {
			ps := tn.writablePlayer(cpMineDone)
			if ps.Mine.Done == nil {
				ps.Mine.Done = map[string]bool{}
			}
			ps.Mine.Done[key] = true
		} else {
			tn.writableWorld(cwDone).Done[key] = true
		}
	}
	if tn.teamScore() {
		tn.st.TeamScore += points
		return
	}
	tn.st.Score += points
}

// playerEvent says a timed event runs on its player's own moves.
func (tn *turn) playerEvent(id string) bool { return tn.mine(tn.story.EventScope(id)) }

// firePlayerEvents fires the player's own timed events that are due by
// their moves, as tick does the world's in IF mode.
func (tn *turn) firePlayerEvents() {
	for q := tn.st.Mine.Queue; len(q) > 0 && q[0].At <= tn.st.Turns; q = tn.st.Mine.Queue {
		tn.st.Mine.Queue = q[1:]
		tn.fire(q[0].Event)
	}
}

// cancel drops a timed event from the queue its scope keeps it in.
func (tn *turn) cancel(id string) {
	drop := func(s Scheduled) bool { return s.Event == id }
	if tn.playerEvent(id) {
		if tn.st.PlayerState != nil {
			tn.st.Mine.Queue = slices.DeleteFunc(tn.st.Mine.Queue, drop)
		}
		return
	}
	tn.st.Queue = slices.DeleteFunc(tn.st.Queue, drop)
}

// reachEnding ends the story with ending id: for the turn's player, or,
// for an ending of the world's in a shared world, for everyone in it and
// everyone who joins after.
func (tn *turn) reachEnding(id string) {
	if !tn.mud() || tn.story.EndingScope(id) != story.ScopeWorld {
		tn.endFor(id)
		return
	}
	tn.st.Over = id
	for _, p := range tn.World.players {
		if !p.left {
			tn.as(p, func() { tn.endFor(id) })
		}
	}
}

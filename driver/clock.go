package driver

import (
	"sort"

	"github.com/tale-if/tale/story"
)

// tick advances game time by one: timed events that are due fire, then
// NPCs act. It runs after each command that takes time (command ticks)
// or on the real-time ticker (timer ticks), always on the loop.
func (tn *turn) tick() {
	if tn.mud() {
		tn.playerTick()
		return
	}
	tn.st.Ticks++
	for len(tn.st.Queue) > 0 && tn.st.Queue[0].At <= tn.st.Ticks {
		due := tn.st.Queue[0]
		tn.st.Queue = tn.st.Queue[1:]
		tn.fire(due.Event)
	}
	tn.npcsAct()
}

// fire runs a timed event. One whose conditions fail is skipped and, if it
// repeats, not rescheduled.
func (tn *turn) fire(id string) {
	ev := tn.story.Events[id]
	if ev == nil || !tn.holds(ev.If) {
		return
	}
	tn.apply(ev.Do)
	for _, nid := range tn.story.Order.NPCs {
		tn.react(tn.story.NPCs[nid].Behaviour.OnEvent[id])
	}
	if ev.Every > 0 {
		tn.schedule(id, ev.Every)
	}
}

// schedule queues a timed event in ticks from now. Events due on the same
// tick fire in the order they were scheduled.
func (tn *turn) schedule(id string, in int) {
	if tn.playerEvent(id) {
		// On the player's own moves; a world turn has no player to
		// schedule it for.
		if tn.st.PlayerState != nil {
			tn.st.Mine.Queue = append(tn.st.Mine.Queue, Scheduled{Event: id, At: tn.st.Turns + in})
			sortQueue(tn.st.Mine.Queue)
		}
		return
	}
	tn.st.Queue = append(tn.st.Queue, Scheduled{Event: id, At: tn.st.Ticks + in})
	sortQueue(tn.st.Queue)
}

func sortQueue(q []Scheduled) {
	sort.SliceStable(q, func(i, j int) bool { return q[i].At < q[j].At })
}

// afterTurn checks the puzzle rules, in story order.
func (tn *turn) afterTurn() {
	for _, r := range tn.story.Rules {
		if tn.st.Ended != "" {
			return
		}
		if r == nil || !tn.holds(r.If) {
			continue
		}
		if !r.Repeat && !tn.once(r) {
			continue
		}
		tn.apply(r.Do)
	}
}

// playerTick is the time a command takes in a shared world: the world's
// clock is the loop's ticker (worldTick), not any player's typing, so a
// command only gives the foes where its player stands their blow back.
// The player's own timed events (scope: player) go by their moves, so
// they fire first, as a tick's events do in IF mode.
func (tn *turn) playerTick() {
	tn.firePlayerEvents()
	from := tn.st.Location
	for _, n := range tn.foesAt(from) {
		if !tn.strikesGoOn(from) {
			return
		}
		tn.foeStrikes(n)
	}
}

// foeStrikes lets a hostile NPC strike one of the players where it is,
// picked by the world's generator (contract 5), among those still
// playing.
func (tn *turn) foeStrikes(n *story.NPC) {
	var targets []*player
	for _, p := range tn.playersAt(tn.st.NPCs[n.ID], nil) {
		if tn.stateOf(p).Ended == "" {
			targets = append(targets, p)
		}
	}
	if len(targets) == 0 {
		return
	}
	target := targets[0]
	if len(targets) > 1 {
		target = targets[tn.st.RNG.IntN(len(targets))]
	}
	tn.as(target, func() { tn.monsterStrike(n) })
}

// worldTick is one tick of a shared world, on the loop's ticker: time
// passes once for everyone, timed events fire, NPCs wander (seen by the
// players where they go) and foes strike whoever is with them.
func (tn *turn) worldTick() {
	tn.st.Ticks++
	for len(tn.st.Queue) > 0 && tn.st.Queue[0].At <= tn.st.Ticks {
		due := tn.st.Queue[0]
		tn.st.Queue = tn.st.Queue[1:]
		tn.fireForAll(due.Event)
	}
	for _, id := range tn.story.Order.NPCs {
		n := tn.story.NPCs[id]
		if tn.hostile(n) && len(tn.playersAt(tn.st.NPCs[id], nil)) > 0 {
			tn.foeStrikes(n)
			continue
		}
		w := n.Behaviour.Wander
		if w == nil || w.Every <= 0 || tn.st.Ticks%w.Every != 0 {
			continue
		}
		from := tn.st.NPCs[id]
		if from == nowhere {
			continue
		}
		if ex, ok := tn.wanderWay(from, w.Within); ok {
			tn.moveNPC(n, ex)
		}
	}
}

// fireForAll fires a world timed event once: its effects on the world
// happen once, and what it says and does to a player happens to each
// player in the world, in the order they joined.
func (tn *turn) fireForAll(id string) {
	ev := tn.story.Events[id]
	if ev == nil {
		return
	}
	fired := false
	for _, p := range tn.World.players {
		if p.left {
			continue
		}
		tn.as(p, func() {
			if !tn.holds(ev.If) {
				return
			}
			fired = true
			tn.apply(ev.Do)
			for _, nid := range tn.story.Order.NPCs {
				tn.react(tn.story.NPCs[nid].Behaviour.OnEvent[id])
			}
		})
	}
	if fired && ev.Every > 0 {
		tn.schedule(id, ev.Every)
	}
}

package driver

import (
	"sort"
)

// tick advances game time by one: timed events that are due fire, then
// NPCs act. It runs after each command that takes time (command ticks)
// or on the real-time ticker (timer ticks), always on the loop.
func (g *Game) tick() {
	g.st.Ticks++
	for len(g.st.Queue) > 0 && g.st.Queue[0].At <= g.st.Ticks {
		due := g.st.Queue[0]
		g.st.Queue = g.st.Queue[1:]
		g.fire(due.Event)
	}
	g.npcsAct()
}

// fire runs a timed event. One whose conditions fail is skipped and, if it
// repeats, not rescheduled.
func (g *Game) fire(id string) {
	ev := g.story.Events[id]
	if ev == nil || !g.holds(ev.If) {
		return
	}
	g.apply(ev.Do)
	for _, nid := range g.story.Order.NPCs {
		g.react(g.story.NPCs[nid].Behaviour.OnEvent[id])
	}
	if ev.Every > 0 {
		g.schedule(id, ev.Every)
	}
}

// schedule queues a timed event in ticks from now. Events due on the same
// tick fire in the order they were scheduled.
func (g *Game) schedule(id string, in int) {
	g.st.Queue = append(g.st.Queue, Scheduled{Event: id, At: g.st.Ticks + in})
	sortQueue(g.st.Queue)
}

func sortQueue(q []Scheduled) {
	sort.SliceStable(q, func(i, j int) bool { return q[i].At < q[j].At })
}

// afterTurn checks the puzzle rules, in story order.
func (g *Game) afterTurn() {
	for _, r := range g.story.Rules {
		if g.st.Ended != "" {
			return
		}
		if r == nil || !g.holds(r.If) {
			continue
		}
		if !r.Repeat && !g.once(r) {
			continue
		}
		g.apply(r.Do)
	}
}

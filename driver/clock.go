package driver

import (
	"sort"
)

// tick advances game time by one: timed events that are due fire, then
// NPCs act. It runs after each command that takes time (command ticks)
// or on the real-time ticker (timer ticks), always on the loop.
func (tn *turn) tick() {
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

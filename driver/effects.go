package driver

import (
	"slices"
	"strings"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// apply runs effects in order.
func (g *Game) apply(es story.Effects) {
	for _, e := range es {
		if e != nil {
			g.apply1(e)
		}
	}
}

func (g *Game) apply1(e *story.Effect) {
	st := g.st
	switch {
	case e.Say != "":
		g.say(e.Say)
	case e.Move != "":
		to := e.To
		if to == "" {
			to = nowhere
		}
		if to == e.Move || g.inside(to, e.Move) {
			// A thing inside itself would make every walk over the
			// contents endless; the loader cannot see this coming.
			g.log.Warn("move effect would put an item inside itself", "item", e.Move, "to", to)
			return
		}
		st.Items[e.Move] = to
		if to != player {
			g.letGo(e.Move)
		}
	case e.Set != "":
		st.Flags[e.Set] = true
	case e.Unset != "":
		delete(st.Flags, e.Unset)
	case e.Counter != "":
		switch {
		case e.Value != nil:
			st.Counters[e.Counter] = *e.Value
		case e.Add != nil:
			st.Counters[e.Counter] += *e.Add
		}
	case e.Open != "":
		g.setOpen(e.Open, "open")
	case e.Close != "":
		g.setOpen(e.Close, "closed")
	case e.Lock != "":
		g.setOpen(e.Lock, "locked")
	case e.Unlock != "":
		g.setOpen(e.Unlock, "closed")
	case e.Reveal != "":
		st.Hidden[e.Reveal] = false
	case e.Hide != "":
		st.Hidden[e.Hide] = true
	case e.Score != 0:
		if g.once(e) {
			st.Score += e.Score
		}
	case e.Schedule != "":
		g.schedule(e.Schedule, max(e.In, 1))
	case e.Cancel != "":
		st.Queue = slices.DeleteFunc(st.Queue, func(s Scheduled) bool { return s.Event == e.Cancel })
	case e.End != "":
		if st.Ended == "" {
			st.Ended = e.End
			g.newEnding = e.End
		}
	case e.Teleport != "":
		if g.story.Locations[e.Teleport] != nil {
			st.Location = e.Teleport
			g.arrive()
		}
	case e.MoveNPC != "":
		to := e.To
		if to == "" {
			to = nowhere
		}
		st.NPCs[e.MoveNPC] = to
	}
}

// setOpen changes a door or container to "open", "closed" or "locked".
func (g *Game) setOpen(id, state string) {
	if _, ok := g.st.Doors[id]; ok {
		g.st.Doors[id] = state
		return
	}
	if _, ok := g.st.Boxes[id]; ok {
		g.st.Boxes[id] = Box{Open: state == "open", Locked: state == "locked"}
	}
}

// react runs every hook reaction whose conditions hold; once-only ones
// only the first time.
func (g *Game) react(rs []*story.Reaction) {
	for _, r := range rs {
		if r == nil || !g.holds(r.If) {
			continue
		}
		if r.Once && !g.once(r) {
			continue
		}
		g.apply(r.Do)
	}
}

// showEnding prints an ending reached during this unit of work.
func (g *Game) showEnding() {
	id := g.newEnding
	if id == "" {
		return
	}
	g.newEnding = ""
	e := g.ending()
	end := g.story.Config.Endings[id]
	if end != nil && strings.TrimSpace(end.Text) != "" {
		g.say(end.Text)
	}
	if g.combat() && g.st.HP <= 0 && (end == nil || end.Kind == "lose") {
		g.say(g.deathNote())
	}
	g.emit(tio.Event{Kind: tio.KindEnd, Ending: e})
}

// ending describes the ending reached, or nil while the story goes on.
func (g *Game) ending() *tio.Ending {
	id := g.st.Ended
	switch id {
	case "":
		return nil
	case quitEnded:
		return quitEnding()
	}
	e := &tio.Ending{ID: id, Title: id}
	if end := g.story.Config.Endings[id]; end != nil {
		e.Won = end.Kind == "win"
		if end.Title != "" {
			e.Title = end.Title
		}
	}
	return e
}

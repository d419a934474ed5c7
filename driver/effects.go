package driver

import (
	"strings"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// apply runs effects in order.
func (tn *turn) apply(es story.Effects) {
	for _, e := range es {
		if e != nil {
			tn.apply1(e)
		}
	}
}

func (tn *turn) apply1(e *story.Effect) {
	st := tn.st
	switch {
	case e.Say != "":
		tn.say(tn.vary(e.Say))
	case e.Move != "":
		to := e.To
		switch to {
		case "":
			to = nowhere
		case atPlayer:
			to = tn.holder
		}
		if to == e.Move || tn.inside(to, e.Move) {
			// A thing inside itself would make every walk over the
			// contents endless; the loader cannot see this coming.
			tn.log.Warn("move effect would put an item inside itself", "item", e.Move, "to", to)
			return
		}
		before := tn.lightHere()
		tn.writableWorld(cwItems).Items[e.Move] = to
		if to != tn.holder {
			tn.letGo(e.Move)
		}
		tn.lightChanged(before)
	case e.Set != "":
		tn.setFlag(e.Set, true)
	case e.Unset != "":
		tn.setFlag(e.Unset, false)
	case e.Counter != "":
		switch {
		case e.Value != nil:
			tn.setCounter(e.Counter, *e.Value)
		case e.Add != nil:
			tn.setCounter(e.Counter, tn.counter(e.Counter)+*e.Add)
		}
	case e.Open != "":
		tn.announceEffect(e.Open, "open")
		tn.setOpen(e.Open, "open")
	case e.Close != "":
		tn.announceEffect(e.Close, "closed")
		tn.setOpen(e.Close, "closed")
	case e.Lock != "":
		tn.announceEffect(e.Lock, "locked")
		tn.setOpen(e.Lock, "locked")
	case e.Unlock != "":
		if tn.st.Doors[e.Unlock] == "locked" {
			tn.announceEffect(e.Unlock, "closed")
		}
		tn.setOpen(e.Unlock, "closed")
	case e.Reveal != "":
		tn.writableWorld(cwHidden).Hidden[e.Reveal] = false
	case e.Hide != "":
		tn.writableWorld(cwHidden).Hidden[e.Hide] = true
	case e.Score != 0:
		tn.award(tn.idx()[e], e.Score)
	case e.Schedule != "":
		tn.schedule(e.Schedule, max(e.In, 1))
	case e.Cancel != "":
		tn.cancel(e.Cancel)
	case e.End != "":
		tn.reachEnding(e.End)
	case e.Teleport != "":
		if tn.story.Locations[e.Teleport] != nil {
			st.Location = e.Teleport
			tn.arrive()
		}
	case e.MoveNPC != "":
		to := e.To
		if to == "" {
			to = nowhere
		}
		tn.writableWorld(cwNPCs).NPCs[e.MoveNPC] = to
	case e.Now != "":
		tn.now(e.Now, e.Is)
	}
}

// setOpen changes a door or container to "open", "closed" or "locked".
func (tn *turn) setOpen(id, state string) {
	if _, ok := tn.st.Doors[id]; ok {
		tn.writableWorld(cwDoors).Doors[id] = state
		return
	}
	if _, ok := tn.st.Boxes[id]; ok {
		tn.writableWorld(cwBoxes).Boxes[id] = Box{Open: state == "open", Locked: state == "locked"}
	}
}

// react runs every hook reaction whose conditions hold; once-only ones
// only the first time.
func (tn *turn) react(rs []*story.Reaction) {
	for _, r := range rs {
		if r == nil || !tn.holds(r.If) {
			continue
		}
		if r.Once && !tn.once(r) {
			continue
		}
		tn.apply(r.Do)
	}
}

// endFor ends the story for the turn's player, unless it has ended
// already. The actor's ending is shown once its turn is done; another
// player's (felled by a monster in someone else's turn) at once.
func (tn *turn) endFor(id string) {
	if tn.st.Ended != "" {
		return
	}
	tn.st.Ended = id
	if tn.player == tn.actor {
		tn.newEnding = id
		return
	}
	keep := tn.newEnding
	tn.newEnding = id
	tn.showEnding()
	tn.newEnding = keep
}

// showEnding prints an ending reached during this unit of work.
func (tn *turn) showEnding() {
	id := tn.newEnding
	if id == "" {
		return
	}
	tn.newEnding = ""
	e := tn.ending()
	end := tn.story.Config.Endings[id]
	if end != nil && strings.TrimSpace(end.Text) != "" {
		tn.say(tn.vary(end.Text))
	}
	if tn.combat() && tn.st.HP <= 0 && (end == nil || end.Kind == "lose") {
		tn.say(tn.deathNote())
	}
	tn.emit(tio.Event{Kind: tio.KindEnd, Ending: e})
}

// ending describes the ending reached, or nil while the story goes on.
func (tn *turn) ending() *tio.Ending {
	id := tn.st.Ended
	switch id {
	case "":
		return nil
	case quitEnded:
		return quitEnding()
	}
	e := &tio.Ending{ID: id, Title: id}
	if end := tn.story.Config.Endings[id]; end != nil {
		e.Won = end.Kind == "win"
		if end.Title != "" {
			e.Title = end.Title
		}
	}
	return e
}

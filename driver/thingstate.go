package driver

import (
	"unsafe"

	"github.com/tale-if/tale/story"
)

// A thing's state (story/states.go) is kept in the world's Things under
// "<thing id>.<state>", and stored as a difference from the story's starting value:
// absent means as the story wrote it, so a new world needs no setting up
// and old saves mean what they meant. Open, closed and locked are the
// doors' and boxes' own state; worn and held are where things are.

// stateKey names a stored state.
func stateKey(id, state string) string { return id + "." + state }

// handledState marks an item a player has held: its in_room sentence
// ("lies on the table") no longer applies.
const handledState = "handled"

// startValue is a boolean state's value before anything changed it.
func (tn *turn) startValue(id, state string) bool {
	if it := tn.story.Items[id]; it != nil {
		if state == story.StateLit {
			return it.Lit
		}
		return it.Properties[state]
	}
	if n := tn.story.NPCs[id]; n != nil {
		return n.Properties[state]
	}
	return false
}

// boolState reads a stored boolean state (lit, moved, a property).
func (tn *turn) boolState(id, state string) bool {
	return tn.startValue(id, state) != tn.st.Things[stateKey(id, state)]
}

func (tn *turn) setBoolState(id, state string, on bool) {
	k := stateKey(id, state)
	_, stored := tn.st.Things[k]
	switch differs := on != tn.startValue(id, state); {
	case differs && !stored:
		tn.writableWorld(cwThings).Things[k] = true
	case !differs && stored:
		delete(tn.writableWorld(cwThings).Things, k)
	}
}

// is reports whether a thing is in a state, "not …" included.
func (tn *turn) is(id, is string) bool {
	state, negated := story.SplitIs(is)
	return tn.is1(id, state) != negated
}

func (tn *turn) is1(id, state string) bool {
	switch state {
	case story.StateLit:
		return tn.boolState(id, story.StateLit)
	case story.StateUnlit:
		return !tn.boolState(id, story.StateLit)
	case story.StateOpen:
		return tn.openState(id) == "open"
	case story.StateClosed:
		return tn.openState(id) != "open"
	case story.StateLocked:
		return tn.openState(id) == "locked"
	case story.StateUnlocked:
		return tn.openState(id) != "locked"
	case story.StateWorn:
		return tn.st.Worn[id]
	case story.StateHeld:
		return tn.carried(id)
	}
	return tn.boolState(id, state)
}

// now puts a thing into a state (the effect now: id, is: …).
func (tn *turn) now(id, is string) {
	state, negated := story.SplitIs(is)
	// Every state but the properties has an opposite word; reduce to
	// the positive one.
	switch state {
	case story.StateUnlit:
		state, negated = story.StateLit, !negated
	case story.StateClosed:
		state, negated = story.StateOpen, !negated
	case story.StateUnlocked:
		state, negated = story.StateLocked, !negated
	}
	switch state {
	case story.StateOpen, story.StateLocked:
		to := map[bool]string{true: "open", false: "closed"}[!negated]
		if state == story.StateLocked {
			to = map[bool]string{true: "locked", false: "closed"}[!negated]
			if negated && tn.openState(id) != "locked" {
				return // unlocking what is not locked leaves it open or closed
			}
		} else if !negated && tn.openState(id) == "locked" {
			to = "open" // now: box, is: open opens a locked box too, as open: does
		}
		tn.announceEffect(id, to)
		tn.setOpen(id, to)
	case story.StateLit:
		before := tn.lightHere()
		tn.setBoolState(id, state, !negated)
		tn.lightChanged(before)
	default:
		tn.setBoolState(id, state, !negated)
	}
}

// noteHandled marks every item a player holds (also inside what they
// hold) as handled, for good: its in_room sentence ("lies on the table")
// described where the story put it, as Inform's initial appearance does.
// It runs after each command that is a move (atomicCommand), which sees
// every take but one undone within the same command. (Not in describe,
// which also draws snapshots of the committed state, which nothing may
// change.)
func (tn *turn) noteHandled() {
	ws := tn.st.WorldState
	key := notedMaps{story: tn.story, items: mapID(ws.Items), things: mapID(ws.Things), edits: tn.World.inPlace}
	if key == tn.World.noted {
		return // these very maps were noted, and committed maps never change
	}
	tn.noteHeld()
	// Remembered only when both maps are still the committed ones (the
	// turn wrote neither, so they can never change); maps the turn owns
	// may yet be written by the tick.
	c := &tn.cow
	if c.world == tn.st.WorldState && c.wbits&(cwItems|cwThings) == 0 {
		tn.World.noted = key
	}
}

// notedMaps are the Items and Things maps noteHandled last found with
// nothing new held: the same maps give the same answer (scopecache.go's
// reasoning), a command that moves nothing skips the walk over every item.
type notedMaps struct {
	story         *story.Story
	items, things unsafe.Pointer
	edits         uint64 // World.inPlace then
}

// noteHeld is noteHandled's walk.
func (tn *turn) noteHeld() {
	for _, id := range tn.story.Order.Items {
		// Held first: most things are not, and it costs no key.
		if tn.heldByAnyone(id) && !tn.st.Things[stateKey(id, handledState)] {
			tn.writableWorld(cwThings).Things[stateKey(id, handledState)] = true
		}
	}
}

// heldByAnyone is whether a player holds the item, also inside what they hold.
func (tn *turn) heldByAnyone(id string) bool {
	for range 64 { // containers nest; the bound guards a cycle in bad data
		at := tn.st.Items[id]
		switch {
		case isHolder(at):
			return true
		case tn.story.Items[at] != nil:
			id = at
		default:
			return false
		}
	}
	return false
}

// handled is whether a player has held the item, or holds it now.
func (tn *turn) handled(id string) bool {
	return tn.st.Things[stateKey(id, handledState)] || tn.heldByAnyone(id)
}

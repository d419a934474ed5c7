package driver

import (
	"slices"

	"github.com/tale-if/tale/story"
)

// What one player does to doors and things is news to the others who
// can see or hear it (MUD mode; in IF mode there is nobody to tell).

// doorRooms lists, for each door, the locations whose exits it is on
// (one or two); it is fixed by the story, so it is worked out once.
func doorRooms(exits map[string][]exit) map[string][]string {
	m := map[string][]string{}
	for loc, exs := range exits {
		for _, ex := range exs {
			if ex.Door != "" && !slices.Contains(m[ex.Door], loc) {
				m[ex.Door] = append(m[ex.Door], loc)
			}
		}
	}
	for _, locs := range m {
		slices.Sort(locs) // map order must not decide who is told first
	}
	return m
}

// announceOpen tells the others in the room that the turn's player did
// verb (open, close, lock, unlock) to o, and, for a door, those on its
// other side what they notice of it.
func (tn *turn) announceOpen(o openable, verb string) {
	tn.tellOthers(tn.player.the() + " " + verb + "s " + o.name + ".")
	tn.tellOtherSide(o.id, verb)
}

// tellOtherSide tells the players beyond door id, from where the turn's
// player stands, that it changed.
func (tn *turn) tellOtherSide(id, verb string) {
	d := tn.story.Doors[id]
	if d == nil {
		return
	}
	text := doorSeen(d, verb, " from the other side")
	for _, loc := range tn.doorRooms()[id] {
		if tn.player == nil || loc != tn.st.Location {
			tn.tellAt(loc, text, tn.player)
		}
	}
}

// announceEffect tells the others near a door an effect changed (a
// lever that opens it, a timed event that locks it) what they see: the
// story's own text is for the player whose turn it is.
func (tn *turn) announceEffect(id, state string) {
	d := tn.story.Doors[id]
	if d == nil || tn.st.Doors[id] == state {
		return
	}
	verb := map[string]string{"open": "open", "closed": "close", "locked": "lock"}[state]
	if tn.st.Doors[id] == "locked" && state == "closed" {
		verb = "unlock"
	}
	text := doorSeen(d, verb, "")
	for _, loc := range tn.doorRooms()[id] {
		tn.tellAt(loc, text, tn.player)
	}
}

// doorSeen is what those near a door see of verb done to it: it opens or
// closes; a lock is only noticed, with where from (" from the other side").
func doorSeen(d *story.Door, verb, from string) string {
	name := capital(theDoor(d))
	switch verb {
	case "open":
		return name + " opens."
	case "close":
		return name + " closes."
	}
	return name + " is " + verb + "ed" + from + "."
}

package driver

import (
	"slices"

	"github.com/tale-if/tale/story"
)

// npcsAct lets the NPCs act, in story order, each drawing from the
// world's generator so the same seed plays out the same way. A hostile
// fighter in the player's location attacks and stays to fight; the others
// wander when their Behaviour says so.
func (tn *turn) npcsAct() {
	for _, id := range tn.story.Order.NPCs {
		if tn.st.Ended != "" {
			return
		}
		n := tn.story.NPCs[id]
		if tn.st.NPCs[id] == tn.st.Location && tn.hostile(n) {
			tn.monsterStrike(n)
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

// wanderWay draws, with the world's generator, one of the exits an NPC
// wandering from loc may take; ok is false when there is none, and then
// nothing is drawn. It counts the ways and walks to the one drawn rather
// than list them: a wanderer moves every turn, and the list was a
// command's allocation.
func (tn *turn) wanderWay(loc string, within []string) (ex exit, ok bool) {
	exits := tn.exitsOf(loc)
	var may uint64 // bit i: exits[i] may be taken, for the first 64
	n := 0
	for i := range exits {
		if tn.npcMayTake(&exits[i], within) {
			n++
			if i < 64 {
				may |= 1 << i
			}
		}
	}
	if n == 0 {
		return exit{}, false
	}
	k := tn.st.RNG.IntN(n)
	for i := range exits {
		if i < 64 && may&(1<<i) == 0 || i >= 64 && !tn.npcMayTake(&exits[i], within) {
			continue
		}
		if k == 0 {
			return exits[i], true
		}
		k--
	}
	return exit{}, false // not reached: the same exits, walked twice
}

// npcMayTake is whether an NPC may take ex: visible (exitsOf), through
// no closed door, and into the allowed area when one is given.
func (tn *turn) npcMayTake(ex *exit, within []string) bool {
	return (ex.Door == "" || tn.st.Doors[ex.Door] == "open") &&
		(len(within) == 0 || slices.Contains(within, ex.To)) &&
		tn.story.Locations[ex.To] != nil
}

// moveNPC moves an NPC through an exit and tells the player what they see.
func (tn *turn) moveNPC(n *story.NPC, ex exit) {
	from := tn.st.NPCs[n.ID]
	tn.writableWorld(cwNPCs).NPCs[n.ID] = ex.To
	if from == ex.To {
		return
	}
	// Whoever is in either room sees it: in IF mode the one player, who
	// is mostly elsewhere, so the words are made only for a witness.
	if tn.anyoneAt(from) {
		tn.tellAt(from, capital(theNPC(n))+" "+leaving(ex.name)+".", nil)
	}
	if tn.anyoneAt(ex.To) {
		tn.tellAt(ex.To, capital(theNPC(n))+" "+arriving(ex.name)+".", nil)
	}
}

// anyoneAt is whether a player is in loc: playersAt without the list.
func (tn *turn) anyoneAt(loc string) bool {
	for _, p := range tn.World.players {
		if !p.left && tn.locOf(p) == loc {
			return true
		}
	}
	return false
}

// leaving is what the player sees of an NPC going through an exit:
// "leaves north", "goes out", "climbs up", "leaves through the gate".
func leaving(name string) string {
	switch name {
	case "in":
		return "goes inside"
	case "out":
		return "goes out"
	case "up":
		return "climbs up"
	case "down":
		return "goes down"
	}
	if slices.Contains(story.Directions, name) {
		return "leaves " + name
	}
	return "leaves through the " + name
}

// arriving is what the player sees of an NPC that came through the exit
// name of the next room: "arrives from the south", "comes in".
func arriving(name string) string {
	switch name {
	case "in":
		return "comes in"
	case "out":
		return "comes out"
	case "up":
		return "comes up from below"
	case "down":
		return "comes down from above"
	}
	if back := opposite[name]; back != "" {
		return "arrives from the " + back
	}
	return "arrives"
}

var opposite = map[string]string{
	"north": "south", "south": "north", "east": "west", "west": "east",
	"northeast": "southwest", "southwest": "northeast", "northwest": "southeast", "southeast": "northwest",
}

// follow brings along the NPCs who come when the player leaves from:
// those who always follow, and each hostile fighter with even odds.
func (tn *turn) follow(from string) {
	for _, id := range tn.npcsAt(from) {
		n := tn.story.NPCs[id]
		switch {
		case n.Behaviour.Follow:
		case tn.hostile(n) && tn.st.RNG.IntN(2) == 0:
		default:
			continue
		}
		tn.writableWorld(cwNPCs).NPCs[id] = tn.st.Location
		tn.say(capital(theNPC(n)) + " follows you.")
	}
}

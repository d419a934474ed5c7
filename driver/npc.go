package driver

import (
	"slices"

	"github.com/tale-if/tale/story"
)

// npcsAct lets the NPCs act, in story order, each drawing from the
// world's generator so the same seed plays out the same way. A hostile
// fighter in the player's location attacks and stays to fight; the others
// wander when their Behaviour says so.
func (g *Game) npcsAct() {
	for _, id := range g.story.Order.NPCs {
		if g.st.Ended != "" {
			return
		}
		n := g.story.NPCs[id]
		if g.st.NPCs[id] == g.st.Location && g.hostile(n) {
			g.monsterStrike(n)
			continue
		}
		w := n.Behaviour.Wander
		if w == nil || w.Every <= 0 || g.st.Ticks%w.Every != 0 {
			continue
		}
		from := g.st.NPCs[id]
		if from == nowhere {
			continue
		}
		ways := g.npcExits(from, w.Within)
		if len(ways) == 0 {
			continue
		}
		ex := ways[g.st.RNG.IntN(len(ways))]
		g.moveNPC(n, ex)
	}
}

// npcExits are the exits an NPC may take: visible, through no closed
// door, and into the allowed area when one is given.
func (g *Game) npcExits(loc string, within []string) []exit {
	var out []exit
	for _, ex := range g.exitsOf(loc) {
		if ex.Door != "" && g.st.Doors[ex.Door] != "open" {
			continue
		}
		if len(within) > 0 && !slices.Contains(within, ex.To) {
			continue
		}
		if g.story.Locations[ex.To] == nil {
			continue
		}
		out = append(out, ex)
	}
	return out
}

// moveNPC moves an NPC through an exit and tells the player what they see.
func (g *Game) moveNPC(n *story.NPC, ex exit) {
	from := g.st.NPCs[n.ID]
	g.st.NPCs[n.ID] = ex.To
	switch g.st.Location {
	case from:
		g.say(capital(theNPC(n)) + " " + leaving(ex.name) + ".")
	case ex.To:
		g.say(capital(theNPC(n)) + " " + arriving(ex.name) + ".")
	}
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
func (g *Game) follow(from string) {
	for _, id := range g.npcsAt(from) {
		n := g.story.NPCs[id]
		switch {
		case n.Behaviour.Follow:
		case g.hostile(n) && g.st.RNG.IntN(2) == 0:
		default:
			continue
		}
		g.st.NPCs[id] = g.st.Location
		g.say(capital(theNPC(n)) + " follows you.")
	}
}

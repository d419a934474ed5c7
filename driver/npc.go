package driver

import (
	"slices"

	"github.com/tale-if/tale/story"
)

// npcsAct lets wandering NPCs move, in story order, each drawing from the
// world's generator so the same seed walks them the same way.
func (g *Game) npcsAct() {
	for _, id := range g.story.Order.NPCs {
		n := g.story.NPCs[id]
		w := n.Behaviour.Wander
		if w == nil || w.Every <= 0 || g.st.Ticks%w.Every != 0 {
			continue
		}
		from := g.st.NPCs[id]
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
		g.say(capital(theNPC(n)) + " leaves " + leaving(ex.name) + ".")
	case ex.To:
		g.say(capital(theNPC(n)) + " arrives.")
	}
}

// leaving is "north", "up", "through the gate".
func leaving(name string) string {
	if slices.Contains(story.Directions, name) {
		return name
	}
	return "through the " + name
}

// followers are the NPCs who come along when the player leaves from.
func (g *Game) follow(from string) {
	for _, id := range g.npcsAt(from) {
		n := g.story.NPCs[id]
		if n.Behaviour.Follow {
			g.st.NPCs[id] = g.st.Location
			g.say(capital(theNPC(n)) + " follows you.")
		}
	}
}

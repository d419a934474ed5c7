package driver

import "github.com/tale-if/tale/story"

// holds reports whether all conditions hold; an empty list holds.
func (g *Game) holds(cs story.Conditions) bool {
	for _, c := range cs {
		if c != nil && !g.holds1(c) {
			return false
		}
	}
	return true
}

func (g *Game) holds1(c *story.Condition) bool {
	st := g.st
	switch {
	case c.Flag != "":
		return st.Flags[c.Flag]
	case c.NotFlag != "":
		return !st.Flags[c.NotFlag]
	case c.Counter != "":
		return compare(st.Counters[c.Counter], c)
	case c.Carrying != "":
		return g.carried(c.Carrying)
	case c.NotCarrying != "":
		return !g.carried(c.NotCarrying)
	case c.In != "":
		return st.Location == c.In
	case c.Item != "":
		if c.At == player {
			return g.carried(c.Item)
		}
		return st.Items[c.Item] == c.At
	case c.Door != "":
		return g.openState(c.Door) == c.State
	case c.NPC != "":
		return st.NPCs[c.NPC] == c.At
	case c.Turn:
		return compare(st.Turns, c)
	case c.Visited != "":
		return st.Visited[c.Visited]
	case len(c.Any) > 0:
		for _, a := range c.Any {
			if g.holds1(a) {
				return true
			}
		}
		return false
	case len(c.Not) > 0:
		return !g.holds(c.Not)
	}
	return true
}

// compare applies every bound that is given.
func compare(v int, c *story.Condition) bool {
	return (c.AtLeast == nil || v >= *c.AtLeast) &&
		(c.AtMost == nil || v <= *c.AtMost) &&
		(c.Equals == nil || v == *c.Equals)
}

// openState is "open", "closed" or "locked" for a door or a container.
func (g *Game) openState(id string) string {
	if s, ok := g.st.Doors[id]; ok {
		return s
	}
	if b, ok := g.st.Boxes[id]; ok {
		switch {
		case b.Locked:
			return "locked"
		case b.Open:
			return "open"
		}
		return "closed"
	}
	return ""
}

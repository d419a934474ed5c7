package driver

import "github.com/tale-if/tale/story"

// holds reports whether all conditions hold; an empty list holds.
func (tn *turn) holds(cs story.Conditions) bool {
	for _, c := range cs {
		if c != nil && !tn.holds1(c) {
			return false
		}
	}
	return true
}

func (tn *turn) holds1(c *story.Condition) bool {
	st := tn.st
	switch {
	case c.Flag != "":
		return tn.flag(c.Flag)
	case c.NotFlag != "":
		return !tn.flag(c.NotFlag)
	case c.Counter != "":
		return compare(tn.counter(c.Counter), c)
	case c.Carrying != "":
		return tn.carried(c.Carrying)
	case c.NotCarrying != "":
		return !tn.carried(c.NotCarrying)
	case c.In != "":
		return st.Location == c.In
	case c.Item != "":
		if c.At == atPlayer {
			return tn.carried(c.Item)
		}
		return st.Items[c.Item] == c.At
	case c.Door != "":
		return tn.openState(c.Door) == c.State
	case c.NPC != "":
		return st.NPCs[c.NPC] == c.At
	case c.Turn:
		return compare(st.Turns, c)
	case c.Visited != "":
		return st.Visited[c.Visited]
	case c.Thing != "":
		return tn.is(c.Thing, c.Is)
	case len(c.Any) > 0:
		for _, a := range c.Any {
			if tn.holds1(a) {
				return true
			}
		}
		return false
	case len(c.Not) > 0:
		return !tn.holds(c.Not)
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
func (tn *turn) openState(id string) string {
	if s, ok := tn.st.Doors[id]; ok {
		return s
	}
	if b, ok := tn.st.Boxes[id]; ok {
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

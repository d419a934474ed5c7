package story

import (
	"fmt"
	"strings"
)

// containment reports items that end up inside themselves (a box in a bag
// in the box), which would make the driver loop forever looking for them.
func (c *checker) containment() {
	reported := map[string]bool{}
	for _, id := range c.s.Order.Items {
		chain := []string{id}
		at := c.s.Items[id].At
		for steps := 0; steps <= len(c.s.Items); steps++ {
			h := c.s.Items[at]
			if h == nil {
				break
			}
			chain = append(chain, at)
			if at == id {
				if !reported[id] {
					for _, x := range chain {
						reported[x] = true
					}
					c.rep.add(join(join("items", id), "at"), "item %q is inside itself (%s)", id, strings.Join(chain, " in "))
				}
				break
			}
			at = h.At
		}
	}
}

type doorUse struct {
	from, exit, to string
}

// doorSides checks that each door sits on the exits of one connection:
// one exit (a one-way door) or two exits leading opposite ways between the
// same two locations.
func (c *checker) doorSides() {
	uses := map[string][]doorUse{}
	for _, id := range c.s.Order.Locations {
		l := c.s.Locations[id]
		for _, d := range Directions {
			if e := l.Exits[d]; e != nil && e.Door != "" {
				uses[e.Door] = append(uses[e.Door], doorUse{id, d, e.To})
			}
		}
		for _, n := range keys(l.Passages) {
			if e := l.Passages[n]; e.Door != "" {
				uses[e.Door] = append(uses[e.Door], doorUse{id, n, e.To})
			}
		}
	}
	for _, id := range c.s.Order.Doors {
		p := join("doors", id)
		u := uses[id]
		switch len(u) {
		case 0:
			c.rep.add(p, "door %q is on no exit; add door: %s to the exits it closes", id, id)
		case 1:
			c.oneSided(p, id, u[0])
		case 2:
			if u[0].from != u[1].to || u[1].from != u[0].to {
				c.rep.add(p, "door %q is on exits that do not pair up: %s; a door's two exits must lead opposite ways between the same two locations", id, describeUses(u))
			}
		default:
			c.rep.add(p, "door %q is on %d exits (%s); a door joins two locations, one exit each way", id, len(u), describeUses(u))
		}
	}
}

// oneSided accepts a door on a single exit unless the way back exists
// without it, which would let the player walk round a locked door.
func (c *checker) oneSided(path, id string, u doorUse) {
	back := c.s.Locations[u.to]
	if back == nil {
		return
	}
	for _, d := range Directions {
		if e := back.Exits[d]; e != nil && e.To == u.from {
			c.rep.add(path, "door %q is on %s.%s but not on the way back %s.%s; add door: %s there (or back: to the first exit)", id, u.from, u.exit, u.to, d, id)
			return
		}
	}
}

func describeUses(u []doorUse) string {
	parts := make([]string, len(u))
	for i, x := range u {
		parts[i] = fmt.Sprintf("%s.%s → %s", x.from, x.exit, x.to)
	}
	return strings.Join(parts, ", ")
}

// reachable reports locations the player can never get to: not through
// any exit (hidden ones count, they can be revealed; doors and conditions
// are ignored, they can change) and not by any teleport: effect.
func (c *checker) reachable() {
	start := c.s.Config.Start
	if c.s.Locations[start] == nil {
		return
	}
	seen := map[string]bool{start: true}
	queue := []string{start}
	forEachEffect(c.s, func(_ string, e *Effect) {
		if e.Teleport != "" && c.s.Locations[e.Teleport] != nil && !seen[e.Teleport] {
			seen[e.Teleport] = true
			queue = append(queue, e.Teleport)
		}
	})
	for len(queue) > 0 {
		l := c.s.Locations[queue[0]]
		queue = queue[1:]
		for _, m := range []map[string]*Exit{l.Exits, l.Passages} {
			for _, k := range keys(m) {
				to := m[k].To
				if c.s.Locations[to] != nil && !seen[to] {
					seen[to] = true
					queue = append(queue, to)
				}
			}
		}
	}
	var unreached []string
	for _, id := range c.s.Order.Locations {
		if !seen[id] {
			unreached = append(unreached, id)
		}
	}
	switch {
	case len(unreached) == 1:
		id := unreached[0]
		c.rep.add(join("locations", id), "location %q cannot be reached: no exit from the start (%s) leads here, and no teleport: names it", id, start)
	case len(unreached) > 1:
		// One line, not one per location: a single mistyped exit cuts off
		// everything behind it, and a screenful of consequences would hide
		// the mistake itself.
		c.rep.add(join("locations", unreached[0]), "%d locations cannot be reached from the start (%s): %s; no exit or teleport: leads to them (is an exit above misspelt?)", len(unreached), start, strings.Join(unreached, ", "))
	}
}

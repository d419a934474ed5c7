package story

import (
	"strings"
)

// scripts checks every condition and effect in the story.
func (c *checker) scripts() {
	c.names()
	walk(c.s, visitor{
		cond:  c.condition,
		eff:   c.effect,
		empty: func(path string) { c.rep.add(path, "is empty") },
	})
}

type key struct {
	name string
	set  bool
}

func setKeys(ks []key) []string {
	var out []string
	for _, k := range ks {
		if k.set {
			out = append(out, k.name)
		}
	}
	return out
}

func names(ks []key) string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.name
	}
	return strings.Join(out, ", ")
}

// one checks that exactly one primary key is set and returns it.
func (c *checker) one(path, what string, primary []key) string {
	set := setKeys(primary)
	switch len(set) {
	case 1:
		return set[0]
	case 0:
		c.rep.add(path, "%s needs exactly one of %s; this one has none", what, names(primary))
	default:
		c.rep.add(path, "%s needs exactly one of %s; this one has %s (write them as separate entries of the list)", what, names(primary), strings.Join(set, " and "))
	}
	return ""
}

// qualifiers reports qualifiers that do not belong to the primary key.
func (c *checker) qualifiers(path, primary string, quals []key, allowed map[string][]string) {
	for _, q := range setKeys(quals) {
		ok := false
		var with []string
		for p, qs := range allowed {
			for _, a := range qs {
				if a == q {
					with = append(with, p)
					if p == primary {
						ok = true
					}
				}
			}
		}
		if !ok {
			c.rep.add(join(path, q), "%s does not go with %s (only with %s)", q, primary, strings.Join(sortedStrings(with), " or "))
		}
	}
}

var conditionQualifiers = map[string][]string{
	"counter": {"at_least", "at_most", "equals"},
	"turn":    {"at_least", "at_most", "equals"},
	"item":    {"at"},
	"npc":     {"at"},
	"door":    {"state"},
	"thing":   {"is"},
}

func (c *checker) condition(path string, k *Condition) {
	if k == nil {
		k = &Condition{}
	}
	primary := []key{
		{"flag", k.Flag != ""}, {"not_flag", k.NotFlag != ""}, {"counter", k.Counter != ""},
		{"carrying", k.Carrying != ""}, {"not_carrying", k.NotCarrying != ""}, {"in", k.In != ""},
		{"item", k.Item != ""}, {"door", k.Door != ""}, {"npc", k.NPC != ""}, {"turn", k.Turn},
		{"visited", k.Visited != ""}, {"thing", k.Thing != ""}, {"any", len(k.Any) > 0}, {"not", len(k.Not) > 0},
	}
	p := c.one(path, "a condition", primary)
	if p == "" {
		return
	}
	c.qualifiers(path, p, []key{
		{"is", k.Is != ""}, {"at", k.At != ""}, {"state", k.State != ""},
		{"at_least", k.AtLeast != nil}, {"at_most", k.AtMost != nil}, {"equals", k.Equals != nil},
	}, conditionQualifiers)
	switch p {
	case "flag":
		c.flagRef(join(path, p), k.Flag)
	case "not_flag":
		c.flagRef(join(path, p), k.NotFlag)
	case "thing":
		c.stateRef(path, p, k.Thing, k.Is, false)
	case "counter", "turn":
		if k.AtLeast == nil && k.AtMost == nil && k.Equals == nil {
			c.rep.add(join(path, p), "needs at_least, at_most or equals")
		}
		if p == "counter" {
			c.counterRef(join(path, p), k.Counter)
		}
	case "carrying":
		c.ref(join(path, p), "item", k.Carrying)
	case "not_carrying":
		c.ref(join(path, p), "item", k.NotCarrying)
	case "in":
		c.ref(join(path, p), "location", k.In)
	case "visited":
		c.ref(join(path, p), "location", k.Visited)
	case "item":
		if c.ref(join(path, p), "item", k.Item) {
			if k.At == "" {
				c.rep.add(join(path, "at"), "missing; item needs at: (a location, container, npc, player or nowhere)")
			} else {
				c.holder(join(path, "at"), k.At, true)
			}
		}
	case "npc":
		if c.ref(join(path, p), "npc", k.NPC) {
			if k.At == "" {
				c.rep.add(join(path, "at"), "missing; npc needs at: (a location or nowhere)")
			} else {
				c.holder(join(path, "at"), k.At, false)
			}
		}
	case "door":
		if c.ref(join(path, p), "door", k.Door) {
			switch k.State {
			case "open", "closed", "locked":
			case "":
				c.rep.add(join(path, "state"), "missing; door needs state: open, closed or locked")
			default:
				c.rep.add(join(path, "state"), "unknown state %q; want open, closed or locked", k.State)
			}
		}
	}
}

var effectQualifiers = map[string][]string{
	"move":     {"to"},
	"move_npc": {"to"},
	"counter":  {"add", "value"},
	"schedule": {"in"},
	"now":      {"is"},
}

func (c *checker) effect(path string, e *Effect) {
	if e == nil {
		e = &Effect{}
	}
	primary := []key{
		{"say", e.Say != ""}, {"move", e.Move != ""}, {"set", e.Set != ""}, {"unset", e.Unset != ""},
		{"counter", e.Counter != ""}, {"open", e.Open != ""}, {"close", e.Close != ""},
		{"lock", e.Lock != ""}, {"unlock", e.Unlock != ""}, {"reveal", e.Reveal != ""},
		{"hide", e.Hide != ""}, {"score", e.Score != 0}, {"schedule", e.Schedule != ""},
		{"cancel", e.Cancel != ""}, {"end", e.End != ""}, {"teleport", e.Teleport != ""},
		{"move_npc", e.MoveNPC != ""}, {"now", e.Now != ""},
	}
	p := c.one(path, "an effect", primary)
	if p == "" {
		return
	}
	c.qualifiers(path, p, []key{
		{"is", e.Is != ""}, {"to", e.To != ""}, {"add", e.Add != nil}, {"value", e.Value != nil}, {"in", e.In != 0},
	}, effectQualifiers)
	at := join(path, p)
	switch p {
	case "move":
		if c.ref(at, "item", e.Move) {
			if e.To == "" {
				c.rep.add(join(path, "to"), "missing; move needs to: (a location, container, npc, player or nowhere)")
			} else {
				c.holder(join(path, "to"), e.To, true)
			}
		}
	case "move_npc":
		if c.ref(at, "npc", e.MoveNPC) {
			if e.To == "" {
				c.rep.add(join(path, "to"), "missing; move_npc needs to: (a location or nowhere)")
			} else {
				c.holder(join(path, "to"), e.To, false)
			}
		}
	case "counter":
		if (e.Add == nil) == (e.Value == nil) {
			c.rep.add(at, "needs exactly one of add or value")
		}
	case "open", "close", "lock", "unlock":
		id := map[string]string{"open": e.Open, "close": e.Close, "lock": e.Lock, "unlock": e.Unlock}[p]
		c.openable(at, id)
	case "reveal":
		c.exitRef(at, e.Reveal, true)
	case "hide":
		c.exitRef(at, e.Hide, false)
	case "schedule":
		c.ref(at, "event", e.Schedule)
		if e.In < 0 {
			c.rep.add(join(path, "in"), "cannot be negative")
		}
	case "cancel":
		c.ref(at, "event", e.Cancel)
	case "end":
		c.ref(at, "ending", e.End)
	case "teleport":
		c.ref(at, "location", e.Teleport)
	case "now":
		c.stateRef(path, p, e.Now, e.Is, true)
	}
}

// openable checks the target of open/close/lock/unlock: a door or a
// container item.
func (c *checker) openable(path, id string) {
	if c.s.Doors[id] != nil {
		return
	}
	if it := c.s.Items[id]; it != nil {
		if it.Container == nil {
			c.rep.add(path, "item %q is not a container", id)
		}
		return
	}
	all := append(append([]string{}, c.s.Order.Doors...), c.s.Order.Items...)
	c.rep.add(path, "no door or container %q%s", id, didYouMean(id, all))
}

// exitRef checks "location.direction" or "location.passage". reveal must
// name a hidden exit (revealing a visible one does nothing, so it is a
// mistake); hide may name any exit, such as a tunnel that caves in.
func (c *checker) exitRef(path, ref string, mustBeHidden bool) {
	locID, name, ok := SplitExitRef(ref)
	if !ok {
		c.rep.add(path, "cannot be %q, want location.direction or location.passage, e.g. hall.north", ref)
		return
	}
	if !c.ref(path, "location", locID) {
		return
	}
	loc := c.s.Locations[locID]
	e := loc.Exits[name]
	if e == nil {
		e = loc.Passages[name]
	}
	if e == nil {
		var have []string
		for _, d := range Directions {
			if loc.Exits[d] != nil {
				have = append(have, d)
			}
		}
		have = append(have, keys(loc.Passages)...)
		c.rep.add(path, "location %q has no exit or passage %q%s", locID, name, didYouMean(name, have))
		return
	}
	if mustBeHidden && !e.Hidden {
		c.rep.add(path, "exit %s is not hidden, so there is nothing to reveal; add hidden: true to it", ref)
	}
}

package story

import (
	"fmt"
	"sort"
)

// DefaultClockStart is the game time at the start when story.yaml gives none.
const DefaultClockStart = "0001-01-01 08:00"

// normalize fills defaults and ids, completes the declaration order,
// rewrites exit directions to their full names and creates the paired exits
// that back: asks for. It reports only what stops it doing so; checks of
// meaning come after, on the normalised story. It must be idempotent:
// Generate and Validate may run it on a story that has been through it.
func normalize(s *Story, rep *report) {
	if s.Locations == nil {
		s.Locations = map[string]*Location{}
	}
	if s.Items == nil {
		s.Items = map[string]*Item{}
	}
	if s.Doors == nil {
		s.Doors = map[string]*Door{}
	}
	if s.NPCs == nil {
		s.NPCs = map[string]*NPC{}
	}
	if s.Events == nil {
		s.Events = map[string]*TimedEvent{}
	}
	fillNil(s.Locations)
	fillNil(s.Items)
	fillNil(s.Doors)
	fillNil(s.NPCs)
	fillNil(s.Events)
	if s.Flags == nil {
		s.Flags = map[string]*Flag{}
	}
	if s.Counters == nil {
		s.Counters = map[string]*Flag{}
	}
	fillNil(s.Flags)
	fillNil(s.Counters)
	s.Order.Flags = completeOrder(s.Order.Flags, s.Flags)
	s.Order.Counters = completeOrder(s.Order.Counters, s.Counters)
	for id, f := range s.Flags {
		f.ID = id
	}
	for id, f := range s.Counters {
		f.ID = id
	}
	s.Order.Locations = completeOrder(s.Order.Locations, s.Locations)
	s.Order.Items = completeOrder(s.Order.Items, s.Items)
	s.Order.Doors = completeOrder(s.Order.Doors, s.Doors)
	s.Order.NPCs = completeOrder(s.Order.NPCs, s.NPCs)
	s.Order.Events = completeOrder(s.Order.Events, s.Events)

	configDefaults(&s.Config)
	for id, l := range s.Locations {
		l.ID = id
	}
	for id, d := range s.Doors {
		d.ID = id
		if d.State == "" {
			d.State = "closed"
		}
	}
	for id, n := range s.NPCs {
		n.ID = id
		if n.At == "" {
			n.At = "nowhere"
		}
		if n.Gender == "" {
			n.Gender = "n"
		}
	}
	for id, e := range s.Events {
		e.ID = id
	}
	normalizeItems(s, rep)
	normalizeRules(s, rep)
	normalizeExits(s, rep)
	pairExits(s, rep)
	forEachEffect(s, func(path string, e *Effect) {
		e.Reveal = canonicalExitRef(e.Reveal)
		e.Hide = canonicalExitRef(e.Hide)
	})
}

func configDefaults(c *Config) {
	if c.Tick.Method == "" {
		c.Tick.Method = "command"
	}
	if c.Clock.MinutesPerTick == 0 {
		c.Clock.MinutesPerTick = 1
	}
	if c.Clock.Start == "" {
		c.Clock.Start = DefaultClockStart
	}
	if len(c.Modes) == 0 {
		c.Modes = []string{"if"}
	}
	if c.Player.Gender == "" {
		c.Player.Gender = "n"
	}
	if c.Typography == "" {
		c.Typography = TypographyCurly
	}
	if c.Savegames == nil {
		yes := true
		c.Savegames = &yes
	}
}

// fillNil replaces entries declared with no body (`hall:` alone) by empty
// definitions, so later code never meets a nil and the checks can say
// what the definition lacks.
func fillNil[T any](m map[string]*T) {
	for k, v := range m {
		if v == nil {
			m[k] = new(T)
		}
	}
}

// completeOrder keeps the declared order of ids that exist, drops ids that
// do not, and appends undeclared ones sorted (a story built in Go has no
// declaration order, so sorted is the deterministic choice).
func completeOrder[T any](order []string, m map[string]*T) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(m))
	for _, id := range order {
		if _, ok := m[id]; ok && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, id := range keys(m) {
		if !seen[id] {
			out = append(out, id)
		}
	}
	return out
}

func normalizeItems(s *Story, rep *report) {
	inInventory := map[string]bool{}
	for i, id := range s.Config.Player.Inventory {
		inInventory[id] = true
		it := s.Items[id]
		if it == nil {
			continue // checkConfig reports it
		}
		switch it.At {
		case "", "nowhere", "player":
			it.At = "player"
		default:
			rep.add(index("player.inventory", i), "item %q is carried at the start but also placed at %q; give it one place", id, it.At)
		}
	}
	for _, id := range s.Order.Items {
		it := s.Items[id]
		it.ID = id
		if it.At == "" {
			it.At = "nowhere"
		}
		if it.At == "player" && !inInventory[id] {
			// Both ways of saying "carried at the start" end up in the
			// inventory list, in declaration order, so the driver reads one.
			s.Config.Player.Inventory = append(s.Config.Player.Inventory, id)
			inInventory[id] = true
		}
		if c := it.Container; c != nil && rep.fromYAML {
			if !rep.given(join(join("items", id), "container.openable")) {
				c.Openable = !c.Open
			}
		}
	}
}

func normalizeRules(s *Story, rep *report) {
	ids := map[string]int{}
	for i, r := range s.Rules {
		if r == nil {
			r = &Rule{}
			s.Rules[i] = r
		}
		p := index("rules", i)
		if rep.fromYAML && rep.given(join(p, "once")) && !r.Once {
			// once: false can only mean "every time"; say it one way.
			r.Repeat = true
		} else if r.Once && r.Repeat && rep.fromYAML {
			rep.add(join(p, "repeat"), "a rule cannot be both once: true and repeat: true")
		}
		r.Once = !r.Repeat
		if r.ID == "" {
			r.ID = fmt.Sprintf("rule-%d", i+1)
		}
		if first, dup := ids[r.ID]; dup {
			rep.add(join(p, "id"), "rule id %q is already used by rules[%d]", r.ID, first)
			continue
		}
		ids[r.ID] = i
	}
}

// normalizeExits rewrites exit keys to full direction names and refuses
// keys that are not directions.
func normalizeExits(s *Story, rep *report) {
	for _, id := range s.Order.Locations {
		loc := s.Locations[id]
		base := join("locations", id)
		if len(loc.Exits) > 0 {
			exits := make(map[string]*Exit, len(loc.Exits))
			for _, key := range keys(loc.Exits) {
				e := loc.Exits[key]
				p := join(join(base, "exits"), key)
				full, ok := NormalizeDirection(key)
				if !ok {
					rep.add(p, "%q is not a direction%s", key, directionHint(key))
					continue
				}
				if e == nil {
					e = &Exit{}
				}
				if _, dup := exits[full]; dup {
					rep.add(join(join(base, "exits"), full), "two exits lead %s; keep one", full)
					continue
				}
				exits[full] = e
			}
			loc.Exits = exits
		}
		for _, name := range keys(loc.Passages) {
			if loc.Passages[name] == nil {
				loc.Passages[name] = &Exit{}
			}
			if full, ok := NormalizeDirection(name); ok {
				rep.add(join(join(base, "passages"), name), "%q is a direction; put it under exits: as %s", name, full)
			}
		}
	}
}

// directionHint suggests the direction meant, or points a named exit to
// passages:.
func directionHint(key string) string {
	cands := append(append([]string(nil), Directions...), keys(abbreviations)...)
	if h := didYouMean(key, cands); h != "" {
		return h
	}
	return "; exits are keyed by north, northeast, east, southeast, south, southwest, west, northwest, up, down, in, out (or n, ne, e, se, s, sw, w, nw, u, d); put a named way such as a gate under passages:"
}

// pairExits creates, for every exit with back:, the exit that leads back.
// The return exit shares the door (one door, two sides) but nothing else:
// hidden, if, message and the rest belong to the side where they were
// written.
func pairExits(s *Story, rep *report) {
	for _, id := range s.Order.Locations {
		loc := s.Locations[id]
		base := join("locations", id)
		for _, dir := range Directions {
			if e := loc.Exits[dir]; e != nil {
				pairOne(s, rep, id, e, join(join(base, "exits"), dir))
			}
		}
		for _, name := range keys(loc.Passages) {
			pairOne(s, rep, id, loc.Passages[name], join(join(base, "passages"), name))
		}
	}
}

func pairOne(s *Story, rep *report, from string, e *Exit, path string) {
	if e.Back == "" {
		return
	}
	back, ok := NormalizeDirection(e.Back)
	if !ok {
		rep.add(join(path, "back"), "%q is not a direction%s", e.Back, directionHint(e.Back))
		return
	}
	e.Back = back
	target := s.Locations[e.To]
	if target == nil {
		return // the reference check reports the missing location
	}
	if target.Exits == nil {
		target.Exits = map[string]*Exit{}
	}
	if have := target.Exits[back]; have != nil {
		if have.To != from || have.Door != e.Door {
			what := fmt.Sprintf("leads to %q", have.To)
			if have.To == from {
				what = fmt.Sprintf("has door %q", have.Door)
			}
			rep.add(join(path, "back"), "cannot create the way back: %s.%s already exists and %s", e.To, back, what)
		}
		return
	}
	target.Exits[back] = &Exit{To: from, Door: e.Door}
}

// canonicalExitRef rewrites "hall.n" to "hall.north" so the driver compares
// one spelling.
func canonicalExitRef(ref string) string {
	loc, exit, ok := SplitExitRef(ref)
	if !ok {
		return ref
	}
	if full, ok := NormalizeDirection(exit); ok {
		return loc + "." + full
	}
	return ref
}

// SplitExitRef splits the argument of reveal: and hide: ("hall.north",
// "garden.gate") into the location id and the exit's direction or passage
// name. Location ids cannot contain dots, so the first dot separates.
func SplitExitRef(ref string) (loc, exit string, ok bool) {
	for i := 0; i < len(ref); i++ {
		if ref[i] == '.' {
			return ref[:i], ref[i+1:], i > 0 && i < len(ref)-1
		}
	}
	return "", "", false
}

func sortedStrings(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

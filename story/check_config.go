package story

import (
	"strings"
	"time"
)

// ClockLayout is the layout of Config.Clock.Start.
const ClockLayout = "2006-01-02 15:04"

// checkConfig checks story.yaml. With world false (a generator will build
// the world) references into the world are not checked.
func checkConfig(s *Story, rep *report, world bool) {
	c := &s.Config
	if strings.TrimSpace(c.Name) == "" {
		rep.add("name", "missing; every story needs a name")
	}
	if c.Generator != nil {
		checkGenerator(c.Generator, rep)
	}
	if world {
		if c.Start == "" {
			rep.add("start", "missing; name the location where the player begins")
		} else if s.Locations[c.Start] == nil {
			rep.add("start", "no location %q%s", c.Start, didYouMean(c.Start, keys(s.Locations)))
		}
	}
	for i, m := range c.Modes {
		if m != "if" && m != "mud" {
			rep.add(index("modes", i), "unknown mode %q; want if or mud", m)
		}
	}
	switch c.Tick.Method {
	case "command":
		if c.Tick.Period != "" {
			rep.add("tick.period", "only applies to method: timer")
		}
	case "timer":
		if c.Tick.Period == "" {
			rep.add("tick.period", "missing; method: timer needs a period such as 2s")
		} else if d, err := time.ParseDuration(c.Tick.Period); err != nil || d <= 0 {
			rep.add("tick.period", "cannot be %q, want a duration such as 2s or 500ms", c.Tick.Period)
		}
	default:
		rep.add("tick.method", "unknown method %q; want command or timer", c.Tick.Method)
	}
	if _, err := time.Parse(ClockLayout, c.Clock.Start); err != nil {
		rep.add("clock.start", "cannot be %q, want a date and time like \"1893-10-14 18:30\"", c.Clock.Start)
	}
	if c.Clock.MinutesPerTick < 1 {
		rep.add("clock.minutes_per_tick", "must be at least 1")
	}
	if c.MaxScore < 0 {
		rep.add("max_score", "cannot be negative")
	}
	if g := c.Player.Gender; g != "f" && g != "m" && g != "n" {
		rep.add("player.gender", "unknown gender %q; want f, m or n", g)
	}
	if t := c.Typography; t != TypographyCurly && t != TypographyStraight {
		if hint := didYouMean(t, []string{TypographyCurly, TypographyStraight}); hint != "" {
			rep.add("typography", "unknown typography %q%s", t, hint)
		} else {
			rep.add("typography", "unknown typography %q; want curly or straight", t)
		}
	}
	if c.Player.Capacity < 0 {
		rep.add("player.capacity", "cannot be negative")
	}
	for _, id := range keys(c.Endings) {
		e := c.Endings[id]
		p := join("endings", id)
		if msg := badID(id); msg != "" {
			rep.add(p, "%s", msg)
		}
		if e == nil {
			rep.add(p, "is empty; an ending needs kind: win or kind: lose")
			continue
		}
		if e.Kind != "win" && e.Kind != "lose" {
			rep.add(join(p, "kind"), "unknown kind %q; want win or lose", e.Kind)
		}
	}
	checkConfigScopes(c, rep)
	checkNarration(s, rep, world)
	for i, h := range c.Hints {
		if h != nil && strings.TrimSpace(h.Text) == "" {
			rep.add(join(index("hints", i), "text"), "missing; a hint needs text")
		}
	}
	if !world {
		return
	}
	if c.Respawn != "" && s.Locations[c.Respawn] == nil {
		rep.add("respawn", "no location %q%s", c.Respawn, didYouMean(c.Respawn, keys(s.Locations)))
	}
	seen := map[string]bool{}
	for i, id := range c.Player.Inventory {
		p := index("player.inventory", i)
		if s.Items[id] == nil {
			rep.add(p, "no item %q%s", id, didYouMean(id, keys(s.Items)))
		} else if seen[id] {
			rep.add(p, "item %q is listed twice", id)
		}
		seen[id] = true
	}
}

func checkGenerator(g *Generator, rep *report) {
	if g.Name == "" {
		rep.add("generator.name", "missing; name the generator, e.g. dungeon")
		return
	}
	if lookupGenerator(g.Name) == nil {
		names := generatorNames()
		msg := "no generator %q" + didYouMean(g.Name, names)
		if len(names) > 0 {
			msg += "; known generators: " + strings.Join(names, ", ")
		}
		rep.add("generator.name", msg, g.Name)
	}
}

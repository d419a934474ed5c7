package story

import (
	"fmt"
	"strings"
)

// A condition on a flag or counter that nothing changes is a typo far more
// often than a design: lamp_lti is never set, so the rule waiting for it
// never fires and the game cannot be won. A flag is known when it is
// declared (flags:) or some effect sets or unsets it; a counter when it is
// declared (counters:) or some effect changes it.

// names collects the known flags and counters, once.
func (c *checker) names() {
	if c.flags != nil {
		return
	}
	c.flags, c.counters = map[string]bool{}, map[string]bool{}
	for id := range c.s.Flags {
		c.flags[id] = true
	}
	for id := range c.s.Counters {
		c.counters[id] = true
	}
	for _, id := range keys(c.s.Flags) {
		c.plainName(join("flags", id), id)
	}
	for _, id := range keys(c.s.Counters) {
		c.plainName(join("counters", id), id)
	}
	forEachEffect(c.s, func(path string, e *Effect) {
		switch {
		case e.Set != "":
			c.flags[e.Set] = true
			c.plainName(join(path, "set"), e.Set)
		case e.Unset != "":
			c.flags[e.Unset] = true
		case e.Counter != "":
			c.counters[e.Counter] = true
			c.plainName(join(path, "counter"), e.Counter)
		}
	})
}

// plainName refuses the characters the driver keeps for its own entries
// among the flags and counters (a thing's state is "lamp.lit").
func (c *checker) plainName(path, name string) {
	if strings.ContainsAny(name, ".~ ") {
		c.rep.add(path, "cannot be %q: a flag or counter name has no dots, spaces or ~ (write lamp_lit, not lamp.lit)", name)
	}
}

func (c *checker) flagRef(path, name string) {
	c.names()
	if c.flags[name] {
		return
	}
	msg := fmt.Sprintf("no effect ever sets flag %q, and no flags: declares it, so this never changes", name)
	if hint := didYouMean(name, keys(c.flags)); hint != "" {
		msg = fmt.Sprintf("no flag %q is set anywhere%s", name, hint)
	}
	c.rep.add(path, "%s", msg)
}

func (c *checker) counterRef(path, name string) {
	c.names()
	if c.counters[name] {
		return
	}
	msg := fmt.Sprintf("no effect ever changes counter %q, and no counters: declares it, so it stays 0", name)
	if hint := didYouMean(name, keys(c.counters)); hint != "" {
		msg = fmt.Sprintf("no counter %q is changed anywhere%s", name, hint)
	}
	c.rep.add(path, "%s", msg)
}

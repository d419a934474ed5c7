package story

import (
	"fmt"
	"slices"
	"strings"
)

// stateRef checks `thing: X` / `now: X` with its `is: S`: X is an item,
// door or npc, and S one of its states (settable ones only, for an effect).
func (c *checker) stateRef(path, key, id, is string, effect bool) {
	at := join(path, key)
	if len(c.kindsOf(id)) == 0 || c.s.Locations[id] != nil && len(c.kindsOf(id)) == 1 {
		all := append(append(append([]string{}, c.s.Order.Items...), c.s.Order.Doors...), c.s.Order.NPCs...)
		msg := fmt.Sprintf("no item, door or npc %q", id) + didYouMean(id, all)
		if c.s.Locations[id] != nil {
			msg += fmt.Sprintf(" (%q is a location, which has no states)", id)
		}
		c.rep.add(at, "%s", msg)
		return
	}
	ip := join(path, "is")
	if strings.TrimSpace(is) == "" {
		c.rep.add(ip, "missing; %s needs is: and a state, e.g. is: lit or is: not open", key)
		return
	}
	state, _ := SplitIs(is)
	states := c.s.StatesOf(id)
	if !slices.Contains(states, state) {
		msg := fmt.Sprintf("%q is not a state of %q", state, id)
		if hint := didYouMean(state, states); hint != "" {
			c.rep.add(ip, "%s", msg+hint)
			return
		}
		if len(states) > 0 {
			msg += "; it can be " + strings.Join(states, ", ")
		}
		switch state {
		case StateLit, StateUnlit:
			if c.s.Items[id] != nil {
				msg += " (add light_source: true to the item to make it one)"
			}
		default:
			if !slices.Contains(builtinStates, state) && (c.s.Items[id] != nil || c.s.NPCs[id] != nil) {
				msg += fmt.Sprintf(" (declare it: properties: {%s: false})", state)
			}
		}
		c.rep.add(ip, "%s", msg)
		return
	}
	if effect && !Settable(state) {
		c.rep.add(ip, "%q can be tested but not set; use move: to give or take things, and let the player wear them", state)
	}
}

// properties checks a thing's own state names: plain words that are not
// built-in states.
func (c *checker) properties(path string, props map[string]bool) {
	for _, name := range keys(props) {
		switch {
		case slices.Contains(builtinStates, name):
			c.rep.add(join(path, name), "%q is a built-in state; choose another name for a property", name)
		case name == "" || strings.ContainsAny(name, " .\\t") || name == "not":
			c.rep.add(join(path, name), "cannot be %q: a property is one word (letters, digits, _ and -)", name)
		}
	}
}

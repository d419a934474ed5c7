package story

import (
	"fmt"
	"strings"
)

type checker struct {
	s   *Story
	rep *report

	flags, counters map[string]bool // known names; see check_flags.go
}

func checkWorld(s *Story, rep *report) {
	c := &checker{s: s, rep: rep}
	c.idKinds()
	for _, id := range s.Order.Locations {
		c.location(id, s.Locations[id])
	}
	for _, id := range s.Order.Items {
		c.item(id, s.Items[id])
	}
	for _, id := range s.Order.Doors {
		c.door(id, s.Doors[id])
	}
	for _, id := range s.Order.NPCs {
		c.npc(id, s.NPCs[id])
	}
	for _, id := range s.Order.Events {
		c.event(id, s.Events[id])
	}
	for i, r := range s.Rules {
		if len(r.Do) == 0 {
			rep.add(join(index("rules", i), "do"), "missing; a rule needs effects to run")
		}
	}
	checkWorldScopes(s, rep)
	c.scripts()
	c.texts()
	c.containment()
	c.doorSides()
	c.reachable()
}

// kindsOf lists the kinds an id is declared as, in a fixed order.
func (c *checker) kindsOf(id string) []string {
	var out []string
	if c.s.Locations[id] != nil {
		out = append(out, "location")
	}
	if c.s.Items[id] != nil {
		out = append(out, "item")
	}
	if c.s.Doors[id] != nil {
		out = append(out, "door")
	}
	if c.s.NPCs[id] != nil {
		out = append(out, "npc")
	}
	return out
}

// idKinds refuses an id declared as two kinds of thing: at:, to: and open:
// accept more than one kind, so such an id would be ambiguous there.
func (c *checker) idKinds() {
	section := map[string]string{"location": "locations", "item": "items", "door": "doors", "npc": "npcs"}
	for _, kind := range []string{"item", "door", "npc"} {
		for _, id := range c.ids(kind) {
			ks := c.kindsOf(id)
			if len(ks) < 2 || ks[len(ks)-1] != kind {
				continue
			}
			var others []string
			for _, k := range ks[:len(ks)-1] {
				others = append(others, article(k))
			}
			c.rep.add(join(section[kind], id), "id %q is also used for %s; references such as at: would be ambiguous, so give each its own id", id, strings.Join(others, " and "))
		}
	}
}

func (c *checker) ids(kind string) []string {
	switch kind {
	case "location":
		return c.s.Order.Locations
	case "item":
		return c.s.Order.Items
	case "door":
		return c.s.Order.Doors
	case "npc":
		return c.s.Order.NPCs
	case "event":
		return c.s.Order.Events
	case "ending":
		return keys(c.s.Config.Endings)
	}
	return nil
}

func (c *checker) exists(kind, id string) bool {
	switch kind {
	case "location":
		return c.s.Locations[id] != nil
	case "item":
		return c.s.Items[id] != nil
	case "door":
		return c.s.Doors[id] != nil
	case "npc":
		return c.s.NPCs[id] != nil
	case "event":
		return c.s.Events[id] != nil
	case "ending":
		return c.s.Config.Endings[id] != nil
	}
	return false
}

// ref checks that id names a thing of kind, reporting it at path when not.
func (c *checker) ref(path, kind, id string) bool {
	if c.exists(kind, id) {
		return true
	}
	msg := fmt.Sprintf("no %s %q", kind, id) + didYouMean(id, c.ids(kind))
	if ks := c.kindsOf(id); len(ks) > 0 {
		msg += fmt.Sprintf(" (%q is %s)", id, article(ks[0]))
	}
	c.rep.add(path, "%s", msg)
	return false
}

// need reports a missing required text field.
func (c *checker) need(path, value, what string) {
	if strings.TrimSpace(value) == "" {
		c.rep.add(path, "missing; %s", what)
	}
}

func (c *checker) details(path string, ds []*Detail) {
	for i, d := range ds {
		p := index(path, i)
		if d == nil || len(d.Words) == 0 {
			c.rep.add(join(p, "words"), "missing; a detail needs the words that name it")
			continue
		}
		c.need(join(p, "text"), d.Text, "a detail needs the text shown when it is examined")
	}
}

func (c *checker) verbs(path string, as []*Action) {
	for i, a := range as {
		if a != nil && len(a.Verbs) == 0 {
			c.rep.add(join(index(path, i), "verbs"), "missing; an action needs the verbs it answers")
		}
	}
}

func (c *checker) location(id string, l *Location) {
	p := join("locations", id)
	c.need(join(p, "name"), l.Name, "a location needs a name")
	c.details(join(p, "details"), l.Details)
	c.verbs(join(p, "actions"), l.Actions)
	for _, dir := range Directions {
		if e := l.Exits[dir]; e != nil {
			c.exit(join(join(p, "exits"), dir), e)
		}
	}
	for _, name := range keys(l.Passages) {
		c.exit(join(join(p, "passages"), name), l.Passages[name])
	}
}

func (c *checker) exit(path string, e *Exit) {
	if e.To == "" {
		c.rep.add(join(path, "to"), "missing; an exit needs the location it leads to")
	} else {
		c.ref(join(path, "to"), "location", e.To)
	}
	if e.Door != "" {
		c.ref(join(path, "door"), "door", e.Door)
	}
}

func (c *checker) item(id string, it *Item) {
	p := join("items", id)
	c.need(join(p, "name"), it.Name, "an item needs a name")
	c.details(join(p, "details"), it.Details)
	c.verbs(join(p, "actions"), it.Actions)
	c.holder(join(p, "at"), it.At, true)
	if it.Weight < 0 {
		c.rep.add(join(p, "weight"), "cannot be negative")
	}
	c.properties(join(p, "properties"), it.Properties)
	if k := it.Container; k != nil {
		cp := join(p, "container")
		if k.Key != "" {
			c.ref(join(cp, "key"), "item", k.Key)
		}
		if k.Locked && k.Open {
			c.rep.add(join(cp, "locked"), "a container cannot be both open and locked")
		}
		if k.Locked && !k.Openable {
			c.rep.add(join(cp, "locked"), "a locked container must be openable")
		}
		if k.Capacity < 0 {
			c.rep.add(join(cp, "capacity"), "cannot be negative")
		}
	}
}

// holder checks where an item (or, with items false, an npc) is placed.
func (c *checker) holder(path, at string, items bool) {
	if at == "player" && items || at == "nowhere" {
		return
	}
	if !items {
		c.ref(path, "location", at)
		return
	}
	switch {
	case c.s.Locations[at] != nil, c.s.NPCs[at] != nil:
	case c.s.Items[at] != nil:
		if h := c.s.Items[at]; h.Container == nil && !h.Supporter {
			c.rep.add(path, "item %q is neither a container nor a supporter, so nothing can be in or on it", at)
		}
	default:
		all := append(append(append([]string{}, c.s.Order.Locations...), c.s.Order.Items...), c.s.Order.NPCs...)
		hint := didYouMean(at, all)
		if hint == "" {
			hint = " (player means carried, nowhere means out of play)"
		}
		c.rep.add(path, "no location, item or npc %q%s", at, hint)
	}
}

func (c *checker) door(id string, d *Door) {
	p := join("doors", id)
	c.need(join(p, "name"), d.Name, "a door needs a name")
	c.verbs(join(p, "actions"), d.Actions)
	switch d.State {
	case "open", "closed", "locked":
	default:
		c.rep.add(join(p, "state"), "unknown state %q; want open, closed or locked", d.State)
	}
	if d.Key != "" {
		c.ref(join(p, "key"), "item", d.Key)
	}
}

func (c *checker) npc(id string, n *NPC) {
	p := join("npcs", id)
	if strings.TrimSpace(n.Name) == "" && strings.TrimSpace(n.ProperName) == "" {
		c.rep.add(join(p, "name"), "missing; an npc needs a name or a proper_name")
	}
	c.verbs(join(p, "actions"), n.Actions)
	if g := n.Gender; g != "f" && g != "m" && g != "n" {
		c.rep.add(join(p, "gender"), "unknown gender %q; want f, m or n", g)
	}
	c.holder(join(p, "at"), n.At, false)
	c.properties(join(p, "properties"), n.Properties)
	for i, t := range n.Topics {
		if t != nil && len(t.About) == 0 {
			c.rep.add(join(index(join(p, "topics"), i), "about"), "missing; a topic needs the words that select it")
		}
	}
	if n.Talk != "" && n.Menus[n.Talk] == nil {
		c.rep.add(join(p, "talk"), "no menu %q in this npc's menus%s", n.Talk, didYouMean(n.Talk, keys(n.Menus)))
	}
	for _, m := range keys(n.Menus) {
		mp := join(join(p, "menus"), m)
		menu := n.Menus[m]
		if menu == nil || len(menu.Options) == 0 {
			c.rep.add(join(mp, "options"), "missing; a menu needs options")
			continue
		}
		for i, o := range menu.Options {
			op := index(join(mp, "options"), i)
			if o == nil {
				continue
			}
			c.need(join(op, "text"), o.Text, "an option needs the text the player picks")
			if o.Text != "" && o.Reply == "" && len(o.Do) == 0 && o.Next == "" {
				c.rep.add(op, "does nothing when picked: give it a reply, a do or a next menu")
			}
			if o.Next != "" && n.Menus[o.Next] == nil {
				c.rep.add(join(op, "next"), "no menu %q in this npc's menus%s", o.Next, didYouMean(o.Next, keys(n.Menus)))
			}
		}
	}
	if w := n.Behaviour.Wander; w != nil {
		wp := join(p, "behaviour.wander")
		if w.Every < 1 {
			c.rep.add(join(wp, "every"), "must be at least 1 (ticks between moves)")
		}
		for i, l := range w.Within {
			c.ref(index(join(wp, "within"), i), "location", l)
		}
	}
	for _, ev := range keys(n.Behaviour.OnEvent) {
		c.ref(join(join(p, "behaviour.on_event"), ev), "event", ev)
	}
	for i, a := range n.Accepts {
		if a == nil {
			continue
		}
		ap := join(index(join(p, "accepts"), i), "item")
		if a.Item == "" {
			c.rep.add(ap, "missing; name the item the npc accepts")
		} else {
			c.ref(ap, "item", a.Item)
		}
	}
}

func (c *checker) event(id string, e *TimedEvent) {
	p := join("events", id)
	if e.AtTurn < 0 {
		c.rep.add(join(p, "at_turn"), "cannot be negative")
	}
	if e.Every < 0 {
		c.rep.add(join(p, "every"), "cannot be negative")
	}
	if len(e.Do) == 0 {
		c.rep.add(join(p, "do"), "missing; an event needs effects to run")
	}
}

func article(kind string) string {
	if strings.IndexByte("aeiou", kind[0]) >= 0 {
		return "an " + kind
	}
	return "a " + kind
}

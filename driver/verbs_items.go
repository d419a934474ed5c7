package driver

import (
	"slices"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
)

// perObject runs f for each object. With one object its refusal is the
// command's; with several ("take all", "drop key and lamp") each gets a
// line (so does "all", even when it meant one thing), and the command
// fails only when every object failed. The lines are one paragraph,
// broken with <br>, so the list reads as a list.
//
// The hooks an object's handling sets off (on_take, on_drop) run after
// its line is said: the verb's own reply comes first, as in Inform. A
// hook that says something ends the list's paragraph; the next line
// starts another.
func (g *Game) perObject(objs []parse.Noun, all bool, f func(t thing) (string, error)) error {
	if len(objs) == 1 && !all {
		start := len(g.later)
		msg, err := f(g.resolve(objs[0]))
		if err == nil {
			g.say(msg)
			g.runLater(start)
		}
		return err
	}
	type result struct {
		line  string
		hooks []func()
	}
	var results []result
	ok := false
	for _, n := range objs {
		start := len(g.later)
		msg, err := f(g.resolve(n))
		if err != nil {
			msg = err.Error()
		} else {
			ok = true
		}
		hooks := slices.Clone(g.later[start:])
		g.later = g.later[:start]
		results = append(results, result{"<item>" + n.Name + "</item>: " + msg, hooks})
	}
	if !ok {
		lines := make([]string, len(results))
		for i, r := range results {
			lines[i] = r.line
		}
		return refusal(strings.Join(lines, "<br>"))
	}
	list := -1 // g.out.paras[list] is the list being said, while it is the last thing said
	for _, r := range results {
		if list >= 0 && list == len(g.out.paras)-1 {
			g.out.paras[list] += "<br>" + r.line
		} else {
			g.say(r.line)
			list = len(g.out.paras) - 1
		}
		events := len(g.out.events)
		for _, h := range r.hooks {
			h()
		}
		if len(g.out.events) != events || len(g.out.paras)-1 != list {
			list = -1 // a hook spoke or showed something: the list goes on below it
		}
	}
	return nil
}

// afterReply queues a hook to run once the verb's reply has been said.
func (g *Game) afterReply(f func()) { g.later = append(g.later, f) }

// runLater runs the hooks queued since start, in order.
func (g *Game) runLater(start int) {
	for start < len(g.later) {
		h := g.later[start]
		g.later = slices.Delete(g.later, start, start+1)
		h()
	}
}

// itemNouns turns item ids into nouns for perObject.
func (g *Game) itemNouns(ids []string) []parse.Noun {
	ns := make([]parse.Noun, len(ids))
	for i, id := range ids {
		it := g.item(id)
		ns[i] = itemNoun(it, g.carried(id), g.st.Items[id] == g.st.Location, g.container(id))
	}
	return ns
}

// allFilter keeps what "all" sensibly means for a verb: the player never
// means the scenery or what is already done.
func (g *Game) allFilter(objs []parse.Noun, keep func(it *story.Item) bool) []parse.Noun {
	var out []parse.Noun
	for _, n := range objs {
		if t := g.resolve(n); t.item != nil && keep(t.item) {
			out = append(out, n)
		}
	}
	return out
}

func doTake(g *Game, c *parse.Command) error {
	objs := c.Objects
	from := ""
	if c.Second != nil {
		t := g.resolve(*c.Second)
		switch {
		case t.npc != nil:
			return refuse("%s doesn't want to give anything away.", capital(t.the()))
		case t.item == nil || (t.item.Container == nil && !t.item.Supporter):
			return refuse("There is nothing to take from %s.", t.the())
		case !g.reachInside(t.item.ID):
			return refuse("%s %s closed.", capital(t.the()), isAre(t.item))
		}
		from = t.item.ID
	}
	if c.All {
		if len(objs) == 0 {
			at := g.st.Location
			if from != "" {
				at = from
			}
			objs = g.itemNouns(g.contents(at))
		}
		objs = g.allFilter(objs, func(it *story.Item) bool {
			return !it.Fixed && g.st.Items[it.ID] != player && (from == "" || g.st.Items[it.ID] == from)
		})
		if len(objs) == 0 {
			if from != "" {
				return refuse("There is nothing in %s to take.", theItem(g.item(from)))
			}
			return refuse("There is nothing to take.")
		}
	}
	if len(objs) == 0 {
		return refuse("What do you want to take?")
	}
	several := c.All || len(objs) > 1
	return g.perObject(objs, c.All, func(t thing) (string, error) {
		if several && t.item != nil {
			// One of several: the thing's own take action still
			// applies (a guarded treasure is not carried off by "all").
			if msg, done, err := g.quietAction(c, t.item.Actions); done {
				return msg, err
			}
		}
		return g.take(t, from)
	})
}

// quietAction runs a story action for one of several objects and returns
// what it said as that object's line, instead of saying it.
func (g *Game) quietAction(c *parse.Command, as []*story.Action) (string, bool, error) {
	mark := len(g.out.paras)
	done, err := g.tryActions(c, as)
	if !done || err != nil || len(g.out.paras) < mark {
		return "", done, err
	}
	msg := strings.Join(g.out.paras[mark:], " ")
	g.out.paras = g.out.paras[:mark]
	if msg == "" {
		msg = "Done."
	}
	return msg, true, nil
}

func (g *Game) take(t thing, from string) (string, error) {
	switch {
	case t.self:
		return "", refusal("You are always self-possessed.")
	case t.npc != nil:
		return "", refuse("I don't suppose %s would care for that.", t.the())
	case t.item == nil:
		return "", refusal("That's hardly portable.")
	}
	it := t.item
	at := g.st.Items[it.ID]
	switch {
	case at == player:
		return "", refusal("You already have that.")
	case from != "" && at != from:
		return "", refuse("%s isn't there.", capital(t.the()))
	case it.Fixed:
		if it.FixedMsg != "" {
			return "", refusal(it.FixedMsg)
		}
		return "", refusal("That's fixed in place.")
	case g.story.NPCs[at] != nil:
		return "", refuse("That seems to belong to %s.", theNPC(g.story.NPCs[at]))
	case !g.reachable(it.ID):
		return "", refusal("You can't reach it.")
	}
	if limit := g.story.Config.Player.Capacity; limit > 0 && !g.carried(it.ID) &&
		g.load(player)+g.weight(it.ID) > limit {
		return "", refusal("You're carrying too much already.")
	}
	g.st.Items[it.ID] = player
	if it.Score != 0 && !g.st.Done["take:"+it.ID] {
		g.st.Done["take:"+it.ID] = true
		g.st.Score += it.Score
	}
	g.afterReply(func() { g.react(it.OnTake) })
	return "Taken.", nil
}

func doDrop(g *Game, c *parse.Command) error {
	objs := c.Objects
	if c.All {
		if len(objs) == 0 {
			objs = g.itemNouns(g.contents(player))
		}
		objs = g.allFilter(objs, func(it *story.Item) bool { return g.st.Items[it.ID] == player })
		if len(objs) == 0 {
			return refuse("You aren't carrying anything.")
		}
	}
	if len(objs) == 0 {
		return refuse("What do you want to drop?")
	}
	return g.perObject(objs, c.All, func(t thing) (string, error) {
		if t.item == nil || !g.carried(t.item.ID) {
			return "", refusal("You don't have that.")
		}
		pre := ""
		if g.st.Worn[t.item.ID] {
			pre = "(first taking " + pronoun("n", t.item.Plural) + " off) "
		}
		g.letGo(t.item.ID)
		g.st.Items[t.item.ID] = g.st.Location
		it := t.item
		g.afterReply(func() { g.react(it.OnDrop) })
		return pre + "Dropped.", nil
	})
}

func doPut(g *Game, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to put?")
	}
	if c.Second == nil {
		return refuse("What do you want to put %s %s?", g.resolve(c.Objects[0]).the(), prepOr(c.Prep, "in"))
	}
	dest := g.resolve(*c.Second)
	on := c.Prep == "on" || c.Prep == "onto"
	switch {
	case dest.npc != nil:
		return doGive(g, c)
	case dest.item == nil:
		return refuse("You can't put things %s %s.", prepOr(c.Prep, "in"), dest.the())
	case on && !dest.item.Supporter:
		return refuse("Putting things on %s would achieve nothing.", dest.the())
	case !on && dest.item.Container == nil:
		if dest.item.Supporter {
			on = true
		} else {
			return refuse("%s can't contain things.", capital(dest.the()))
		}
	}
	box := dest.item
	objs := c.Objects
	if c.All {
		objs = g.allFilter(objs, func(it *story.Item) bool { return g.st.Items[it.ID] == player && it.ID != box.ID })
	}
	return g.perObject(objs, c.All, func(t thing) (string, error) {
		if t.item == nil {
			return "", refusal("You can only put things you can carry.")
		}
		it := t.item
		if it.ID == box.ID || g.inside(box.ID, it.ID) {
			return "", refusal("You can't put something inside itself.")
		}
		pre := ""
		if !g.carried(it.ID) {
			if _, err := g.take(t, ""); err != nil {
				return "", err
			}
			pre = "(first taking " + t.the() + ") "
		}
		if !on && !g.st.Boxes[box.ID].Open {
			return "", refuse("%s %s closed.", capital(dest.the()), isAre(box))
		}
		if box.Container != nil && !on && box.Container.Capacity > 0 &&
			g.load(box.ID)+g.weight(it.ID) > box.Container.Capacity {
			return "", refuse("There is no room in %s.", dest.the())
		}
		g.letGo(it.ID)
		g.st.Items[it.ID] = box.ID
		word := "in"
		if on {
			word = "on"
		}
		return pre + "You put " + t.the() + " " + word + " " + dest.the() + ".", nil
	})
}

// inside reports whether item id is somewhere within container outer.
func (g *Game) inside(id, outer string) bool {
	for range 64 {
		at, ok := g.st.Items[id]
		if !ok || g.story.Items[at] == nil {
			return false
		}
		if at == outer {
			return true
		}
		id = at
	}
	return false
}

func prepOr(p, def string) string {
	if p == "" {
		return def
	}
	return p
}

func doGive(g *Game, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to give?")
	}
	if c.Second == nil {
		return refuse("Who do you want to give it to?")
	}
	to := g.resolve(*c.Second)
	if to.npc == nil {
		return refuse("You can only give things to someone.")
	}
	return g.perObject(c.Objects, c.All, func(t thing) (string, error) {
		if t.item == nil || !g.carried(t.item.ID) {
			return "", refusal("You don't have that.")
		}
		for _, a := range to.npc.Accepts {
			if a.Item != t.item.ID || !g.holds(a.If) {
				continue
			}
			g.letGo(t.item.ID)
			g.st.Items[t.item.ID] = to.npc.ID
			reply := a.Reply
			if reply == "" {
				reply = capital(to.the()) + " accepts " + t.the() + "."
			}
			g.apply(a.Do)
			return reply, nil
		}
		return "", refuse("%s doesn't seem interested in %s.", capital(to.the()), t.the())
	})
}

func doInventory(g *Game, _ *parse.Command) error {
	held := g.contents(player)
	if len(held) == 0 {
		g.say("You are empty-handed.")
		return nil
	}
	its := make([]*story.Item, len(held))
	for i, id := range held {
		its[i] = g.item(id)
	}
	names := aFew(its, func(it *story.Item) string {
		switch {
		case g.st.Worn[it.ID]:
			return " (worn)"
		case g.st.Wielded == it.ID && g.weapon() != nil:
			return " (wielded)"
		}
		return ""
	})
	out := "You are carrying " + listAnd(names) + "."
	for _, id := range held {
		if s := g.describeContents(id); s != "" {
			out += " " + s
		}
	}
	g.say(out)
	return nil
}

func doShow(g *Game, c *parse.Command) error {
	if len(c.Objects) == 0 || c.Second == nil {
		return refuse("Show what to whom?")
	}
	to, what := g.resolve(*c.Second), g.resolve(c.Objects[0])
	if to.npc == nil {
		return refuse("You can only show things to someone.")
	}
	if what.item == nil || !g.carried(what.item.ID) {
		return refuse("You aren't holding that.")
	}
	g.say(capital(to.the()) + " glances at " + what.the() + " but says nothing.")
	return nil
}

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
func (tn *turn) perObject(objs []parse.Noun, all bool, f func(t thing) (string, error)) error {
	if len(objs) == 1 && !all {
		start := len(tn.later)
		msg, err := f(tn.resolve(objs[0]))
		if err == nil {
			tn.say(msg)
			tn.runLater(start)
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
		start := len(tn.later)
		msg, err := f(tn.resolve(n))
		if err != nil {
			msg = err.Error()
		} else {
			ok = true
		}
		hooks := slices.Clone(tn.later[start:])
		tn.later = tn.later[:start]
		results = append(results, result{"<item>" + n.Name + "</item>: " + msg, hooks})
	}
	if !ok {
		lines := make([]string, len(results))
		for i, r := range results {
			lines[i] = r.line
		}
		return refusal(strings.Join(lines, "<br>"))
	}
	list := -1 // tn.out.paras[list] is the list being said, while it is the last thing said
	for _, r := range results {
		if list >= 0 && list == len(tn.out.paras)-1 {
			tn.out.paras[list] += "<br>" + r.line
		} else {
			tn.say(r.line)
			list = len(tn.out.paras) - 1
		}
		events := len(tn.out.events)
		for _, h := range r.hooks {
			h()
		}
		if len(tn.out.events) != events || len(tn.out.paras)-1 != list {
			list = -1 // a hook spoke or showed something: the list goes on below it
		}
	}
	return nil
}

// afterReply queues a hook to run once the verb's reply has been said.
func (tn *turn) afterReply(f func()) { tn.later = append(tn.later, f) }

// runLater runs the hooks queued since start, in order.
func (tn *turn) runLater(start int) {
	for start < len(tn.later) {
		h := tn.later[start]
		tn.later = slices.Delete(tn.later, start, start+1)
		h()
	}
}

// itemNouns turns item ids into nouns for perObject.
func (tn *turn) itemNouns(ids []string) []parse.Noun {
	ns := make([]parse.Noun, len(ids))
	for i, id := range ids {
		it := tn.item(id)
		ns[i] = itemNoun(it, tn.carried(id), tn.st.Items[id] == tn.st.Location, tn.container(id))
	}
	return ns
}

// allFilter keeps what "all" sensibly means for a verb: the player never
// means the scenery or what is already done.
func (tn *turn) allFilter(objs []parse.Noun, keep func(it *story.Item) bool) []parse.Noun {
	var out []parse.Noun
	for _, n := range objs {
		if t := tn.resolve(n); t.item != nil && keep(t.item) {
			out = append(out, n)
		}
	}
	return out
}

func doTake(tn *turn, c *parse.Command) error {
	objs := c.Objects
	from := ""
	if c.Second != nil {
		t := tn.resolve(*c.Second)
		switch {
		case t.npc != nil:
			return refuse("%s doesn't want to give anything away.", capital(t.the()))
		case t.item == nil || (t.item.Container == nil && !t.item.Supporter):
			return refuse("There is nothing to take from %s.", t.the())
		case !tn.reachInside(t.item.ID):
			return refuse("%s %s closed.", capital(t.the()), isAre(t.item))
		}
		from = t.item.ID
	}
	if c.All {
		if len(objs) == 0 {
			at := tn.st.Location
			if from != "" {
				at = from
			}
			objs = tn.itemNouns(tn.contents(at))
		}
		objs = tn.allFilter(objs, func(it *story.Item) bool {
			return !it.Fixed && tn.st.Items[it.ID] != tn.holder && (from == "" || tn.st.Items[it.ID] == from)
		})
		if len(objs) == 0 {
			if from != "" {
				return refuse("There is nothing in %s to take.", theItem(tn.item(from)))
			}
			return refuse("There is nothing to take.")
		}
	}
	if len(objs) == 0 {
		return refuse("What do you want to take?")
	}
	several := c.All || len(objs) > 1
	return tn.perObject(objs, c.All, func(t thing) (string, error) {
		if several && t.item != nil {
			// One of several: the thing's own take action still
			// applies (a guarded treasure is not carried off by "all").
			if msg, done, err := tn.quietAction(c, t.item.Actions); done {
				return msg, err
			}
		}
		return tn.take(t, from)
	})
}

// quietAction runs a story action for one of several objects and returns
// what it said as that object's line, instead of saying it.
func (tn *turn) quietAction(c *parse.Command, as []*story.Action) (string, bool, error) {
	mark := len(tn.out.paras)
	done, err := tn.tryActions(c, as)
	if !done || err != nil || len(tn.out.paras) < mark {
		return "", done, err
	}
	msg := strings.Join(tn.out.paras[mark:], " ")
	tn.out.paras = tn.out.paras[:mark]
	if msg == "" {
		msg = "Done."
	}
	return msg, true, nil
}

func (tn *turn) take(t thing, from string) (string, error) {
	switch {
	case t.self:
		return "", refusal("You are always self-possessed.")
	case t.npc != nil:
		return "", refuse("I don't suppose %s would care for that.", t.the())
	case t.item == nil:
		return "", refusal("That's hardly portable.")
	}
	it := t.item
	at := tn.st.Items[it.ID]
	switch {
	case at == tn.holder:
		return "", refusal("You already have that.")
	case from != "" && at != from:
		return "", refuse("%s isn't there.", capital(t.the()))
	case it.Fixed:
		if it.FixedMsg != "" {
			return "", refusal(it.FixedMsg)
		}
		return "", refusal("That's fixed in place.")
	case tn.story.NPCs[at] != nil:
		return "", refuse("That seems to belong to %s.", theNPC(tn.story.NPCs[at]))
	case isHolder(at):
		if p := tn.holderPlayer(at); p != nil {
			return "", refuse("%s has that.", p.the())
		}
		return "", refusal("Someone else has that.")
	case !tn.reachable(it.ID):
		return "", refusal("You can't reach it.")
	}
	if limit := tn.story.Config.Player.Capacity; limit > 0 && !tn.carried(it.ID) &&
		tn.load(tn.holder)+tn.weight(it.ID) > limit {
		return "", refusal("You're carrying too much already.")
	}
	tn.writableWorld(cwItems).Items[it.ID] = tn.holder
	if it.Score != 0 {
		tn.award("take:"+it.ID, it.Score)
	}
	tn.tellOthers(tn.player.the() + " takes " + theItem(it) + ".")
	tn.afterReply(func() { tn.react(it.OnTake) })
	return "Taken.", nil
}

func doDrop(tn *turn, c *parse.Command) error {
	objs := c.Objects
	if c.All {
		if len(objs) == 0 {
			objs = tn.itemNouns(tn.contents(tn.holder))
		}
		objs = tn.allFilter(objs, func(it *story.Item) bool { return tn.st.Items[it.ID] == tn.holder })
		if len(objs) == 0 {
			return refuse("You aren't carrying anything.")
		}
	}
	if len(objs) == 0 {
		return refuse("What do you want to drop?")
	}
	if !c.All {
		objs = tn.spareFirst(objs)
	}
	return tn.perObject(objs, c.All, func(t thing) (string, error) {
		if t.item == nil || !tn.carried(t.item.ID) {
			return "", refusal("You don't have that.")
		}
		pre := ""
		switch {
		case tn.st.Worn[t.item.ID]:
			pre = "(first taking " + pronoun("n", t.item.Plural) + " off) "
		case tn.st.Wielded == t.item.ID:
			pre = "(no longer wielding " + pronoun("n", t.item.Plural) + ") "
		}
		tn.letGo(t.item.ID)
		tn.writableWorld(cwItems).Items[t.item.ID] = tn.st.Location
		it := t.item
		tn.tellOthers(tn.player.the() + " drops " + theItem(it) + ".")
		tn.afterReply(func() { tn.react(it.OnDrop) })
		return pre + "Dropped.", nil
	})
}

func doPut(tn *turn, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to put?")
	}
	if c.Second == nil {
		return refuse("What do you want to put %s %s?", tn.resolve(c.Objects[0]).the(), prepOr(c.Prep, "in"))
	}
	dest := tn.resolve(*c.Second)
	on := c.Prep == "on" || c.Prep == "onto"
	switch {
	case dest.npc != nil:
		return doGive(tn, c)
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
		objs = tn.allFilter(objs, func(it *story.Item) bool { return tn.st.Items[it.ID] == tn.holder && it.ID != box.ID })
	}
	return tn.perObject(objs, c.All, func(t thing) (string, error) {
		if t.item == nil {
			return "", refusal("You can only put things you can carry.")
		}
		it := t.item
		if it.ID == box.ID || tn.inside(box.ID, it.ID) {
			return "", refusal("You can't put something inside itself.")
		}
		pre := ""
		if !tn.carried(it.ID) {
			if _, err := tn.take(t, ""); err != nil {
				return "", err
			}
			pre = "(first taking " + t.the() + ") "
		}
		if !on && !tn.st.Boxes[box.ID].Open {
			return "", refuse("%s %s closed.", capital(dest.the()), isAre(box))
		}
		if box.Container != nil && !on && box.Container.Capacity > 0 &&
			tn.load(box.ID)+tn.weight(it.ID) > box.Container.Capacity {
			return "", refuse("There is no room in %s.", dest.the())
		}
		tn.letGo(it.ID)
		tn.writableWorld(cwItems).Items[it.ID] = box.ID
		word := "in"
		if on {
			word = "on"
		}
		tn.tellOthers(tn.player.the() + " puts " + t.the() + " " + word + " " + dest.the() + ".")
		return pre + "You put " + t.the() + " " + word + " " + dest.the() + ".", nil
	})
}

// inside reports whether item id is somewhere within container outer.
func (tn *turn) inside(id, outer string) bool {
	for range 64 {
		at, ok := tn.st.Items[id]
		if !ok || tn.story.Items[at] == nil {
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

func doGive(tn *turn, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to give?")
	}
	if c.Second == nil {
		return refuse("Who do you want to give it to?")
	}
	to := tn.resolve(*c.Second)
	if to.npc == nil {
		return refuse("You can only give things to someone.")
	}
	return tn.perObject(c.Objects, c.All, func(t thing) (string, error) {
		if t.item == nil || !tn.carried(t.item.ID) {
			return "", refusal("You don't have that.")
		}
		for _, a := range to.npc.Accepts {
			if a.Item != t.item.ID || !tn.holds(a.If) {
				continue
			}
			tn.letGo(t.item.ID)
			tn.writableWorld(cwItems).Items[t.item.ID] = to.npc.ID
			tn.tellOthers(tn.player.the() + " gives " + t.the() + " to " + to.the() + ".")
			reply := a.Reply
			if reply == "" {
				reply = capital(to.the()) + " accepts " + t.the() + "."
			}
			tn.apply(a.Do)
			return reply, nil
		}
		return "", refuse("%s doesn't seem interested in %s.", capital(to.the()), t.the())
	})
}

func doInventory(tn *turn, _ *parse.Command) error {
	held := tn.contents(tn.holder)
	if len(held) == 0 {
		tn.say("You are empty-handed.")
		return nil
	}
	its := make([]*story.Item, len(held))
	for i, id := range held {
		its[i] = tn.item(id)
	}
	names := aFew(its, func(it *story.Item) string {
		switch {
		case tn.st.Worn[it.ID]:
			return " (worn)"
		case tn.st.Wielded == it.ID && tn.weapon() != nil:
			return " (wielded)"
		}
		return ""
	})
	out := "You are carrying " + listAnd(names) + "."
	for _, id := range held {
		if s := tn.describeContents(id); s != "" {
			out += " " + s
		}
	}
	tn.say(out)
	return nil
}

func doShow(tn *turn, c *parse.Command) error {
	if len(c.Objects) == 0 || c.Second == nil {
		return refuse("Show what to whom?")
	}
	to, what := tn.resolve(*c.Second), tn.resolve(c.Objects[0])
	if to.npc == nil {
		return refuse("You can only show things to someone.")
	}
	if what.item == nil || !tn.carried(what.item.ID) {
		return refuse("You aren't holding that.")
	}
	tn.say(capital(to.the()) + " glances at " + what.the() + " but says nothing.")
	return nil
}

// spareFirst swaps a thing in use (worn or wielded) for an identical one
// carried and not in use: of two short swords, "drop sword" drops the
// one not in your hand. The parser treats same-named things as one
// choice and cannot know which is in use.
func (tn *turn) spareFirst(objs []parse.Noun) []parse.Noun {
	inUse := func(id string) bool { return tn.st.Worn[id] || tn.st.Wielded == id }
	out := slices.Clone(objs)
	for i, n := range out {
		it := tn.resolve(n).item
		if it == nil || !inUse(it.ID) {
			continue
		}
		for _, id := range tn.contents(tn.holder) {
			other := tn.story.Items[id]
			if other == nil || id == it.ID || inUse(id) || !strings.EqualFold(other.Name, it.Name) ||
				slices.ContainsFunc(out, func(o parse.Noun) bool { return o.ID == idItem+id }) {
				continue
			}
			out[i].ID = idItem + id
			break
		}
	}
	return out
}

package story

import "strings"

// texts parses every text with varying parts into s.Texts and checks the
// conditions inside them like any other condition.
func (c *checker) texts() {
	c.s.Texts = map[string]Text{}
	itOwner := map[string]string{} // the thing each text with "it" belongs to
	eachText(c.s, func(path, owner, text string) {
		if !Varies(text) {
			return
		}
		t, err := ParseText(text)
		if err != nil {
			c.rep.add(path, "%v", err)
			return
		}
		if len(t) == 1 && t[0].If == nil && t[0].OneOf == nil {
			return // brackets, but none of ours
		}
		if usesIt(t) {
			if other, ok := itOwner[text]; ok && other != owner {
				c.rep.add(path, "this text is also %q's, so [if it is …] cannot tell which thing it means; name the thing instead", other)
				return
			}
			itOwner[text] = owner
		}
		c.textConditions(path, owner, t)
		c.s.Texts[text] = resolveIt(t, owner)
	})
}

// usesIt says whether a text has an [if it is …].
func usesIt(t Text) bool {
	for _, p := range t {
		if p.If != nil && p.If.Thing == It || usesIt(p.Then) || usesIt(p.Else) {
			return true
		}
		for _, alt := range p.OneOf {
			if usesIt(alt) {
				return true
			}
		}
	}
	return false
}

// resolveIt copies a text with "it" replaced by the thing it belongs to,
// so the driver never needs to know whose a text is.
func resolveIt(t Text, owner string) Text {
	if owner == "" || !usesIt(t) {
		return t
	}
	out := make(Text, len(t))
	for i, p := range t {
		if p.If != nil && p.If.Thing == It {
			c := *p.If
			c.Thing = owner
			p.If = &c
		}
		p.Then, p.Else = resolveIt(p.Then, owner), resolveIt(p.Else, owner)
		if p.OneOf != nil {
			alts := make([][]Part, len(p.OneOf))
			for j, a := range p.OneOf {
				alts[j] = resolveIt(a, owner)
			}
			p.OneOf = alts
		}
		out[i] = p
	}
	return out
}

func (c *checker) textConditions(path, owner string, t Text) {
	for _, p := range t {
		if p.If != nil {
			k := *p.If
			if k.Thing == It {
				if owner == "" {
					c.rep.add(path, "[if it is …] needs a thing: \"it\" means the item, door or npc whose text this is, and this text has none; name the thing instead")
					continue
				}
				k.Thing = owner
			}
			c.condition(path+"[if]", &k)
			c.conds(join(path+"[if]", "any"), k.Any)
			c.conds(join(path+"[if]", "not"), k.Not)
			c.textConditions(path, owner, p.Then)
			c.textConditions(path, owner, p.Else)
		}
		for _, alt := range p.OneOf {
			c.textConditions(path, owner, alt)
		}
	}
}

// conds checks nested conditions of a condition written in a text.
func (c *checker) conds(path string, cs Conditions) {
	visitor{cond: c.condition}.conds(path, cs)
}

// eachText calls f with every text an author writes, its path, and the
// item, door or npc it belongs to ("" for none), which "it" means.
func eachText(s *Story, f func(path, owner, text string)) {
	put := func(path, text string) {
		if text == "" {
			return
		}
		owner := ""
		for _, kind := range []string{"items.", "doors.", "npcs."} {
			if rest, ok := strings.CutPrefix(path, kind); ok {
				owner, _, _ = strings.Cut(rest, ".")
			}
		}
		f(path, owner, text)
	}
	cf := &s.Config
	put("intro", cf.Intro)
	put("welcome", cf.Welcome)
	put("player.description", cf.Player.Description)
	for _, id := range keys(cf.Endings) {
		if e := cf.Endings[id]; e != nil {
			put(join(join("endings", id), "text"), e.Text)
		}
	}
	for i, h := range cf.Hints {
		if h != nil {
			put(join(index("hints", i), "text"), h.Text)
		}
	}
	details := func(p string, ds []*Detail) {
		for i, d := range ds {
			if d != nil {
				put(join(index(join(p, "details"), i), "text"), d.Text)
			}
		}
	}
	refusals := func(p string, as []*Action) {
		for i, a := range as {
			if a != nil {
				put(join(index(join(p, "actions"), i), "refuse"), a.Refuse)
			}
		}
	}
	exits := func(p string, m map[string]*Exit) {
		for _, k := range keys(m) {
			if e := m[k]; e != nil {
				ep := join(p, k)
				put(join(ep, "message"), e.Message)
				put(join(ep, "blocked"), e.Blocked)
				put(join(ep, "description"), e.Description)
			}
		}
	}
	for _, id := range s.Order.Locations {
		l, p := s.Locations[id], join("locations", id)
		put(join(p, "description"), l.Description)
		put(join(p, "brief"), l.Brief)
		details(p, l.Details)
		refusals(p, l.Actions)
		exits(join(p, "exits"), l.Exits)
		exits(join(p, "passages"), l.Passages)
	}
	for _, id := range s.Order.Doors {
		d, p := s.Doors[id], join("doors", id)
		put(join(p, "description"), d.Description)
		refusals(p, d.Actions)
	}
	for _, id := range s.Order.Items {
		it, p := s.Items[id], join("items", id)
		put(join(p, "description"), it.Description)
		put(join(p, "in_room"), it.InRoom)
		put(join(p, "text"), it.Text)
		put(join(p, "fixed_message"), it.FixedMsg)
		details(p, it.Details)
		refusals(p, it.Actions)
	}
	for _, id := range s.Order.NPCs {
		n, p := s.NPCs[id], join("npcs", id)
		put(join(p, "description"), n.Description)
		put(join(p, "in_room"), n.InRoom)
		put(join(p, "default_reply"), n.DefaultReply)
		for i, t := range n.Topics {
			if t != nil {
				put(join(index(join(p, "topics"), i), "text"), t.Text)
			}
		}
		for _, m := range keys(n.Menus) {
			menu := n.Menus[m]
			if menu == nil {
				continue
			}
			mp := join(join(p, "menus"), m)
			put(join(mp, "prompt"), menu.Prompt)
			for i, o := range menu.Options {
				if o != nil {
					put(join(index(join(mp, "options"), i), "reply"), o.Reply)
				}
			}
		}
		for i, a := range n.Accepts {
			if a != nil {
				put(join(index(join(p, "accepts"), i), "reply"), a.Reply)
			}
		}
		refusals(p, n.Actions)
	}
	forEachEffect(s, func(path string, e *Effect) {
		put(join(path, "say"), e.Say)
	})
}

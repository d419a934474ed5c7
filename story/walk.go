package story

// The driver runs conditions and effects from many places (exits, hooks,
// topics, menus, rules, …). walk visits every one of them with its path so
// that checks and rewrites cannot forget a place.

type visitor struct {
	cond  func(path string, c *Condition) // c may be nil (an empty list entry)
	eff   func(path string, e *Effect)    // e may be nil
	empty func(path string)               // a nil entry in a list of hooks, topics, …
}

func (v visitor) conds(path string, cs Conditions) {
	for i, c := range cs {
		p := index(path, i)
		if v.cond != nil {
			v.cond(p, c)
		}
		if c != nil {
			v.conds(join(p, "any"), c.Any)
			v.conds(join(p, "not"), c.Not)
		}
	}
}

func (v visitor) effs(path string, es Effects) {
	for i, e := range es {
		if v.eff != nil {
			v.eff(index(path, i), e)
		}
	}
}

func (v visitor) both(path string, c Conditions, e Effects) {
	v.conds(join(path, "if"), c)
	v.effs(join(path, "do"), e)
}

func (v visitor) nilEntry(path string) {
	if v.empty != nil {
		v.empty(path)
	}
}

func (v visitor) reactions(path string, rs []*Reaction) {
	for i, r := range rs {
		if r == nil {
			v.nilEntry(index(path, i))
			continue
		}
		v.both(index(path, i), r.If, r.Do)
	}
}

func (v visitor) actions(path string, as []*Action) {
	for i, a := range as {
		if a == nil {
			v.nilEntry(index(path, i))
			continue
		}
		v.both(index(path, i), a.If, a.Do)
	}
}

func (v visitor) exits(path string, m map[string]*Exit) {
	for _, k := range keys(m) {
		if e := m[k]; e != nil {
			v.conds(join(join(path, k), "if"), e.If)
		}
	}
}

func walk(s *Story, v visitor) {
	for i, h := range s.Config.Hints {
		if h == nil {
			v.nilEntry(index("hints", i))
			continue
		}
		v.conds(join(index("hints", i), "if"), h.If)
	}
	for _, id := range s.Order.Locations {
		l := s.Locations[id]
		p := join("locations", id)
		v.exits(join(p, "exits"), l.Exits)
		v.exits(join(p, "passages"), l.Passages)
		v.reactions(join(p, "on_enter"), l.OnEnter)
		v.actions(join(p, "actions"), l.Actions)
	}
	for _, id := range s.Order.Doors {
		v.actions(join(join("doors", id), "actions"), s.Doors[id].Actions)
	}
	for _, id := range s.Order.Items {
		it := s.Items[id]
		p := join("items", id)
		v.actions(join(p, "actions"), it.Actions)
		v.reactions(join(p, "on_take"), it.OnTake)
		v.reactions(join(p, "on_drop"), it.OnDrop)
	}
	for _, id := range s.Order.NPCs {
		n := s.NPCs[id]
		p := join("npcs", id)
		for i, t := range n.Topics {
			if t == nil {
				v.nilEntry(index(join(p, "topics"), i))
				continue
			}
			v.both(index(join(p, "topics"), i), t.If, t.Do)
		}
		for _, m := range keys(n.Menus) {
			if n.Menus[m] == nil {
				continue
			}
			mp := join(join(join(p, "menus"), m), "options")
			for i, o := range n.Menus[m].Options {
				if o == nil {
					v.nilEntry(index(mp, i))
					continue
				}
				v.both(index(mp, i), o.If, o.Do)
			}
		}
		v.reactions(join(p, "behaviour.on_arrival"), n.Behaviour.OnArrival)
		for _, ev := range keys(n.Behaviour.OnEvent) {
			v.reactions(join(join(p, "behaviour.on_event"), ev), n.Behaviour.OnEvent[ev])
		}
		for i, a := range n.Accepts {
			if a == nil {
				v.nilEntry(index(join(p, "accepts"), i))
				continue
			}
			v.both(index(join(p, "accepts"), i), a.If, a.Do)
		}
		v.actions(join(p, "actions"), n.Actions)
	}
	for _, id := range s.Order.Events {
		e := s.Events[id]
		v.both(join("events", id), e.If, e.Do)
	}
	for i, r := range s.Rules {
		if r != nil {
			v.both(index("rules", i), r.If, r.Do)
		}
	}
}

func forEachEffect(s *Story, f func(path string, e *Effect)) {
	walk(s, visitor{eff: func(path string, e *Effect) {
		if e != nil {
			f(path, e)
		}
	}})
}

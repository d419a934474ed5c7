package driver

import (
	"fmt"

	"github.com/tale-if/tale/story"
)

// keyIndex names every once-only thing of a story (rules, actions, menu
// options, reactions, score effects) by its path in the story, e.tn.
// "items.lamp.actions.0". State.Done stores these names, so a save
// records what has happened without holding pointers.
type keyIndex map[any]string

func indexStory(s *story.Story) keyIndex {
	k := keyIndex{}
	for i, r := range s.Rules {
		id := r.ID
		if id == "" {
			id = fmt.Sprint(i)
		}
		k[r] = "rules." + id
		k.effects("rules."+id, r.Do)
	}
	for _, id := range s.Order.Locations {
		l := s.Locations[id]
		p := "locations." + id
		k.actions(p, l.Actions)
		k.reactions(p+".on_enter", l.OnEnter)
	}
	for _, id := range s.Order.Items {
		it := s.Items[id]
		p := "items." + id
		k.actions(p, it.Actions)
		k.reactions(p+".on_take", it.OnTake)
		k.reactions(p+".on_drop", it.OnDrop)
	}
	for _, id := range s.Order.Doors {
		k.actions("doors."+id, s.Doors[id].Actions)
	}
	for _, id := range s.Order.NPCs {
		n := s.NPCs[id]
		p := "npcs." + id
		k.actions(p, n.Actions)
		k.reactions(p+".on_arrival", n.Behaviour.OnArrival)
		for ev, rs := range n.Behaviour.OnEvent {
			k.reactions(p+".on_event."+ev, rs)
		}
		for i, t := range n.Topics {
			k.effects(fmt.Sprintf("%s.topics.%d", p, i), t.Do)
		}
		for i, a := range n.Accepts {
			k.effects(fmt.Sprintf("%s.accepts.%d", p, i), a.Do)
		}
		for mid, m := range n.Menus {
			for i, o := range m.Options {
				op := fmt.Sprintf("%s.menus.%s.%d", p, mid, i)
				k[o] = op
				k.effects(op, o.Do)
			}
		}
	}
	for _, id := range s.Order.Events {
		k.effects("events."+id, s.Events[id].Do)
	}
	return k
}

func (k keyIndex) actions(p string, as []*story.Action) {
	for i, a := range as {
		ap := fmt.Sprintf("%s.actions.%d", p, i)
		k[a] = ap
		k.effects(ap, a.Do)
	}
}

func (k keyIndex) reactions(p string, rs []*story.Reaction) {
	for i, r := range rs {
		rp := fmt.Sprintf("%s.%d", p, i)
		k[r] = rp
		k.effects(rp, r.Do)
	}
}

func (k keyIndex) effects(p string, es story.Effects) {
	for i, e := range es {
		k[e] = fmt.Sprintf("%s.do.%d", p, i)
	}
}

// once reports whether the once-only thing x may still happen, and marks
// it as used when it may.
func (tn *turn) once(x any) bool {
	key, ok := tn.idx()[x]
	if !ok {
		return true
	}
	if tn.st.Done[key] {
		return false
	}
	tn.writableWorld(cwDone).Done[key] = true
	return true
}

// used reports whether x has already happened, without marking it.
func (tn *turn) used(x any) bool { return tn.st.Done[tn.idx()[x]] }

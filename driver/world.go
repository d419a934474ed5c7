package driver

import (
	"slices"
	"sort"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
)

// This file answers "where is what" from the State; nothing here changes it.

func (tn *turn) item(id string) *story.Item { return tn.story.Items[id] }

// carried is true when the player holds the item, also inside held things.
func (tn *turn) carried(id string) bool {
	for range 64 { // containers nest; the bound guards a cycle in bad data
		at := tn.st.Items[id]
		switch {
		case at == tn.holder:
			return true
		case tn.story.Items[at] != nil:
			id = at
		default:
			return false
		}
	}
	return false
}

// contents lists what is directly in or on an item, a location or the
// player (its holder id), in story order.
func (tn *turn) contents(at string) []string { return tn.contentsInto(nil, at) }

// contentsInto is contents appended to ids.
func (tn *turn) contentsInto(ids []string, at string) []string {
	for _, id := range tn.story.Order.Items {
		if tn.st.Items[id] == at {
			ids = append(ids, id)
		}
	}
	return ids
}

// seeInside reports whether the contents of an item show: open or
// transparent containers, and anything on a supporter.
func (tn *turn) seeInside(id string) bool {
	it := tn.item(id)
	if it == nil {
		return false
	}
	if it.Supporter {
		return true
	}
	if it.Container == nil {
		return false
	}
	return tn.st.Boxes[id].Open || it.Container.Transparent
}

// reachInside is seeInside without transparency: glass keeps hands out.
func (tn *turn) reachInside(id string) bool {
	it := tn.item(id)
	if it == nil {
		return false
	}
	return it.Supporter || (it.Container != nil && tn.st.Boxes[id].Open)
}

// visible lists items the player can see, in story order: here, held,
// and inside open or transparent things of either.
func (tn *turn) visible() []string { return tn.visibleInto(nil) }

// visibleInto is visible appended to ids.
func (tn *turn) visibleInto(ids []string) []string {
	for _, id := range tn.story.Order.Items {
		if tn.inView(id, false) {
			ids = append(ids, id)
		}
	}
	return ids
}

// reachable is whether the player can touch an item now.
func (tn *turn) reachable(id string) bool { return tn.inView(id, true) }

// inView walks up from an item to where it finally lies: the player's
// location or hands, through things that show (or, to reach, open) their
// contents.
func (tn *turn) inView(id string, reach bool) bool {
	for range 64 {
		at := tn.st.Items[id]
		switch {
		case at == tn.st.Location || at == tn.holder:
			return true
		case isHolder(at):
			// In another player's hands: seen when they are here, never
			// reached (take says whose it is).
			p := tn.holderPlayer(at)
			return !reach && p != nil && p != tn.player && tn.locOf(p) == tn.st.Location
		case tn.story.Items[at] == nil:
			return false
		case reach && !tn.reachInside(at), !reach && !tn.seeInside(at):
			return false
		}
		id = at
	}
	return false
}

// npcsAt lists the NPCs in a location, in story order.
func (tn *turn) npcsAt(loc string) []string {
	var ids []string
	for _, id := range tn.story.Order.NPCs {
		if tn.st.NPCs[id] == loc {
			ids = append(ids, id)
		}
	}
	return ids
}

// weight is an item's weight with everything in or on it.
func (tn *turn) weight(id string) int {
	w := 0
	if it := tn.item(id); it != nil {
		w = it.Weight
	}
	for _, c := range tn.contents(id) {
		w += tn.weight(c)
	}
	return w
}

func (tn *turn) load(at string) int {
	w := 0
	for _, id := range tn.contents(at) {
		w += tn.weight(id)
	}
	return w
}

// exit is one way out of a location.
type exit struct {
	name string // direction or passage name
	key  string // "location.name", as Reveal and Hide effects name it
	*story.Exit
	// What the parser is told of it, worked out once with the order:
	// every command's scope has them. names is name, then the aliases
	// in lower case; noun is the exit as a noun ("examine north").
	names []string
	noun  *parse.Noun
}

func newExit(loc, name string, ex *story.Exit) exit {
	names := []string{name}
	for _, a := range ex.Aliases {
		names = append(names, strings.ToLower(a))
	}
	names = slices.Clip(names) // shared by every scope: an append must copy
	return exit{name: name, key: loc + "." + name, Exit: ex, names: names,
		noun: new(prepared(parse.Noun{ID: idExit + name, Kind: parse.Exit, Name: name, Words: names, Gender: "n", Here: true}))}
}

// exitsOf lists a location's exits the player may know about, compass
// order first, then passages by name. Hidden ones are left out. What it
// returns is shared and never modified.
func (tn *turn) exitsOf(loc string) []exit {
	all := tn.exitsAt(loc)
	var mask uint64 // which of all are known, while they fit in one
	n := 0
	for i, ex := range all {
		if !tn.hidden(ex) {
			n++
			if i < 64 {
				mask |= 1 << i
			}
		}
	}
	if n == len(all) {
		return all
	}
	// Scope, status and the description each ask for the same cut list;
	// the last one is kept rather than made again.
	c := &tn.World.played.exitsCut
	if len(all) <= 64 && c.loc == loc && c.mask == mask {
		return c.exits
	}
	out := make([]exit, 0, n)
	for _, ex := range all {
		if !tn.hidden(ex) {
			out = append(out, ex)
		}
	}
	*c = exitsCut{loc: loc, mask: mask, exits: out}
	return out
}

// exitsCut is the last list of exits exitsOf made with some left out:
// which location, which of its exits (bit i: the ith is in) and the list.
type exitsCut struct {
	loc   string
	mask  uint64
	exits []exit
}

// locationExits lists the exits of location l (id) in the order players
// see them; it is fixed by the story, so it is worked out once (exitsAt).
func locationExits(id string, l *story.Location) []exit {
	var out []exit
	for _, d := range story.Directions {
		if ex := l.Exits[d]; ex != nil {
			out = append(out, newExit(id, d, ex))
		}
	}
	names := make([]string, 0, len(l.Passages))
	for n := range l.Passages {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		out = append(out, newExit(id, n, l.Passages[n]))
	}
	return out
}

func (tn *turn) hidden(ex exit) bool {
	if h, ok := tn.st.Hidden[ex.key]; ok {
		return h
	}
	return ex.Hidden
}

// findExit resolves a direction, passage name or alias here.
func (tn *turn) findExit(name string) (exit, bool) {
	for _, ex := range tn.exitsOf(tn.st.Location) {
		if ex.name == name || slices.Contains(ex.Aliases, name) {
			return ex, true
		}
		if ex.Door != "" && name == "door:"+ex.Door {
			return ex, true
		}
	}
	return exit{}, false
}

// doorsHere lists doors on the exits of the player's location.
func (tn *turn) doorsHere() []string { return tn.doorsHereInto(nil) }

// doorsHereInto is doorsHere appended to ids.
func (tn *turn) doorsHereInto(ids []string) []string {
	for _, ex := range tn.exitsOf(tn.st.Location) {
		if ex.Door != "" && !slices.Contains(ids, ex.Door) {
			ids = append(ids, ex.Door)
		}
	}
	return ids
}

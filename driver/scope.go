package driver

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/driver/soul"
	"github.com/tale-if/tale/story"
)

// Noun ids carry their kind, so one id space holds items, doors, NPCs,
// details and exits without clashes.
const (
	idItem   = "item:"
	idDoor   = "door:"
	idNPC    = "npc:"
	idDetail = "detail:" // detail:<owner kind and id>:<index>
	idExit   = "exit:"
	idSelf   = "self"
	idPlayer = "player:" // another player here, by id
)

// scope tells the parser what the player can name right now. The
// unchanging part of each noun (words, adjectives) is built once, in
// nounCache; here only where things are is filled in, into the world's
// scopeBufs: what scope returns is valid until the next scope, and is
// the last one again while nothing it shows has changed (scopecache.go).
func (tn *turn) scope() parse.Scope {
	b := &tn.World.scopeBuf
	if sc, ok := b.cached(tn); ok {
		return sc
	}
	sc := tn.buildScope(b)
	b.keep(tn, sc)
	return sc
}

// scopeOf is p's scope on the committed state, read through a view on
// the stack (viewRoom): a new view each command was a sixth of the bytes
// a command allocated, only to be dropped once the line was parsed.
func (w *World) scopeOf(p *player) parse.Scope {
	var v turn
	w.viewOn(&v, &w.scopeRoom, p)
	sc := v.scope()
	w.scopeRoom = viewRoom{}
	return sc
}

// buildScope works the scope out afresh into b's slices.
func (tn *turn) buildScope(b *scopeBufs) parse.Scope {
	var sc parse.Scope
	loc := tn.story.Locations[tn.st.Location]
	c := tn.nouns()
	b.ids = tn.visibleInto(b.ids[:0])
	visible := b.ids
	b.doors = tn.doorsHereInto(b.doors[:0])
	doors := b.doors
	npcs := tn.npcsAt(tn.st.Location)
	dark := tn.dark()
	if dark {
		// In the dark only what the player holds can be found (by
		// touch); the way back out is still there.
		visible = slices.DeleteFunc(visible, func(id string) bool { return !tn.carried(id) })
		npcs = nil
	}
	var exits []exit
	if loc != nil {
		exits = tn.exitsOf(loc.ID)
	}
	sc.Nouns = append(b.nouns[:0], c.self)
	// Every story verb, wherever its thing is, so "wind clockwork" far
	// from the clockwork fails on the noun ("You can't see any such
	// thing here.") instead of on the word.
	sc.Verbs = append(b.verbs[:0], c.storyVerbs...)
	sc.Verbs = append(sc.Verbs, c.locVerbs[tn.st.Location]...)
	// Keys that fit a lock in sight, preferred by lock and unlock.
	fits := b.fits[:0]
	for _, id := range doors {
		if k := tn.story.Doors[id].Key; k != "" {
			fits = append(fits, k)
		}
	}
	for _, id := range visible {
		if ct := tn.item(id).Container; ct != nil && ct.Key != "" {
			fits = append(fits, ct.Key)
		}
	}
	b.fits = fits
	for _, id := range visible {
		n := c.items[id]
		n.Held = tn.carried(id)
		n.Here = tn.st.Items[id] == tn.st.Location
		if in := tn.container(id); in != "" {
			n.Within = c.items[in].ID
		}
		n.Fits = slices.Contains(fits, id)
		n.Closed = tn.item(id).Container != nil && !tn.seeInside(id)
		sc.Nouns = append(sc.Nouns, n)
		sc.Nouns = append(sc.Nouns, c.itemDetails[id]...)
		sc.Verbs = append(sc.Verbs, c.itemVerbs[id]...)
	}
	for _, id := range doors {
		sc.Nouns = append(sc.Nouns, c.doors[id])
		sc.Verbs = append(sc.Verbs, c.doorVerbs[id]...)
	}
	for _, id := range npcs {
		sc.Nouns = append(sc.Nouns, c.npcs[id])
		sc.Verbs = append(sc.Verbs, c.npcVerbs[id]...)
	}
	for _, p := range tn.othersHere() {
		if dark {
			break
		}
		// A player is a person to smile at or tell things; a name is
		// one word, its own noun.
		sc.Nouns = append(sc.Nouns, parse.Noun{ID: idPlayer + p.id, Kind: parse.Person, Name: p.name,
			Words: []string{p.id}, Gender: "n", Here: true})
	}
	sc.Exits = b.exits[:0]
	if loc != nil {
		if !dark {
			sc.Nouns = append(sc.Nouns, c.locDetails[loc.ID]...)
		}
		for _, ex := range exits {
			sc.Exits = append(sc.Exits, ex.names...)
			// As nouns too, so "examine north" and "look at the gate" work.
			sc.Nouns = append(sc.Nouns, *ex.noun)
		}
	}
	if len(sc.Verbs) > 1 {
		slices.Sort(sc.Verbs)
		sc.Verbs = slices.Compact(sc.Verbs)
	}
	b.nouns, b.verbs, b.exits = sc.Nouns, sc.Verbs, sc.Exits
	if len(sc.Exits) == 0 {
		sc.Exits = nil // as before the buffers: no exits is no slice
	}
	return sc
}

// scopeBufs are the slices the last scope was built in, which the next
// one reuses: the parser reads a scope and copies what it keeps (nouns
// are values), and both callers (a line, a completion) are done with it
// before the loop does anything else. A noun is big, so a fresh scope
// for every command was a sixth of a piped run's bytes.
type scopeBufs struct {
	nouns                    []parse.Noun
	verbs, exits, ids, doors []string
	fits                     []string
	npcsNow                  []string
	last                     scopeKey // what the scope in the slices was built from
	lastScope                parse.Scope
}

// nounCache holds the parts of nouns that never change during a game.
type nounCache struct {
	self  parse.Noun
	items map[string]parse.Noun
	doors map[string]parse.Noun
	npcs  map[string]parse.Noun
	// Details and story verbs, by the id of what has them.
	itemDetails, locDetails                  map[string][]parse.Noun
	itemVerbs, doorVerbs, npcVerbs, locVerbs map[string][]string
	// storyVerbs are the story's verbs that are offered everywhere: all
	// but those starting with a built-in or soul verb ("look under",
	// "wave"), which keep their usual meaning away from their thing.
	storyVerbs []string
	// placeVerbs are the verbs some location has an action for: said
	// alone elsewhere, nothing happens (rather than "what do you want to …").
	placeVerbs map[string]bool
}

func newNounCache(s *story.Story) nounCache {
	c := nounCache{items: map[string]parse.Noun{}, doors: map[string]parse.Noun{}, npcs: map[string]parse.Noun{},
		itemDetails: map[string][]parse.Noun{}, locDetails: map[string][]parse.Noun{},
		itemVerbs: map[string][]string{}, doorVerbs: map[string][]string{}, npcVerbs: map[string][]string{},
		locVerbs: map[string][]string{}}
	c.self = prepared(parse.Noun{ID: idSelf, Kind: parse.Self, Name: "yourself",
		Words: []string{"me", "myself", "self"}, Gender: s.Config.Player.Gender})
	for _, id := range s.Order.Items {
		it := s.Items[id]
		c.items[id] = itemNoun(it, false, false, "")
		c.itemDetails[id] = appendDetails(nil, idDetail+idItem+id, it.Details)
		c.itemVerbs[id] = actionVerbs(it.Actions)
	}
	for _, id := range s.Order.Doors {
		d := s.Doors[id]
		c.doors[id] = prepared(parse.Noun{ID: idDoor + id, Kind: parse.Thing, Name: d.Name,
			Words: nameWords(d.Name, d.Aliases), Adjectives: nameAdjectives(d.Name, d.Adjectives), Gender: "n", Here: true})
		c.doorVerbs[id] = actionVerbs(d.Actions)
	}
	for _, id := range s.Order.NPCs {
		n := s.NPCs[id]
		words := nameWords(n.Name, n.Aliases)
		if n.ProperName != "" {
			words = append(words, strings.ToLower(n.ProperName))
		}
		c.npcs[id] = prepared(parse.Noun{ID: idNPC + id, Kind: parse.Person, Name: npcPlain(n),
			Words: words, Adjectives: nameAdjectives(n.Name, n.Adjectives), Gender: n.Gender, Here: true})
		c.npcVerbs[id] = actionVerbs(n.Actions)
	}
	for _, id := range s.Order.Locations {
		l := s.Locations[id]
		c.locDetails[id] = appendDetails(nil, idDetail+"location:"+id, l.Details)
		c.locVerbs[id] = actionVerbs(l.Actions)
	}
	c.placeVerbs = map[string]bool{}
	for _, vs := range c.locVerbs {
		for _, v := range vs {
			c.placeVerbs[v] = true
		}
	}
	for _, m := range []map[string][]string{c.itemVerbs, c.doorVerbs, c.npcVerbs, c.locVerbs} {
		for _, vs := range m {
			for _, v := range vs {
				f := strings.Fields(v)
				if len(f) == 0 {
					continue
				}
				_, social := soul.Lookup(f[0])
				if !social && !parse.IsVerb(f[0]) {
					c.storyVerbs = append(c.storyVerbs, v)
				}
			}
		}
	}
	slices.Sort(c.storyVerbs)
	c.storyVerbs = slices.Compact(c.storyVerbs)
	return c
}

func actionVerbs(as []*story.Action) []string {
	var vs []string
	for _, a := range as {
		for _, v := range a.Verbs {
			vs = append(vs, strings.ToLower(v))
		}
	}
	return vs
}

func itemNoun(it *story.Item, held, here bool, within string) parse.Noun {
	n := parse.Noun{ID: idItem + it.ID, Kind: parse.Thing, Name: it.Name,
		Words: nameWords(it.Name, it.Aliases), Adjectives: nameAdjectives(it.Name, it.Adjectives),
		Gender: "n", Plural: it.Plural, Held: held, Here: here}
	if within != "" {
		n.Within = idItem + within
	}
	return prepared(n)
}

// prepared is n with how its words begin summed up for the parser
// (parse.Prepare), for a noun made once and copied into every scope.
func prepared(n parse.Noun) parse.Noun {
	parse.Prepare(&n)
	return n
}

// container is the item holding id, or "".
func (tn *turn) container(id string) string {
	if at := tn.st.Items[id]; tn.story.Items[at] != nil {
		return at
	}
	return ""
}

func appendDetails(ns []parse.Noun, prefix string, ds []*story.Detail) []parse.Noun {
	for i, d := range ds {
		if len(d.Words) == 0 {
			continue
		}
		words := make([]string, len(d.Words))
		for j, w := range d.Words {
			words[j] = strings.ToLower(w)
		}
		ns = append(ns, prepared(parse.Noun{ID: prefix + ":" + strconv.Itoa(i), Kind: parse.Scenery, Name: words[0],
			Words: words, Gender: "n", Plural: d.Plural}))
	}
	return ns
}

// nameWords are the nouns a name answers to: the whole name, its last
// word (the noun of "brass key") and the aliases.
func nameWords(name string, aliases []string) []string {
	name = strings.ToLower(name)
	words := []string{name}
	if f := strings.Fields(name); len(f) > 1 {
		words = append(words, f[len(f)-1])
	}
	for _, a := range aliases {
		if a = strings.ToLower(a); !slices.Contains(words, a) {
			words = append(words, a)
		}
	}
	return words
}

// nameAdjectives are the given adjectives plus the name's leading words.
func nameAdjectives(name string, adjs []string) []string {
	var out []string
	f := strings.Fields(strings.ToLower(name))
	for i := 0; i+1 < len(f); i++ {
		out = append(out, f[i])
	}
	for _, a := range adjs {
		if a = strings.ToLower(a); !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

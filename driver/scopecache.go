package driver

import (
	"slices"
	"unsafe"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
)

// The parser's scope is a quarter of a command's CPU, and most commands
// (examine, look, inventory, talk) change nothing it shows. A committed
// map is never changed in place (doc.go, cow.go: a turn that writes one
// writes a copy), so a map that is the same map is the same content, and
// the last scope stays right while every input it was built from is the
// same: the story, the player and where they stand, the maps it reads by
// identity, and the two parts an NPC's wandering changes (which NPCs are
// here, whether it is dark: an NPC may carry the light), compared by
// value because wanderers move every turn. Scope is only ever built on a
// committed state (a view: turn.go's line, session.go's completion).
//
// Another player changes what one sees without touching these maps (a
// player's own location is in their PlayerState), so a world with more
// than one player builds every scope afresh.

// scopeKey is what a scope was built from.
type scopeKey struct {
	story                        *story.Story
	p                            *player
	loc, holder                  string
	items, boxes, hidden, things unsafe.Pointer // the maps, by identity
	dark                         bool
	npcs                         []string
	edits                        uint64 // World.inPlace when built
	valid                        bool
}

// mapID is a map's identity. The key holds the pointer, so the map
// stays alive and no new map can reuse its address while it is cached.
func mapID[M ~map[K]V, K comparable, V any](m M) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&m))
}

// keyFor is the key of tn's scope now, its NPC list in buf.
func (tn *turn) scopeKeyFor(buf []string) scopeKey {
	st := tn.st
	k := scopeKey{story: tn.story, p: tn.player, loc: st.Location, holder: tn.holder,
		items: mapID(st.Items), boxes: mapID(st.Boxes), hidden: mapID(st.Hidden),
		things: mapID(st.Things), dark: tn.dark(), edits: tn.World.inPlace, valid: true}
	for _, id := range tn.story.Order.NPCs {
		if st.NPCs[id] == st.Location {
			buf = append(buf, id)
		}
	}
	k.npcs = buf
	return k
}

func (a *scopeKey) same(b *scopeKey) bool {
	return a.valid && b.valid && a.story == b.story && a.p == b.p && a.loc == b.loc && a.holder == b.holder &&
		a.items == b.items && a.boxes == b.boxes && a.hidden == b.hidden && a.things == b.things &&
		a.dark == b.dark && a.edits == b.edits && slices.Equal(a.npcs, b.npcs)
}

// cached is the last scope when tn would build the same one.
func (b *scopeBufs) cached(tn *turn) (parse.Scope, bool) {
	if !b.last.valid || len(tn.World.players) > 1 {
		return parse.Scope{}, false
	}
	k := tn.scopeKeyFor(b.npcsNow[:0])
	b.npcsNow = k.npcs
	if !k.same(&b.last) {
		return parse.Scope{}, false
	}
	return b.lastScope, true
}

// keep remembers sc as the scope of tn's inputs now.
func (b *scopeBufs) keep(tn *turn, sc parse.Scope) {
	if len(tn.World.players) > 1 {
		b.last.valid = false
		return
	}
	k := tn.scopeKeyFor(b.last.npcs[:0])
	b.last, b.lastScope = k, sc
}

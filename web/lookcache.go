package web

import (
	"slices"
	"sync/atomic"

	"github.com/tale-if/tale/tio"
)

// A snapshot's state is made for the tab that subscribes (a fresh
// tio.State from the game's look), and a renderer keeps the latest state
// it took for as long as the connection lives: a thousand idle tabs of
// one game held a thousand equal copies. lookCache keeps the state of the
// last snapshot drawn; a tab whose snapshot carries an equal one keeps
// that instead, and its own copy is garbage. States are never changed
// once published, so sharing one is as good as owning it.
type lookCache struct{ last atomic.Pointer[tio.State] }

// share returns a state equal to st: the cached one when it is equal, else
// st, which is cached for the next tab.
func (lc *lookCache) share(st *tio.State) *tio.State {
	if lc == nil {
		return st
	}
	if old := lc.last.Load(); old != nil && sameState(old, st) {
		return old
	}
	lc.last.Store(st)
	return st
}

// sameState reports whether a and b show the same (TestSameStateSeesEveryField).
func sameState(a, b *tio.State) bool {
	return a.Story == b.Story && a.Location == b.Location && a.LocationImage == b.LocationImage &&
		slices.Equal(a.Exits, b.Exits) && slices.Equal(a.Items, b.Items) && slices.Equal(a.NPCs, b.NPCs) &&
		slices.Equal(a.Players, b.Players) && slices.Equal(a.Inventory, b.Inventory) &&
		a.Turns == b.Turns && a.Score == b.Score && a.MaxScore == b.MaxScore && a.Clock == b.Clock &&
		a.HP == b.HP && a.MaxHP == b.MaxHP && a.Level == b.Level
}

package driver

import (
	"maps"
	"slices"
)

// Copy on write: a turn's working state starts as its own WorldState and
// PlayerState structs that share every map with the committed state, and
// a map is copied the first time the turn writes it (through the
// writable accessors below). A committed state is still never changed in
// place (doc.go), so undo entries and the world share the maps no command
// changed, and a dropped turn leaves nothing behind. A command that only
// looks copies no map at all; one that moves an NPC copies one.
//
// The accessors are the only way a turn may write a map that is copied
// lazily. A map some code still writes directly (tn.st.Items[id] = …) is
// in eagerWorld or eagerPlayer and copied when the turn starts, as every
// map was before; TestStateWritesGoThroughCOW fails when a direct write
// appears for a map that is not.

// Which map of a WorldState: bits of a cowWorld set.
const (
	cwItems uint32 = 1 << iota
	cwDoors
	cwBoxes
	cwHidden
	cwNPCs
	cwFlags
	cwCounters
	cwDone
	cwThings
	cwTexts
	cwWounds
	cwHostile
	cwAllWorld = 1<<iota - 1
)

// Which map of a PlayerState: bits of a cowPlayer set.
const (
	cpWorn uint32 = 1 << iota
	cpVisited
	cpMineFlags
	cpMineCounters
	cpMineDone
	cpMineTexts
	cpAllPlayer = 1<<iota - 1
)

// eagerMaps are the maps a turn copies as it starts, of the world's and
// of each player's state.
type eagerMaps struct{ world, player uint32 }

// defaultEager are the maps still written directly somewhere (see
// TestStateWritesGoThroughCOW for where): none now. A test sets every
// bit, which is the full copy every turn made before, to compare with.
var defaultEager = eagerMaps{}

// cow is what a turn has copied so far: of which working WorldState
// (a handler may replace the whole state: undo, restore, restart), and
// of each working PlayerState.
type cow struct {
	world   *WorldState
	wbits   uint32
	players []cowOwned
	first   [1]cowOwned // players' room for the one player most turns have
}

type cowOwned struct {
	ps   *PlayerState
	bits uint32
}

// forkWorld is a turn's working copy of a committed WorldState: its own
// struct and queue, the maps shared, but for those in eager, which are
// copied. tn records what it owns.
func (c *cow) forkWorld(s *WorldState, eager uint32) *WorldState {
	return c.forkWorldInto(new(WorldState), s, eager)
}

// forkPlayer is forkWorld for a player's part.
func (c *cow) forkPlayer(s *PlayerState, eager uint32) *PlayerState {
	return c.forkPlayerInto(new(PlayerState), s, eager)
}

// forkedPair is the room for a turn's working world and player, the
// two every command forks: one allocation for both. They are committed
// together, so neither keeps the other alive for long.
type forkedPair struct {
	world  WorldState
	player PlayerState
}

// forkBoth is forkWorld and forkPlayer in one allocation.
func (c *cow) forkBoth(w *WorldState, p *PlayerState, eager eagerMaps) State {
	fp := new(forkedPair)
	return State{WorldState: c.forkWorldInto(&fp.world, w, eager.world),
		PlayerState: c.forkPlayerInto(&fp.player, p, eager.player)}
}

func (c *cow) forkWorldInto(w, s *WorldState, eager uint32) *WorldState {
	*w = *s
	w.Queue = slices.Clone(s.Queue) // DeleteFunc and Insert change a queue in place
	copyWorldMaps(w, eager)
	c.world, c.wbits = w, eager
	return w
}

func (c *cow) forkPlayerInto(p, s *PlayerState, eager uint32) *PlayerState {
	*p = *s
	p.Mine.Queue = slices.Clone(s.Mine.Queue)
	if s.Menu != nil {
		m := *s.Menu
		m.Shown = slices.Clone(s.Menu.Shown)
		p.Menu = &m
	}
	copyPlayerMaps(p, eager)
	if c.players == nil {
		c.players = c.first[:0]
	}
	c.players = append(c.players, cowOwned{p, eager})
	return p
}

// writableWorld is the turn's WorldState with the maps of bits its own,
// copied now if they are still shared. A state the turn did not fork
// (one a handler put in place) counts as sharing everything: copying a
// map that was already the turn's own costs time, never correctness.
func (tn *turn) writableWorld(bits uint32) *WorldState {
	ws := tn.st.WorldState
	c := &tn.cow
	if c.world != ws {
		c.world, c.wbits = ws, 0
	}
	if missing := bits &^ c.wbits; missing != 0 {
		copyWorldMaps(ws, missing)
		c.wbits |= missing
	}
	return ws
}

// writablePlayer is writableWorld for the PlayerState whose eyes the
// turn sees through.
func (tn *turn) writablePlayer(bits uint32) *PlayerState {
	ps := tn.st.PlayerState
	c := &tn.cow
	i := slices.IndexFunc(c.players, func(o cowOwned) bool { return o.ps == ps })
	if i < 0 {
		c.players = append(c.players, cowOwned{ps, 0})
		i = len(c.players) - 1
	}
	if missing := bits &^ c.players[i].bits; missing != 0 {
		copyPlayerMaps(ps, missing)
		c.players[i].bits |= missing
	}
	return ps
}

func copyWorldMaps(w *WorldState, bits uint32) {
	if bits&cwItems != 0 {
		w.Items = maps.Clone(w.Items)
	}
	if bits&cwDoors != 0 {
		w.Doors = maps.Clone(w.Doors)
	}
	if bits&cwBoxes != 0 {
		w.Boxes = maps.Clone(w.Boxes)
	}
	if bits&cwHidden != 0 {
		w.Hidden = maps.Clone(w.Hidden)
	}
	if bits&cwNPCs != 0 {
		w.NPCs = maps.Clone(w.NPCs)
	}
	if bits&cwFlags != 0 {
		w.Flags = maps.Clone(w.Flags)
	}
	if bits&cwCounters != 0 {
		w.Counters = maps.Clone(w.Counters)
	}
	if bits&cwDone != 0 {
		w.Done = maps.Clone(w.Done)
	}
	if bits&cwThings != 0 {
		w.Things = maps.Clone(w.Things)
	}
	if bits&cwTexts != 0 {
		w.Texts = maps.Clone(w.Texts)
	}
	if bits&cwWounds != 0 {
		w.Wounds = maps.Clone(w.Wounds)
	}
	if bits&cwHostile != 0 {
		w.Hostile = maps.Clone(w.Hostile)
	}
}

func copyPlayerMaps(p *PlayerState, bits uint32) {
	if bits&cpWorn != 0 {
		p.Worn = maps.Clone(p.Worn)
	}
	if bits&cpVisited != 0 {
		p.Visited = maps.Clone(p.Visited)
	}
	if bits&cpMineFlags != 0 {
		p.Mine.Flags = maps.Clone(p.Mine.Flags)
	}
	if bits&cpMineCounters != 0 {
		p.Mine.Counters = maps.Clone(p.Mine.Counters)
	}
	if bits&cpMineDone != 0 {
		p.Mine.Done = maps.Clone(p.Mine.Done)
	}
	if bits&cpMineTexts != 0 {
		p.Mine.Texts = maps.Clone(p.Mine.Texts)
	}
}

package driver

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
)

// State is everything about one player's game that changes while it is
// played: the world's shared part and the player's own. The *story.Story is
// never mutated, so undo, restart and save are copies of these two small
// structs. Both are embedded, so a save is one flat JSON object as it was
// before the split, and maps marshal with sorted keys, so a save of the
// same game is the same bytes.
//
// A committed State is never changed in place: a turn works on a copy on
// write (cow.go) and, when it succeeds, the world and the player take its
// parts. That is what lets an undo entry share maps with the world, and
// a turn share every map it does not write.
type State struct {
	*WorldState
	*PlayerState
}

// WorldState is what every player of a world shares (see doc.go for the
// line between the two).
type WorldState struct {
	Items    map[string]string `json:"items"`    // item id → location, container, npc, a player's holder id ("player:<id>") or "nowhere"
	Doors    map[string]string `json:"doors"`    // door id → "open", "closed", "locked"
	Boxes    map[string]Box    `json:"boxes"`    // container item id → open/locked
	Hidden   map[string]bool   `json:"hidden"`   // "location.exit" → hidden; absent: the story's default
	NPCs     map[string]string `json:"npcs"`     // npc id → location or "nowhere"
	Flags    map[string]bool   `json:"flags"`    // only set flags are stored
	Counters map[string]int    `json:"counters"` // absent counters read as 0
	Done     map[string]bool   `json:"done"`     // once-only rules, actions, options, reactions and awards already used
	Things   map[string]bool   `json:"things"`   // "<thing id>.<state>" → differs from the story's start (thingstate.go)
	Texts    map[string]int    `json:"texts"`    // varying text's [one of] → how often shown (text.go)
	Queue    []Scheduled       `json:"queue"`    // timed events, ordered by tick then by scheduling order

	Ticks int `json:"ticks"` // game time; the clock is start + Ticks × minutes per tick

	Wounds  map[string]int  `json:"wounds"`  // npc id → damage taken; absent: unhurt
	Hostile map[string]bool `json:"hostile"` // npcs turned hostile by being attacked

	RNG RNG `json:"rng"`

	// In a shared world: the one score of a story whose score is the
	// world's, and the world-scope ending that ended it for everyone
	// (players who join later read it too). Never set in IF mode.
	TeamScore int    `json:"team_score,omitempty"`
	Over      string `json:"over,omitempty"`
}

// PlayerState is what belongs to one player alone.
type PlayerState struct {
	Location string          `json:"location"`
	Worn     map[string]bool `json:"worn"` // items the player wears
	Visited  map[string]bool `json:"visited"`

	Score int `json:"score"`
	Turns int `json:"turns"` // commands that took game time

	// The player's fighting figures, in stories whose player has stats
	// (MaxHP is 0 in stories without combat).
	HP      int    `json:"hp"`
	MaxHP   int    `json:"max_hp"`
	Attack  int    `json:"attack"`
	Defence int    `json:"defence"` // without armour
	Level   int    `json:"level"`
	XP      int    `json:"xp"`
	Gold    int    `json:"gold"`
	Wielded string `json:"wielded"` // item id of the weapon in hand, or ""

	Verbosity string `json:"verbosity"`  // "verbose", "brief", "superbrief"
	Ended     string `json:"ended"`      // ending id once the story is over
	Menu      *Menu  `json:"menu"`       // the conversation menu on screen, if any
	NotifyOff bool   `json:"notify_off"` // "notify off": score changes are not announced

	Mine Mine `json:"mine,omitzero"` // what the story made each player's own (shared.go)
}

// Mine is what a story declared each player's own (scope: player) in a
// shared world: flags, counters, the awards already given, and timed
// events that run on the player's own moves. It stays empty in IF mode,
// where every scope is kept as the world's (with one player the two are
// the same), so an IF game and its saves are as they always were. Maps
// are made on first write.
type Mine struct {
	Flags    map[string]bool `json:"flags,omitempty"`
	Counters map[string]int  `json:"counters,omitempty"`
	Done     map[string]bool `json:"done,omitempty"`  // awards given to this player
	Texts    map[string]int  `json:"texts,omitempty"` // where this player's varying texts have got to
	Queue    []Scheduled     `json:"queue,omitempty"` // At counts the player's Turns
}

// Box is a container's changeable state.
type Box struct {
	Open   bool `json:"open"`
	Locked bool `json:"locked"`
}

// Scheduled is a timed event waiting for its tick.
type Scheduled struct {
	Event string `json:"event"`
	At    int    `json:"at"`
}

// Menu is an open conversation menu: which NPC, which of its menus, and the
// options shown (indexes into story.Menu.Options), so that "2" means what
// the player saw as 2 even if conditions change meanwhile.
type Menu struct {
	NPC   string `json:"npc"`
	ID    string `json:"id"`
	Shown []int  `json:"shown"`
}

// RNG is the world's one random generator (PCG: small, fast and
// serialisable, so a restored game goes on drawing the same numbers).
type RNG struct{ rand.PCG }

// IntN draws from [0, n) without bias.
func (r *RNG) IntN(n int) int { return rand.New(&r.PCG).IntN(n) }

// MarshalJSON stores the generator's internal state.
func (r RNG) MarshalJSON() ([]byte, error) {
	b, err := r.PCG.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return json.Marshal(b)
}

// UnmarshalJSON restores what MarshalJSON stored.
func (r *RNG) UnmarshalJSON(data []byte) error {
	var b []byte
	if err := json.Unmarshal(data, &b); err != nil {
		return err
	}
	return r.PCG.UnmarshalBinary(b)
}

// Clone copies the state deeply enough that changing the copy never
// changes the original: maps, the queues and the menu. A turn works on a
// copy on write instead (cow.go), which copies a map only when it
// writes it.
func (s *State) Clone() *State {
	return &State{WorldState: s.WorldState.Clone(), PlayerState: s.PlayerState.Clone()}
}

// Clone copies the world's part; see State.Clone.
func (s *WorldState) Clone() *WorldState {
	c := *s
	c.Queue = slices.Clone(s.Queue)
	copyWorldMaps(&c, cwAllWorld)
	return &c
}

// Clone copies the player's part; see State.Clone.
func (s *PlayerState) Clone() *PlayerState {
	c := *s
	c.Mine.Queue = slices.Clone(s.Mine.Queue)
	if s.Menu != nil {
		m := *s.Menu
		m.Shown = slices.Clone(s.Menu.Shown)
		c.Menu = &m
	}
	copyPlayerMaps(&c, cpAllPlayer)
	return &c
}

// fillNil makes a decoded state safe to write to: JSON null maps decode as
// nil, and writing to a nil map panics.
func (s *State) fillNil() {
	if s.WorldState == nil {
		s.WorldState = &WorldState{}
	}
	if s.PlayerState == nil {
		s.PlayerState = &PlayerState{}
	}
	for _, m := range []*map[string]bool{&s.Worn, &s.Hidden, &s.Flags, &s.Done, &s.Visited, &s.Hostile, &s.Things} {
		if *m == nil {
			*m = map[string]bool{}
		}
	}
	for _, m := range []*map[string]string{&s.Items, &s.Doors, &s.NPCs} {
		if *m == nil {
			*m = map[string]string{}
		}
	}
	if s.Boxes == nil {
		s.Boxes = map[string]Box{}
	}
	for _, m := range []*map[string]int{&s.Counters, &s.Texts} {
		if *m == nil {
			*m = map[string]int{}
		}
	}
	if s.Wounds == nil {
		s.Wounds = map[string]int{}
	}
	if s.Verbosity == "" {
		s.Verbosity = "verbose"
	}
}

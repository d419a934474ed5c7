package driver

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"
)

// State is everything about a game that changes while it is played. The
// *story.Story is never mutated, so undo, restart and save are copies of
// this one small struct. Maps marshal with sorted keys, so a save of the
// same game is the same bytes.
type State struct {
	Location string            `json:"location"`
	Items    map[string]string `json:"items"`    // item id → location, container, npc, "player" or "nowhere"
	Worn     map[string]bool   `json:"worn"`     // items the player wears
	Doors    map[string]string `json:"doors"`    // door id → "open", "closed", "locked"
	Boxes    map[string]Box    `json:"boxes"`    // container item id → open/locked
	Hidden   map[string]bool   `json:"hidden"`   // "location.exit" → hidden; absent: the story's default
	NPCs     map[string]string `json:"npcs"`     // npc id → location or "nowhere"
	Flags    map[string]bool   `json:"flags"`    // only set flags are stored
	Counters map[string]int    `json:"counters"` // absent counters read as 0
	Done     map[string]bool   `json:"done"`     // once-only rules, actions, options, reactions and awards already used
	Visited  map[string]bool   `json:"visited"`
	Queue    []Scheduled       `json:"queue"` // timed events, ordered by tick then by scheduling order

	Score int `json:"score"`
	Turns int `json:"turns"` // commands that took game time
	Ticks int `json:"ticks"` // game time; the clock is start + Ticks × minutes per tick

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

	Wounds  map[string]int  `json:"wounds"`  // npc id → damage taken; absent: unhurt
	Hostile map[string]bool `json:"hostile"` // npcs turned hostile by being attacked

	Verbosity string `json:"verbosity"` // "verbose", "brief", "superbrief"
	Ended     string `json:"ended"`     // ending id once the story is over
	Menu      *Menu  `json:"menu"`      // the conversation menu on screen, if any

	RNG RNG `json:"rng"`
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
// changes the original. It runs before every command (for atomicity and
// undo), so it copies maps and nothing more.
func (s *State) Clone() *State {
	c := *s
	c.Items = maps.Clone(s.Items)
	c.Worn = maps.Clone(s.Worn)
	c.Doors = maps.Clone(s.Doors)
	c.Boxes = maps.Clone(s.Boxes)
	c.Hidden = maps.Clone(s.Hidden)
	c.NPCs = maps.Clone(s.NPCs)
	c.Flags = maps.Clone(s.Flags)
	c.Counters = maps.Clone(s.Counters)
	c.Done = maps.Clone(s.Done)
	c.Visited = maps.Clone(s.Visited)
	c.Wounds = maps.Clone(s.Wounds)
	c.Hostile = maps.Clone(s.Hostile)
	c.Queue = slices.Clone(s.Queue)
	if s.Menu != nil {
		m := *s.Menu
		m.Shown = slices.Clone(s.Menu.Shown)
		c.Menu = &m
	}
	return &c
}

// fillNil makes a decoded state safe to write to: JSON null maps decode as
// nil, and writing to a nil map panics.
func (s *State) fillNil() {
	for _, m := range []*map[string]bool{&s.Worn, &s.Hidden, &s.Flags, &s.Done, &s.Visited, &s.Hostile} {
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
	if s.Counters == nil {
		s.Counters = map[string]int{}
	}
	if s.Wounds == nil {
		s.Wounds = map[string]int{}
	}
	if s.Verbosity == "" {
		s.Verbosity = "verbose"
	}
}

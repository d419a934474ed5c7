package story

import (
	"slices"
	"strings"
)

// A thing's state is tested with `thing: X` + `is: S` and changed with
// `now: X` + `is: S`. S is one of the states below or one of the thing's
// own properties, optionally after "not ". The driver keeps the state; the
// story only says which states a thing can have.

// Built-in states.
const (
	StateLit      = "lit"      // a light source that gives light
	StateUnlit    = "unlit"    // not lit
	StateOpen     = "open"     // a door or container
	StateClosed   = "closed"   // not open (locked things are closed too)
	StateLocked   = "locked"   // a door or container
	StateUnlocked = "unlocked" // not locked
	StateWorn     = "worn"     // a wearable item the player wears
	StateHeld     = "held"     // an item the player carries, also inside what they carry
)

// conditionOnly are states a story can test but not set: what a player
// wears or holds is changed by what they do (or by move:).
var conditionOnly = []string{StateWorn, StateHeld}

// builtinStates are the built-in state words, which a property may not reuse.
var builtinStates = []string{StateLit, StateUnlit, StateOpen, StateClosed, StateLocked, StateUnlocked, StateWorn, StateHeld}

// SplitIs reads an `is:` value: "not lit" is ("lit", true).
func SplitIs(is string) (state string, negated bool) {
	f := strings.Fields(is)
	if len(f) == 2 && f[0] == "not" {
		return f[1], true
	}
	return strings.TrimSpace(is), false
}

// StatesOf lists the states the thing with this id can be in, built-in
// ones first, then its properties in name order. It is empty for an id
// that is no item, door or npc.
func (s *Story) StatesOf(id string) []string {
	var out []string
	if it := s.Items[id]; it != nil {
		if it.LightSource || it.Lit {
			out = append(out, StateLit, StateUnlit)
		}
		if it.Container != nil {
			out = append(out, StateOpen, StateClosed, StateLocked, StateUnlocked)
		}
		if it.Wearable || it.Armour != nil {
			out = append(out, StateWorn)
		}
		out = append(out, StateHeld)
		return append(out, keys(it.Properties)...)
	}
	if s.Doors[id] != nil {
		return []string{StateOpen, StateClosed, StateLocked, StateUnlocked}
	}
	if n := s.NPCs[id]; n != nil {
		return keys(n.Properties)
	}
	return nil
}

// Settable says whether an effect may put a thing into the state.
func Settable(state string) bool { return !slices.Contains(conditionOnly, state) }

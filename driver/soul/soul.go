// Package soul holds the social verbs (emotes) a player can use to show
// feelings without changing the world: smile, wave, hug, … Each verb knows
// its default adverb, whether it takes someone as a target, and how to say
// what happened from the three points of view that matter: the actor, the
// target and everyone else watching.
package soul

import (
	"sort"
	"sync"
)

// Need says whether a social verb takes a target.
type Need uint8

const (
	NoTarget       Need = iota // "yawn": nobody to yawn at
	OptionalTarget             // "smile" or "smile at the keeper"
	NeedsTarget                // "hug": hugging nobody makes no sense
)

// Verb is one social verb.
//
// Templates are written from the onlooker's side and rewritten for each
// viewer by Messages. Placeholders:
//
//	{A}     the actor as subject ("You" / "Wren")
//	{Apos}  the actor's possessive ("your" / "her")
//	{Aself} the actor's reflexive ("yourself" / "herself")
//	{T}     the target ("the keeper" / "you" / "herself")
//	{Tpos}  the target's possessive ("the keeper's" is wrong English for a
//	        body part, so this is "his" / "your" / "her own")
//	{how}   " happily", or nothing when there is no adverb
//	word$   a verb the actor does: "smile$" is "smile" for the actor and
//	        "smiles" for everyone else
type Verb struct {
	Name   string
	Adverb string // the adverb used when the player gives none; may be empty
	Target Need
	Alone  string // template without a target; empty when Target is NeedsTarget
	With   string // template with a target; empty when Target is NoTarget
}

// byName finds a verb by any word for it; made on first use (adverbs).
var byName = sync.OnceValue(func() map[string]*Verb {
	verbs := table()
	m := make(map[string]*Verb, len(verbs))
	for i := range verbs {
		m[verbs[i].Name] = &verbs[i]
	}
	for alias, name := range aliases() {
		m[alias] = m[name]
	}
	return m
})

var names = sync.OnceValue(func() []string {
	byName := byName()
	out := make([]string, 0, len(byName))
	for n := range byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
})

// Lookup finds a social verb by the word the player typed; spelling
// variants ("apologize", "curtsy") give the same verb under its own name.
func Lookup(verb string) (Verb, bool) {
	v, ok := byName()[verb]
	if !ok {
		return Verb{}, false
	}
	return *v, true
}

// Verbs lists every word that names a social verb, aliases included,
// sorted; for help and Tab completion.
func Verbs() []string {
	return append([]string(nil), names()...)
}

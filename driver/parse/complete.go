package parse

import (
	"sort"
	"strings"

	"github.com/tale-if/tale/driver/soul"
)

// Verbs lists every built-in verb word (abbreviations too), sorted, for
// help and Tab completion. Social verbs are in soul.Verbs.
func Verbs() []string {
	out := make([]string, 0, len(theGrammar().byFirst))
	for w := range theGrammar().byFirst {
		out = append(out, w)
	}
	out = append(out, lineWords[:]...)
	for w := range directions {
		out = append(out, w)
	}
	return sortedUnique(out)
}

// lineWords are the verbs that work on the lines typed before, outside
// the grammar (again.go).
var lineWords = [...]string{"again", "g", "oops", "o"}

// IsVerb says whether w is one of Verbs, without listing and sorting
// them all: the driver asks it of each verb a story adds.
func IsVerb(w string) bool {
	if _, ok := directions[w]; ok || theGrammar().byFirst[w] != nil {
		return true
	}
	for _, l := range lineWords {
		if w == l {
			return true
		}
	}
	return false
}

// Complete finishes the last word of prefix for Tab completion and
// returns whole lines, sorted and without repeats. The first word
// completes from verbs (built-in, soul and story), directions and exits;
// later words from the names of things in scope and the exits.
func Complete(prefix string, scope Scope) []string {
	cut := strings.LastIndexAny(prefix, " \t") + 1
	head, last := prefix[:cut], strings.ToLower(prefix[cut:])
	var cands []string
	add := func(w string) {
		if strings.HasPrefix(w, last) && w != "" {
			cands = append(cands, head+w)
		}
	}
	first := strings.TrimSpace(head) == ""
	if first {
		for w := range theGrammar().byFirst {
			if !shorthand[w] {
				add(w)
			}
		}
		for _, w := range soul.Verbs() {
			add(w)
		}
		for _, v := range scope.Verbs {
			add(strings.ToLower(v))
		}
		for _, d := range []string{"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "up", "down", "again", "oops"} {
			add(d)
		}
	} else if movers[strings.ToLower(strings.Fields(head)[0])] {
		for _, d := range []string{"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "up", "down", "in", "out"} {
			add(d)
		}
	} else {
		for i := range scope.Nouns {
			n := &scope.Nouns[i]
			for _, w := range n.Words {
				addFields(w, add)
			}
			for _, a := range n.Adjectives {
				addFields(a, add)
			}
			addFields(strings.ToLower(n.Name), add)
		}
	}
	for _, e := range scope.Exits {
		add(strings.ToLower(e))
	}
	return sortedUnique(cands)
}

// shorthand are abbreviations players type instead of a verb; offering
// them as completions of what the player is spelling out would only get in
// the way ("ex" should complete to "examine", not to "exa").
var shorthand = map[string]bool{"x": true, "exa": true, "l": true, "i": true, "inv": true, "q": true, "z": true, "y": true, "?": true}

// movers are verbs after which only a way out makes sense.
var movers = map[string]bool{"go": true, "walk": true, "run": true, "head": true, "travel": true}

func addFields(s string, add func(string)) {
	for _, f := range strings.Fields(s) {
		if !isArticle(f) {
			add(f)
		}
	}
}

func sortedUnique(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, w := range s {
		if i == 0 || w != s[i-1] {
			out = append(out, w)
		}
	}
	return out
}

package dungeon

import (
	"math/rand/v2"
	"strings"
)

// namer composes room names and descriptions from a theme, never giving a
// room the name of another room on its level or the feature of a room it
// connects to (as long as the tables have enough words for that).
type namer struct {
	rng  *rand.Rand
	th   theme
	used map[string]bool // names already given on this level
}

type roomText struct {
	name, feature, atmosphere string
}

func (nm namer) compose(corridor bool, neighbours []roomText) roomText {
	nouns := nm.th.Rooms
	if corridor {
		nouns = nm.th.Corridors
	}
	var best roomText
	// A handful of tries is plenty: the tables are several times larger
	// than a room's number of neighbours.
	for try := 0; try < 32; try++ {
		adj, noun := pick(nm.rng, nm.th.Adjectives), pick(nm.rng, nouns)
		if strings.Contains(noun, adj) {
			continue // "low low tunnel"
		}
		t := roomText{
			name:       titleCase(adj + " " + noun),
			feature:    pick(nm.rng, nm.th.Features),
			atmosphere: pick(nm.rng, nm.th.Atmosphere),
		}
		best = t
		if !nm.used[t.name] && !clashes(t, neighbours) {
			break
		}
	}
	nm.used[best.name] = true
	return best
}

func clashes(t roomText, neighbours []roomText) bool {
	for _, n := range neighbours {
		if n.name == t.name || n.feature == t.feature {
			return true
		}
	}
	return false
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

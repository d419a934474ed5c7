package parse

import (
	"fmt"
	_ "github.com/tale-if/tale/internal/goldenflag" // accept go test ./... -update
	"testing"
)

// benchScope is a busy location: thirty things, people and scenery.
func benchScope() Scope {
	var s Scope
	adjs := []string{"red", "blue", "green", "old", "small", "large"}
	kinds := []string{"box", "coin", "book", "cup", "rope"}
	for i := 0; i < 26; i++ {
		s.Nouns = append(s.Nouns, Noun{
			ID: fmt.Sprint("n", i), Kind: Thing, Here: i%3 != 0, Held: i%3 == 0,
			Name:       adjs[i%len(adjs)] + " " + kinds[i%len(kinds)],
			Words:      []string{kinds[i%len(kinds)]},
			Adjectives: []string{adjs[i%len(adjs)]},
		})
	}
	s.Nouns = append(s.Nouns,
		Noun{ID: "lamp", Kind: Thing, Name: "brass lamp", Words: []string{"lamp", "lantern"}, Adjectives: []string{"brass"}, Here: true},
		Noun{ID: "keeper", Kind: Person, Name: "keeper", Words: []string{"keeper", "man"}, Gender: "m", Here: true},
		Noun{ID: "wren", Kind: Person, Name: "Wren", Words: []string{"wren", "woman"}, Gender: "f", Here: true},
		Noun{ID: "me", Kind: Self, Name: "yourself", Words: []string{"me"}},
	)
	s.Exits = []string{"north", "south", "gate"}
	return s
}

func BenchmarkParse(b *testing.B) {
	scope := benchScope()
	for _, line := range []string{"take the brass lamp", "put lamp in red box", "n", "smile happily at wren"} {
		b.Run(line, func(b *testing.B) {
			p := New()
			b.ReportAllocs()
			for b.Loop() {
				r := p.Parse(line, scope)
				if r.Command == nil {
					b.Fatal(r)
				}
			}
		})
	}
}

package driver

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/tale-if/tale/driver/parse"
)

// The scope the parser gets, kept from the last command when the world's
// maps are the same, is always the scope worked out afresh.
func TestKeptScopeIsTheScopeAfresh(t *testing.T) {
	hits := 0
	for seed := range uint64(8) {
		r := rand.New(rand.NewPCG(seed, 2))
		h := newHarness(t, testStory())
		for range 300 {
			line := cowVocabulary[r.IntN(len(cowVocabulary))]
			h.do(line)
			v := h.g.view(h.g.you())
			before := h.g.scopeBuf.ok
			got := v.scope()
			if before && h.g.scopeBuf.ok {
				hits++
			}
			want := v.buildScope(&scopeBufs{})
			if !sameScope(got, want) {
				t.Fatalf("seed %d, after %q: the scope kept is\n%+v\nafresh it is\n%+v", seed, line, got, want)
			}
			if h.g.you().own.Ended != "" {
				break
			}
		}
	}
	if hits == 0 {
		t.Log("no command left the scope's maps as they were") // the test then only checks the building
	}
}

// sameScope compares scopes as the parser reads them: no exits and an
// empty list of them are the same.
func sameScope(a, b parse.Scope) bool {
	return reflect.DeepEqual(a.Nouns, b.Nouns) && slicesEqualNil(a.Verbs, b.Verbs) && slicesEqualNil(a.Exits, b.Exits)
}

func slicesEqualNil(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// Two scopes asked for with nothing played between are one: the second
// is the kept one.
func TestScopeIsKeptWhileNothingChanges(t *testing.T) {
	h := newHarness(t, testStory())
	v := h.g.view(h.g.you())
	first := v.scope()
	second := v.scope()
	if &first.Nouns[0] != &second.Nouns[0] || !h.g.scopeBuf.ok {
		t.Error("the scope was worked out again for the same state")
	}
	h.do("take lamp")
	v = h.g.view(h.g.you())
	third := v.scope()
	for _, n := range third.Nouns {
		if n.ID == idItem+"lamp" && !n.Held {
			t.Error("after take lamp the kept scope still has the lamp on the floor")
		}
	}
}

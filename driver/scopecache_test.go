package driver

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/tale-if/tale/driver/parse"
)

// The cached scope is never stale: after every command of random games
// (moving, taking, opening, lighting, undoing, in a dark cellar and with
// a cat wandering every turn) the scope the parser is given is exactly
// the one built afresh, and the cache is used, so the comparison counts.
func TestCachedScopeIsNeverStale(t *testing.T) {
	hits := 0
	for seed := range uint64(8) {
		r := rand.New(rand.NewPCG(seed, 2))
		s := testStory()
		s.Locations["cellar"].Dark = true
		s.Items["lamp"].LightSource = true
		h := newHarness(t, s, func(o *Options) { o.UndoLevels = 1000 })
		for i := range 300 {
			line := cowVocabulary[r.IntN(len(cowVocabulary))]
			h.do(line)
			tn := h.g.view(h.g.you())
			b := &h.g.scopeBuf
			_, hit := b.cached(tn)
			got := cloneScope(tn.scope())
			if hit {
				hits++
			}
			var fresh scopeBufs
			if want := tn.buildScope(&fresh); !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d, command %d %q: cached scope\n%+v\nfresh scope\n%+v", seed, i, line, got, want)
			}
			if h.g.you().own.Ended != "" {
				break
			}
		}
	}
	if hits == 0 {
		t.Fatal("the scope was never taken from the cache")
	}
}

// A scene a test sets by changing the committed state in place (st) is
// seen by the next command, though no map was replaced.
func TestScopeSeesAnInPlaceEdit(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("look")
	h.do("look") // the scope is cached now
	h.g.st().Items["book"] = youHold
	h.expect("read book", "THE WAY HOME IS UP")
}

func cloneScope(sc parse.Scope) parse.Scope {
	return parse.Scope{Nouns: append([]parse.Noun(nil), sc.Nouns...), Verbs: append([]string(nil), sc.Verbs...),
		Exits: append([]string(nil), sc.Exits...)}
}

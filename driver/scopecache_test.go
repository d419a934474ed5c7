package driver

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/tale-if/tale/driver/parse"
)

// The cached scope and status lists are never stale: after every command of random games
// (moving, taking, opening, lighting, undoing, in a dark cellar and with
// a cat wandering every turn) the scope the parser is given is exactly
// the one built afresh, and so is the status, and the caches are used,
// so the comparison counts.
func TestCachedScopeIsNeverStale(t *testing.T) {
	hits, statusHits := 0, 0
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
			// The status's item lists, kept the same way.
			before := h.g.statusBuf.itemsFrom
			stGot := tn.status()
			if before.valid && h.g.statusBuf.itemsFrom == before {
				statusHits++ // listed from the cache
			}
			h.g.statusBuf.itemsFrom = statusItemsKey{}
			if stWant := tn.status(); !reflect.DeepEqual(stGot, stWant) {
				t.Fatalf("seed %d, command %d %q: cached status\n%+v\nfresh status\n%+v", seed, i, line, stGot, stWant)
			}
			if h.g.you().own.Ended != "" {
				break
			}
		}
	}
	if hits == 0 || statusHits == 0 {
		t.Fatalf("the caches were never used: scope %d times, status %d", hits, statusHits)
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

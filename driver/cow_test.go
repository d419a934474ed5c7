package driver

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
)

// committedJSON is the committed state of the harness's player.
func committedJSON(t *testing.T, h *harness) string {
	return stateJSON(t, &State{WorldState: h.g.world, PlayerState: h.g.you().own})
}

// A command that changes three things, each in a map the turn copies only
// when it writes it, and then panics leaves all three as they were.
func TestPanicAfterThreeChangesLeavesThemAsTheyWere(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	before := committedJSON(t, h)
	world, own := h.g.world, h.g.you().own
	h.g.verbs[parse.Sing] = verb{do: func(tn *turn, _ *parse.Command) error {
		tn.now("lamp", story.StateLit)                       // Things
		tn.writablePlayer(cpVisited).Visited["tower"] = true // Visited
		tn.writableWorld(cwDone).Done["rules.never"] = true  // Done
		if !tn.is("lamp", story.StateLit) || !tn.st.Visited["tower"] || !tn.st.Done["rules.never"] {
			t.Error("the turn does not see its own changes")
		}
		panic("after three changes")
	}}
	h.expect("sing", "Something went wrong with that command; nothing happened.")
	if after := committedJSON(t, h); after != before {
		t.Errorf("the failed command changed the world:\nbefore %s\nafter  %s", before, after)
	}
	if got := stateJSON(t, &State{WorldState: world, PlayerState: own}); got != before {
		t.Errorf("the failed command changed the committed state in place:\nbefore %s\nafter  %s", before, got)
	}
	h.expect("examine lamp", "battered lamp")
	if h.g.st().Things[stateKey("lamp", story.StateLit)] {
		t.Error("the lamp is lit after the failed command")
	}
}

// Undo after a turn that wrote maps it shared until then gives back the
// state before it exactly, and the state that turn started from was never
// written.
func TestUndoAfterCopyOnWriteTurnRestoresExactly(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("look")
	before := committedJSON(t, h)
	world, own := h.g.world, h.g.you().own
	h.expect("take lamp", "Taken.") // marks the lamp handled, in Things
	if !h.g.st().Things[stateKey("lamp", handledState)] {
		t.Fatal("taking the lamp did not mark it handled")
	}
	if got := stateJSON(t, &State{WorldState: world, PlayerState: own}); got != before {
		t.Errorf("the turn changed the state it started from:\nbefore %s\nafter  %s", before, got)
	}
	h.expect("undo", "You take back your last move.")
	if after := committedJSON(t, h); after != before {
		t.Errorf("undo did not restore the state:\nbefore %s\nafter  %s", before, after)
	}
}

// A turn that writes nothing but the clock and the things it always
// copies shares every copy-on-write map with the state before it.
func TestLookingCopiesNoLazyMap(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("look")
	things, visited := h.g.world.Things, h.g.you().own.Visited
	h.do("examine statue")
	if !sameMap(h.g.world.Things, things) {
		t.Error("examine copied Things")
	}
	if h.g.eager.player&cpVisited == 0 && !sameMap(h.g.you().own.Visited, visited) {
		t.Error("examine copied Visited")
	}
}

// sameMap reports whether a and b are the same map, not just equal.
func sameMap[K comparable, V any](a, b map[K]V) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// cowVocabulary are the commands the property test draws from: moves,
// takes and drops, doors, boxes, light, clothes, talk, waiting, undo,
// refusals, nonsense, and a command that panics after changing things.
var cowVocabulary = []string{
	"n", "s", "e", "w", "u", "d", "out", "look", "examine lamp", "take lamp", "drop lamp",
	"take all", "drop all", "open box", "close box", "take key", "unlock door with key", "open door",
	"close door", "lock door with key", "light lamp", "extinguish lamp", "wear cloak", "take off cloak",
	"take cloak", "take apple", "eat apple", "put lamp on table", "take cup", "i", "wait", "z", "undo",
	"undo", "talk to keeper", "1", "2", "ask keeper about key", "give apple to keeper", "pet cat",
	"xyzzy", "take statue", "score", "sing", "push rope", "pull rope", "climb rope",
}

// The same random commands give the same events and the same states with
// copy on write and recycled turns as with every map copied at the start
// of every turn, each a new one, and no committed state is ever changed
// afterwards (as it would be if one lay in a turn used again).
func TestCopyOnWriteMatchesFullCopy(t *testing.T) {
	for seed := range uint64(8) {
		r := rand.New(rand.NewPCG(seed, 1))
		lines := make([]string, 300)
		for i := range lines {
			lines[i] = cowVocabulary[r.IntN(len(cowVocabulary))]
		}
		cw := newHarness(t, testStory(), func(o *Options) { o.UndoLevels = 1000 })
		full := newHarness(t, testStory(), func(o *Options) { o.UndoLevels = 1000 })
		full.g.eager = eagerMaps{world: cwAllWorld, player: cpAllPlayer}
		full.g.noRecycle = true // and a new turn for every command, as before turns were kept
		for _, h := range []*harness{cw, full} {
			h.g.verbs[parse.Sing] = verb{do: func(tn *turn, _ *parse.Command) error {
				tn.now("lamp", story.StateLit)
				tn.writablePlayer(cpVisited).Visited["pond"] = true
				tn.writableWorld(cwItems).Items["anvil"] = tn.st.Location
				panic("sing")
			}}
		}
		type kept struct {
			st   *State
			json string
		}
		var committed []kept
		for i, line := range lines {
			a, b := cw.do(line), full.do(line)
			if a != b {
				t.Fatalf("seed %d, command %d %q: copy on write said\n%s\nfull copy said\n%s", seed, i, line, a, b)
			}
			if ja, jb := committedJSON(t, cw), committedJSON(t, full); ja != jb {
				t.Fatalf("seed %d, command %d %q: states differ:\ncopy on write %s\nfull copy     %s", seed, i, line, ja, jb)
			}
			st := &State{WorldState: cw.g.world, PlayerState: cw.g.you().own}
			committed = append(committed, kept{st, stateJSON(t, st)})
			if strings.Contains(a, "The story is over") || cw.g.you().own.Ended != "" {
				break
			}
		}
		for i, k := range committed {
			if now := stateJSON(t, k.st); now != k.json {
				t.Fatalf("seed %d: the state committed by command %d (%q) changed later:\nthen %s\nnow  %s", seed, i, lines[i], k.json, now)
			}
		}
	}
}

// BenchmarkTurnState is the cost of a turn's working state alone: copy
// on write against the full copy each turn made before.
func BenchmarkTurnState(b *testing.B) {
	for _, mode := range []struct {
		name  string
		eager eagerMaps
	}{{"cow", defaultEager}, {"full", eagerMaps{world: cwAllWorld, player: cpAllPlayer}}} {
		b.Run(mode.name, func(b *testing.B) {
			h := newHarness(b, testStory())
			h.g.eager = mode.eager
			b.ReportAllocs()
			for b.Loop() {
				h.g.newTurn(h.g.you(), "")
			}
		})
	}
}

package driver

import (
	"reflect"
	"testing"

	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/tio"
)

// What is worked out from the story on first use belongs to the story
// being played: after a restore switches a dungeon to another seed's
// generation, every part equals what that story makes afresh, and none
// is the seed it replaced.
func TestLazyPartsAreThePlayedStorys(t *testing.T) {
	dir := t.TempDir()
	seed7, seed8 := uint64(7), uint64(8)
	a := newHarness(t, dungeonStory(t), func(o *Options) { o.Seed, o.DataDir = &seed7, dir })
	a.do("take all")
	a.expect("save trip", "Game saved.")

	b := newHarness(t, dungeonStory(t), func(o *Options) { o.Seed, o.DataDir = &seed8, dir })
	b.do("take all") // the seed-8 dungeon's nouns, keys and exits are made
	w := b.g.World
	w.doorRooms()
	before := w.story
	b.expect("restore trip", "Game restored.")
	b.do("look")
	b.do("take all")
	if w.story == before {
		t.Fatal("the restore did not switch the generation; the test proves nothing")
	}
	checkLazyParts(t, w)
}

// checkLazyParts compares each part made on first use with what the
// played story makes afresh.
func checkLazyParts(t *testing.T, w *World) {
	t.Helper()
	s := w.story
	if want := newNounCache(s); !reflect.DeepEqual(*w.nouns(), want) {
		t.Error("the noun cache is not the played story's")
	}
	if want := indexStory(s); !reflect.DeepEqual(w.idx(), want) {
		t.Error("the once-only keys are not the played story's")
	}
	all := map[string][]exit{}
	for id, l := range s.Locations {
		all[id] = locationExits(id, l)
		if got := w.exitsAt(id); !reflect.DeepEqual(got, all[id]) {
			t.Errorf("the exits of %s are not the played story's", id)
		}
	}
	if !reflect.DeepEqual(w.doorRooms(), doorRooms(all)) {
		t.Error("the doors' rooms are not the played story's")
	}
}

// The first screen needs none of what commands need: making the demo
// game and showing its opening works out no noun cache and no once-only
// keys, which are most of what start-up spent in the driver. The first
// command makes them.
func TestNewLeavesCommandsPartsForTheFirstCommand(t *testing.T) {
	s, err := stories.Load("demo")
	if err != nil {
		t.Fatal(err)
	}
	g, err := New(s, Options{DataDir: t.TempDir(), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	if g.nounsMade != nil || g.keys != nil || len(g.exitsMade) > 1 {
		t.Errorf("New made nouns %v, keys %v, exits of %d rooms", g.nounsMade != nil, g.keys != nil, len(g.exitsMade))
	}
	g.play(tio.Line("look"))
	checkLazyParts(t, g.World)
}

package driver

import (
	"os"
	"slices"
	"testing"

	"github.com/tale-if/tale/story"
)

// A wanderer's way is drawn as it was when the ways were listed: the
// same draw from the world's generator picks the same exit of the same
// list (visible, through no closed door, inside its area), so a seed
// plays the same walks. Every location of the dungeon, with and without
// an area, over several generator states.
func TestWanderWayIsTheDrawFromTheList(t *testing.T) {
	s, err := story.Load(os.DirFS("../stories"), "dungeon")
	if err != nil {
		t.Fatal(err)
	}
	seed := uint64(3)
	h := newHarness(t, s, func(o *Options) { o.Seed = &seed })
	tn := h.g.tn()
	drawn := 0
	for _, loc := range tn.story.Order.Locations {
		var list []exit
		for _, ex := range tn.exitsOf(loc) {
			if (ex.Door == "" || tn.st.Doors[ex.Door] == "open") && tn.story.Locations[ex.To] != nil {
				list = append(list, ex)
			}
		}
		areas := [][]string{nil}
		if len(list) > 1 {
			areas = append(areas, []string{list[len(list)-1].To}) // only the last way is inside
		}
		for _, within := range areas {
			ways := slices.DeleteFunc(slices.Clone(list), func(ex exit) bool {
				return len(within) > 0 && !slices.Contains(within, ex.To)
			})
			for range 5 {
				rng := tn.st.RNG
				got, ok := tn.wanderWay(loc, within)
				if ok != (len(ways) > 0) {
					t.Fatalf("%s within %v: a way %v, want %v", loc, within, ok, len(ways) > 0)
				}
				if !ok {
					if rng != tn.st.RNG {
						t.Fatalf("%s: drew with no way to take", loc)
					}
					continue
				}
				if want := ways[rng.IntN(len(ways))]; got.key != want.key || rng != tn.st.RNG {
					t.Fatalf("%s within %v: took %s, the list's draw is %s", loc, within, got.key, want.key)
				}
				drawn++
			}
		}
	}
	if drawn == 0 {
		t.Fatal("no location had a way to wander")
	}
}

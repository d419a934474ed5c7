package driver

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tale-if/tale/driver/parse"
)

// mutate changes every field reachable from v (which must be settable):
// numbers grow, strings and bools change, maps and slices gain an element
// and change the ones they have, pointers are filled or followed. Going
// by reflection, a field added later cannot be forgotten.
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		mutate(v.Elem())
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
		for i := range v.Len() {
			mutate(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		v.SetMapIndex(reflect.ValueOf("new"+v.Type().Elem().String()), reflect.New(v.Type().Elem()).Elem())
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			mutate(e)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[RNG]() {
			v.Addr().Interface().(*RNG).IntN(1000) // its state is unexported: draw
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				mutate(v.Field(i))
			}
		}
	default:
		panic("mutate: add a case for " + v.Kind().String())
	}
}

func stateJSON(t *testing.T, st *State) string {
	t.Helper()
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Changing every field of a clone, world's and player's, leaves the
// original as it was.
func TestCloneSharesNothing(t *testing.T) {
	h := newHarness(t, testStory())
	orig := h.g.st().Clone()
	mutate(reflect.ValueOf(orig).Elem()) // every field set, every map and slice non-empty
	before := stateJSON(t, orig)
	c := orig.Clone()
	mutate(reflect.ValueOf(c).Elem())
	if stateJSON(t, c) == before {
		t.Fatal("mutate changed nothing")
	}
	if after := stateJSON(t, orig); after != before {
		t.Errorf("changing the clone changed the original:\nbefore %s\nafter  %s", before, after)
	}
}

// Undo restores every field of the world and the player after a move
// that changed them all.
func TestUndoRestoresEveryField(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	before := stateJSON(t, h.g.st())
	h.g.verbs[parse.Wait] = verb{do: func(tn *turn, _ *parse.Command) error {
		tn.writableWorld(cwAllWorld) // a handler writes maps through these (cow.go)
		tn.writablePlayer(cpAllPlayer)
		mutate(reflect.ValueOf(tn.st).Elem())
		// What the rest of the turn reads must still make sense: a real
		// place, and timed events that are not due.
		tn.st.Location = "kitchen"
		for i := range tn.st.Queue {
			tn.st.Queue[i].At = 1 << 30
		}
		return nil
	}}
	h.do("wait")
	if stateJSON(t, h.g.st()) == before {
		t.Fatal("the move changed nothing")
	}
	h.expect("undo", "You take back your last move.")
	// All but the notify setting, the player's choice of how to be told,
	// which undo keeps as it is now (TestScoreChangesAreAnnounced).
	now := h.g.st().Clone()
	if !now.NotifyOff {
		t.Error("undo took back the notify setting")
	}
	now.NotifyOff = false
	if after := stateJSON(t, now); after != before {
		t.Errorf("undo did not restore the state:\nbefore %s\nafter  %s", before, after)
	}
}

// A format 2 save, from before holder ids, restores with the player's
// things in the player's hands.
func TestFormatTwoSaveMigratesHolders(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	h.expect("save old", "Game saved.")
	path := filepath.Join(h.g.opts.DataDir, "saves", "test", "old.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	old := strings.Replace(string(data), fmt.Sprintf(`"format": %d`, saveFormat), `"format": 2`, 1)
	old = strings.ReplaceAll(old, `"`+youHold+`"`, `"player"`)
	if old == string(data) || strings.Contains(old, youHold) {
		t.Fatal("the save did not look as expected")
	}
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	h.do("drop lamp")
	h.expect("restore old", "Game restored.")
	if h.where("lamp") != youHold {
		t.Errorf("the lamp is at %q after restoring a format 2 save", h.where("lamp"))
	}
	h.expect("drop lamp", "Dropped.")
}

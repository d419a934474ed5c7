package web

import (
	"reflect"
	"testing"

	"github.com/tale-if/tale/tio"
)

// TestSameStateSeesEveryField: a state that differs from another in any
// one field is not the same, so no tab is ever shown another's sidebar;
// a field added to tio.State fails this until sameState compares it.
func TestSameStateSeesEveryField(t *testing.T) {
	base := tio.State{Story: "s", Location: "l", LocationImage: "i", Exits: []string{"n"}, Items: []string{"lamp"},
		NPCs: []string{"cat"}, Players: []string{"ann"}, Inventory: []string{"key"}, Turns: 1, Score: 2, MaxScore: 3,
		Clock: "noon", HP: 4, MaxHP: 5, Level: 6}
	same := base
	same.Exits = append([]string(nil), base.Exits...) // equal, not the same array
	if !sameState(&base, &same) {
		t.Fatal("equal states are not the same")
	}
	typ := reflect.TypeFor[tio.State]()
	for i := range typ.NumField() {
		other := base
		f := reflect.ValueOf(&other).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Int:
			f.SetInt(f.Int() + 1)
		case reflect.Slice:
			f.Set(reflect.ValueOf(append(append([]string(nil), f.Interface().([]string)...), "x")))
		default:
			t.Fatalf("field %s: a %s, which this test cannot change", typ.Field(i).Name, f.Kind())
		}
		if sameState(&base, &other) {
			t.Errorf("states that differ in %s are the same", typ.Field(i).Name)
		}
	}
}

// TestLookCacheSharesEqualStates: two tabs whose snapshots carry equal
// states keep one of them; a different state is its own.
func TestLookCacheSharesEqualStates(t *testing.T) {
	var lc lookCache
	a := &tio.State{Location: "Hall", Exits: []string{"north"}}
	b := &tio.State{Location: "Hall", Exits: []string{"north"}}
	c := &tio.State{Location: "Hall", Exits: []string{"south"}}
	if lc.share(a) != a || lc.share(b) != a {
		t.Error("an equal state was not shared")
	}
	if lc.share(c) != c || lc.share(a) != a {
		t.Error("a different state was shared")
	}
}

package story

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestLoadValidStory(t *testing.T) {
	s, err := LoadDir("testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "valid" {
		t.Errorf("ID = %q, want the folder name valid", s.ID)
	}
	wantOrder := Order{
		Locations: []string{"shore", "yard", "lamp_room"},
		Items:     []string{"note", "key", "chest", "matches"},
		Doors:     []string{"tower_door"},
		NPCs:      []string{"keeper"},
		Events:    []string{},
		Flags:     []string{},
		Counters:  []string{},
	}
	if !reflect.DeepEqual(s.Order, wantOrder) {
		t.Errorf("Order = %+v, want declaration order %+v", s.Order, wantOrder)
	}
	// n: yard is the bare-string shorthand, written abbreviated.
	if e := s.Locations["shore"].Exits["north"]; e == nil || e.To != "yard" {
		t.Errorf("shore north = %+v, want the shorthand n: yard as north → yard", e)
	}
	// back: west on yard.east creates lamp_room.west through the same door.
	if e := s.Locations["lamp_room"].Exits["west"]; e == nil || e.To != "yard" || e.Door != "tower_door" {
		t.Errorf("lamp_room west = %+v, want the paired exit to yard through tower_door", e)
	}
	for id, l := range s.Locations {
		if l.ID != id {
			t.Errorf("location %q has ID %q", id, l.ID)
		}
	}
	if s.Items["matches"].ID != "matches" || s.Doors["tower_door"].ID != "tower_door" || s.NPCs["keeper"].ID != "keeper" {
		t.Error("ids of items, doors and npcs are not filled in")
	}
	c := s.Config
	if c.Tick.Method != "command" || c.Clock.MinutesPerTick != 1 || c.Clock.Start != DefaultClockStart ||
		!reflect.DeepEqual(c.Modes, []string{"if"}) || c.Player.Gender != "n" || c.Typography != TypographyCurly || c.Savegames == nil || !*c.Savegames {
		t.Errorf("config defaults not applied: %+v", c)
	}
	if got := s.Items["note"].At; got != "player" {
		t.Errorf("note (in the inventory) at %q, want player", got)
	}
	if got := s.Items["chest"]; !got.Container.Openable {
		t.Error("a closed container without openable: should be openable")
	}
	if s.Doors["tower_door"].State != "locked" || s.NPCs["keeper"].Gender != "n" {
		t.Error("door state or npc gender wrong")
	}
	if r := s.Rules[0]; r.ID != "rule-1" || !r.Once {
		t.Errorf("first rule = %+v, want id rule-1 firing once", r)
	}
	if r := s.Rules[1]; r.ID != "tick" || r.Once || !r.Repeat {
		t.Errorf("repeat rule = %+v, want once false", r)
	}
	f, err := s.Assets.Open("story.yaml")
	if err != nil {
		t.Fatalf("Assets cannot open story.yaml: %v", err)
	}
	f.Close()
}

func TestLoadIsDeterministic(t *testing.T) {
	first, err := loadWith(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		again, err := loadWith(t, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first.Order, again.Order) || !reflect.DeepEqual(first.Config.Player.Inventory, again.Config.Player.Inventory) {
			t.Fatalf("two loads differ: %+v vs %+v", first.Order, again.Order)
		}
	}
}

func TestLoadFromFSUsesFolderName(t *testing.T) {
	s, err := Load(os.DirFS("testdata"), "valid")
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "valid" {
		t.Errorf("ID = %q, want valid", s.ID)
	}
	root, err := Load(os.DirFS("testdata/valid"), ".")
	if err != nil {
		t.Fatal(err)
	}
	if root.ID != "the-lighthouse-keeper" {
		t.Errorf("ID of a root folder = %q, want the story name as a slug", root.ID)
	}
}

func TestLoadDirMissingIsOneSentence(t *testing.T) {
	for _, dir := range []string{"testdata/nope", "testdata/valid/world"} {
		_, err := LoadDir(dir)
		if err == nil {
			t.Fatalf("LoadDir(%q) succeeded", dir)
		}
		want := "no story at " + dir + ": story.yaml not found"
		if err.Error() != want || !errors.Is(err, ErrNoStory) {
			t.Errorf("LoadDir(%q) = %q, want %q wrapping ErrNoStory", dir, err, want)
		}
	}
}

func TestEveryMistakeIsListedSorted(t *testing.T) {
	_, err := LoadDir("testdata/broken")
	got := problemsOf(t, err)
	want := []string{
		`testdata/broken/a.yaml:5:7: locations.hall.exits.norht: "norht" is not a direction; did you mean "north"?`,
		`testdata/broken/a.yaml:6:14: locations.hall.exits.east.to: no location "kitchn"; did you mean "kitchen"?`,
		`testdata/broken/a.yaml:13:5: items.lamp.weight: cannot be "heavy", want a whole number`,
		`testdata/broken/a.yaml:14:5: items.lamp.colour: unknown field "colour"`,
		`testdata/broken/b.yaml:1:1: kitchen: unknown section "kitchen"; a world file may hold locations, items, doors, npcs, events, rules, flags and counters`,
		`testdata/broken/story.yaml:2:1: start: no location "attic"`,
		`testdata/broken/story.yaml:4:9: endings.won.kind: unknown kind "victory"; want win or lose`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

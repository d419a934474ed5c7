package story

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

var registerOnce sync.Once

// testMaze builds a row of rooms, as many as the seed says (plus one), so
// tests can tell that the seed reached the generator. With params
// broken: true it returns a story with a dangling exit.
func registerTestGenerators() {
	registerOnce.Do(func() {
		RegisterGenerator("test-maze", func(base *Story, seed uint64) (*Story, error) {
			out := &Story{Config: base.Config, Locations: map[string]*Location{}}
			out.Config.Start = "room0"
			n := int(seed%5) + 1
			for i := range n {
				id := "room" + string(rune('0'+i))
				l := &Location{Name: "Room", Exits: map[string]*Exit{}}
				if i+1 < n {
					l.Exits["e"] = &Exit{To: "room" + string(rune('0'+i+1)), Back: "w"}
				}
				out.Locations[id] = l
			}
			if base.Config.Generator.Params["broken"] == true {
				out.Locations["room0"].Exits["n"] = &Exit{To: "void"}
			}
			return out, nil
		})
		RegisterGenerator("test-failing", func(base *Story, seed uint64) (*Story, error) {
			return nil, errors.New("out of bricks")
		})
	})
}

func generated(params string) fstest.MapFS {
	return fstest.MapFS{"maze/story.yaml": {Data: []byte("name: Maze\ngenerator:\n  name: test-maze\n  params: " + params + "\n")}}
}

func TestGeneratorStory(t *testing.T) {
	registerTestGenerators()
	base, err := Load(generated("{}"), "maze")
	if err != nil {
		t.Fatalf("a generator story needs no start and no world files: %v", err)
	}
	s, err := base.Generate(3)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Locations) != 4 || s.ID != "maze" {
		t.Fatalf("generated %d locations with id %q, want 4 for seed 3 and the base's id", len(s.Locations), s.ID)
	}
	// The generated story is normalised like a loaded one.
	if e := s.Locations["room1"].Exits["west"]; e == nil || e.To != "room0" {
		t.Errorf("back: was not applied to the generated story: %+v", s.Locations["room1"].Exits)
	}
	if strings.Join(s.Order.Locations, " ") != "room0 room1 room2 room3" || s.Config.Tick.Method != "command" {
		t.Errorf("order %v or defaults missing", s.Order.Locations)
	}
}

func TestGeneratedProblemsNameGenerated(t *testing.T) {
	registerTestGenerators()
	base, err := Load(generated("{broken: true}"), "maze")
	if err != nil {
		t.Fatal(err)
	}
	_, err = base.Generate(0)
	got := problemsOf(t, err)
	want := `<generated>: locations.room0.exits.north.to: no location "void"`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGeneratorErrorIsPassedOn(t *testing.T) {
	registerTestGenerators()
	base, err := Load(fstest.MapFS{"f/story.yaml": {Data: []byte("name: F\ngenerator: {name: test-failing}\n")}}, "f")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := base.Generate(1); err == nil || !strings.Contains(err.Error(), "out of bricks") {
		t.Errorf("Generate error = %v, want the generator's own", err)
	}
}

func TestGenerateWithoutGeneratorIsIdentity(t *testing.T) {
	s, err := loadWith(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if g, err := s.Generate(7); g != s || err != nil {
		t.Errorf("Generate on a written story = %p, %v; want the story itself", g, err)
	}
}

func TestUnknownGeneratorNamesKnownOnes(t *testing.T) {
	registerTestGenerators()
	_, err := Load(fstest.MapFS{"g/story.yaml": {Data: []byte("name: G\ngenerator:\n  name: test-maez\n")}}, "g")
	got := problemsOf(t, err)
	want := `g/story.yaml:3:3: generator.name: no generator "test-maez"; did you mean "test-maze"?; known generators: test-failing, test-maze`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestValidateGoBuiltStory(t *testing.T) {
	s := &Story{
		Config: Config{Name: "Go", Start: "a"},
		Locations: map[string]*Location{
			"a": {Name: "A", Exits: map[string]*Exit{"u": {To: "b", Back: "d"}}},
			"b": {Name: "B"},
		},
	}
	if err := Validate(s); err != nil {
		t.Fatal(err)
	}
	if s.Locations["b"].Exits["down"] == nil || s.Locations["a"].Exits["up"] == nil || s.Locations["a"].ID != "a" {
		t.Errorf("Validate did not normalise: %+v %+v", s.Locations["a"], s.Locations["b"])
	}
	if err := Validate(s); err != nil {
		t.Errorf("validating twice must be harmless: %v", err)
	}
	s.Locations["b"].Exits["north"] = &Exit{To: "c"}
	var ps *Problems
	if err := Validate(s); !errors.As(err, &ps) || ps.List[0].File != "<generated>" {
		t.Errorf("Validate of a broken story = %v, want *Problems naming <generated>", err)
	}
}

package driver

import (
	"fmt"
	"maps"
	"testing"
	"testing/fstest"

	"github.com/tale-if/tale/story"
)

// annexGenerator adds a room named for its seed to the story it is given,
// and refuses a story that has one already: generating from a generated
// story, not from the story as loaded, is an error it shows.
func annexGenerator(base *story.Story, seed uint64) (*story.Story, error) {
	if base.Locations["annex"] != nil {
		return nil, fmt.Errorf("the annex is built already")
	}
	out := *base
	out.Locations = maps.Clone(base.Locations)
	porch := *base.Locations["porch"]
	porch.Exits = map[string]*story.Exit{"east": {To: "annex"}}
	out.Locations["porch"] = &porch
	out.Locations["annex"] = &story.Location{Name: fmt.Sprintf("Annex %d", seed),
		Description: "A bare annex.", Exits: map[string]*story.Exit{"west": {To: "porch"}}}
	return &out, nil
}

func init() { story.RegisterGenerator("driver-test-annex", annexGenerator) }

func annexStory(t *testing.T) *story.Story {
	t.Helper()
	fsys := fstest.MapFS{
		"s/story.yaml": {Data: []byte("name: Annex\nstart: porch\ngenerator: {name: driver-test-annex}\n")},
		"s/world.yaml": {Data: []byte("locations:\n  porch: {name: Porch, description: A porch.}\n")},
	}
	s, err := story.Load(fsys, "s")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A procedural game saved under one seed restores under another, and
// restarts in the restored world, however its generator reads the story:
// the world keeps the story as loaded and generates every seed from it.
func TestProceduralSaveRestoresUnderAnotherSeed(t *testing.T) {
	dir := t.TempDir()
	seed := func(n uint64) func(*Options) {
		return func(o *Options) { o.Seed = &n; o.DataDir = dir }
	}
	a := newHarness(t, annexStory(t), seed(1))
	a.expect("east", "Annex 1")
	a.expect("save annexed", "Game saved.")

	b := newHarness(t, annexStory(t), seed(2))
	b.expect("restore annexed", "Game restored.", "Annex 1")
	b.expect("west", "Porch")
	b.expect("east", "Annex 1")
	b.do("restart")
	b.expect("yes", "Porch")
	b.expect("east", "Annex 1")
}

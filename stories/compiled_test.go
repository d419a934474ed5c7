package stories

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/tale-if/tale/internal/goldenflag"
	"github.com/tale-if/tale/story"
	_ "github.com/tale-if/tale/story/dungeon" // the dungeon story names its generator
	"github.com/tale-if/tale/story/storygen"
)

// compiledFile is what go generate writes in this package (load.go).
const compiledFile = "compiled_stories.go"

// TestCompiledStoriesAreCurrent fails when a story folder, the loader or
// the story model changed and compiled_stories.go was not regenerated
// (go generate ./stories, or go test ./stories -update). A stale file is
// never played (LoadCompiled checks each folder's sum), but the binary
// would start as slowly as before it existed.
func TestCompiledStoriesAreCurrent(t *testing.T) {
	want, err := storygen.Source(FS, IDs(), "stories")
	if err != nil {
		t.Fatal(err)
	}
	if *goldenflag.Update {
		if err := os.WriteFile(compiledFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(compiledFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go generate ./stories", compiledFile)
	}
}

// TestLoadIsTheLoadersStory: every bundled story from Load is the one the
// YAML loader makes, field for field, and comes from the compiled form.
func TestLoadIsTheLoadersStory(t *testing.T) {
	for _, id := range IDs() {
		t.Run(id, func(t *testing.T) {
			c, ok := compiledStory(id)
			if !ok {
				t.Fatalf("no compiled form of %s", id)
			}
			if sum, err := story.SourceSum(FS, id); err != nil || sum != c.Sum {
				t.Fatalf("compiled form of %s is stale (sum %s, err %v): Load would read the YAML", id, sum, err)
			}
			got, err := Load(id)
			if err != nil {
				t.Fatal(err)
			}
			want, err := story.Load(FS, id)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Load(%q) differs from story.Load of its folder", id)
			}
			again, _ := Load(id)
			if start := got.Config.Start; again == got || got.Locations[start] != nil && again.Locations[start] == got.Locations[start] {
				t.Error("two loads share a story: a caller that changes its copy would change the next player's")
			}
		})
	}
}

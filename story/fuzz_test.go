package story

import (
	"errors"
	"os"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes as story.yaml and as a world file. Loading
// must never panic, a failure must be *Problems naming a file, and a story
// that loads must pass Validate again unchanged in meaning (normalising is
// idempotent).
func FuzzLoad(f *testing.F) {
	cfg, _ := os.ReadFile("testdata/valid/story.yaml")
	places, _ := os.ReadFile("testdata/valid/world/places.yaml")
	things, _ := os.ReadFile("testdata/valid/world/things.yaml")
	f.Add(cfg, append(append([]byte{}, places...), things...))
	f.Add(cfg, places)
	f.Add([]byte("name: x\nstart: a\n"), []byte("locations: {a: {name: A, exits: {n: a}}}\n"))
	f.Add([]byte(""), []byte(""))
	f.Add([]byte("- a\n"), []byte("just a scalar"))
	f.Add([]byte("name: x\ngenerator: {name: g}\n"), []byte("rules: [~, {if: &a [{any: *a}]}]\n"))
	f.Add([]byte("name: x\nstart: a\n"), []byte("locations:\n  a: &l {name: A, exits: {up: {to: a, back: d}}}\n  b: *l\n"))
	f.Add([]byte("<<: {name: x}\nstart: a\n"), []byte("items: {a: {<<: [{name: a}], container: {}}}\n---\nlocations: {a: ~}\n"))
	f.Fuzz(func(t *testing.T, cfg, world []byte) {
		fsys := fstest.MapFS{
			"s/story.yaml": {Data: cfg},
			"s/w.yaml":     {Data: world},
		}
		s, err := Load(fsys, "s")
		if err != nil {
			var ps *Problems
			if !errors.As(err, &ps) || len(ps.List) == 0 {
				t.Fatalf("error is not a non-empty *Problems: %v", err)
			}
			for _, p := range ps.List {
				if p.File == "" || p.Msg == "" {
					t.Fatalf("problem without file or message: %+v", p)
				}
			}
			return
		}
		if s == nil {
			t.Fatal("nil story without error")
		}
		if s.Config.Generator != nil {
			return
		}
		if err := Validate(s); err != nil {
			t.Fatalf("a loaded story fails validation again: %v", err)
		}
	})
}

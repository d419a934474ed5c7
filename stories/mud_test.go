package stories_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/tio"
)

// Every bundled story offers MUD mode: two players join the same world
// (the dungeon from one seed, the same for both) and see each other.
func TestBundledStoriesPlayInMUDMode(t *testing.T) {
	for _, id := range bundled(t) {
		t.Run(id, func(t *testing.T) {
			seed := walkthroughSeed
			w, err := driver.NewWorld(load(t, id), driver.Options{Seed: &seed, DataDir: t.TempDir(), Mode: driver.ModeMUD})
			if err != nil {
				t.Fatalf("NewWorld in MUD mode: %v", err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() { done <- w.Run(ctx) }()
			defer func() { cancel(); <-done }()
			var places []string
			for _, name := range []string{"ann", "bob"} {
				seat, err := w.Join(t.Context(), name)
				if err != nil {
					t.Fatal(err)
				}
				if err := seat.Send(t.Context(), tio.Line("look")); err != nil {
					t.Fatal(err)
				}
				if err := seat.Sync(t.Context()); err != nil {
					t.Fatal(err)
				}
				snap, err := seat.Subscribe(t.Context(), 0)
				if err != nil {
					t.Fatal(err)
				}
				var text string
				for ev := range snap.Events {
					if ev.Kind == tio.KindText {
						text = ev.Text
					}
					if ev.Seq >= seat.LastSeq() {
						break
					}
				}
				snap.Cancel()
				places = append(places, strings.SplitN(text, "\n", 2)[0])
				if name == "bob" && !strings.Contains(text, "Ann") {
					t.Errorf("bob's look does not show ann:\n%s", text)
				}
			}
			if places[0] != places[1] {
				t.Errorf("ann starts in %q, bob in %q: want one world", places[0], places[1])
			}
		})
	}
}

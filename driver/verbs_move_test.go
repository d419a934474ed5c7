package driver

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

func TestGo(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("east", "Kitchen", "Pots hang")
	h.expect("go west", "Entrance Hall")
	h.expect("south", "You can't go that way.")
	h.expect("west", "You step out into the fresh air.", "Garden")
	if !h.g.st().Visited["garden"] || h.g.st().Location != "garden" {
		t.Errorf("location %q, visited %v", h.g.st().Location, h.g.st().Visited)
	}
}

func TestExitCondition(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("east")
	h.expect("down", "It is too dark to go down without a light.")
	h.do("west")
	h.do("take lamp")
	h.do("east")
	h.expect("down", "Cellar")
}

func TestHiddenExitRevealedByAction(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("up", "You can't go that way.")
	h.expect("pull rope", "A ladder folds down")
	h.expect("look", "Exits: north, east, west, up.")
	h.expect("up", "Attic")
	if h.g.st().Score != 5 {
		t.Errorf("score %d after the rope, want 5", h.g.st().Score)
	}
	h.do("down")
	// The action was once-only: the built-in reply answers now.
	h.expect("pull rope", "won't budge")
}

func TestPassageByName(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("west")
	h.expect("look", "Exits: north, east, south, gate.")
	h.expect("gate", "Pond", "The pond is deeper than it looks.")
}

func TestImageOnEntering(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.st().Doors["oak"] = "open"
	h.g.play(tio.Line("north"))
	var img *tio.Image
	for _, ev := range h.events() {
		if ev.Kind == tio.KindImage {
			img = ev.Image
		}
	}
	if img == nil || img.Path != "library.png" || img.MIME != "image/png" {
		t.Fatalf("image event = %+v", img)
	}
}

func TestFollower(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.st().NPCs["dog"] = "hall"
	out := h.expect("east", "Rex follows you.")
	if h.g.st().NPCs["dog"] != "kitchen" {
		t.Errorf("dog at %q", h.g.st().NPCs["dog"])
	}
	if !strings.Contains(out, "Rex is here.") {
		t.Errorf("follower not described:\n%s", out)
	}
}

package driver

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

func TestTakeAndDrop(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("take lamp", "Taken.")
	if h.where("lamp") != youHold {
		t.Fatalf("lamp at %q", h.where("lamp"))
	}
	h.expect("take lamp", "You already have that.")
	h.expect("inventory", "You are carrying a brass lamp.")
	h.expect("drop lamp", "Dropped.")
	if h.where("lamp") != "hall" {
		t.Fatalf("lamp at %q after drop", h.where("lamp"))
	}
	h.expect("drop lamp", "You don't have that.")
	h.expect("i", "You are empty-handed.")
}

func TestTakeFixedAndScenery(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("take statue", "The statue is far too heavy.")
	h.expect("take table", "That's fixed in place.")
	h.expect("take portrait", "That's hardly portable.")
	if h.g.st().Turns != 0 {
		t.Errorf("refusals took %d turns", h.g.st().Turns)
	}
}

func TestTakeAll(t *testing.T) {
	h := newHarness(t, testStory())
	out := h.expect("take all", "brass lamp: Taken.", "wooden box: Taken.")
	if strings.Contains(out, "statue") || strings.Contains(out, "table") {
		t.Errorf("take all touched scenery:\n%s", out)
	}
	h.expect("drop all", "Dropped.")
	if h.where("box") != "hall" || h.where("lamp") != "hall" {
		t.Error("drop all left things held")
	}
}

func TestTakeFromContainerAndSupporter(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take key")
	if h.g.tn().carried("key") {
		t.Fatal("took the key out of a closed box")
	}
	h.do("open box")
	h.expect("take key from box", "Taken.")
	h.expect("take cup from table", "Taken.")
	if !h.g.tn().carried("key") || !h.g.tn().carried("cup") {
		t.Error("key or cup not carried")
	}
}

func TestTakeScoresOnce(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.st().Items["book"] = "hall"
	h.do("take book")
	h.do("drop book")
	h.do("take book")
	if h.g.st().Score != 10 {
		t.Errorf("score %d, want 10 (awarded once)", h.g.st().Score)
	}
}

func TestCarryingCapacity(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.st().Items["anvil"] = "hall"
	h.expect("take anvil", "You're carrying too much already.")
	if h.where("anvil") != "hall" {
		t.Error("anvil taken despite capacity")
	}
}

func TestPut(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	h.expect("put lamp in box", "The wooden box is closed.")
	h.do("open box")
	h.expect("put lamp in box", "You put the brass lamp in the wooden box.")
	if h.where("lamp") != "box" {
		t.Fatalf("lamp at %q", h.where("lamp"))
	}
	h.do("take box")
	h.expect("put box in box", "You can't put something inside itself.")
	h.do("take lamp from box")
	h.g.st().Items["book"] = youHold
	h.g.st().Items["cup"] = youHold
	h.expect("put cup in box", "You put the cup in the wooden box.")
	h.expect("put book in box", "You put the old book in the wooden box.")
	h.expect("put lamp in box", "There is no room in the wooden box.")
	if h.where("lamp") != youHold {
		t.Errorf("lamp at %q after a refused put", h.where("lamp"))
	}
}

func TestPutOnSupporter(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	h.expect("put lamp on table", "You put the brass lamp on the table.")
	if h.where("lamp") != "table" {
		t.Fatalf("lamp at %q", h.where("lamp"))
	}
	h.expect("look", "On the table are a cup and a brass lamp.")
}

func TestGive(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.st().Items["apple"] = youHold
	h.g.st().Items["lamp"] = youHold
	h.do("east")
	h.expect("give lamp to keeper", "The old keeper doesn't seem interested in the brass lamp.")
	h.expect("give apple to keeper", "“Thank you!”")
	if h.where("apple") != "keeper" || h.g.st().Score != 5 {
		t.Errorf("apple at %q, score %d", h.where("apple"), h.g.st().Score)
	}
}

func TestRefusedCommandChangesNothing(t *testing.T) {
	h := newHarness(t, testStory())
	// put would take the lamp first, then finds the box closed.
	h.expect("put lamp in box", "The wooden box is closed.")
	if h.where("lamp") != "hall" || h.g.st().Turns != 0 {
		t.Errorf("lamp at %q, turns %d after a refusal", h.where("lamp"), h.g.st().Turns)
	}
}

// TestObjectListIsOneParagraph: the lines of "take all", "drop all" and of
// a refusal of several things are one paragraph broken with <br>, not a
// paragraph each; a hook that says something comes right after its line,
// and the list goes on below it.
func TestObjectListIsOneParagraph(t *testing.T) {
	s := testStory()
	s.Items["box"].OnTake = []*story.Reaction{{Do: story.Effects{{Set: "box_taken"}}}} // says nothing
	s.Items["box"].OnDrop = []*story.Reaction{{Do: story.Effects{{Say: "The box lands with a thud."}}}}
	h := newHarness(t, s)
	texts := func(line string) []string {
		t.Helper()
		h.g.play(tio.Line(line))
		var out []string
		for _, ev := range h.events() {
			if ev.Kind == tio.KindText {
				out = append(out, ev.Text)
			}
		}
		return out
	}
	for _, c := range []struct {
		line string
		want string
	}{
		{"take all", "<item>wooden box</item>: Taken.<br><item>brass lamp</item>: Taken."},
		{"drop all", "<item>wooden box</item>: Dropped.\n\nThe box lands with a thud.\n\n<item>brass lamp</item>: Dropped."},
		{"take lamp and statue", "<item>brass lamp</item>: Taken.<br><item>marble statue</item>: The statue is far too heavy."},
		{"take statue and table", "<item>marble statue</item>: The statue is far too heavy.<br><item>table</item>: That's fixed in place."},
	} {
		// (A timed event may follow in a paragraph of its own.)
		if got := texts(c.line); len(got) != 1 || (got[0] != c.want && !strings.HasPrefix(got[0], c.want+"\n\n")) {
			t.Errorf("%s: text events %q, want [%q]", c.line, got, c.want)
		}
	}
	h.do("open box")
	h.do("take key from box")
	h.do("take all")
	if got := texts("drop all"); len(got) != 1 || !strings.Contains(got[0], "thud.\n\n<item>brass key</item>: Dropped.<br><item>brass lamp</item>: Dropped.") {
		t.Errorf("drop all after a hook spoke: %q", got)
	}
	if got := h.do("take all"); !strings.Contains(got, "wooden box: Taken.\nbrass key: Taken.\nbrass lamp: Taken.\n") {
		t.Errorf("take all, plain:\n%s", got)
	}
}

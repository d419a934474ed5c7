package driver

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// A menu opened by a command comes after everything else the turn says
// (here the bell that tolls on turn 3), just before the prompt.
func TestMenuComesLast(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("east")
	h.do("talk to keeper")
	h.g.play(tio.Line("1"))
	evs := h.events()
	choices, lastText := -1, -1
	for i, ev := range evs {
		switch ev.Kind {
		case tio.KindChoices:
			choices = i
		case tio.KindText:
			lastText = i
		}
	}
	if !strings.Contains(textOf(evs), "A bell tolls") {
		t.Fatalf("the bell did not toll on this turn:\n%s", textOf(evs))
	}
	if choices < 0 || choices < lastText {
		t.Errorf("menu at event %d, last text at %d: the menu must come last\n%v", choices, lastText, evs)
	}
}

// The verb's own reply comes first, then what taking or dropping sets off.
func TestHooksFollowTheVerbsReply(t *testing.T) {
	s := testStory()
	s.Items["lamp"].OnTake = []*story.Reaction{{Do: story.Effects{{Say: "The lamp flickers."}}}}
	s.Items["lamp"].OnDrop = []*story.Reaction{{Do: story.Effects{{Say: "The lamp goes out."}}}}
	h := newHarness(t, s)
	order := func(out string, first, then string) {
		t.Helper()
		i, j := strings.Index(out, first), strings.Index(out, then)
		if i < 0 || j < 0 || i > j {
			t.Errorf("want %q before %q:\n%s", first, then, out)
		}
	}
	order(h.do("take lamp"), "Taken.", "The lamp flickers.")
	order(h.do("drop lamp"), "Dropped.", "The lamp goes out.")
	order(h.do("take all"), "brass lamp: Taken.", "The lamp flickers.")
}

func TestNPCsMoveThroughInOutUpAndDown(t *testing.T) {
	for _, c := range []struct{ exit, leaves, arrives string }{
		{"in", "goes inside", "comes in"},
		{"out", "goes out", "comes out"},
		{"up", "climbs up", "comes up from below"},
		{"down", "goes down", "comes down from above"},
		{"north", "leaves north", "arrives from the south"},
		{"gate", "leaves through the gate", "arrives"},
	} {
		if got := leaving(c.exit); got != c.leaves {
			t.Errorf("leaving %s = %q, want %q", c.exit, got, c.leaves)
		}
		if got := arriving(c.exit); got != c.arrives {
			t.Errorf("arriving by %s = %q, want %q", c.exit, got, c.arrives)
		}
	}
	// And in play: the cat climbs up out of the hall.
	h := newHarness(t, testStory())
	h.g.st().NPCs["cat"] = "hall"
	h.g.act(func(tn *turn) error {
		tn.moveNPC(h.g.story.NPCs["cat"], exit{name: "up", Exit: &story.Exit{To: "attic"}})
		return nil
	})
	if out := strings.TrimSpace(textOf(h.events())); out != "The grey cat climbs up." {
		t.Errorf("got %q", out)
	}
}

// A story verb is a word the parser knows anywhere: away from its thing
// the noun fails, and on another thing the verb is refused sensibly.
func TestStoryVerbsOutOfScope(t *testing.T) {
	s := testStory()
	s.Items["clock"] = &story.Item{Name: "clockwork", At: "library", Fixed: true,
		Actions: []*story.Action{{Verbs: []string{"wind", "look under"}, Do: story.Effects{{Say: "Tick, tock."}}}}}
	s.Locations["tower"].Actions = []*story.Action{{Verbs: []string{"signal"}, Do: story.Effects{{Say: "You wave your arms."}}}}
	fill(s)
	h := newHarness(t, s)
	h.expect("wind clockwork", "You can't see any such thing here.")
	h.expect("wind lamp", "You can't wind the brass lamp.")
	h.expect("wind", "What do you want to wind?")
	h.expect("signal", "Nothing happens.")
	// A story verb that starts with a built-in one keeps the built-in
	// meaning away from its thing.
	h.expect("look under lamp", "You find nothing of interest under the brass lamp.")
	h.g.st().Location = "library"
	h.expect("wind clockwork", "Tick, tock.")
}

// Carrying two keys, "unlock door with key" takes the one that fits.
func TestUnlockPrefersTheKeyThatFits(t *testing.T) {
	s := testStory()
	s.Items["iron"] = &story.Item{Name: "iron key", Aliases: []string{"key"}, At: "player"}
	fill(s)
	h := newHarness(t, s)
	h.g.st().Items["key"] = youHold
	out := h.reject("unlock door with key", "Which do you mean")
	if !strings.Contains(out, "You unlock the oak door.") {
		t.Errorf("the fitting key was not chosen:\n%s", out)
	}
}

// When an action's condition fails and it has no refusal of its own, the
// next action with that verb on the same thing gets its turn.
func TestActionsWithOneVerbFallThrough(t *testing.T) {
	s := testStory()
	s.Items["bell"] = &story.Item{Name: "bell", At: "hall", Fixed: true, Actions: []*story.Action{
		{Verbs: []string{"ring"}, If: story.Conditions{{Flag: "tuned"}}, Do: story.Effects{{Say: "A clear note."}}},
		{Verbs: []string{"ring"}, Do: story.Effects{{Say: "A dull clank."}}},
	}}
	fill(s)
	h := newHarness(t, s)
	h.expect("ring bell", "A dull clank.")
	h.g.st().Flags["tuned"] = true
	h.expect("ring bell", "A clear note.")
}

func TestTakeFromAClosedBox(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("take all from box", "The wooden box is closed.")
	h.expect("take key from box", "The wooden box is closed.")
	h.do("open box")
	h.expect("take all from box", "brass key: Taken.")
	h.expect("take all from box", "There is nothing in the wooden box to take.")
}

// "take all" does not carry off a thing whose own take action refuses.
func TestTakeAllHonoursTakeActions(t *testing.T) {
	s := testStory()
	s.Items["gem"] = &story.Item{Name: "green gem", Aliases: []string{"gem"}, At: "hall", Actions: []*story.Action{{
		Verbs: []string{"take"}, If: story.Conditions{{Flag: "loose"}}, Refuse: "The gem is stuck fast.",
		Do: story.Effects{{Move: "gem", To: "player"}, {Say: "You prise the gem loose."}}}}}
	fill(s)
	h := newHarness(t, s)
	h.expect("take all", "green gem: The gem is stuck fast.", "brass lamp: Taken.")
	if h.where("gem") != "hall" {
		t.Fatalf("take all took the stuck gem")
	}
	h.g.st().Flags["loose"] = true
	h.do("drop lamp")
	h.expect("take all", "green gem: You prise the gem loose.")
	if h.where("gem") != youHold {
		t.Errorf("gem at %q", h.where("gem"))
	}
}

// Several things of one name are counted, not listed one by one.
func TestSeveralOfOneNameAreCounted(t *testing.T) {
	for name, want := range map[string]string{
		"healing draught":  "healing draughts",
		"handful of coins": "handfuls of coins",
		"glass":            "glasses",
		"ruby":             "rubies",
		"key":              "keys",
	} {
		if got := plural(name); got != want {
			t.Errorf("plural(%q) = %q, want %q", name, got, want)
		}
	}
	s := testStory()
	for _, id := range []string{"c1", "c2", "c3"} {
		s.Items[id] = &story.Item{Name: "gold coin", Aliases: []string{"coin"}, At: "hall"}
	}
	fill(s)
	h := newHarness(t, s)
	h.expect("look", "You see a wooden box, three gold coins and a brass lamp here.")
	h.do("take coin")
	h.do("take coin")
	h.expect("i", "You are carrying two gold coins.")
}

package driver

import (
	"testing"

	"github.com/tale-if/tale/story"
)

func TestStoryActionTakesPrecedence(t *testing.T) {
	s := testStory()
	s.Items["lamp"].Actions = []*story.Action{
		{Verbs: []string{"take"}, If: story.Conditions{{Flag: "cursed"}}, Refuse: "",
			Do: story.Effects{{Say: "The lamp burns your fingers!"}}},
		{Verbs: []string{"rub"}, If: story.Conditions{{Flag: "wise"}}, Refuse: "Nothing happens. Perhaps you need to know more.",
			Do: story.Effects{{Say: "A genie appears!"}, {Set: "genie"}}},
		{Verbs: []string{"listen"}, Do: story.Effects{{Say: "The lamp hums faintly."}}},
	}
	h := newHarness(t, s)
	// If fails and no Refuse: the built-in verb answers.
	h.expect("take lamp", "Taken.")
	h.do("drop lamp")
	h.g.st().Flags["cursed"] = true
	h.expect("take lamp", "The lamp burns your fingers!")
	if h.where("lamp") != "hall" {
		t.Error("the story's take did the built-in take as well")
	}
	// A story verb refuses with its own text and takes no time.
	turns := h.g.st().Turns
	h.expect("rub lamp", "Perhaps you need to know more.")
	if h.g.st().Turns != turns {
		t.Error("a refused story verb took a turn")
	}
	h.g.st().Flags["wise"] = true
	h.expect("rub lamp", "A genie appears!")
	if !h.g.st().Flags["genie"] {
		t.Error("story action effects not applied")
	}
	// Precedence over a sense verb's default reply.
	h.expect("listen to lamp", "The lamp hums faintly.")
	h.expect("listen", "You hear nothing unexpected.")
}

func TestLocationAction(t *testing.T) {
	s := testStory()
	s.Locations["hall"].Actions = []*story.Action{{Verbs: []string{"dance"}, Do: story.Effects{{Say: "You waltz across the flagstones."}}}}
	h := newHarness(t, s)
	h.expect("dance", "You waltz across the flagstones.")
}

func TestHooks(t *testing.T) {
	s := testStory()
	s.Items["lamp"].OnTake = []*story.Reaction{{Once: true, Do: story.Effects{{Say: "The lamp flickers on."}}}}
	s.Items["lamp"].OnDrop = []*story.Reaction{{Do: story.Effects{{Say: "The lamp gutters."}}}}
	s.NPCs["keeper"].Behaviour.OnArrival = []*story.Reaction{{If: story.Conditions{{Carrying: "lamp"}},
		Do: story.Effects{{Say: "The keeper eyes your lamp."}}}}
	s.NPCs["keeper"].Behaviour.OnEvent = map[string][]*story.Reaction{"bell": {{Do: story.Effects{{Say: "The keeper crosses himself."}}}}}
	h := newHarness(t, s)
	h.g.st().Queue = nil // the bell rings when this test says
	h.expect("take lamp", "The lamp flickers on.")
	h.expect("drop lamp", "The lamp gutters.")
	h.reject("take lamp", "flickers")
	h.expect("east", "The keeper eyes your lamp.")
	h.g.tn().apply(story.Effects{{Schedule: "bell", In: 1}})
	h.expect("wait", "A bell tolls", "The keeper crosses himself.")
}

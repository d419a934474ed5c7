package driver

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
)

func TestEffects(t *testing.T) {
	n := func(i int) *int { return &i }
	tests := []struct {
		name  string
		e     story.Effect
		check func(h *harness) bool
	}{
		{"say", story.Effect{Say: "Boom."}, func(h *harness) bool { return strings.Contains(textOf(h.events()), "Boom.") }},
		{"move item", story.Effect{Move: "cup", To: "kitchen"}, func(h *harness) bool { return h.where("cup") == "kitchen" }},
		{"move item nowhere", story.Effect{Move: "cup"}, func(h *harness) bool { return h.where("cup") == nowhere }},
		{"set", story.Effect{Set: "x"}, func(h *harness) bool { return h.g.st().Flags["x"] }},
		{"unset", story.Effect{Unset: "pre"}, func(h *harness) bool { return !h.g.st().Flags["pre"] }},
		{"counter add", story.Effect{Counter: "c", Add: n(2)}, func(h *harness) bool { return h.g.st().Counters["c"] == 3 }},
		{"counter value", story.Effect{Counter: "c", Value: n(9)}, func(h *harness) bool { return h.g.st().Counters["c"] == 9 }},
		{"open door", story.Effect{Open: "oak"}, func(h *harness) bool { return h.g.st().Doors["oak"] == "open" }},
		{"unlock door", story.Effect{Unlock: "oak"}, func(h *harness) bool { return h.g.st().Doors["oak"] == "closed" }},
		{"open box", story.Effect{Open: "box"}, func(h *harness) bool { return h.g.st().Boxes["box"].Open }},
		{"lock box", story.Effect{Lock: "box"}, func(h *harness) bool { return h.g.st().Boxes["box"].Locked }},
		{"reveal", story.Effect{Reveal: "hall.up"}, func(h *harness) bool { _, ok := h.g.tn().findExit("up"); return ok }},
		{"hide", story.Effect{Hide: "hall.east"}, func(h *harness) bool { _, ok := h.g.tn().findExit("east"); return !ok }},
		{"score", story.Effect{Score: 4}, func(h *harness) bool { return h.g.st().Score == 4 }},
		{"schedule", story.Effect{Schedule: "drip", In: 5}, func(h *harness) bool {
			for _, s := range h.g.st().Queue {
				if s.Event == "drip" && s.At == h.g.st().Ticks+5 {
					return true
				}
			}
			return false
		}},
		{"cancel", story.Effect{Cancel: "bell"}, func(h *harness) bool {
			for _, s := range h.g.st().Queue {
				if s.Event == "bell" {
					return false
				}
			}
			return true
		}},
		{"end", story.Effect{End: "escaped"}, func(h *harness) bool { return h.g.st().Ended == "escaped" }},
		{"teleport", story.Effect{Teleport: "attic"}, func(h *harness) bool {
			return h.g.st().Location == "attic" && strings.Contains(textOf(h.events()), "Cobwebs")
		}},
		{"move npc", story.Effect{MoveNPC: "keeper", To: "hall"}, func(h *harness) bool { return h.g.st().NPCs["keeper"] == "hall" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, testStory())
			h.events()
			h.g.st().Flags["pre"] = true
			h.g.st().Counters["c"] = 1
			e := tt.e
			tn := h.g.tn()
			tn.apply(story.Effects{&e})
			tn.commit()
			if !tt.check(h) {
				t.Errorf("effect %+v did not apply", tt.e)
			}
		})
	}
}

func TestScoreEffectOncePerInstance(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("pull rope")
	h.g.st().Done["items.rope.actions.0"] = false // let the action run again
	h.do("pull rope")
	if h.g.st().Score != 5 {
		t.Errorf("score %d, want 5: a score effect pays once", h.g.st().Score)
	}
}

func TestTeleportLoopIsCaught(t *testing.T) {
	s := testStory()
	s.Locations["attic"].OnEnter = []*story.Reaction{{Do: story.Effects{{Teleport: "attic"}}}}
	s.Locations["hall"].Exits["up"].Hidden = false
	h := newHarness(t, s)
	h.expect("up", msgInternal)
	if h.g.st().Location != "hall" {
		t.Errorf("at %q after a failed command", h.g.st().Location)
	}
	h.expect("east", "Kitchen")
}

func TestMoveIntoItselfIsIgnored(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.tn().apply(story.Effects{{Move: "box", To: "key"}}) // the key is in the box
	if h.where("box") != "hall" {
		t.Errorf("box moved into its own contents: at %q", h.where("box"))
	}
	h.expect("look", "Entrance Hall")
}

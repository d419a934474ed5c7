package driver

import (
	"testing"

	"github.com/tale-if/tale/story"
)

// A thing put in the player's hands after the command (by a rule in the
// tick) is marked handled by the next command, though that command moves
// nothing: skipping the walk over unchanged maps never skips maps the
// tick was still writing.
func TestHandledAfterARuleGivesAThing(t *testing.T) {
	s := testStory()
	s.Rules = append(s.Rules, &story.Rule{ID: "gift", If: story.Conditions{{Carrying: "lamp"}},
		Do: story.Effects{{Move: "cup", To: "player"}}})
	h := newHarness(t, s)
	h.do("take lamp")
	if h.g.world.Items["cup"] != youHold {
		t.Fatalf("the rule did not give the cup: it is at %q", h.g.world.Items["cup"])
	}
	h.do("wait")
	if !h.g.world.Things[stateKey("cup", handledState)] {
		t.Error("the cup, held since the last tick, is not marked handled after the next command")
	}
}

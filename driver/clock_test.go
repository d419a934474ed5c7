package driver

import (
	"slices"
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
)

func TestTimedEventAtTurn(t *testing.T) {
	h := newHarness(t, testStory())
	if out := h.do("wait") + h.do("wait"); strings.Contains(out, "bell") {
		t.Fatalf("bell too early:\n%s", out)
	}
	h.expect("wait", "A bell tolls in the distance.")
	if out := h.do("wait"); strings.Contains(out, "bell") {
		t.Error("a one-off event fired twice")
	}
	// Meta commands take no time.
	ticks := h.g.st().Ticks
	h.do("score")
	h.do("look at the moon") // a failure takes none either
	if h.g.st().Ticks != ticks {
		t.Errorf("ticks %d → %d across meta and failed commands", ticks, h.g.st().Ticks)
	}
}

func TestRepeatingScheduledEvent(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.tn().apply(story.Effects{{Schedule: "drip", In: 1}})
	for range 5 {
		h.do("wait")
	}
	// Fires at ticks 1, 3, 5.
	if got := h.g.st().Counters["drips"]; got != 3 {
		t.Errorf("drips = %d, want 3", got)
	}
	h.g.tn().apply(story.Effects{{Cancel: "drip"}})
	h.do("wait")
	h.do("wait")
	if got := h.g.st().Counters["drips"]; got != 3 {
		t.Errorf("drips = %d after cancel", got)
	}
}

func TestEventConditionSkipsAndStopsRepeat(t *testing.T) {
	s := testStory()
	s.Events["drip"].If = story.Conditions{{Flag: "wet"}}
	h := newHarness(t, s)
	h.g.tn().apply(story.Effects{{Schedule: "drip", In: 1}})
	h.do("wait")
	h.g.st().Flags["wet"] = true
	h.do("wait")
	h.do("wait")
	if got := h.g.st().Counters["drips"]; got != 0 {
		t.Errorf("drips = %d, want 0: a skipped event does not repeat", got)
	}
}

// The status line reads the time as a clock does, and a story that
// declares no clock shows none rather than a time it never chose.
func TestClockAdvances(t *testing.T) {
	s := testStory()
	s.Config.Clock = story.Clock{Start: "1899-11-21 12:59", MinutesPerTick: 1}
	h := newHarness(t, s)
	if got := h.g.tn().status().Clock; got != "12:59 pm" {
		t.Fatalf("clock starts at %q, want 12:59 pm", got)
	}
	h.do("wait")
	if got := h.g.tn().status().Clock; got != "1:00 pm" {
		t.Errorf("clock after a tick: %q, want 1:00 pm", got)
	}
	for _, start := range []string{"", story.DefaultClockStart} {
		s := testStory()
		s.Config.Clock.Start = start
		if got := newHarness(t, s).g.tn().status().Clock; got != "" {
			t.Errorf("no clock declared (start %q): the status shows %q", start, got)
		}
	}
}

func TestNPCWanderIsDeterministic(t *testing.T) {
	walk := func(seed uint64) []string {
		h := newHarness(t, testStory(), func(o *Options) { o.Seed = &seed })
		var path []string
		for range 20 {
			h.do("wait")
			path = append(path, h.g.st().NPCs["cat"])
		}
		return path
	}
	a, b := walk(7), walk(7)
	if !slices.Equal(a, b) {
		t.Fatalf("same seed, different walks:\n%v\n%v", a, b)
	}
	for _, loc := range a {
		if !slices.Contains([]string{"garden", "orchard", "shed"}, loc) {
			t.Fatalf("cat left its area: %v", a)
		}
	}
	moved := false
	for i := 1; i < len(a); i++ {
		moved = moved || a[i] != a[i-1]
	}
	if !moved {
		t.Error("cat never moved")
	}
}

func TestNPCComingsAndGoingsAreTold(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("west")
	var out string
	for range 10 {
		out += h.do("wait")
	}
	if !strings.Contains(out, "The grey cat leaves") && !strings.Contains(out, "The grey cat arrives.") {
		t.Errorf("no cat movement told in 10 turns:\n%s", out)
	}
}

func TestRulesFireOnce(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	if !h.g.st().Flags["lamp_taken"] {
		t.Fatal("rule did not fire")
	}
	delete(h.g.st().Flags, "lamp_taken")
	h.do("wait")
	if h.g.st().Flags["lamp_taken"] {
		t.Error("once rule fired twice")
	}
	s := testStory()
	s.Rules[1].Repeat = true
	h = newHarness(t, s)
	h.do("take lamp")
	delete(h.g.st().Flags, "lamp_taken")
	h.do("wait")
	if !h.g.st().Flags["lamp_taken"] {
		t.Error("repeat rule did not fire again")
	}
}

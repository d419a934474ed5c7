package driver

import "testing"

func TestSensesAndWait(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("listen", "You hear nothing unexpected.")
	h.expect("push statue", "won't budge")
	h.expect("push lamp", "Nothing obvious happens.")
	before := h.g.st().Turns
	h.expect("wait", "Time passes.")
	if h.g.st().Turns != before+1 || h.g.st().Ticks != before+1 {
		t.Errorf("wait: turns %d ticks %d", h.g.st().Turns, h.g.st().Ticks)
	}
}

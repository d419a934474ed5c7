package driver

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

// An ending says the final score and asks Inform's question, before the
// KindEnd; then quit and restart answer it at once.
func TestEndingAsksWhatNextWithTheFinalScore(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("pull rope") // 5 points
	h.do("west")
	h.g.play(tio.Line("gate"))
	evs := h.events()
	if last := evs[len(evs)-1]; last.Kind != tio.KindEnd {
		t.Fatalf("last event %v; the ending must stay last", last.Kind)
	}
	text := textOf(evs)
	for _, want := range []string{"The pond is deeper than it looks.",
		"You scored 5 out of 30, in 3 turns.",
		"Would you like to RESTART, RESTORE a saved game, UNDO your last move, or QUIT?"} {
		if !strings.Contains(text, want) {
			t.Errorf("the ending lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "deeper") > strings.Index(text, "You scored") {
		t.Errorf("the score comes before the ending's words:\n%s", text)
	}
	h.expect("restart", "The Test House")
	if h.g.st().Ended != "" || h.g.st().Turns != 0 {
		t.Errorf("restart at the ending asked first or did not restart: ended %q", h.g.st().Ended)
	}
	h.do("west")
	h.do("gate")
	h.g.play(tio.Line("quit"))
	evs = h.events()
	if e := evs[len(evs)-1]; e.Kind != tio.KindEnd || e.Ending.ID != quitID {
		t.Errorf("quit at the ending: last event %+v, want the quit ending at once", e)
	}
}

func TestEndingWithoutAScoreHasNoScoreLine(t *testing.T) {
	s := testStory()
	s.Config.MaxScore = 0
	h := newHarness(t, s)
	h.do("west")
	out := h.reject("gate", "You scored")
	if !strings.Contains(out, "Would you like to RESTART") {
		t.Errorf("no question at the ending:\n%s", out)
	}
}

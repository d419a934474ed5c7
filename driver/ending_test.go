package driver

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

// An ending shows its words, then the ending itself (a front end's
// banner), then the final score and Inform's question, the last thing
// read; quit and restart answer it at once.
func TestEndingAsksWhatNextWithTheFinalScore(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("pull rope") // 5 points
	h.do("west")
	h.g.play(tio.Line("gate"))
	evs := h.events()
	var kinds []tio.Kind
	for _, ev := range evs {
		kinds = append(kinds, ev.Kind)
	}
	if want := []tio.Kind{tio.KindState, tio.KindText, tio.KindEnd, tio.KindText}; !slices.Equal(kinds, want) {
		t.Fatalf("events %v, want %v", kinds, want)
	}
	if words, after := evs[1].Text, evs[3].Text; !strings.Contains(words, "The pond is deeper than it looks.") ||
		strings.Contains(words, "You scored") || !strings.HasPrefix(after, "You scored") {
		t.Errorf("the ending's words %q, then after the ending %q", words, after)
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

// The transcript reads as the screen does: the ending's words, its
// banner, then the score and the question.
func TestEndingInTheTranscript(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("transcript on")
	h.do("west")
	h.do("gate")
	data, err := os.ReadFile(filepath.Join(h.g.opts.DataDir, "transcripts", "test-1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := "The pond is deeper than it looks.\n\n*** Drowned ***\n\nYou scored 0 out of 30, in 2 turns.\n\n" +
		"Would you like to RESTART, RESTORE a saved game, UNDO your last move, or QUIT?\n"
	if !strings.HasSuffix(string(data), want) {
		t.Errorf("the transcript ends\n%s\nwant\n%s", data, want)
	}
}

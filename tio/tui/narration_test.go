package tui

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

func narr(id uint64, final bool, text string) tio.Event {
	return tio.Event{Kind: tio.KindNarration, Narration: &tio.Narration{ID: id, Final: final, Text: text, Of: "room"}}
}

// A narration streams in after the authored text, piece by piece, and
// its final replaces the pieces: the player reads one paragraph, marked.
func TestNarrationStreamsAndTheFinalReplaces(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 80, 24)
	f.Emit(text("The hall is cold."))
	f.Emit(narr(7, false, "Cold air "))
	d.settle()
	d.mustSee("✎ Cold air")
	f.Emit(narr(7, false, "breathes &lt;here&gt;."))
	d.settle()
	d.mustSee("✎ Cold air breathes <here>.")
	f.Emit(narr(7, true, "Cold air breathes through the hall."))
	d.settle()
	s := d.storyText()
	if strings.Count(s, "✎") != 1 || !strings.Contains(s, "✎ Cold air breathes through the hall.") || strings.Contains(s, "<here>") {
		t.Fatalf("want the final alone in place of the pieces:\n%s", s)
	}
	if a, n := strings.Index(s, "The hall is cold."), strings.Index(s, "✎"); a < 0 || n < a {
		t.Fatalf("the narration is not after the authored text:\n%s", s)
	}
}

// Pieces of a narration that failed (an empty final) are taken back; a
// later paragraph stays where it was.
func TestNarrationTakenBack(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 80, 24)
	f.Emit(narr(3, false, "Half a sent"))
	f.Emit(text("You go north."))
	f.Emit(narr(3, true, ""))
	d.settle()
	d.mustNotSee("Half a sent")
	d.mustSee("You go north.")
}

// HideNarrationMark shows the model's words as plain story text.
func TestNarrationMarkCanBeHidden(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{HideNarrationMark: true}, 80, 24)
	f.Emit(narr(1, true, "The sea is loud."))
	d.settle()
	d.mustSee("The sea is loud.")
	d.mustNotSee("✎")
}

package driver

import (
	"slices"
	"testing"

	"github.com/tale-if/tale/tio"
)

func kindsOf(evs []tio.Event) []tio.Kind {
	ks := make([]tio.Kind, len(evs))
	for i, ev := range evs {
		ks[i] = ev.Kind
	}
	return ks
}

// TestStateComesBeforeTheText: a command's state goes out before its text,
// so a front end that shows the two together (the web bridge merges the
// latest state into each text message) shows the reply with the place it
// describes. A screen clear comes first; a menu or the ending stays last.
func TestStateComesBeforeTheText(t *testing.T) {
	h := newHarness(t, testStory())
	step := func(name string, in tio.Input, want ...tio.Kind) []tio.Event {
		t.Helper()
		h.g.play(in)
		evs := h.events()
		if got := kindsOf(evs); !slices.Equal(got, want) {
			t.Fatalf("%s: events %v, want %v", name, got, want)
		}
		return evs
	}

	evs := step("east", tio.Line("east"), tio.KindState, tio.KindText)
	if evs[0].State.Location != "Kitchen" {
		t.Errorf("east: state before the text is at %q, want Kitchen", evs[0].State.Location)
	}
	step("talk", tio.Line("talk to keeper"), tio.KindState, tio.KindChoices)
	turns := h.g.st().Turns
	evs = step("a menu pick", tio.Line("1"), tio.KindState, tio.KindText, tio.KindChoices)
	if evs[0].State.Turns != turns+1 {
		t.Errorf("menu pick: state before the text has turn %d, want %d", evs[0].State.Turns, turns+1)
	}
	step("restart", tio.Line("restart"), tio.KindText, tio.KindChoices)
	evs = step("restart yes", tio.Pick("yes"), tio.KindClear, tio.KindState, tio.KindText)
	if evs[1].State.Location != "Entrance Hall" || evs[1].State.Turns != 0 {
		t.Errorf("restart: state %+v, want the hall at turn 0", evs[1].State)
	}
	step("west", tio.Line("west"), tio.KindState, tio.KindText)
	evs = step("gate", tio.Line("gate"), tio.KindState, tio.KindText, tio.KindEnd, tio.KindText)
	if evs[0].State.Location != "Pond" {
		t.Errorf("gate: state before the text is at %q, want Pond", evs[0].State.Location)
	}
}

package driver

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// In a crowded room look names the first maxNamed others and counts the
// rest, the state event lists those names only, and one more arriving
// sends the crowd a line of text but no new state.
func TestMUDCrowdedRoomIsNamedInPart(t *testing.T) {
	s := testStory()
	s.Config.Tick = story.Tick{Method: "timer", Period: "1h"}
	m := startMUD(t, s)
	var names []string
	for i := range maxNamed + 2 {
		names = append(names, fmt.Sprintf("p%02d", i))
	}
	m.join(names...)
	m.join("zed")
	m.do("zed", "look")
	want := "P00, P01, P02, P03, P04, P05, P06, P07, P08, P09 and two others are here."
	if got := m.text("zed"); !strings.Contains(got, want) {
		t.Errorf("zed's look:\n%s\nwant %q", got, want)
	}

	m.read()
	seat, err := m.w.Join(t.Context(), "amy")
	if err != nil {
		t.Fatal(err)
	}
	m.seats["amy"] = seat
	m.listen(seat)
	p := m.seats["p00"].(*session).p
	var evs []tio.Event
	m.onLoop("p00", func() { evs, _ = p.events.After(m.seen["p00"]) })
	for _, ev := range evs {
		if ev.Kind == tio.KindState {
			t.Errorf("p00 was sent a new state when amy joined a crowd: %v", ev.State.Players)
		}
	}
	if got := strings.TrimSpace(textOf(evs)); got != "Amy appears." {
		t.Errorf("p00 read %q", got)
	}
	var st *tio.State
	m.onLoop("amy", func() { st = m.w.view(m.seats["amy"].(*session).p).status() })
	if len(st.Players) != maxNamed || st.Players[0] != "P00" {
		t.Errorf("amy's state lists %d players %v, want the first %d", len(st.Players), st.Players, maxNamed)
	}
}

// However much a turn shows a player, it sends them at most one state.
func TestMUDOneStatePerTurn(t *testing.T) {
	s := testStory()
	s.Config.Tick = story.Tick{Method: "timer", Period: "1h"}
	m := startMUD(t, s)
	m.join("ann", "bob")
	m.read()
	m.do("ann", "take lamp. east. west. drop lamp")
	p := m.seats["bob"].(*session).p
	var evs []tio.Event
	m.onLoop("bob", func() { evs, _ = p.events.After(m.seen["bob"]) })
	states, texts := 0, 0
	for _, ev := range evs {
		switch ev.Kind {
		case tio.KindState:
			states++
		case tio.KindText:
			texts++
		}
	}
	if texts != 4 || states > texts {
		t.Errorf("bob got %d texts and %d states for ann's four turns, want four texts and a state at most with each", texts, states)
	}
}

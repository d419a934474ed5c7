package driver

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
)

// A player felled in a shared world wakes at the story's respawn place
// with full hit points; what they carried lies where they fell, and both
// rooms are told. Their story goes on.
func TestMUDFallenPlayerWakesAtRespawn(t *testing.T) {
	s := arena()
	s.Config.Tick = story.Tick{Method: "timer", Period: "1h"} // only the troll's blows back
	s.Config.Respawn = "hall"
	s.NPCs["troll"].Stats.Attack = 8 // cid, watching, lives through a few blows
	m := startMUD(t, s)
	m.join("ann", "bob", "cid")
	m.do("bob", "north")
	m.do("cid", "down")
	m.do("ann", "take sword and bread")
	m.do("ann", "wield sword")
	m.onLoop("ann", func() { // one blow fells her
		p := m.seats["ann"].(*session).p
		ps := p.own.Clone()
		ps.HP = 1
		p.own = ps
	})
	m.read()
	m.do("ann", "down")
	ann := m.text("ann")
	for i := 0; i < 20 && !strings.Contains(ann, "You fall."); i++ {
		m.do("ann", "wait")
		ann = m.text("ann")
	}
	if !strings.Contains(ann, "You wake with a start, whole again.") || !strings.Contains(ann, "Hall\n\nA hall.") {
		t.Fatalf("ann never fell and woke in the hall:\n%s", ann)
	}
	if got := m.text("cid"); !strings.Contains(got, "Ann falls, and fades from sight. A bread and a short sword are left where Ann fell.") {
		t.Errorf("cid, in the cellar, read:\n%s", got)
	}
	if got := m.text("bob"); got != "Ann appears, pale and shaken." {
		t.Errorf("bob, in the hall, read %q", got)
	}
	var ps PlayerState
	var sword string
	m.onLoop("ann", func() {
		ps = *m.seats["ann"].(*session).p.own
		sword = m.w.world.Items["sword"]
	})
	if ps.Location != "hall" || ps.HP != ps.MaxHP || ps.Ended != "" || ps.Wielded != "" || sword != "cellar" {
		t.Errorf("after waking: at %q, HP %d/%d, ended %q, wielding %q, sword at %q", ps.Location, ps.HP, ps.MaxHP, ps.Ended, ps.Wielded, sword)
	}
	m.do("ann", "look")
	if got := m.text("ann"); !strings.HasPrefix(got, "Hall") {
		t.Errorf("ann cannot play on: %q", got)
	}
}

package driver

import (
	"testing"

	"github.com/tale-if/tale/story"
)

// Doors opened, closed, locked and unlocked are seen by the others in
// the room and noticed on the other side; so is a door a story's effect
// moves. Things put in containers or given are seen by the room.
func TestMUDOthersSeeDoorsAndThingsHandled(t *testing.T) {
	s := testStory()
	s.Config.Tick = story.Tick{Method: "timer", Period: "1h"}
	s.Items["apple"].At = "hall"
	s.Locations["hall"].Actions = []*story.Action{{Verbs: []string{"knock"}, Do: story.Effects{{Say: "You knock."}, {Open: "oak"}}}}
	m := startMUD(t, s)
	m.join("ann", "bob", "cid")

	m.do("ann", "open box")
	m.expect("bob", "Ann opens the wooden box.")
	m.do("ann", "take key")
	m.expect("bob", "Ann takes the brass key.")
	m.do("ann", "unlock door")
	m.expect("bob", "Ann unlocks the oak door.")
	m.do("ann", "open door")
	m.expect("bob", "Ann opens the oak door.")
	m.do("cid", "north")
	m.read()
	m.do("ann", "close door")
	m.expect("bob", "Ann closes the oak door.")
	m.expect("cid", "The oak door closes.")
	m.do("ann", "lock door")
	m.expect("bob", "Ann locks the oak door.")
	m.expect("cid", "The oak door is locked from the other side.")
	m.do("ann", "unlock door")
	m.expect("cid", "The oak door is unlocked from the other side.")
	m.read()

	m.do("ann", "knock")
	m.expect("ann", "You knock.")
	m.expect("bob", "The oak door opens.")
	m.expect("cid", "The oak door opens.")

	m.do("ann", "put key in box")
	m.expect("bob", "Ann puts the brass key in the wooden box.")
	m.do("ann", "take apple")
	m.do("ann", "east")
	m.do("bob", "east")
	m.read()
	m.do("ann", "give apple to keeper")
	m.expect("bob", "Ann gives the apple to the old keeper.")
}

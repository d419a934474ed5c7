package driver

import "testing"

func TestOpenCloseBox(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("close box", "already closed")
	h.expect("open box", "You open the wooden box.")
	h.expect("open box", "already open")
	h.expect("close box", "You close the wooden box.")
	h.expect("open lamp", "That's not something you can open.")
}

func TestLockedDoor(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("north", "The oak door is locked.")
	h.expect("open door", "The oak door is locked.")
	h.expect("unlock door", "You have nothing that fits the oak door.")
	h.do("open box")
	h.do("take key")
	h.g.st().Items["lamp"] = youHold
	h.expect("unlock door with lamp", "The brass lamp doesn't fit the oak door.")
	h.expect("unlock door", "(with the brass key)", "You unlock the oak door.")
	h.expect("north", "The oak door is closed.")
	h.expect("open door", "You open the oak door.")
	h.expect("north", "Library")
	// The door is one door from both sides.
	h.expect("close door", "You close the oak door.")
	h.expect("lock door with key", "You lock the oak door.")
	h.expect("south", "The oak door is locked.")
}

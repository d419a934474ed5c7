package driver

import "testing"

func TestEatAndDrink(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("eat lamp", "That's plainly inedible.")
	h.g.st().Items["apple"] = youHold
	h.expect("eat apple", "You eat the apple.")
	if h.where("apple") != nowhere {
		t.Errorf("apple at %q after eating", h.where("apple"))
	}
	h.g.st().Items["wine"] = "hall"
	h.expect("drink wine", "(first taking the wine)", "You drink the wine.")
	h.expect("drink lamp", "There's nothing suitable to drink there.")
}

func TestWearAndTakeOff(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.st().Items["cloak"] = youHold
	h.expect("wear lamp", "You can't wear that.")
	h.expect("wear cloak", "You put on the velvet cloak.")
	h.expect("i", "velvet cloak (worn)")
	h.expect("wear cloak", "You're already wearing")
	h.expect("take off cloak", "You take off the velvet cloak.")
	h.expect("take off cloak", "You're not wearing that.")
	h.do("wear cloak")
	h.expect("drop cloak", "(first taking it off)", "Dropped.")
	if h.g.st().Worn["cloak"] {
		t.Error("dropped cloak still worn")
	}
}

package parse

import "testing"

// The parser lends its room for matching once at a time: a parse nested
// in another gets room of its own, and the room is lent again after.
func TestBindingsRoomIsLentOnceAtATime(t *testing.T) {
	p := New()
	outer := p.takeBindings()
	inner := p.takeBindings()
	if &outer[:1][0] == &inner[:1][0] {
		t.Fatal("a nested parse was lent the room in use")
	}
	p.giveBindings(inner)
	if !p.busy {
		t.Fatal("giving back the nested room freed the lent one")
	}
	p.giveBindings(outer)
	if again := p.takeBindings(); &again[:1][0] != &outer[:1][0] {
		t.Error("the room was not lent again once given back")
	}
}

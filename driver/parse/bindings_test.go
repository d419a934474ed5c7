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

// The room for tokens is lent the same way: a nested parse ("oops" reads
// the corrected line while the outer line's tokens are still held) lexes
// into a slice of its own.
func TestTokensRoomIsLentOnceAtATime(t *testing.T) {
	p := New()
	outer := p.takeToks()
	if inner := p.takeToks(); inner != nil {
		t.Fatal("a nested parse was lent the room in use")
	}
	p.giveToks(nil)
	if !p.toksBusy {
		t.Fatal("a nested parse's own slice freed the lent room")
	}
	p.giveToks(outer)
	if again := p.takeToks(); again == nil || &again[:1][0] != &p.toks[0] {
		t.Error("the room was not lent again once given back")
	}
	toks := lexInto(p.toks[:0], "put the lamp, the key, the coin and the box in the chest")
	if got := toks[len(toks)-1].w; got != "chest" || cap(toks) <= lexRoom {
		t.Errorf("a line longer than the room: last token %q, cap %d", got, cap(toks))
	}
}

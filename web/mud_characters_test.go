package web

import (
	"strings"
	"testing"
)

// An account's character in a durable MUD is kept over the web: after
// quitting, logging out and in again, and after a server restart, it is
// where it was (Gull Ledge), with what it had (the float), with its score
// and turns, and with its own settings (brief descriptions, and the
// places it has seen, which brief needs).
func TestMUDCharacterKeptAcrossLoginsAndRestarts(t *testing.T) {
	dir := t.TempDir()
	h, stop := startDurableMUD(t, dir)
	v := h.visitor(t)
	v.mustForm("create", creds("alice", "battery staple"))
	p := v.connect("")
	p.do("north", "Cliff Path")
	p.do("east", "Gull Ledge")
	p.do("take float", "float")
	p.do("brief", "first visit")
	score := scoreLine(p)
	if !strings.Contains(score, "scored 2 ") {
		t.Fatalf("the float scored nothing: %q", score)
	}
	check := func(when string) {
		t.Helper()
		if got := scoreLine(p); got != score { // first: look and inventory take turns
			t.Errorf("%s: score reads %q, want %q", when, got, score)
		}
		if got := p.do("look", "Gull Ledge"); strings.Contains(got, "What is your name?") {
			t.Fatalf("%s: alice is asked for a name:\n%s", when, got)
		}
		if got := p.do("inventory", "carrying"); !strings.Contains(got, "glass float") {
			t.Errorf("%s: alice has not her float:\n%s", when, got)
		}
		p.do("west", "Cliff Path")
		if got := p.do("east", "Gull Ledge"); !strings.Contains(got, "The gull ledge above the Teeth") || strings.Contains(got, "A shelf of rock") {
			t.Errorf("%s: alice's brief setting is lost:\n%s", when, got)
		}
		score = scoreLine(p) // west and east took two turns
	}

	leave(p)
	v.mustForm("logout", nil)
	v.mustForm("login", creds("alice", "battery staple"))
	p = v.connect("")
	check("after quit, logout and login")

	stop() // alice is in the world, link-dead once her connection goes
	h, stop = startDurableMUD(t, dir)
	v.h = h
	p = v.connect("") // her login cookie is still good: sessions are in the store
	check("after a restart, in the world")

	leave(p)
	stop() // alice's character is in the store, not in the world
	h, _ = startDurableMUD(t, dir)
	v.h = h
	p = v.connect("")
	check("after a restart, back from the store")
}

// scoreLine is the score command's sentence.
func scoreLine(p *mudPlayer) string {
	p.t.Helper()
	for _, l := range strings.Split(p.do("score", "You have scored"), "\n") {
		if strings.Contains(l, "You have scored") {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// leave quits the world and waits for the server to close the connection.
func leave(p *mudPlayer) {
	p.t.Helper()
	p.send("quit")
	p.send("yes")
	if _, code := p.closedWith(); code != closeNormal {
		p.t.Fatalf("quitting closed with %d, want 1000", code)
	}
}

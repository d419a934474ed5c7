package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// mudPlayer is one seat in a shared world, with the reader of its stream.
type mudPlayer struct {
	t    *testing.T
	name string
	seat driver.Seat
	r    *replyReader
}

// do sends a command and returns the player's reply.
func (p *mudPlayer) do(cmd string) string {
	p.t.Helper()
	if err := p.seat.Send(p.t.Context(), tio.Line(cmd)); err != nil {
		p.t.Fatalf("%s: %s: %v", p.name, cmd, err)
	}
	return p.seen()
}

// seen returns what reached the player since it last read.
func (p *mudPlayer) seen() string {
	p.t.Helper()
	text, err := p.r.upTo(p.t.Context(), p.seat)
	if err != nil {
		p.t.Fatalf("%s: %v", p.name, err)
	}
	return text
}

// has fails the test unless text has every fragment (a fragment after !
// must not appear), as a test script's step would.
func (p *mudPlayer) has(what, text string, frags ...string) {
	p.t.Helper()
	for _, f := range frags {
		if rest, ok := strings.CutPrefix(f, "!"); ok {
			if strings.Contains(text, rest) {
				p.t.Errorf("%s, %s: has %q:\n%s", p.name, what, rest, indent(text))
			}
		} else if !strings.Contains(text, f) {
			p.t.Errorf("%s, %s: lacks %q:\n%s", p.name, what, f, indent(text))
		}
	}
}

// The tutorial's "In MUD mode" sections describe the finished game shared
// by two players; this plays it so, and each claim is checked.
func TestTutorialInMUDMode(t *testing.T) {
	s, err := story.LoadDir(filepath.Join(tutorialDir, "6-endings"))
	if err != nil {
		t.Fatal(err)
	}
	seed := defaultScriptSeed
	w, err := driver.NewWorld(s, driver.Options{Seed: &seed, DataDir: t.TempDir(), Mode: driver.ModeMUD})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	defer func() { cancel(); <-done }()
	join := func(name string) *mudPlayer {
		seat, err := w.Join(t.Context(), name)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := seat.Subscribe(t.Context(), 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(sub.Cancel)
		p := &mudPlayer{t: t, name: name, seat: seat, r: &replyReader{sub: sub}}
		p.seen() // the opening
		return p
	}
	ann, bob := join("Ann"), join("Bob")
	bob.seen()

	// Timed events are each player's own (scope: {events: player}).
	ann.has("waiting", ann.do("wait 9")+ann.do("wait"), "Half an hour until Matron’s round")
	bob.has("while Ann waits", bob.seen(), "!Half an hour")

	// One torch; the room sees it taken.
	ann.has("take torch", ann.do("take torch"), "Taken")
	bob.has("Ann takes the torch", bob.seen(), "Ann takes the electric torch")
	bob.has("take torch", bob.do("take torch"), "!Taken")

	// Conversations are private; the flag is the world's: Ann's wishes
	// make Pip grin for Bob, and the once-only option is gone for him too.
	ann.has("talk to pip", ann.do("talk to pip"), "1. Happy birthday")
	ann.has("wish", ann.do("1"), "You remembered!")
	ann.do("3")
	bob.has("Ann talks to Pip", bob.seen(), "!You remembered!")
	ann.do("ask pip about matron")
	bob.has("Ann asks Pip", bob.seen(), "!round at midnight")
	bob.has("look", bob.do("look"), "Pip is sitting up in bed, grinning")
	bob.has("talk to pip", bob.do("talk to pip"), "!Happy birthday", "Go to sleep")
	bob.do("2")

	// Light is shared: Ann's lit torch lights the cellar for Bob.
	for _, cmd := range []string{"west", "down", "take key", "turn on torch", "down"} {
		ann.do(cmd)
	}
	bob.do("west")
	bob.do("down")
	bob.has("down, by Ann's torch", bob.do("down"), "Cellar", "!pitch dark")
	ann.has("turn off", ann.do("turn off torch"), "pitch dark")
	bob.has("Ann's torch goes out", bob.seen(), "pitch dark")
	ann.do("turn on torch")
	bob.seen()

	// The chest is the world's; the rule speaks to who opened it.
	ann.do("unlock chest with key")
	ann.has("open chest", ann.do("open chest"), "drifts up")
	bob.has("Ann opens the chest", bob.seen(), "Ann opens the larder chest", "!drifts up")
	bob.has("examine chest", bob.do("examine chest"), "Inside, it smells")

	// One score for both (score: world).
	ann.do("take cake")
	bob.has("score", bob.do("score"), "You have scored 10 out of a possible 20")
	bob.has("undo", bob.do("undo"), "There is no undo in a shared world")

	// The feast is the world's ending: Bob's story ends with Ann's.
	for _, cmd := range []string{"up", "up", "east"} {
		ann.do(cmd)
	}
	ann.has("give cake", ann.do("give cake to pip"), "the best cake")
	bob.has("Ann gives the cake", bob.seen(), "the best cake")
	if bob.r.ending == nil || !bob.r.ending.Won {
		t.Errorf("Bob's story did not end in a win with Ann's feast: %+v", bob.r.ending)
	}
}

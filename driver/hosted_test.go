package driver

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

func hosted(o *Options) { o.Hosted = true }

// until reads events up to and including the first of kind, failing
// instead of hanging.
func until(t *testing.T, sub *tio.Subscription, kind tio.Kind) []tio.Event {
	t.Helper()
	var evs []tio.Event
	for {
		ev, ok := next(t, sub)
		if !ok {
			t.Fatalf("the stream closed before a %s event; got %+v", kind, evs)
		}
		evs = append(evs, ev)
		if ev.Kind == kind {
			return evs
		}
	}
}

// stillRunning fails when Run has returned; the loop must also still answer.
func (r *running) stillRunning() {
	r.t.Helper()
	r.sync()
	select {
	case err := <-r.done:
		r.done <- err // for the cleanup
		r.t.Fatalf("Run returned (%v); a hosted game's loop must go on", err)
	case <-r.g.Done():
		r.t.Fatal("Done is closed while the loop runs")
	default:
	}
}

func TestHostedQuitEndsTheGameAndOffersRestart(t *testing.T) {
	r := startGame(t, testStory(), hosted)
	r.sync()
	sub := r.subscribe(int64(r.s.LastSeq()))
	r.send("take lamp")
	r.send("quit")
	r.send("yes")
	evs := until(t, sub, tio.KindEnd)
	end := evs[len(evs)-1].Ending
	if end == nil || end.ID != "quit" || end.Title != "Quit" {
		t.Fatalf("ending %+v", end)
	}
	text := textOf(evs)
	for _, want := range []string{"Goodbye.", "Your game is over. Type RESTART to begin a new one, or UNDO to take back quitting."} {
		if !strings.Contains(text, want) {
			t.Errorf("the quit lacks %q:\n%s", want, text)
		}
	}
	r.stillRunning()

	// A tab that joins now sees the game is over.
	fresh := drain(r.subscribe(-1))
	if e := fresh[len(fresh)-1]; e.Kind != tio.KindEnd || e.Ending.ID != "quit" {
		t.Errorf("a fresh tab's last event %+v; want the quit ending", e)
	}
	r.send("east")
	if got := strings.TrimSpace(textOf(until(t, sub, tio.KindText))); got != "The story is over. You can RESTART, RESTORE a saved game, or UNDO your last move." {
		t.Errorf("a move after quitting: %q", got)
	}

	r.send("restart")
	if err := r.s.Send(context.Background(), tio.Pick("yes")); err != nil {
		t.Fatal(err)
	}
	evs = until(t, sub, tio.KindClear)
	evs = append(evs, until(t, sub, tio.KindText)...)
	if !strings.Contains(textOf(evs), "The Test House") {
		t.Errorf("restart did not begin a new game:\n%s", textOf(evs))
	}
	r.send("take lamp")
	if got := strings.TrimSpace(textOf(until(t, sub, tio.KindText))); got != "Taken." {
		t.Errorf("the new game after quitting: %q", got)
	}
	r.stillRunning()
}

// Undo takes back the quit itself, not the move before it: a quit typed by
// someone else in a shared game loses nothing.
func TestHostedQuitCanBeUndone(t *testing.T) {
	h := newHarness(t, testStory(), hosted)
	h.do("take lamp")
	h.do("east")
	h.do("quit")
	h.expect("yes", "Goodbye.")
	if h.g.st().Ended == "" {
		t.Fatal("quit did not end the game")
	}
	h.expect("undo", "You take back your last move.", "Kitchen")
	if h.g.st().Ended != "" || h.where("lamp") != youHold || h.g.st().Location != "kitchen" {
		t.Errorf("after undo: ended %q, lamp %q, at %q", h.g.st().Ended, h.where("lamp"), h.g.st().Location)
	}
	h.expect("west", "Entrance Hall")
	if h.g.stopping {
		t.Error("a hosted quit stopped the loop")
	}
}

// A story's own ending called "quit" stays the story's, not the player's.
func TestHostedQuitLeavesAStorysOwnQuitEnding(t *testing.T) {
	s := testStory()
	s.Config.Endings["quit"] = &story.Ending{Kind: "win", Title: "Walked Away"}
	h := newHarness(t, s, hosted)
	h.do("quit")
	h.do("yes")
	if e := h.g.tn().ending(); e == nil || e.ID != "quit" || e.Title != "Quit" || e.Won {
		t.Errorf("the player's quit reads as %+v", e)
	}
	h.g.st().Ended = "quit" // the story's ending, reached in play
	if e := h.g.tn().ending(); e.Title != "Walked Away" || !e.Won {
		t.Errorf("the story's quit ending reads as %+v", e)
	}
}

// Whatever a client sends, a hosted game's loop goes on; only its context
// ends it, and then Done is closed.
func TestNoClientMessageEndsAHostedGame(t *testing.T) {
	r := startGame(t, testStory(), hosted)
	for _, in := range []tio.Input{
		tio.Line("quit"), tio.Line("yes"), tio.Line("q"), tio.Line("y"),
		tio.Line("quit"), tio.Pick("yes"), tio.Line("quit then yes"), tio.Line("quit. y"),
		tio.Line("restart"), tio.Pick("yes"), tio.Line("quit"), tio.Line("yes"), tio.Line("quit"),
		tio.Line("yes"), tio.Pick("no"), tio.Line(""), tio.Line(strings.Repeat("quit ", 2000)),
		tio.Line("\x00\x1b[2J quit"), {Kind: 99}, tio.Pick(""), tio.Line("undo"), tio.Line("undo"),
	} {
		if err := r.s.Send(context.Background(), in); err != nil {
			t.Fatalf("Send %+v: %v", in, err)
		}
	}
	r.stillRunning()

	r.stop()
	select {
	case <-r.g.Done():
	case <-time.After(hangGuard):
		t.Fatal("Done was not closed after the context ended")
	}
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("Run returned %v", err)
		}
		r.done <- nil // for the cleanup
	case <-time.After(hangGuard):
		t.Fatal("Run did not return after its context ended")
	}
}

// Without Hosted, quit ends Run as ever (a terminal player leaves the
// program), and Done says so.
func TestQuitEndsRunWhenNotHosted(t *testing.T) {
	r := startGame(t, testStory())
	r.send("quit")
	r.send("yes")
	select {
	case <-r.g.Done():
	case <-time.After(hangGuard):
		t.Fatal("Done was not closed after quit")
	}
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("Run returned %v", err)
		}
		r.done <- nil // for the cleanup
	case <-time.After(hangGuard):
		t.Fatal("Run did not return after quit")
	}
}

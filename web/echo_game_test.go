package web

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
	"github.com/tale-if/tale/tio/tiotest"
)

// echoGame is the tiotest fake Session (which keeps the driver's seqs,
// replay ring, resume, eviction and ordering) playing a game that echoes
// commands. A line "panic" makes Send itself panic, on the caller's
// goroutine, as a broken Session would.
type echoGame struct {
	*tiotest.Session

	// Owned by the session's goroutine (React and Snapshot).
	state    tio.State
	confirm  bool
	menuOpen bool

	warmUp int // inputs newEchoGame sent itself, left out of Sent
}

var echoInfo = tio.StoryInfo{ID: "echo", Name: "The Echo Chamber", Author: "A. Tester", Version: "1.2.3", Mode: "if"}

// newEchoGame keeps the newest ringSize events for resume; a reader
// whose channel holds ringSize+subBuf unread events beyond what it was
// first handed is evicted. The game has shown its opening and has been
// played (by a silent input Sent leaves out), so a fresh tab gets the
// snapshot, the current look, as on a game already under way; see
// newOpeningEchoGame for one nobody has played.
func newEchoGame(ringSize, subBuf int) *echoGame {
	return newEchoGameInfo(ringSize, subBuf, echoInfo)
}

func newEchoGameInfo(ringSize, subBuf int, info tio.StoryInfo) *echoGame {
	g := newOpeningEchoGame(ringSize, subBuf, info)
	g.Session.Send(context.Background(), tio.Input{})
	g.Sync(context.Background())
	g.warmUp = 1
	return g
}

// newOpeningEchoGame is an echo game nobody has played yet: a fresh tab
// gets its opening replayed.
func newOpeningEchoGame(ringSize, subBuf int, info tio.StoryInfo) *echoGame {
	g := &echoGame{state: tio.State{Story: "echo", Location: "Hall", Exits: []string{"north", "east"}, Items: []string{"lamp"}, NPCs: []string{"echo"}}}
	g.Session = tiotest.New(tiotest.Options{
		Info: info, Ring: ringSize, SubBuffer: ringSize + subBuf,
		React: g.react, Complete: echoComplete, Snapshot: g.snapshot,
	})
	g.Emit(tiotest.Text("<bright>Welcome</bright> to the echo chamber."), tiotest.State(g.state))
	return g
}

func (g *echoGame) Send(ctx context.Context, in tio.Input) error {
	if in.Kind == tio.InputLine && in.Line == "panic" {
		panic("the fake game was told to panic")
	}
	return g.Session.Send(ctx, in)
}

// Sent is what the players sent.
func (g *echoGame) Sent() []tio.Input { return g.Session.Sent()[g.warmUp:] }

var echoWords = []string{"east", "go north", "look", "lookup", "menu", "quit", "take lamp"}

func echoComplete(prefix string) []string {
	var out []string
	for _, w := range echoWords { // sorted
		if strings.HasPrefix(w, prefix) {
			out = append(out, w)
		}
	}
	return out
}

func (g *echoGame) snapshot() []tio.Event {
	evs := []tio.Event{tiotest.Text("<location>" + g.state.Location + "</location>\n\nAn echoing room."), tiotest.State(g.state)}
	if g.menuOpen {
		evs = append(evs, tio.Event{Kind: tio.KindChoices, Choices: echoMenu})
	}
	return evs
}

var echoMenu = &tio.Choices{Prompt: "Which <it>colour</it>?", Options: []tio.Choice{{ID: "1", Text: "Red"}, {ID: "2", Text: "Blue"}}}

// react is the echo game.
func (g *echoGame) react(s *tiotest.Session, in tio.Input) {
	if in == (tio.Input{}) {
		return // newEchoGame's warm-up
	}
	if in.Kind == tio.InputChoice {
		g.menuOpen = false
		s.Emit(tiotest.Text("You picked " + markup.Escape(in.ChoiceID) + "."))
		return
	}
	line := in.Line
	if g.confirm {
		g.confirm = false
		if line == "yes" {
			s.Emit(tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "quit", Title: "You left", Won: false}})
			s.Close()
			return
		}
	}
	switch {
	case line == "quit":
		g.confirm = true
		s.Emit(tiotest.Text("Do you really want to quit?"))
	case line == "menu":
		g.menuOpen = true
		s.Emit(tio.Event{Kind: tio.KindChoices, Choices: echoMenu})
	case line == "go north":
		g.state.Location, g.state.Exits = "North Room", []string{"south"}
		g.state.Turns++
		g.state.HP, g.state.MaxHP, g.state.Level = 17, 30, 2
		s.Emit(tiotest.Text("You go north."), tiotest.State(g.state))
	case line == "image":
		s.Emit(tio.Event{Kind: tio.KindImage, Image: &tio.Image{Path: "pics/hall.png", MIME: "image/png", Alt: "the hall"}})
	case line == "clear":
		s.Emit(tio.Event{Kind: tio.KindClear})
	case line == "password":
		s.Emit(tio.Event{Kind: tio.KindNoEcho})
	case strings.HasPrefix(line, "echo "):
		// One event per command: the benchmarks' round trip.
		s.Emit(tiotest.Text(markup.Escape(line)))
	case strings.HasPrefix(line, "spam "):
		n, _ := strconv.Atoi(strings.TrimPrefix(line, "spam "))
		for i := range n {
			s.Emit(tiotest.Text(fmt.Sprintf("line %d", i+1)))
		}
	default:
		g.state.Turns++
		s.Emit(tiotest.Text("You said: "+markup.Escape(line)), tiotest.State(g.state))
	}
}

package tui

import (
	"context"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

// newFakeSession is the demo game on a tiotest.Session, having shown its
// opening.
func newFakeSession() *tiotest.Session { return newFake(tiotest.Options{}) }

// newFake is newFakeSession with the session's buffers set by opts.
func newFake(opts tiotest.Options) *tiotest.Session {
	opts.Info = tio.StoryInfo{ID: "demo", Name: "Zork-ish", Mode: "if"}
	opts.React = demoReact
	opts.Complete = completeVocab
	f := tiotest.New(opts)
	f.Emit(text(westOfHouse), state("West of House", 0))
	return f
}

const westOfHouse = "<location>West of House</location>\n\nYou are standing in an open field west of a white house, with a boarded front door.\n\nThere is a small <item>mailbox</item> here."

func text(s string) tio.Event { return tiotest.Text(s) }

func state(loc string, turns int) tio.Event {
	return tiotest.State(tio.State{Location: loc, Turns: turns, Score: 0, MaxScore: 10, Clock: "9:00 am"})
}

// demoReact is the fake game: a handful of commands with fixed replies.
func demoReact(f *tiotest.Session, in tio.Input) {
	turns := len(f.Sent())
	if in.Kind == tio.InputChoice {
		f.Emit(text("You chose " + in.ChoiceID + "."))
		return
	}
	switch in.Line {
	case "look", "l":
		f.Emit(text(westOfHouse), state("West of House", turns))
	case "open mailbox":
		f.Emit(text("Opening the small mailbox reveals a <item>leaflet</item>."), state("West of House", turns))
	case "north", "n":
		f.Emit(text("<location>North of House</location>\n\nYou are facing the north side of a white house."),
			state("North of House", turns))
	case "talk":
		f.Emit(text("The <living>troll</living> eyes you."), tio.Event{Kind: tio.KindChoices, Choices: &tio.Choices{
			Prompt: "What do you say?",
			Options: []tio.Choice{
				{ID: "hello", Text: "Hello there."},
				{ID: "bridge", Text: "May I cross the bridge?"},
				{ID: "bye", Text: "Goodbye."},
			}}})
	case "password":
		f.Emit(text("Say the word:"), tio.Event{Kind: tio.KindNoEcho})
	case "quit": // as the driver does once the player said yes
		f.Emit(text("Goodbye."), tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "quit", Title: "Quit"}})
	case "win": // in the driver's order: the words, the ending, the score and question
		f.Emit(text("You have won."), tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "win", Title: "The End", Won: true}},
			text("You scored 5 out of 5, in 3 turns.\n\nWould you like to <bright>RESTART</bright> or <bright>UNDO</bright>?"))
	default:
		f.Emit(text("Nothing happens."))
	}
}

var vocab = []string{"drop", "east", "enter", "examine", "inventory", "look",
	"north", "open mailbox", "take leaflet", "talk"}

func completeVocab(prefix string) []string {
	var out []string
	for _, v := range vocab {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

// lines is what the game was sent, a pick as "pick:<id>".
func lines(f *tiotest.Session) []string {
	var out []string
	for _, in := range f.Sent() {
		if in.Kind == tio.InputLine {
			out = append(out, in.Line)
		} else {
			out = append(out, "pick:"+in.ChoiceID)
		}
	}
	return out
}

// testRenderer pins colour: 256 colours on a dark background, never asking
// a terminal, so screens are the same wherever the tests run.
func testRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	r.SetHasDarkBackground(true)
	return r
}

func testModel(t testing.TB, sess tio.Session, opts Options) *model {
	t.Helper()
	return newModel(context.Background(), sess, opts, settings{renderer: testRenderer()})
}

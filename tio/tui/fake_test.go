package tui

import (
	"context"
	"io"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/tale-if/tale/tio"
)

// fakeSession is a tiny scripted game with the Subscribe semantics of
// tio.Session: numbered events, replay from since, eviction of a reader
// whose buffer is full, and a closed channel when the session ends.
type fakeSession struct {
	mu      sync.Mutex
	events  []tio.Event
	subs    map[*fakeSub]bool
	byTio   map[*tio.Subscription]*fakeSub
	inputs  []tio.Input
	closed  bool
	bufSize int
	sent    chan tio.Input // every Send, for tests to wait on
	react   func(f *fakeSession, in tio.Input)
	vocab   []string
}

type fakeSub struct {
	ch      chan tio.Event
	evicted bool
}

func newFakeSession() *fakeSession {
	f := &fakeSession{
		subs:    map[*fakeSub]bool{},
		byTio:   map[*tio.Subscription]*fakeSub{},
		bufSize: 256,
		sent:    make(chan tio.Input, 64),
		react:   demoReact,
		vocab: []string{"drop", "east", "enter", "examine", "inventory", "look",
			"north", "open mailbox", "take leaflet", "talk"},
	}
	f.emit(text(westOfHouse))
	f.emit(state("West of House", 0))
	return f
}

const westOfHouse = "<location>West of House</location>\n\nYou are standing in an open field west of a white house, with a boarded front door.\n\nThere is a small <item>mailbox</item> here."

func text(s string) tio.Event { return tio.Event{Kind: tio.KindText, Text: s} }

func state(loc string, turns int) tio.Event {
	return tio.Event{Kind: tio.KindState, State: &tio.State{
		Location: loc, Turns: turns, Score: 0, MaxScore: 10, Clock: "9:00 am"}}
}

// demoReact is the fake game: a handful of commands with fixed replies.
func demoReact(f *fakeSession, in tio.Input) {
	f.mu.Lock()
	turns := len(f.inputs)
	f.mu.Unlock()
	if in.Kind == tio.InputChoice {
		f.emit(text("You chose " + in.ChoiceID + "."))
		return
	}
	switch in.Line {
	case "look", "l":
		f.emit(text(westOfHouse))
		f.emit(state("West of House", turns))
	case "open mailbox":
		f.emit(text("Opening the small mailbox reveals a <item>leaflet</item>."))
		f.emit(state("West of House", turns))
	case "north", "n":
		f.emit(text("<location>North of House</location>\n\nYou are facing the north side of a white house."))
		f.emit(state("North of House", turns))
	case "talk":
		f.emit(text("The <living>troll</living> eyes you."))
		f.emit(tio.Event{Kind: tio.KindChoices, Choices: &tio.Choices{
			Prompt: "What do you say?",
			Options: []tio.Choice{
				{ID: "hello", Text: "Hello there."},
				{ID: "bridge", Text: "May I cross the bridge?"},
				{ID: "bye", Text: "Goodbye."},
			}}})
	case "password":
		f.emit(text("Say the word:"))
		f.emit(tio.Event{Kind: tio.KindNoEcho})
	case "quit": // as the driver does once the player said yes
		f.emit(text("Goodbye."))
		f.emit(tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "quit", Title: "Quit"}})
	case "win":
		f.emit(text("You have won."))
		f.emit(tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "win", Title: "The End", Won: true}})
	default:
		f.emit(text("Nothing happens."))
	}
}

func (f *fakeSession) Info() tio.StoryInfo {
	return tio.StoryInfo{ID: "demo", Name: "Zork-ish", Mode: "if"}
}

func (f *fakeSession) Send(ctx context.Context, in tio.Input) error {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return tio.ErrSessionClosed
	}
	f.inputs = append(f.inputs, in)
	f.mu.Unlock()
	select {
	case f.sent <- in:
	default:
	}
	if f.react != nil {
		f.react(f, in)
	}
	return nil
}

func (f *fakeSession) Complete(ctx context.Context, prefix string) ([]string, error) {
	var out []string
	for _, v := range f.vocab {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out, nil
}

func (f *fakeSession) Subscribe(ctx context.Context, since int64) (*tio.Subscription, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil, tio.ErrSessionClosed
	}
	var replay []tio.Event
	for _, ev := range f.events {
		if since >= 0 && int64(ev.Seq) > since {
			replay = append(replay, ev)
		}
	}
	s := &fakeSub{ch: make(chan tio.Event, len(replay)+f.bufSize)}
	for _, ev := range replay {
		s.ch <- ev
	}
	f.subs[s] = true
	cancel := func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.subs[s] {
			delete(f.subs, s)
			close(s.ch)
		}
	}
	evicted := func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return s.evicted
	}
	sub := tio.NewSubscription(s.ch, false, cancel, evicted)
	f.byTio[sub] = s
	return sub, nil
}

// live reports whether sub still receives events (not cancelled, evicted
// or closed with the session).
func (f *fakeSession) live(sub *tio.Subscription) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.subs[f.byTio[sub]]
}

func (f *fakeSession) LastSeq() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return uint64(len(f.events))
}

// emit numbers ev and hands it to every subscriber without blocking,
// evicting any whose buffer is full, as the driver does.
func (f *fakeSession) emit(ev tio.Event) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ev.Seq = uint64(len(f.events) + 1)
	f.events = append(f.events, ev)
	for s := range f.subs {
		select {
		case s.ch <- ev:
		default:
			s.evicted = true
			delete(f.subs, s)
			close(s.ch)
		}
	}
}

// close ends the session: every subscriber's channel closes, not evicted.
func (f *fakeSession) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	for s := range f.subs {
		delete(f.subs, s)
		close(s.ch)
	}
}

func (f *fakeSession) lines() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, in := range f.inputs {
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

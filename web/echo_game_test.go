package web

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// echoGame is a tio.Session that behaves like the driver's: one loop
// goroutine owns everything, seqs grow by one per event, a bounded replay
// ring serves resumes, a reader whose channel is full is evicted, and a
// fresh or resynced reader gets a snapshot. Its "game" echoes commands.
type echoGame struct {
	info    tio.StoryInfo
	inbox   chan func()
	done    chan struct{}
	lastSeq atomic.Uint64
	subBuf  int

	// Owned by the loop.
	ring     []tio.Event
	ringSize int
	subs     map[int]*echoSub
	nextSub  int
	state    tio.State
	confirm  bool
	menuOpen bool
	inputs   []string

	mu     sync.Mutex // guards seen, read by tests
	seen   []string
	closed atomic.Bool
}

type echoSub struct {
	ch      chan tio.Event
	evicted atomic.Bool
}

func newEchoGame(ringSize, subBuf int) *echoGame {
	g := &echoGame{
		info:  tio.StoryInfo{ID: "echo", Name: "The Echo Chamber", Author: "A. Tester", Version: "1.2.3", Mode: "if"},
		inbox: make(chan func(), 64), done: make(chan struct{}),
		ringSize: ringSize, subBuf: subBuf, subs: map[int]*echoSub{},
		state: tio.State{Story: "echo", Location: "Hall", Exits: []string{"north", "east"}, Items: []string{"lamp"}, NPCs: []string{"echo"}},
	}
	g.emit(tio.Event{Kind: tio.KindText, Text: "<bright>Welcome</bright> to the echo chamber."})
	g.emit(tio.Event{Kind: tio.KindState, State: g.stateCopy()})
	go g.loop()
	return g
}

func (g *echoGame) loop() {
	for {
		select {
		case f := <-g.inbox:
			f()
			if g.closed.Load() {
				g.stop()
				return
			}
		case <-g.done:
			return
		}
	}
}

// stop ends the game like the driver does: every stream closes after
// what is already queued in it.
func (g *echoGame) stop() {
	close(g.done)
	for id, s := range g.subs {
		close(s.ch)
		delete(g.subs, id)
	}
}

func (g *echoGame) stateCopy() *tio.State {
	st := g.state
	return &st
}

// emit runs on the loop (or before it starts).
func (g *echoGame) emit(ev tio.Event) {
	ev.Seq = g.lastSeq.Load() + 1
	g.lastSeq.Store(ev.Seq)
	g.ring = append(g.ring, ev)
	if len(g.ring) > g.ringSize {
		g.ring = g.ring[len(g.ring)-g.ringSize:]
	}
	for id, s := range g.subs {
		select {
		case s.ch <- ev:
		default:
			s.evicted.Store(true)
			close(s.ch)
			delete(g.subs, id)
		}
	}
}

func (g *echoGame) Info() tio.StoryInfo { return g.info }
func (g *echoGame) LastSeq() uint64     { return g.lastSeq.Load() }

func (g *echoGame) Send(ctx context.Context, in tio.Input) error {
	if in.Kind == tio.InputLine && in.Line == "panic" {
		panic("the fake game was told to panic")
	}
	select {
	case <-g.done:
		return tio.ErrSessionClosed
	default:
	}
	select {
	case g.inbox <- func() { g.handle(in) }:
		return nil
	case <-g.done:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// call runs f on the loop and waits.
func (g *echoGame) call(ctx context.Context, f func()) error {
	ran := make(chan struct{})
	select {
	case g.inbox <- func() { f(); close(ran) }:
	case <-g.done:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-ran:
		return nil
	case <-g.done:
		return tio.ErrSessionClosed
	}
}

var echoWords = []string{"east", "go north", "look", "lookup", "menu", "quit", "take lamp"}

func (g *echoGame) Complete(ctx context.Context, prefix string) ([]string, error) {
	var out []string
	err := g.call(ctx, func() {
		for _, w := range echoWords {
			if strings.HasPrefix(w, prefix) {
				out = append(out, w)
			}
		}
		sort.Strings(out)
	})
	return out, err
}

func (g *echoGame) Subscribe(ctx context.Context, since int64) (*tio.Subscription, error) {
	var sub *tio.Subscription
	err := g.call(ctx, func() { sub = g.subscribe(since) })
	return sub, err
}

func (g *echoGame) subscribe(since int64) *tio.Subscription {
	s := &echoSub{ch: make(chan tio.Event, g.ringSize+g.subBuf)}
	var evs []tio.Event
	resynced := false
	if since < 0 {
		evs = g.snapshot(false)
	} else if replay, ok := g.after(uint64(since)); ok {
		evs = replay
	} else {
		evs = g.snapshot(since > 0)
		resynced = true
	}
	for _, ev := range evs {
		s.ch <- ev
	}
	id := g.nextSub
	g.nextSub++
	g.subs[id] = s
	cancel := func() {
		select {
		case g.inbox <- func() {
			if g.subs[id] == s {
				delete(g.subs, id)
				close(s.ch)
			}
		}:
		case <-g.done:
		}
	}
	return tio.NewSubscription(s.ch, resynced, cancel, s.evicted.Load)
}

func (g *echoGame) after(since uint64) ([]tio.Event, bool) {
	last := g.lastSeq.Load()
	if since >= last {
		return nil, since == last
	}
	if len(g.ring) == 0 || since+1 < g.ring[0].Seq {
		return nil, false
	}
	return append([]tio.Event(nil), g.ring[since+1-g.ring[0].Seq:]...), true
}

func (g *echoGame) snapshot(clear bool) []tio.Event {
	var evs []tio.Event
	if clear {
		evs = append(evs, tio.Event{Kind: tio.KindClear})
	}
	evs = append(evs, tio.Event{Kind: tio.KindText, Text: "<location>" + g.state.Location + "</location>\n\nAn echoing room."},
		tio.Event{Kind: tio.KindState, State: g.stateCopy()})
	if g.menuOpen {
		evs = append(evs, tio.Event{Kind: tio.KindChoices, Choices: echoMenu})
	}
	for i := range evs {
		evs[i].Seq = g.lastSeq.Load()
		evs[i].Snapshot = true
	}
	return evs
}

var echoMenu = &tio.Choices{Prompt: "Which <it>colour</it>?", Options: []tio.Choice{{ID: "1", Text: "Red"}, {ID: "2", Text: "Blue"}}}

// handle is the echo game, on the loop.
func (g *echoGame) handle(in tio.Input) {
	g.mu.Lock()
	g.seen = append(g.seen, fmt.Sprintf("%d:%s%s", in.Kind, in.Line, in.ChoiceID))
	g.mu.Unlock()
	if in.Kind == tio.InputChoice {
		g.menuOpen = false
		g.emit(tio.Event{Kind: tio.KindText, Text: "You picked " + markup.Escape(in.ChoiceID) + "."})
		return
	}
	line := in.Line
	if g.confirm {
		g.confirm = false
		if line == "yes" {
			g.emit(tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "quit", Title: "You left", Won: false}})
			g.closed.Store(true)
			return
		}
	}
	switch {
	case line == "quit":
		g.confirm = true
		g.emit(tio.Event{Kind: tio.KindText, Text: "Do you really want to quit?"})
	case line == "menu":
		g.menuOpen = true
		g.emit(tio.Event{Kind: tio.KindChoices, Choices: echoMenu})
	case line == "go north":
		g.state.Location, g.state.Exits = "North Room", []string{"south"}
		g.state.Turns++
		g.state.HP, g.state.MaxHP, g.state.Level = 17, 30, 2
		g.emit(tio.Event{Kind: tio.KindText, Text: "You go north."})
		g.emit(tio.Event{Kind: tio.KindState, State: g.stateCopy()})
	case line == "image":
		g.emit(tio.Event{Kind: tio.KindImage, Image: &tio.Image{Path: "pics/hall.png", MIME: "image/png", Alt: "the hall"}})
	case line == "clear":
		g.emit(tio.Event{Kind: tio.KindClear})
	case line == "password":
		g.emit(tio.Event{Kind: tio.KindNoEcho})
	case strings.HasPrefix(line, "echo "):
		// One event per command: the benchmarks' round trip.
		g.emit(tio.Event{Kind: tio.KindText, Text: markup.Escape(line)})
	case strings.HasPrefix(line, "spam "):
		n, _ := strconv.Atoi(strings.TrimPrefix(line, "spam "))
		for i := range n {
			g.emit(tio.Event{Kind: tio.KindText, Text: fmt.Sprintf("line %d", i+1)})
		}
	default:
		g.state.Turns++
		g.emit(tio.Event{Kind: tio.KindText, Text: "You said: " + markup.Escape(line)})
		g.emit(tio.Event{Kind: tio.KindState, State: g.stateCopy()})
	}
}

// received lists the inputs the game handled, as "kind:text".
func (g *echoGame) received() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.seen...)
}

// Package tiotest is a fake tio.Session for testing front ends (the
// console, the TUI, the web server, the bot) without the real driver.
//
// It is an ordinary package only so that the tests of several packages can
// share it; nothing but tests should import it.
//
// A Session keeps the whole contract of tio.Session the way the driver
// does, with the same event stream (tio/stream): events are numbered
// from 1, a bounded replay ring serves readers that resume, Subscribe
// replays, carries on exactly after since, or starts with a snapshot, a
// subscriber whose channel is full is evicted and never waited for, and
// Send, Complete and Sync are handled in order on one goroutine, so a
// Sync made after a Send returns only once that Send's events are out. What the "game" says is up to the test: Options.React
// answers each input by calling Emit.
package tiotest

import (
	"context"
	"slices"
	"sync"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/stream"
)

// Defaults for the zero Options.
const (
	DefaultRing      = 1024
	DefaultSubBuffer = 256
)

// inboxSize lets Send return without waiting for the loop, as the
// driver's inbox does.
const inboxSize = 64

// Options configure a Session. The zero value is a silent game.
type Options struct {
	// Info is what Info returns.
	Info tio.StoryInfo

	// Ring is how many of the newest events are kept for readers that
	// resume; DefaultRing when 0. A Subscribe for events older than that
	// gets a snapshot instead.
	Ring int

	// SubBuffer is the room in a subscriber's channel beyond what Subscribe
	// puts in it first (the replay or the snapshot), so the replay always
	// fits: a reader whose channel is full when another event comes is
	// evicted. DefaultSubBuffer when 0.
	SubBuffer int

	// React is the game: it is called with each input, in order, on the
	// session's goroutine, and answers by calling s.Emit. Sent already
	// includes in. It may call s.Close (as a quit does). Nil ignores input.
	React func(s *Session, in tio.Input)

	// Complete answers Complete, on the session's goroutine. Nil completes
	// nothing.
	Complete func(prefix string) []string

	// Snapshot returns the current look for a fresh or resynced reader
	// (typically a KindText and a KindState; choices or an ending may
	// follow). Seq and Snapshot are set on them and a KindClear is put
	// first when a reader resumes across a gap. It is called on the
	// session's goroutine with the session locked, so it must not call
	// Emit. Nil uses the latest KindText and KindState emitted.
	Snapshot func() []tio.Event

	// EvictAt, when not 0, cuts the first subscriber off right after it
	// was handed the event with this Seq, as if its buffer had filled up
	// there. It happens once.
	EvictAt uint64
}

// Session is the fake. Create it with New; all its methods are safe for
// concurrent use.
type Session struct {
	opts  Options
	inbox chan func()
	done  chan struct{}

	mu        sync.Mutex
	closed    bool
	events    *stream.Stream // under mu
	lastText  *tio.Event
	lastState *tio.Event
	subCount  int
	inputs    []tio.Input
	evictAt   uint64
}

var _ tio.Session = (*Session)(nil)

// New starts a session. Its goroutine runs until Close.
func New(opts Options) *Session {
	if opts.Ring <= 0 {
		opts.Ring = DefaultRing
	}
	if opts.SubBuffer <= 0 {
		opts.SubBuffer = DefaultSubBuffer
	}
	s := &Session{
		opts:    opts,
		inbox:   make(chan func(), inboxSize),
		done:    make(chan struct{}),
		evictAt: opts.EvictAt,
	}
	s.events = stream.New(stream.Options{Ring: opts.Ring, Slack: opts.SubBuffer, Look: s.look,
		Run: func(f func()) {
			s.mu.Lock()
			defer s.mu.Unlock()
			f()
		}})
	go s.loop()
	return s
}

func (s *Session) loop() {
	for {
		// Nothing queued runs once the session is closed, even work that
		// was queued before.
		select {
		case <-s.done:
			return
		default:
		}
		select {
		case f := <-s.inbox:
			f()
		case <-s.done:
			return
		}
	}
}

// call runs f on the session's goroutine and waits for it, or fails when
// the session is closed or ctx is done first.
func (s *Session) call(ctx context.Context, f func()) error {
	select {
	case <-s.done:
		return tio.ErrSessionClosed
	default:
	}
	ran := make(chan struct{})
	select {
	case s.inbox <- func() { f(); close(ran) }:
	case <-s.done:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-ran:
		return nil
	case <-s.done:
		// f may have closed the session itself.
		select {
		case <-ran:
			return nil
		default:
			return tio.ErrSessionClosed
		}
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Info returns Options.Info.
func (s *Session) Info() tio.StoryInfo { return s.opts.Info }

// Send queues in.Clean() for React, as the driver does, and returns
// without waiting for it.
func (s *Session) Send(ctx context.Context, in tio.Input) error {
	in = in.Clean()
	select {
	case <-s.done:
		return tio.ErrSessionClosed
	default:
	}
	select {
	case s.inbox <- func() { s.handle(in) }:
		return nil
	case <-s.done:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Session) handle(in tio.Input) {
	s.mu.Lock()
	s.inputs = append(s.inputs, in)
	s.mu.Unlock()
	if s.opts.React != nil {
		s.opts.React(s, in)
	}
}

// Complete returns Options.Complete(prefix), after every earlier Send has
// been handled.
func (s *Session) Complete(ctx context.Context, prefix string) ([]string, error) {
	var out []string
	err := s.call(ctx, func() {
		if s.opts.Complete != nil {
			out = s.opts.Complete(prefix)
		}
	})
	if err != nil {
		return nil, err // out may still be being written
	}
	return out, nil
}

// LastSeq is the Seq of the newest event, 0 before the first.
func (s *Session) LastSeq() uint64 { return s.events.LastSeq() }

// Subscribe follows tio.Session.Subscribe to the letter.
func (s *Session) Subscribe(ctx context.Context, since int64) (*tio.Subscription, error) {
	var sub *tio.Subscription
	err := s.call(ctx, func() {
		if ctx.Err() == nil { // else nobody is waiting for it any more
			sub = s.subscribe(since)
		}
	})
	switch {
	case err != nil:
		return nil, err // sub may still be being written
	case sub == nil && ctx.Err() != nil:
		return nil, ctx.Err()
	case sub == nil:
		return nil, tio.ErrSessionClosed
	}
	return sub, nil
}

// subscribe runs on the session's goroutine; nil means the session was
// closed meanwhile.
func (s *Session) subscribe(since int64) *tio.Subscription {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.subCount++
	return s.events.Subscribe(since, len(s.inputs) > 0)
}

// look is the current screen for a fresh or resynced reader. Locked.
func (s *Session) look() []tio.Event {
	if s.opts.Snapshot != nil {
		return s.opts.Snapshot()
	}
	var evs []tio.Event
	for _, ev := range []*tio.Event{s.lastText, s.lastState} {
		if ev != nil {
			evs = append(evs, *ev)
		}
	}
	return evs
}

// Emit numbers each event, keeps it for replay and hands it to every
// subscriber without waiting, evicting any whose channel is full. It may
// be called from React or from any other goroutine (as a timer or an NPC
// speaks between commands). After Close it does nothing.
func (s *Session) Emit(evs ...tio.Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	for _, ev := range evs {
		s.publish(ev)
	}
}

func (s *Session) publish(ev tio.Event) {
	ev = s.events.Publish(ev)
	switch ev.Kind {
	case tio.KindText:
		s.lastText = &ev
	case tio.KindState:
		s.lastState = &ev
	}
	if s.evictAt != 0 && ev.Seq == s.evictAt {
		s.evictAt = 0
		s.events.EvictOldest()
	}
}

// Close ends the session as the driver's loop does when the player quits:
// every stream closes after what it holds (not evicted), Send, Complete
// and Subscribe fail with tio.ErrSessionClosed and the goroutine stops.
// It may be called from React and more than once.
func (s *Session) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	close(s.done)
	s.events.Close()
}

// Sync waits until the session has handled everything queued before it:
// after a Send, Sync returns once React has answered (tio.Session).
func (s *Session) Sync(ctx context.Context) error { return s.call(ctx, func() {}) }

// Sent returns the inputs handled so far (or being handled), in order.
func (s *Session) Sent() []tio.Input {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.inputs)
}

// Subscriptions counts the successful Subscribe calls so far.
func (s *Session) Subscriptions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.subCount
}

// Live reports whether sub, from this session's Subscribe, still receives
// events: not cancelled, evicted or closed with the session.
func (s *Session) Live(sub *tio.Subscription) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.events.Live(sub)
}

// Text is a KindText event.
func Text(markup string) tio.Event { return tio.Event{Kind: tio.KindText, Text: markup} }

// State is a KindState event carrying a copy of st.
func State(st tio.State) tio.Event { return tio.Event{Kind: tio.KindState, State: &st} }

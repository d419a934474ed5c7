package console

import (
	"context"
	"sync"

	"github.com/tale-if/tale/tio"
)

// fakeSession is a tiny game loop with the driver's guarantees: one
// goroutine owns everything, work arrives in order through inbox, events
// are offered to subscribers without waiting, and a subscriber whose
// channel is full is evicted.
type fakeSession struct {
	inbox chan func()
	done  chan struct{}

	// Owned by the loop.
	events []tio.Event
	subs   map[*fakeSub]bool
	reply  func(f *fakeSession, in tio.Input)
	subBuf int

	// evictAt cuts the first subscriber off right after it was offered
	// the event with this Seq, as if its buffer had filled up there.
	evictAt uint64

	mu       sync.Mutex
	inputs   []tio.Input
	lastSeq  uint64
	subCount int
}

type fakeSub struct {
	ch      chan tio.Event
	evicted bool
	mu      sync.Mutex
}

func newFake(reply func(f *fakeSession, in tio.Input), intro ...tio.Event) *fakeSession {
	f := &fakeSession{
		inbox:  make(chan func()),
		done:   make(chan struct{}),
		subs:   map[*fakeSub]bool{},
		reply:  reply,
		subBuf: 64,
	}
	for _, ev := range intro {
		f.publish(ev)
	}
	go f.loop()
	return f
}

func (f *fakeSession) loop() {
	for {
		select {
		case fn := <-f.inbox:
			fn()
		case <-f.done:
			return
		}
	}
}

// do runs fn on the loop and waits for it.
func (f *fakeSession) do(ctx context.Context, fn func()) error {
	ran := make(chan struct{})
	select {
	case f.inbox <- func() { fn(); close(ran) }:
	case <-f.done:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-ran:
		return nil
	case <-f.done:
		select {
		case <-ran:
			return nil
		default:
			return tio.ErrSessionClosed
		}
	}
}

// publish numbers ev and offers it to every subscriber. Loop only.
func (f *fakeSession) publish(ev tio.Event) {
	f.mu.Lock()
	f.lastSeq++
	ev.Seq = f.lastSeq
	f.mu.Unlock()
	f.events = append(f.events, ev)
	for s := range f.subs {
		select {
		case s.ch <- ev:
			if ev.Seq == f.evictAt {
				f.evictAt = 0
				f.evict(s)
			}
		default:
			f.evict(s)
		}
	}
}

func (f *fakeSession) evict(s *fakeSub) {
	s.mu.Lock()
	s.evicted = true
	s.mu.Unlock()
	close(s.ch)
	delete(f.subs, s)
}

// close ends the session like quit does: every stream closes after what
// it holds. Loop only.
func (f *fakeSession) close() {
	close(f.done)
	for s := range f.subs {
		close(s.ch)
		delete(f.subs, s)
	}
}

// push publishes events from outside, as a timer or an NPC would.
func (f *fakeSession) push(evs ...tio.Event) {
	f.do(context.Background(), func() {
		for _, ev := range evs {
			f.publish(ev)
		}
	})
}

func (f *fakeSession) sent() []tio.Input {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]tio.Input(nil), f.inputs...)
}

func (f *fakeSession) subscriptions() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.subCount
}

func (f *fakeSession) Info() tio.StoryInfo { return tio.StoryInfo{ID: "fake", Name: "Fake"} }

func (f *fakeSession) Send(ctx context.Context, in tio.Input) error {
	select {
	case <-f.done:
		return tio.ErrSessionClosed
	default:
	}
	select {
	case f.inbox <- func() {
		f.mu.Lock()
		f.inputs = append(f.inputs, in)
		f.mu.Unlock()
		f.reply(f, in)
	}:
		return nil
	case <-f.done:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (f *fakeSession) Complete(ctx context.Context, prefix string) ([]string, error) {
	return nil, f.do(ctx, func() {})
}

func (f *fakeSession) LastSeq() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lastSeq
}

func (f *fakeSession) Subscribe(ctx context.Context, since int64) (*tio.Subscription, error) {
	var sub *tio.Subscription
	err := f.do(ctx, func() {
		var replay []tio.Event
		if since >= 0 && int(since) <= len(f.events) {
			replay = f.events[since:]
		}
		s := &fakeSub{ch: make(chan tio.Event, len(replay)+f.subBuf)}
		for _, ev := range replay {
			s.ch <- ev
		}
		f.subs[s] = true
		f.mu.Lock()
		f.subCount++
		f.mu.Unlock()
		cancel := func() {
			f.do(context.Background(), func() {
				if f.subs[s] {
					delete(f.subs, s)
					close(s.ch)
				}
			})
		}
		evicted := func() bool {
			s.mu.Lock()
			defer s.mu.Unlock()
			return s.evicted
		}
		sub = tio.NewSubscription(s.ch, false, cancel, evicted)
	})
	return sub, err
}

func text(markup string) tio.Event { return tio.Event{Kind: tio.KindText, Text: markup} }

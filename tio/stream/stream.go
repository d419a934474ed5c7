// Package stream is the one implementation of a session's event stream
// (tio.Session's Subscribe and LastSeq): events numbered from 1, a bounded
// replay ring, readers that resume by seq, a snapshot when the ring no
// longer reaches back far enough, and eviction of a reader that does not
// keep up (contract 4 in docs/architecture.md). The driver gives each
// player one; the test fake tio/tiotest has one.
//
// A Stream is not safe for concurrent use: its owner serialises every
// call (the driver from its loop, the fake under its mutex). Only LastSeq
// and the methods of the Subscriptions it hands out may be called from any
// goroutine; a Cancel reaches the owner through Options.Run. Its
// Subscriptions notify (tio.Subscription.OnEvent), from the owner's
// goroutine.
package stream

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tale-if/tale/tio"
)

// Options configure a Stream.
type Options struct {
	// Ring is how many of the newest events are kept for readers that
	// resume.
	Ring int
	// Slack is the room in a subscriber's channel beyond what Subscribe
	// puts in it first (the replay or the snapshot), so the replay always
	// fits and a reader that keeps up is not evicted by one long burst.
	Slack int
	// Look returns what a reader without history needs to draw the screen
	// now (typically a KindText and a KindState; choices or an ending may
	// follow). Subscribe numbers them, marks them Snapshot and puts a
	// KindClear first when the reader resumes across a gap. It is called
	// by Subscribe, so under the owner's serialisation.
	Look func() []tio.Event
	// Run runs f the way the owner runs everything that touches the
	// stream (a message to the loop, or under a lock). Cancel uses it, so
	// a cancel never races a Publish closing the same channel. When the
	// owner has stopped, Run may drop f: Close has ended every stream.
	Run func(f func())
}

// Stream is one session's numbered events and their readers.
type Stream struct {
	opts Options
	// mu is held by the owner's calls that change the ring or the readers,
	// and by a pulling reader (pull.go), the one caller from elsewhere.
	mu sync.Mutex
	// ring grows as events come, up to opts.Ring, and only then wraps:
	// most streams (a console game, a MUD player who leaves early) never
	// publish a full ring, and a ring made whole up front was most of a
	// player's memory. While it grows, start is 0 and n is len(ring).
	ring  []tio.Event
	start int // index of the oldest event held
	n     int // events held
	last  atomic.Uint64
	subs  []*subscriber // live ones, oldest first
}

type subscriber struct {
	s       *Stream
	ch      chan tio.Event // nil once the reader pulls
	evicted atomic.Bool
	sub     *tio.Subscription
	pulling
}

// New makes an empty stream.
func New(opts Options) *Stream {
	opts.Ring = max(opts.Ring, 1)
	return &Stream{opts: opts}
}

// firstRing is the ring's first allocation: an opening and a few
// commands' events, so short streams grow it once or not at all.
const firstRing = 16

// keep puts ev in the ring: appended while it grows, over the oldest
// once it is full.
func (s *Stream) keep(ev tio.Event) {
	if len(s.ring) < s.opts.Ring {
		if len(s.ring) == cap(s.ring) {
			// Doubling, but never past opts.Ring: append's own growth
			// would overshoot the bound the ring then never uses.
			grown := make([]tio.Event, len(s.ring), min(max(2*cap(s.ring), firstRing), s.opts.Ring))
			copy(grown, s.ring)
			s.ring = grown
		}
		s.ring = append(s.ring, ev)
		s.n++
		return
	}
	s.ring[s.start] = ev
	s.start = (s.start + 1) % len(s.ring)
}

// LastSeq is the Seq of the newest event, 0 before the first. It never
// waits for the owner.
func (s *Stream) LastSeq() uint64 { return s.last.Load() }

// Publish numbers ev, keeps it for replay and hands it to every reader
// without waiting: a reader whose channel is full is cut off (evicted)
// and may resume by seq. It returns ev as numbered.
func (s *Stream) Publish(ev tio.Event) tio.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	ev.Seq = s.last.Load() + 1
	ev.Snapshot = false
	s.spill()
	s.keep(ev)
	s.last.Store(ev.Seq)
	kept := s.subs[:0]
	for _, sb := range s.subs {
		if sb.ch == nil {
			if sb.fits() {
				kept = append(kept, sb)
			} else {
				sb.evicted.Store(true)
				sb.end(ev.Seq - 1) // what it could hold, as a full channel
			}
			sb.sub.Notify()
			continue
		}
		select {
		case sb.ch <- ev:
			kept = append(kept, sb)
		default:
			sb.evicted.Store(true)
			close(sb.ch)
		}
		sb.sub.Notify()
	}
	clear(s.subs[len(kept):])
	s.subs = kept
	return ev
}

// After returns the events with Seq > since; ok is false when some of
// them are no longer held.
func (s *Stream) After(since uint64) (evs []tio.Event, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.after(since)
}

func (s *Stream) after(since uint64) (evs []tio.Event, ok bool) {
	last := s.last.Load()
	if since >= last {
		return nil, since == last
	}
	oldest := last - uint64(s.n) + 1
	if s.n == 0 || since+1 < oldest {
		return nil, false
	}
	for i := since + 1 - oldest; i < uint64(s.n); i++ {
		evs = append(evs, s.ring[(s.start+int(i))%len(s.ring)])
	}
	return evs, true
}

// Subscribe starts a reader as tio.Session.Subscribe describes: the events
// after since, or a snapshot when they are gone (or since < 0). played
// says whether the session has taken input yet: until it has, a fresh
// reader (since < 0) gets the opening replayed instead of a snapshot, so
// the first player sees the story's introduction. The replay or snapshot
// is in the channel before any later Publish, so nothing is missed or
// doubled between the two.
func (s *Stream) Subscribe(since int64, played bool) *tio.Subscription {
	var evs []tio.Event
	resynced := false
	switch {
	case since < 0 && !played:
		var ok bool
		if evs, ok = s.After(0); !ok {
			evs = s.Snapshot(false)
		}
	case since < 0:
		evs = s.Snapshot(false)
	default:
		var ok bool
		if evs, ok = s.After(uint64(since)); !ok {
			// since == 0 is a first connection, not a gap in what the
			// reader has shown, so there is nothing on screen to clear.
			evs = s.Snapshot(since > 0)
			resynced = true
		}
	}
	sb := &subscriber{s: s, ch: make(chan tio.Event, len(evs)+s.opts.Slack)}
	for _, ev := range evs {
		sb.ch <- ev
	}
	cancel := func() {
		s.opts.Run(func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			if i := slices.Index(s.subs, sb); i >= 0 {
				s.subs = slices.Delete(s.subs, i, i+1)
				sb.close()
			}
		})
	}
	sb.sub = tio.NewNotifyingSubscription(sb.ch, resynced, cancel, sb.evicted.Load, sb)
	s.mu.Lock()
	s.subs = append(s.subs, sb)
	s.mu.Unlock()
	return sb.sub
}

// Snapshot is Options.Look numbered like the newest event and marked
// Snapshot, led by a KindClear when gap is set.
func (s *Stream) Snapshot(gap bool) []tio.Event {
	var evs []tio.Event
	if gap {
		evs = append(evs, tio.Event{Kind: tio.KindClear})
	}
	if s.opts.Look != nil {
		evs = append(evs, s.opts.Look()...)
	}
	last := s.last.Load()
	for i := range evs {
		evs[i].Seq = last
		evs[i].Snapshot = true
	}
	return evs
}

// Live reports whether sub still receives events: not cancelled, evicted
// or closed.
func (s *Stream) Live(sub *tio.Subscription) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.ContainsFunc(s.subs, func(sb *subscriber) bool { return sb.sub == sub })
}

// Readers counts the live subscriptions.
func (s *Stream) Readers() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.subs)
}

// EvictOldest cuts off the longest-standing reader as if its channel had
// filled up, for tests of resume.
func (s *Stream) EvictOldest() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.subs) == 0 {
		return
	}
	sb := s.subs[0]
	s.subs = slices.Delete(s.subs, 0, 1)
	sb.evicted.Store(true)
	sb.close()
}

// Close ends every reader after what its channel holds (not evicted), as
// when the session ends.
func (s *Stream) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sb := range s.subs {
		sb.close()
	}
	s.subs = nil
}

// close ends sb's stream after what it holds, and tells its reader.
func (sb *subscriber) close() {
	if sb.ch != nil {
		close(sb.ch)
	} else {
		sb.end(sb.s.last.Load())
	}
	sb.sub.Notify()
}

package tio

import (
	"context"
	"errors"
	"math"
	"sync/atomic"
)

// ErrSessionClosed is returned by a Session whose game loop has stopped.
var ErrSessionClosed = errors.New("the game session has ended")

// StoryInfo names the story a session plays.
type StoryInfo struct {
	ID      string `json:"id"` // folder name, e.g. "demo"
	Name    string `json:"name"`
	Author  string `json:"author"`
	Version string `json:"version"`
	License string `json:"license"`
	Mode    string `json:"mode"` // "if" or "mud"
}

// Session is a player's seat in a running game, as a front end sees it.
// All methods are safe for concurrent use. Several front ends may drive one
// Session at once (two browser tabs); each gets every event.
//
// Send, Complete and Sync are handled by the game loop in the order they
// are made. Sync is the barrier: once a Sync made after a Send returns,
// every event of that Send's command has been emitted, and LastSeq (a
// plain read that never waits for the loop) covers them. ReplyEnd wraps
// that for readers that want to know a reply is whole.
type Session interface {
	// Info describes the story being played.
	Info() StoryInfo

	// Send queues input for the driver loop. It does not wait for the
	// command to run; its output arrives as events. It fails only with
	// ErrSessionClosed or the context's error. What the game gets is
	// in.Clean(): no front end has to remember to clean, and none can
	// forget.
	Send(ctx context.Context, in Input) error

	// Complete returns completions for the word being typed at the end of
	// prefix (verbs, visible things, exits, inventory), each the whole
	// completed line, sorted.
	Complete(ctx context.Context, prefix string) ([]string, error)

	// Subscribe starts a stream of events.
	//
	// With since == 0 the stream replays the session from its first event
	// if the replay buffer still holds it. With since > 0 it carries exactly
	// the events after since. When the buffer no longer holds what was asked
	// for, or with since < 0 (a fresh tab), the stream instead starts with a
	// snapshot: KindClear (only when resuming), the current look as
	// KindText and a KindState, all with Snapshot set. A fresh tab on a game
	// nobody has played yet gets the opening instead, replayed from the
	// start, so the first player sees the story's introduction.
	Subscribe(ctx context.Context, since int64) (*Subscription, error)

	// LastSeq is the sequence number of the newest event.
	LastSeq() uint64

	// Sync returns once every event of the input sent on this session
	// before it has been emitted. It fails only with ErrSessionClosed or
	// the context's error.
	Sync(ctx context.Context) error
}

// ReplyEnd waits until s has emitted everything of the input sent on it so
// far and returns the Seq of the last event: a reader that has handled
// that Seq has the whole reply. When the session has ended (a quit), the
// rest of the reply is whatever the stream carries before it closes:
// ReplyEnd then returns the largest Seq there is, with ErrSessionClosed.
func ReplyEnd(ctx context.Context, s Session) (uint64, error) {
	if err := s.Sync(ctx); err != nil {
		if errors.Is(err, ErrSessionClosed) {
			return math.MaxUint64, err
		}
		return 0, err
	}
	return s.LastSeq(), nil
}

// Subscription is one reader of a session's event stream.
//
// Events is closed when the subscription is cancelled, when the session
// ends, or when the reader falls so far behind that its buffer is full
// (Evicted then reports true). An evicted reader subscribes again with the
// Seq of the last event it handled and loses nothing that is still in the
// replay buffer.
type Subscription struct {
	Events <-chan Event
	// Resynced is true when the requested events were no longer buffered
	// and the stream starts with a snapshot instead.
	Resynced bool
	cancel   func()
	evicted  func() bool
	notifies bool                   // the session calls Notify (NewNotifyingSubscription)
	onEvent  atomic.Pointer[func()] // OnEvent's f
	puller   Puller                 // nil: Events is the only way to read
}

// Puller is what a Session implements to let a reader take events without
// a channel (Subscription.Pull and Next).
type Puller interface {
	// Pull moves the reader from the channel to Next, as
	// Subscription.Pull describes; false when it cannot.
	Pull() bool
	// Next is Subscription.Next.
	Next() (ev Event, ok, closed bool)
}

// NewSubscription is for Session implementations.
func NewSubscription(events <-chan Event, resynced bool, cancel func(), evicted func() bool) *Subscription {
	return &Subscription{Events: events, Resynced: resynced, cancel: cancel, evicted: evicted}
}

// NewNotifyingSubscription is NewSubscription for a Session that calls
// Notify after every event it puts in events (or, after Pull, has for
// Next) and after it ends the stream, so that OnEvent works. puller, when
// not nil, makes Pull and Next work.
func NewNotifyingSubscription(events <-chan Event, resynced bool, cancel func(), evicted func() bool, puller Puller) *Subscription {
	s := NewSubscription(events, resynced, cancel, evicted)
	s.notifies, s.puller = true, puller
	return s
}

// Pull moves a reader that has OnEvent from Events to Next: what Events
// holds now is what Next returns first, then the events published after,
// which the session keeps in its replay buffer anyway, so an idle reader
// holds no buffer of its own. The bound that evicts a reader that falls
// behind is the same. After Pull reports true, Events is nil. It reports
// false, and changes nothing, when the session cannot do it.
func (s *Subscription) Pull() bool {
	if s.puller == nil || s.onEvent.Load() == nil || !s.puller.Pull() {
		return false
	}
	s.Events = nil
	return true
}

// Next takes the next event after Pull without waiting. ok is false when
// there is none now; closed is true, with ok false, once the stream has
// ended for this reader (cancelled, evicted or the session over) and
// nothing of it is left.
func (s *Subscription) Next() (ev Event, ok, closed bool) { return s.puller.Next() }

// OnEvent has f called each time an event is put in Events or Events is
// closed, so that a reader with many idle connections need not park a
// goroutine on each channel: it reads Events without waiting when f
// says there is something. f runs on the session's own goroutine and
// must not block. Events put in before OnEvent are not announced: the
// reader looks once after the call. OnEvent reports false, and f is never
// called, when the session does not notify; the reader then waits on
// Events as usual.
func (s *Subscription) OnEvent(f func()) bool {
	if !s.notifies {
		return false
	}
	s.onEvent.Store(&f)
	return true
}

// Notify is for Session implementations: it calls OnEvent's f, if any.
func (s *Subscription) Notify() {
	if f := s.onEvent.Load(); f != nil {
		(*f)()
	}
}

// Cancel stops the stream. It is safe to call more than once.
func (s *Subscription) Cancel() {
	if s.cancel != nil {
		s.cancel()
	}
}

// Evicted reports whether the stream was cut off because its reader was too
// slow (as opposed to cancelled or ended).
func (s *Subscription) Evicted() bool { return s.evicted != nil && s.evicted() }

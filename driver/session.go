package driver

import (
	"context"
	"sync/atomic"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/tio"
)

// session is the IF seat. Each method turns into a message to the loop
// (contract 1); queries carry their own reply channel.
type session struct {
	g       *Game
	lastSeq atomic.Uint64 // mirrors the ring, so LastSeq still answers after the loop ends
}

var _ tio.Session = (*session)(nil)

// subscriber is one reader's stream.
type subscriber struct {
	ch      chan tio.Event
	evicted atomic.Bool
}

// offer hands ev over without waiting. A full channel means the reader is
// stuck or gone: it is cut off (and may resume by seq), never waited for.
func (s *subscriber) offer(ev tio.Event) bool {
	select {
	case s.ch <- ev:
		return true
	default:
		s.evicted.Store(true)
		close(s.ch)
		return false
	}
}

func (s *session) Info() tio.StoryInfo {
	st := s.g.story
	return tio.StoryInfo{ID: st.ID, Name: st.Config.Name, Author: st.Config.Author,
		Version: st.Config.Version, License: st.Config.License, Mode: "if"}
}

// call runs f on the loop and waits for it, or fails when the loop has
// ended or ctx is done first.
func (s *session) call(ctx context.Context, f func()) error {
	select {
	case <-s.g.done:
		return tio.ErrSessionClosed
	default:
	}
	ran := make(chan struct{})
	failed := false // written before ran is closed, read after
	run := func() {
		defer close(ran)
		defer func() {
			if r := recover(); r != nil {
				failed = true
				panic(r) // for the loop's guard, which logs it
			}
		}()
		f()
	}
	select {
	case s.g.inbox <- run:
	case <-s.g.done:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-ran:
	case <-s.g.done:
		// The loop may have run f as its last act (quit).
		select {
		case <-ran:
		default:
			return tio.ErrSessionClosed
		}
	case <-ctx.Done():
		return ctx.Err()
	}
	if failed {
		return ErrQueryFailed
	}
	return nil
}

func (s *session) Send(ctx context.Context, in tio.Input) error {
	in = in.Clean() // here, on the sender's goroutine, not the loop's
	select {
	case <-s.g.done:
		return tio.ErrSessionClosed
	default:
	}
	select {
	case s.g.inbox <- func() { s.g.handleInput(in) }:
		return nil
	case <-s.g.done:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// maxCompletions bounds one answer: a menu of more is no help to a player,
// and every candidate repeats the whole prefix.
const maxCompletions = 100

func (s *session) Complete(ctx context.Context, prefix string) ([]string, error) {
	// A prefix is a line being typed; anything longer than a line is not,
	// and would cost the loop time and memory in proportion.
	if len(prefix) > tio.MaxLineBytes {
		prefix = prefix[:tio.MaxLineBytes]
	}
	var out []string
	if err := s.call(ctx, func() { out = parse.Complete(prefix, s.g.scope()) }); err != nil {
		return nil, err // out may still be written by the loop: never read it
	}
	if len(out) > maxCompletions {
		out = out[:maxCompletions]
	}
	return out, nil
}

func (s *session) LastSeq() uint64 { return s.lastSeq.Load() }

func (s *session) Subscribe(ctx context.Context, since int64) (*tio.Subscription, error) {
	var sub *tio.Subscription
	err := s.call(ctx, func() { sub = s.g.subscribe(since) })
	if err != nil {
		// The loop may still subscribe after the caller gave up, and then
		// nobody would ever read or cancel that stream. A second message,
		// which the loop runs after the first, cancels it; reading sub
		// there is safe because the loop wrote it.
		go func() {
			select {
			case s.g.inbox <- func() {
				if sub != nil {
					go sub.Cancel() // Cancel sends to the loop: not from inside it
				}
			}:
			case <-s.g.done:
			}
		}()
		return nil, err
	}
	return sub, nil
}

// subscribe runs on the loop: it fills the new channel with the replay (or
// a snapshot) before any later event can be published, so nothing is
// missed or doubled between the two.
func (g *Game) subscribe(since int64) *tio.Subscription {
	sub := &subscriber{ch: make(chan tio.Event, g.opts.ReplayBuffer+subSlack)}
	var evs []tio.Event
	resynced := false
	switch {
	case since < 0 && !g.played:
		// Nobody has typed anything yet: the whole story so far is its
		// opening (banner, intro, welcome, first look), which a fresh tab
		// should show rather than the bare look of a snapshot.
		var ok bool
		if evs, ok = g.replay.after(0); !ok {
			evs = g.snapshot(false)
		}
	case since < 0:
		evs = g.snapshot(false)
	default:
		var ok bool
		evs, ok = g.replay.after(uint64(since))
		if !ok {
			// since == 0 is a first connection, not a gap in what the
			// reader has shown, so there is nothing on screen to clear.
			evs = g.snapshot(since > 0)
			resynced = true
		}
	}
	for _, ev := range evs {
		sub.ch <- ev // fits: the channel holds a whole replay plus slack
	}
	id := g.nextSub
	g.nextSub++
	g.subs[id] = sub
	cancel := func() {
		// Cancelling runs on the loop, so it never races a publish that
		// might close the same channel.
		select {
		case g.inbox <- func() {
			if g.subs[id] == sub {
				delete(g.subs, id)
				close(sub.ch)
			}
		}:
		case <-g.done:
		}
	}
	return tio.NewSubscription(sub.ch, resynced, cancel, sub.evicted.Load)
}

// snapshot is what a reader without history needs to draw the screen: the
// current look and state, and whatever is still waiting for an answer.
func (g *Game) snapshot(clear bool) []tio.Event {
	last := g.replay.last
	var evs []tio.Event
	if clear {
		evs = append(evs, tio.Event{Kind: tio.KindClear})
	}
	evs = append(evs, tio.Event{Kind: tio.KindText, Text: g.describe(true)},
		tio.Event{Kind: tio.KindState, State: g.status()})
	if ch := g.openChoices(); ch != nil {
		evs = append(evs, tio.Event{Kind: tio.KindChoices, Choices: ch})
	}
	if e := g.ending(); e != nil {
		evs = append(evs, tio.Event{Kind: tio.KindEnd, Ending: e})
	}
	for i := range evs {
		evs[i].Seq = last
		evs[i].Snapshot = true
	}
	return evs
}

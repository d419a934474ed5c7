package driver

import (
	"context"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// session is a player's seat. Each method turns into a message to the
// world's loop (contract 1); queries carry their own reply channel. The
// loop routes what comes in to p's turns, and p's stream carries what
// its turns show.
type session struct {
	g *World
	p *player
}

// seat is p's session.
func (w *World) seat(p *player) *session { return &session{g: w, p: p} }

var _ tio.Session = (*session)(nil)

func (s *session) Info() tio.StoryInfo { return StoryInfo(s.g.story, s.g.opts.Mode) }

// StoryInfo describes st played in mode, its name in the story's
// typography as every text of the game is: what a title page or a
// client's hello shows, also where no game is loaded yet.
func StoryInfo(st *story.Story, mode string) tio.StoryInfo {
	return tio.StoryInfo{ID: st.ID, Name: markup.TypesetText(st.Config.Name, typographyOf(st)), Author: st.Config.Author,
		Version: st.Config.Version, License: st.Config.License, Mode: mode}
}

// call runs f on the loop and waits for it, or fails when the loop has
// ended or ctx is done first.
func (s *session) call(ctx context.Context, f func()) error {
	select {
	case <-s.p.gone:
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
	case <-s.p.gone:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-ran:
	case <-s.p.gone:
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
	case <-s.p.gone:
		return tio.ErrSessionClosed
	default:
	}
	select {
	case s.g.inbox <- func() { s.g.handleInput(s.p, in) }:
		return nil
	case <-s.p.gone:
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
	if err := s.call(ctx, func() { out = parse.Complete(prefix, s.g.scopeOf(s.p)) }); err != nil {
		return nil, err // out may still be written by the loop: never read it
	}
	if len(out) > maxCompletions {
		out = out[:maxCompletions]
	}
	return out, nil
}

func (s *session) LastSeq() uint64 { return s.p.events.LastSeq() }

// Sync is a message to the loop like Send: the loop runs it after every
// input queued before it.
func (s *session) Sync(ctx context.Context) error { return s.call(ctx, func() {}) }

func (s *session) Subscribe(ctx context.Context, since int64) (*tio.Subscription, error) {
	var sub *tio.Subscription
	err := s.call(ctx, func() { sub = s.p.subscribe(since) })
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
			case <-s.p.gone:
			}
		}()
		return nil, err
	}
	return sub, nil
}

// subscribe runs on the loop: the new channel holds the replay (or a
// snapshot) before any later event can be published.
func (p *player) subscribe(since int64) *tio.Subscription {
	return p.events.Subscribe(since, p.played)
}

// post runs f on the loop without waiting for it; once the loop has ended
// f is dropped (the streams are closed by then). A stream's Cancel comes
// this way, so it is a no-op for a player who has left.
func (w *World) post(f func()) {
	select {
	case w.inbox <- f:
	case <-w.done:
	}
}

// look is what a reader without history needs to draw the screen: the
// current look and state, and whatever is still waiting for an answer.
func (tn *turn) look() []tio.Event {
	evs := []tio.Event{{Kind: tio.KindText, Text: tn.describe(true)},
		{Kind: tio.KindState, State: tn.status()}}
	if ch := tn.openChoices(); ch != nil {
		evs = append(evs, tio.Event{Kind: tio.KindChoices, Choices: ch})
	}
	if e := tn.ending(); e != nil {
		evs = append(evs, tio.Event{Kind: tio.KindEnd, Ending: e})
	}
	ty := tn.typography()
	for i := range evs {
		evs[i] = markup.TypesetEvent(evs[i], ty)
	}
	return evs
}

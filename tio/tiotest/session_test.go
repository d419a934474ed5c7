package tiotest

import (
	"context"
	"errors"
	"fmt"
	_ "github.com/tale-if/tale/internal/goldenflag" // accept go test ./... -update
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tale-if/tale/tio"
)

// hangGuard turns a stream that never delivers into a failure instead of a
// hung test binary; it is not a speed requirement.
const hangGuard = 10 * time.Second

var ctx = context.Background()

// echo answers every line with one text and a state counting the inputs.
func echo(s *Session, in tio.Input) {
	n := len(s.Sent())
	s.Emit(Text("You said "+in.Line+"."), State(tio.State{Location: "Hall", Turns: n}))
}

func subscribe(t *testing.T, s *Session, since int64) *tio.Subscription {
	t.Helper()
	sub, err := s.Subscribe(ctx, since)
	if err != nil {
		t.Fatalf("Subscribe(%d): %v", since, err)
	}
	return sub
}

// next reads n events.
func next(t *testing.T, sub *tio.Subscription, n int) []tio.Event {
	t.Helper()
	var evs []tio.Event
	for len(evs) < n {
		select {
		case ev, ok := <-sub.Events:
			if !ok {
				t.Fatalf("stream closed after %v, want %d events", seqs(evs), n)
			}
			evs = append(evs, ev)
		case <-time.After(hangGuard):
			t.Fatalf("got %v, want %d events", seqs(evs), n)
		}
	}
	return evs
}

// drain reads what a closed stream still holds.
func drain(t *testing.T, sub *tio.Subscription) []tio.Event {
	t.Helper()
	var evs []tio.Event
	for {
		select {
		case ev, ok := <-sub.Events:
			if !ok {
				return evs
			}
			evs = append(evs, ev)
		case <-time.After(hangGuard):
			t.Fatalf("stream not closed after %v", seqs(evs))
		}
	}
}

// pending is what the stream holds right now, without waiting.
func pending(sub *tio.Subscription) (evs []tio.Event, closed bool) {
	for {
		select {
		case ev, ok := <-sub.Events:
			if !ok {
				return evs, true
			}
			evs = append(evs, ev)
		default:
			return evs, false
		}
	}
}

func seqs(evs []tio.Event) []uint64 {
	var out []uint64
	for _, ev := range evs {
		out = append(out, ev.Seq)
	}
	return out
}

func texts(n int) []tio.Event {
	var evs []tio.Event
	for i := range n {
		evs = append(evs, Text(fmt.Sprintf("line %d", i+1)))
	}
	return evs
}

func TestReplayFromZero(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	s.Emit(texts(3)...)
	sub := subscribe(t, s, 0)
	if sub.Resynced {
		t.Error("a full replay is not a resync")
	}
	s.Emit(Text("line 4"))
	evs := next(t, sub, 4)
	if got := seqs(evs); !slices.Equal(got, []uint64{1, 2, 3, 4}) {
		t.Fatalf("seqs %v, want 1…4", got)
	}
	for i, ev := range evs {
		if ev.Snapshot || ev.Kind != tio.KindText || ev.Text != fmt.Sprintf("line %d", i+1) {
			t.Errorf("event %d = %+v", i, ev)
		}
	}
	if s.LastSeq() != 4 {
		t.Errorf("LastSeq %d, want 4", s.LastSeq())
	}
}

func TestSubscribeAfterSinceIsExact(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	s.Emit(texts(5)...)
	sub := subscribe(t, s, 3)
	if sub.Resynced {
		t.Error("Resynced with everything still buffered")
	}
	s.Emit(Text("line 6"))
	if got := seqs(next(t, sub, 3)); !slices.Equal(got, []uint64{4, 5, 6}) {
		t.Fatalf("seqs %v, want 4 5 6", got)
	}
	// Caught up exactly: nothing to replay, the stream just goes on.
	sub = subscribe(t, s, 6)
	if evs, _ := pending(sub); len(evs) != 0 || sub.Resynced {
		t.Fatalf("since = LastSeq replayed %v (resynced %v)", seqs(evs), sub.Resynced)
	}
	s.Emit(Text("line 7"))
	if ev := next(t, sub, 1)[0]; ev.Seq != 7 {
		t.Fatalf("next event seq %d, want 7", ev.Seq)
	}
}

func TestFreshTabBeforeAnyInputGetsTheOpening(t *testing.T) {
	s := New(Options{React: echo})
	defer s.Close()
	s.Emit(Text("Welcome."), State(tio.State{Location: "Hall"}))
	sub := subscribe(t, s, -1)
	if evs, _ := pending(sub); !slices.Equal(seqs(evs), []uint64{1, 2}) || evs[0].Snapshot {
		t.Fatalf("fresh tab on an unplayed game got %+v, want the opening", evs)
	}
}

func TestFreshTabGetsASnapshot(t *testing.T) {
	s := New(Options{React: echo})
	defer s.Close()
	s.Emit(Text("Welcome."), State(tio.State{Location: "Hall"}))
	if err := s.Send(ctx, tio.Line("hello")); err != nil {
		t.Fatal(err)
	}
	s.Sync(context.Background())
	sub := subscribe(t, s, -1)
	if sub.Resynced {
		t.Error("a fresh tab is not resynced")
	}
	evs, _ := pending(sub)
	if len(evs) != 2 || evs[0].Kind != tio.KindText || evs[1].Kind != tio.KindState {
		t.Fatalf("snapshot %+v, want a text and a state", evs)
	}
	if evs[0].Text != "You said hello." || evs[1].State.Turns != 1 {
		t.Errorf("snapshot is not the latest text and state: %+v", evs)
	}
	for _, ev := range evs {
		if !ev.Snapshot || ev.Seq != 4 {
			t.Errorf("snapshot event %+v, want Snapshot with seq 4", ev)
		}
	}
}

func TestSnapshotFunc(t *testing.T) {
	look := []tio.Event{Text("The look."), State(tio.State{Location: "Cellar"}),
		{Kind: tio.KindChoices, Choices: &tio.Choices{Prompt: "Yes?"}}}
	s := New(Options{React: echo, Snapshot: func() []tio.Event { return slices.Clone(look) }})
	defer s.Close()
	s.Emit(texts(2)...)
	s.Send(ctx, tio.Line("x"))
	s.Sync(context.Background())
	evs, _ := pending(subscribe(t, s, -1))
	if len(evs) != 3 || evs[0].Text != "The look." || evs[2].Kind != tio.KindChoices {
		t.Fatalf("snapshot %+v, want what Options.Snapshot returned", evs)
	}
	for _, ev := range evs {
		if !ev.Snapshot || ev.Seq != 4 {
			t.Errorf("snapshot event %+v, want Snapshot with seq 4", ev)
		}
	}
}

func TestGapResyncs(t *testing.T) {
	s := New(Options{Ring: 2})
	defer s.Close()
	s.Emit(Text("old"), State(tio.State{Location: "Hall"}))
	s.Emit(texts(3)...) // seqs 3, 4, 5; the ring keeps 4 and 5

	sub := subscribe(t, s, 1)
	evs, _ := pending(sub)
	if !sub.Resynced {
		t.Error("Resynced not set")
	}
	if len(evs) != 3 || evs[0].Kind != tio.KindClear || evs[1].Text != "line 3" || evs[2].Kind != tio.KindState {
		t.Fatalf("resume across a gap got %+v, want clear, text, state", evs)
	}
	for _, ev := range evs {
		if !ev.Snapshot || ev.Seq != 5 {
			t.Errorf("snapshot event %+v, want Snapshot with seq 5", ev)
		}
	}
	s.Emit(Text("line 4"))
	if ev := next(t, sub, 1)[0]; ev.Seq != 6 || ev.Snapshot {
		t.Errorf("after the snapshot: %+v, want seq 6", ev)
	}

	// A first connection has nothing on screen to clear.
	sub = subscribe(t, s, 0)
	evs, _ = pending(sub)
	if !sub.Resynced || len(evs) != 2 || evs[0].Kind != tio.KindText {
		t.Fatalf("since 0 past the ring got %+v (resynced %v), want text, state", evs, sub.Resynced)
	}

	// What the ring still holds is replayed.
	sub = subscribe(t, s, 4)
	if evs, _ = pending(sub); sub.Resynced || !slices.Equal(seqs(evs), []uint64{5, 6}) {
		t.Fatalf("since 4 got %v (resynced %v), want 5 6", seqs(evs), sub.Resynced)
	}

	// A since from the future is a gap too.
	sub = subscribe(t, s, 99)
	if evs, _ = pending(sub); !sub.Resynced || len(evs) == 0 || evs[0].Kind != tio.KindClear {
		t.Fatalf("since 99 got %+v, want a snapshot after a clear", evs)
	}
}

func TestRingKeepsTheNewest(t *testing.T) {
	s := New(Options{Ring: 3})
	defer s.Close()
	for i := range 20 {
		s.Emit(Text(fmt.Sprintf("line %d", i+1)))
		last := int64(i + 1)
		oldest := max(1, last-2)
		if sub := subscribe(t, s, oldest-1); sub.Resynced {
			t.Fatalf("after %d events, since %d resynced", last, oldest-1)
		} else if evs, _ := pending(sub); len(evs) != int(last-oldest+1) || evs[0].Seq != uint64(oldest) {
			t.Fatalf("after %d events, since %d replayed %v", last, oldest-1, seqs(evs))
		}
		if oldest > 1 {
			if sub := subscribe(t, s, oldest-2); !sub.Resynced {
				t.Fatalf("after %d events, since %d is past the ring but not resynced", last, oldest-2)
			}
		}
	}
}

func TestSlowReaderIsEvictedOthersCarryOn(t *testing.T) {
	s := New(Options{SubBuffer: 2})
	defer s.Close()
	stuck := subscribe(t, s, 0)
	reader := subscribe(t, s, 0)
	for i := range 5 {
		s.Emit(Text(fmt.Sprintf("line %d", i+1)))
		if ev := next(t, reader, 1)[0]; ev.Seq != uint64(i+1) {
			t.Fatalf("reader got seq %d, want %d", ev.Seq, i+1)
		}
	}
	if !s.Live(reader) || reader.Evicted() {
		t.Fatal("the reader that kept up was cut off")
	}
	if s.Live(stuck) || !stuck.Evicted() {
		t.Fatal("the reader that never read was not evicted")
	}
	// It keeps what fitted, then the channel is closed.
	held := drain(t, stuck)
	if !slices.Equal(seqs(held), []uint64{1, 2}) {
		t.Fatalf("evicted stream held %v, want 1 2", seqs(held))
	}
	// It resumes from the last event it handled and loses nothing.
	again := subscribe(t, s, 2)
	if got := seqs(next(t, again, 3)); !slices.Equal(got, []uint64{3, 4, 5}) {
		t.Fatalf("resumed with %v, want 3 4 5", got)
	}
	if n := s.Subscriptions(); n != 3 {
		t.Errorf("Subscriptions = %d, want 3", n)
	}
}

func TestReplayAlwaysFits(t *testing.T) {
	s := New(Options{SubBuffer: 1})
	defer s.Close()
	s.Emit(texts(50)...)
	sub := subscribe(t, s, 0)
	if evs, closed := pending(sub); len(evs) != 50 || closed || sub.Evicted() {
		t.Fatalf("replay of 50 with SubBuffer 1: %d events, closed %v", len(evs), closed)
	}
}

func TestEvictAt(t *testing.T) {
	s := New(Options{EvictAt: 3})
	defer s.Close()
	sub := subscribe(t, s, 0)
	s.Emit(texts(5)...)
	if got := seqs(drain(t, sub)); !slices.Equal(got, []uint64{1, 2, 3}) || !sub.Evicted() {
		t.Fatalf("got %v (evicted %v), want 1 2 3 and then evicted", got, sub.Evicted())
	}
	again := subscribe(t, s, 3)
	s.Emit(Text("line 6"))
	if got := seqs(next(t, again, 3)); !slices.Equal(got, []uint64{4, 5, 6}) {
		t.Fatalf("after resuming %v, want 4 5 6", got)
	}
}

// TestSendThenComplete: a Complete made after a Send returns only once all
// of that Send's events are out, and LastSeq covers them.
func TestSendThenComplete(t *testing.T) {
	gate := make(chan struct{})
	s := New(Options{
		React: func(s *Session, in tio.Input) {
			<-gate // Send has long returned by now
			s.Emit(texts(100)...)
		},
		Complete: func(prefix string) []string { return []string{prefix + "orth"} },
	})
	defer s.Close()
	sub := subscribe(t, s, 0)
	if err := s.Send(ctx, tio.Line("go")); err != nil {
		t.Fatal(err)
	}
	type result struct {
		words []string
		last  uint64
		err   error
	}
	done := make(chan result)
	go func() {
		words, err := s.Complete(ctx, "n")
		done <- result{words, s.LastSeq(), err}
	}()
	close(gate)
	r := <-done
	if r.err != nil || !slices.Equal(r.words, []string{"north"}) {
		t.Fatalf("Complete = %q, %v", r.words, r.err)
	}
	if r.last != 100 {
		t.Fatalf("LastSeq after Complete = %d, want 100", r.last)
	}
	if got := seqs(next(t, sub, 100)); got[99] != 100 {
		t.Fatalf("stream ends at %d", got[99])
	}
	if in := s.Sent(); len(in) != 1 || in[0] != tio.Line("go") {
		t.Errorf("Sent = %+v", in)
	}
}

// TestEmitFromAnywhere: a timer speaking while commands run interleaves
// whole events, numbered without gaps.
func TestEmitFromAnywhere(t *testing.T) {
	s := New(Options{React: echo})
	defer s.Close()
	sub := subscribe(t, s, 0)
	var wg sync.WaitGroup
	wg.Go(func() {
		for range 50 {
			s.Emit(Text("tick"))
		}
	})
	for range 50 {
		s.Send(ctx, tio.Line("x"))
	}
	wg.Wait()
	s.Sync(context.Background())
	evs := next(t, sub, 150)
	for i, ev := range evs {
		if ev.Seq != uint64(i+1) {
			t.Fatalf("event %d has seq %d", i, ev.Seq)
		}
	}
}

func TestCancel(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	sub := subscribe(t, s, 0)
	sub.Cancel()
	sub.Cancel()
	s.Emit(Text("after"))
	if evs := drain(t, sub); len(evs) != 0 || sub.Evicted() || s.Live(sub) {
		t.Fatalf("cancelled stream got %v (evicted %v)", seqs(evs), sub.Evicted())
	}
}

func TestClose(t *testing.T) {
	s := New(Options{React: echo, Complete: func(string) []string { return nil }})
	sub := subscribe(t, s, 0)
	s.Emit(Text("last words"))
	s.Close()
	s.Close()
	if evs := drain(t, sub); len(evs) != 1 || sub.Evicted() {
		t.Fatalf("closed stream held %v (evicted %v), want the last words, not evicted", seqs(evs), sub.Evicted())
	}
	if err := s.Send(ctx, tio.Line("look")); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Send after Close = %v", err)
	}
	if _, err := s.Complete(ctx, ""); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Complete after Close = %v", err)
	}
	if _, err := s.Subscribe(ctx, 0); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Subscribe after Close = %v", err)
	}
	s.Emit(Text("ghost"))
	if s.LastSeq() != 1 {
		t.Errorf("LastSeq after Close = %d, want 1", s.LastSeq())
	}
	s.Sync(context.Background()) // returns at once
}

// TestQuitClosesFromReact: React may end the session as a quit does; the
// stream carries the goodbye and closes.
func TestQuitClosesFromReact(t *testing.T) {
	s := New(Options{React: func(s *Session, in tio.Input) {
		s.Emit(Text("Goodbye."))
		s.Close()
	}})
	sub := subscribe(t, s, 0)
	if err := s.Send(ctx, tio.Line("quit")); err != nil {
		t.Fatal(err)
	}
	if evs := drain(t, sub); len(evs) != 1 || evs[0].Text != "Goodbye." || sub.Evicted() {
		t.Fatalf("stream after quit: %+v", evs)
	}
	if err := s.Send(ctx, tio.Line("look")); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Send after quit = %v", err)
	}
}

func TestContextCancelled(t *testing.T) {
	gate := make(chan struct{})
	s := New(Options{React: func(*Session, tio.Input) { <-gate }})
	defer s.Close()
	defer close(gate)
	s.Send(ctx, tio.Line("busy"))
	c, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Complete(c, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("Complete with a cancelled context = %v", err)
	}
	if sub, err := s.Subscribe(c, 0); !errors.Is(err, context.Canceled) || sub != nil {
		t.Errorf("Subscribe with a cancelled context = %v, %v", sub, err)
	}
}

func TestForeignControl(t *testing.T) {
	own := "\x1b[1;38;5;12mHall\x1b[0m\n\tx\n"
	if got := ForeignControl(own); got != "" {
		t.Errorf("a renderer's own output flagged: %s", got)
	}
	for _, h := range Hostile {
		if ForeignControl(h.Text) == "" {
			t.Errorf("%s passed", h.Name)
		}
	}
	if ForeignControl("a\x00b") == "" || ForeignControl("\x1b[2J") == "" || ForeignControl("\x1b[31") == "" {
		t.Error("NUL, a CSI that is not SGR, or a cut SGR passed")
	}
}

// The fake cleans what is sent, as tio.Session promises and the driver
// does, so front-end tests see what a real game would get.
func TestSendCleans(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	ctx := context.Background()
	if err := s.Send(ctx, tio.Line("say \x1b[2Jhi\u202e")); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(ctx, tio.Pick("a\x00")); err != nil {
		t.Fatal(err)
	}
	s.Sync(ctx)
	if got := s.Sent(); !slices.Equal(got, []tio.Input{tio.Line("say [2Jhi"), tio.Pick("a")}) {
		t.Errorf("Sent = %q", got)
	}
}

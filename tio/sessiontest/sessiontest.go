// Package sessiontest is the conformance suite for tio.Session: every
// implementation in the tree (the driver's seats, the fake in
// tio/tiotest; the remote client and the MUD seat when they come) runs
// Run from its own tests and so keeps the same contract.
//
// Like tiotest it is an ordinary package only so that the tests of several
// packages can share it.
package sessiontest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tale-if/tale/tio"
)

// Setup is what the suite asks of a new session.
type Setup struct {
	// Ring is the replay buffer: how many of the newest events a reader
	// can resume from.
	Ring int
}

// Seat is a session under test with what the suite needs to drive it.
//
// The suite assumes of the game behind it: it has emitted an opening (at
// least one event) before anyone typed; every line sent makes at least
// one event; nothing is emitted without input (no timer); and a look
// (Send of "look") is harmless at any time.
type Seat struct {
	tio.Session
	// Close ends the session as a quit or a leave does; the streams
	// close after what they hold.
	Close func()
}

// hangGuard only turns a deadlock into a failure.
const hangGuard = 20 * time.Second

// Run runs the whole suite against sessions made by open, each test on a
// fresh one.
func Run(t *testing.T, open func(t *testing.T, s Setup) Seat) {
	tests := []struct {
		name string
		f    func(t *testing.T, open func(t *testing.T, s Setup) Seat)
	}{
		{"SeqFromOneWithoutGaps", seqFromOne},
		{"ReplayAfterSince", replayAfterSince},
		{"SnapshotOnGapWithClear", snapshotOnGap},
		{"FreshReaderGetsOpeningThenSnapshot", freshReader},
		{"SlowReaderEvictedOthersCarryOn", eviction},
		{"SyncIsTheBarrier", syncBarrier},
		{"ClosedSessionRefuses", closedRefuses},
		{"Concurrency", concurrency},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.f(t, open) })
	}
}

var bg = context.Background()

func send(t *testing.T, s tio.Session, line string) {
	t.Helper()
	if err := s.Send(bg, tio.Line(line)); err != nil {
		t.Fatalf("Send(%q): %v", line, err)
	}
}

func syncEnd(t *testing.T, s tio.Session) uint64 {
	t.Helper()
	end, err := tio.ReplyEnd(bg, s)
	if err != nil {
		t.Fatalf("ReplyEnd: %v", err)
	}
	return end
}

func subscribe(t *testing.T, s tio.Session, since int64) *tio.Subscription {
	t.Helper()
	sub, err := s.Subscribe(bg, since)
	if err != nil {
		t.Fatalf("Subscribe(%d): %v", since, err)
	}
	t.Cleanup(sub.Cancel)
	return sub
}

// readTo reads until an event with Seq >= end that is not followed by
// more of the same Seq in the channel already.
func readTo(t *testing.T, sub *tio.Subscription, end uint64) []tio.Event {
	t.Helper()
	var evs []tio.Event
	for len(evs) == 0 || evs[len(evs)-1].Seq < end {
		select {
		case ev, ok := <-sub.Events:
			if !ok {
				t.Fatalf("stream closed at %d events, want up to seq %d (evicted %v)", len(evs), end, sub.Evicted())
			}
			evs = append(evs, ev)
		case <-time.After(hangGuard):
			t.Fatalf("no event after %d, want up to seq %d", len(evs), end)
		}
	}
	return evs
}

// pending is what the channel holds right now.
func pending(sub *tio.Subscription) []tio.Event {
	var evs []tio.Event
	for {
		select {
		case ev, ok := <-sub.Events:
			if !ok {
				return evs
			}
			evs = append(evs, ev)
		default:
			return evs
		}
	}
}

func checkConsecutive(t *testing.T, evs []tio.Event, from uint64) {
	t.Helper()
	for i, ev := range evs {
		if want := from + uint64(i); ev.Seq != want || ev.Snapshot {
			t.Fatalf("event %d: seq %d (snapshot %v), want %d; all: %v", i, ev.Seq, ev.Snapshot, want, seqs(evs))
		}
	}
}

func seqs(evs []tio.Event) []uint64 {
	out := make([]uint64, len(evs))
	for i, ev := range evs {
		out[i] = ev.Seq
	}
	return out
}

func seqFromOne(t *testing.T, open func(*testing.T, Setup) Seat) {
	s := open(t, Setup{Ring: 1024})
	sub := subscribe(t, s, 0)
	for i := range 5 {
		send(t, s, fmt.Sprintf("look %d", i))
	}
	end := syncEnd(t, s)
	checkConsecutive(t, readTo(t, sub, end), 1)
	if sub.Resynced {
		t.Error("a replay from the start is not a resync")
	}
}

func replayAfterSince(t *testing.T, open func(*testing.T, Setup) Seat) {
	s := open(t, Setup{Ring: 1024})
	for range 4 {
		send(t, s, "look")
	}
	end := syncEnd(t, s)
	for _, since := range []uint64{1, end / 2, end - 1, end} {
		sub := subscribe(t, s, int64(since))
		if since == end {
			if evs := pending(sub); len(evs) != 0 {
				t.Errorf("since the last seq: got %v, want nothing", seqs(evs))
			}
			continue
		}
		checkConsecutive(t, readTo(t, sub, end), since+1)
	}
	// Live events follow a replay without a gap.
	sub := subscribe(t, s, int64(end))
	send(t, s, "look")
	checkConsecutive(t, readTo(t, sub, syncEnd(t, s)), end+1)
}

func snapshotOnGap(t *testing.T, open func(*testing.T, Setup) Seat) {
	s := open(t, Setup{Ring: 4})
	for range 10 {
		send(t, s, "look")
	}
	end := syncEnd(t, s)
	sub := subscribe(t, s, 1)
	if !sub.Resynced {
		t.Fatal("resuming past the ring did not resync")
	}
	evs := pending(sub)
	if len(evs) < 2 || evs[0].Kind != tio.KindClear {
		t.Fatalf("a resync starts with a clear and the look; got %+v", evs)
	}
	for _, ev := range evs {
		if !ev.Snapshot || ev.Seq != end {
			t.Fatalf("snapshot event %+v: want Snapshot at seq %d", ev, end)
		}
	}
	// since 0 past the ring is a first connection: a snapshot, no clear.
	first := subscribe(t, s, 0)
	if evs := pending(first); !first.Resynced || len(evs) == 0 || evs[0].Kind == tio.KindClear || !evs[0].Snapshot {
		t.Fatalf("since 0 after the ring wrapped: resynced %v, %+v", first.Resynced, evs)
	}
}

func freshReader(t *testing.T, open func(*testing.T, Setup) Seat) {
	s := open(t, Setup{Ring: 1024})
	opening := s.LastSeq()
	if opening == 0 {
		t.Fatal("the session has no opening")
	}
	sub := subscribe(t, s, -1)
	evs := pending(sub)
	checkConsecutive(t, evs, 1)
	if len(evs) == 0 || evs[len(evs)-1].Seq != opening {
		t.Fatalf("a fresh reader before any input gets the opening 1..%d; got %v", opening, seqs(evs))
	}
	send(t, s, "look")
	end := syncEnd(t, s)
	later := subscribe(t, s, -1)
	evs = pending(later)
	if len(evs) == 0 || later.Resynced {
		t.Fatalf("a fresh reader after input: resynced %v, %+v", later.Resynced, evs)
	}
	for _, ev := range evs {
		if !ev.Snapshot || ev.Seq != end || ev.Kind == tio.KindClear {
			t.Fatalf("a fresh reader after input gets a snapshot at %d without a clear; got %+v", end, ev)
		}
	}
}

func eviction(t *testing.T, open func(*testing.T, Setup) Seat) {
	s := open(t, Setup{Ring: 8})
	from := syncEnd(t, s)
	stuck := subscribe(t, s, int64(from)) // never reads
	live := subscribe(t, s, int64(from))
	var got []tio.Event
	for i := 0; !stuck.Evicted(); i++ {
		if i == 5000 {
			t.Fatal("a reader that never reads was not evicted")
		}
		send(t, s, "look")
		got = append(got, readTo(t, live, syncEnd(t, s))...) // never waits for stuck
	}
	checkConsecutive(t, got, from+1)
	if live.Evicted() {
		t.Fatal("the reader that kept up was evicted")
	}
	n := 0
	for range stuck.Events { // what fitted, then the close
		n++
	}
	if n == 0 || n >= len(got) {
		t.Errorf("the evicted reader held %d of %d events", n, len(got))
	}
}

func syncBarrier(t *testing.T, open func(*testing.T, Setup) Seat) {
	s := open(t, Setup{Ring: 1024})
	sub := subscribe(t, s, int64(syncEnd(t, s)))
	for i := range 20 {
		before := s.LastSeq()
		send(t, s, fmt.Sprintf("look %d", i))
		end := syncEnd(t, s)
		if end <= before {
			t.Fatalf("after a Sync the reply is out: LastSeq %d, was %d", end, before)
		}
		evs := readTo(t, sub, end)
		checkConsecutive(t, evs, before+1)
		if more := pending(sub); len(more) != 0 {
			t.Fatalf("events after the reply's end with no input: %v", seqs(more))
		}
	}
	// Sync on an idle session returns at once, with nothing new.
	last := s.LastSeq()
	if end := syncEnd(t, s); end != last {
		t.Errorf("an idle Sync moved LastSeq %d → %d", last, end)
	}
}

func closedRefuses(t *testing.T, open func(*testing.T, Setup) Seat) {
	s := open(t, Setup{Ring: 1024})
	sub := subscribe(t, s, 0)
	s.Close()
	for range sub.Events { // closes after what it holds
	}
	if sub.Evicted() {
		t.Error("a stream closed with its session is not evicted")
	}
	ctx, cancel := context.WithTimeout(bg, hangGuard)
	defer cancel()
	if err := s.Send(ctx, tio.Line("look")); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Send after close: %v", err)
	}
	if _, err := s.Subscribe(ctx, 0); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Subscribe after close: %v", err)
	}
	if err := s.Sync(ctx); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Sync after close: %v", err)
	}
	if end, err := tio.ReplyEnd(ctx, s); !errors.Is(err, tio.ErrSessionClosed) || end < s.LastSeq() {
		t.Errorf("ReplyEnd after close: %d, %v", end, err)
	}
	if _, err := s.Complete(ctx, "lo"); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Complete after close: %v", err)
	}
	sub.Cancel() // after the close, still safe
}

// concurrency has writers, readers that come and go, completions and
// barriers all at once; under -race it shows the locking, and every
// reader must still see each seq once, in order.
func concurrency(t *testing.T, open func(*testing.T, Setup) Seat) {
	s := open(t, Setup{Ring: 64})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				if err := s.Send(bg, tio.Line(fmt.Sprintf("look %d %d", w, i))); err != nil {
					t.Error(err)
					return
				}
				if i%5 == 0 {
					s.Complete(bg, "lo")
					s.Sync(bg)
				}
			}
		}()
	}
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var last uint64
			for range 10 {
				sub, err := s.Subscribe(bg, int64(last))
				if err != nil {
					t.Error(err)
					return
				}
				for range 5 {
					select {
					case ev, ok := <-sub.Events:
						if !ok {
							break
						}
						if ev.Snapshot {
							last = max(last, ev.Seq)
							continue
						}
						if ev.Seq != last+1 {
							t.Errorf("reader: seq %d after %d", ev.Seq, last)
						}
						last = ev.Seq
					case <-time.After(10 * time.Millisecond):
					}
				}
				sub.Cancel()
				_ = s.LastSeq()
			}
		}()
	}
	wg.Wait()
	end := syncEnd(t, s)
	if end < 100 {
		t.Errorf("100 inputs made %d events", end)
	}
}

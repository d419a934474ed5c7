package stream

import (
	"testing"

	"github.com/tale-if/tale/tio"
)

func newTestStream(ring int) *Stream {
	return New(Options{Ring: ring, Slack: 4, Run: func(f func()) { f() }})
}

// BenchmarkFewEvents is a stream as most are: made, an opening and a few
// replies published. B/op is what each player or game pays for it.
func BenchmarkFewEvents(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s := newTestStream(1024)
		for range 6 {
			s.Publish(tio.Event{Kind: tio.KindText, Text: "x"})
		}
	}
}

// TestRingGrowsThenWraps: a reader resuming gets exactly the events after
// its seq while the ring grows, at the bound, and once it wraps; older
// ones are reported gone.
func TestRingGrowsThenWraps(t *testing.T) {
	const ring = 100
	s := newTestStream(ring)
	for n := uint64(1); n <= 3*ring+7; n++ {
		s.Publish(tio.Event{Kind: tio.KindText, Text: "x"})
		for _, since := range []uint64{0, n / 2, n - 1, n} {
			evs, ok := s.After(since)
			if want := n-since <= ring; ok != want {
				t.Fatalf("after %d events, After(%d) ok = %v, want %v", n, since, ok, want)
			}
			if !ok {
				continue
			}
			if uint64(len(evs)) != n-since {
				t.Fatalf("after %d events, After(%d) gave %d events", n, since, len(evs))
			}
			for i, ev := range evs {
				if ev.Seq != since+1+uint64(i) {
					t.Fatalf("after %d events, After(%d)[%d].Seq = %d", n, since, i, ev.Seq)
				}
			}
		}
	}
	if got := s.Recent(ring + 5); len(got) != ring || got[ring-1].Seq != 3*ring+7 {
		t.Fatalf("Recent kept %d events ending at %d", len(got), got[len(got)-1].Seq)
	}
}

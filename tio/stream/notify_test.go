package stream

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

// A reader that does not wait on Events learns of everything that
// reaches it through OnEvent: each event, and the close (evicted,
// cancelled or ended), after which Events reads as closed.
func TestOnEventAnnouncesEventsAndTheClose(t *testing.T) {
	for _, end := range []string{"evicted", "cancelled", "closed", "evict oldest"} {
		s := New(Options{Ring: 8, Slack: 2, Run: func(f func()) { f() }})
		sub := s.Subscribe(0, true)
		calls := 0
		if !sub.OnEvent(func() { calls++ }) {
			t.Fatal("a stream's subscription does not notify")
		}
		s.Publish(tio.Event{Kind: tio.KindText, Text: "one"})
		s.Publish(tio.Event{Kind: tio.KindText, Text: "two"})
		if calls != 2 {
			t.Fatalf("%d calls after two events, want 2", calls)
		}
		switch end {
		case "evicted":
			s.Publish(tio.Event{Kind: tio.KindText, Text: "three: over the slack"})
		case "cancelled":
			sub.Cancel()
		case "closed":
			s.Close()
		case "evict oldest":
			s.EvictOldest()
		}
		if calls != 3 {
			t.Errorf("%s: %d calls, want one more for the close", end, calls)
		}
		var got []string
		for ev := range sub.Events {
			got = append(got, ev.Text)
		}
		if len(got) != 2 || got[0] != "one" || got[1] != "two" {
			t.Errorf("%s: read %q after the close, want one and two", end, got)
		}
	}
}

// A subscription from tio.NewSubscription does not notify, and says so.
func TestPlainSubscriptionDoesNotNotify(t *testing.T) {
	ch := make(chan tio.Event)
	if tio.NewSubscription(ch, false, nil, nil).OnEvent(func() { t.Error("called") }) {
		t.Error("OnEvent reported true for a session that never calls Notify")
	}
}

// pullAll reads what Next has now; closed reports the end.
func pullAll(sub *tio.Subscription) (texts []string, closed bool) {
	for {
		ev, ok, end := sub.Next()
		if !ok {
			return texts, end
		}
		texts = append(texts, ev.Text)
	}
}

// A pulling reader gets what its channel held, then every later event
// in order, with no channel; it is evicted at the channel's bound, after
// what fitted, and a cancel ends it after what was published.
func TestPullReadsTheRingInOrderWithinTheBound(t *testing.T) {
	s := New(Options{Ring: 8, Slack: 2, Run: func(f func()) { f() }})
	s.Publish(tio.Event{Kind: tio.KindText, Text: "one"})
	sub := s.Subscribe(0, true) // the replay: one
	if sub.Pull() {
		t.Fatal("Pull without OnEvent: the reader would never learn to call Next")
	}
	sub.OnEvent(func() {})
	if !sub.Pull() || sub.Events != nil {
		t.Fatalf("Pull = false or Events still set (%v)", sub.Events)
	}
	s.Publish(tio.Event{Kind: tio.KindText, Text: "two"})
	if got, closed := pullAll(sub); len(got) != 2 || got[0] != "one" || got[1] != "two" || closed {
		t.Fatalf("read %q (closed %v), want one, two", got, closed)
	}
	for _, text := range []string{"three", "four", "five", "six: over the bound of 3"} {
		s.Publish(tio.Event{Kind: tio.KindText, Text: text})
	}
	got, closed := pullAll(sub)
	if len(got) != 3 || got[2] != "five" || !closed || !sub.Evicted() {
		t.Errorf("after falling behind: read %q, closed %v, evicted %v; want up to five, then the close", got, closed, sub.Evicted())
	}

	other := s.Subscribe(int64(s.LastSeq()), true)
	other.OnEvent(func() {})
	other.Pull()
	s.Publish(tio.Event{Kind: tio.KindText, Text: "seven"})
	other.Cancel()
	if got, closed := pullAll(other); len(got) != 1 || got[0] != "seven" || !closed || other.Evicted() {
		t.Errorf("after a cancel: read %q, closed %v, evicted %v; want seven, then the close", got, closed, other.Evicted())
	}
}

// A pulling reader is held to its channel's bound even where that reaches
// further back than the ring: what the ring lets go unread is kept for it.
func TestPullBeyondTheRingKeepsWhatTheBoundAllows(t *testing.T) {
	s := New(Options{Ring: 2, Slack: 5, Run: func(f func()) { f() }})
	sub := s.Subscribe(0, true)
	sub.OnEvent(func() {})
	sub.Pull()
	want := []string{"a", "b", "c", "d", "e"}
	for _, text := range want {
		s.Publish(tio.Event{Kind: tio.KindText, Text: text})
	}
	if got, closed := pullAll(sub); strings.Join(got, "") != "abcde" || closed {
		t.Errorf("read %q (closed %v), want all five", got, closed)
	}
}

package stream

import (
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

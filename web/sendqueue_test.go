package web

import (
	"slices"
	"testing"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

// The queue keeps order, refuses past its bound (the writer's signal to
// evict), and a drained queue holds no messages for the writer to retain.
func TestSendQueueBoundAndOrder(t *testing.T) {
	q := newSendQueue(3)
	msgs := []*outMsg{noticeMessage("a"), noticeMessage("b"), noticeMessage("c")}
	for _, m := range msgs {
		if !q.push(m) {
			t.Fatal("a queue under its bound refused a message")
		}
	}
	if q.push(noticeMessage("d")) {
		t.Fatal("a full queue took a fourth message: a peer that does not read would never be evicted")
	}
	if !q.pending() {
		t.Fatal("nothing pending: a writer woken on demand would never write")
	}
	select {
	case <-q.readyCh():
	default:
		t.Fatal("no token on ready: a waiting writer would never wake")
	}
	got := q.take(nil)
	if len(got) != 3 || got[0] != msgs[0] || got[2] != msgs[2] {
		t.Fatalf("took %d messages, want the three in order", len(got))
	}
	if !q.push(noticeMessage("e")) {
		t.Fatal("a drained queue refused a message")
	}
	if got = q.take(got[:0]); len(got) != 1 {
		t.Fatalf("took %d, want the one pushed after draining", len(got))
	}
}

// chanRecorder is a transport the test reads while the writer runs.
type chanRecorder struct{ sent chan *outMsg }

func (r chanRecorder) write(m *outMsg) error { r.sent <- m; return nil }
func (r chanRecorder) heartbeat() error      { return nil }
func (r chanRecorder) close(int, string)     {}

// A reply queued after events were published is written after them, so
// a client that reads the first screen up to a ping's pong has all of it.
// The writer's select would otherwise pick the queue or the stream at
// random when both are ready; twenty rounds leave that no room to pass.
func TestQueuedReplyFollowsPublishedEvents(t *testing.T) {
	for round := range 20 {
		c, events := foldClient(t, false, tiotest.Text("one"), tiotest.Text("two"), tiotest.Text("three"))
		c.sub = tio.NewSubscription(events, false, nil, nil)
		c.enqueue(pongMsg)
		out := chanRecorder{sent: make(chan *outMsg, 8)}
		done := make(chan struct{})
		go func() {
			defer close(done)
			c.loop(out, nil, nil)
		}()
		var got []string
		for range 4 {
			got = append(got, (<-out.sent).typ)
		}
		c.stop(closeNormal, "")
		<-done
		if want := []string{"text", "text", "text", "pong"}; !slices.Equal(got, want) {
			t.Fatalf("round %d: wrote %v, want %v", round, got, want)
		}
	}
}

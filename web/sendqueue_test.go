package web

import "testing"

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
	select {
	case <-q.ready:
	default:
		t.Fatal("no token on ready: the writer would never wake")
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

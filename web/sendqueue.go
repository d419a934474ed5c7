package web

import "sync"

// sendQueue is a connection's bounded queue of messages for its writer
// (replies, hub broadcasts, a close after them). A channel of the same
// bound would hold its whole capacity for the connection's life — 2 KiB
// of slots at the default, most of an idle connection's heap — while
// nearly every connection has at most a reply or two in it at a time.
// This one holds only what is queued.
type sendQueue struct {
	max int // more than this queued means the peer does not read

	mu   sync.Mutex
	msgs []*outMsg
	// ready has a token while messages wait, for a writer that waits on
	// it (readyCh). A writer woken on demand (wake.go) asks pending
	// instead, and its connection holds no channel for it.
	ready chan struct{}
}

// spareQueue is the most slots a drained queue keeps for the next burst;
// a larger one, grown by a flood, is let go.
const spareQueue = 4

func newSendQueue(max int) *sendQueue {
	return &sendQueue{max: max}
}

// push queues m without waiting; false means the queue is full.
func (q *sendQueue) push(m *outMsg) bool {
	q.mu.Lock()
	if len(q.msgs) >= q.max {
		q.mu.Unlock()
		return false
	}
	q.msgs = append(q.msgs, m)
	ready := q.ready
	q.mu.Unlock()
	if ready != nil {
		select {
		case ready <- struct{}{}:
		default: // the writer has been told already
		}
	}
	return true
}

// readyCh is the channel a waiting writer selects on: it has a token
// while messages wait, from those queued before the call on.
func (q *sendQueue) readyCh() <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.ready == nil {
		q.ready = make(chan struct{}, 1)
		if len(q.msgs) > 0 {
			q.ready <- struct{}{}
		}
	}
	return q.ready
}

// pending reports whether messages wait.
func (q *sendQueue) pending() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.msgs) > 0
}

// take hands the writer everything queued, oldest first, into buf's
// space. The writer calls it after a token on ready, or pending.
func (q *sendQueue) take(buf []*outMsg) []*outMsg {
	q.mu.Lock()
	defer q.mu.Unlock()
	buf = append(buf, q.msgs...)
	clear(q.msgs)
	if cap(q.msgs) > spareQueue {
		q.msgs = nil
	} else {
		q.msgs = q.msgs[:0]
	}
	return buf
}

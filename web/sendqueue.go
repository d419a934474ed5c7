package web

import "sync"

// sendQueue is a connection's bounded queue of messages for its writer
// (replies, hub broadcasts, a close after them). A channel of the same
// bound would hold its whole capacity for the connection's life — 2 KiB
// of slots at the default, most of an idle connection's heap — while
// nearly every connection has at most a reply or two in it at a time.
// This one holds only what is queued.
type sendQueue struct {
	ready chan struct{} // one token: messages are waiting; the writer selects on it
	max   int           // more than this queued means the peer does not read

	mu   sync.Mutex
	msgs []*outMsg
}

// spareQueue is the most slots a drained queue keeps for the next burst;
// a larger one, grown by a flood, is let go.
const spareQueue = 4

func newSendQueue(max int) *sendQueue {
	return &sendQueue{ready: make(chan struct{}, 1), max: max}
}

// push queues m without waiting; false means the queue is full.
func (q *sendQueue) push(m *outMsg) bool {
	q.mu.Lock()
	if len(q.msgs) >= q.max {
		q.mu.Unlock()
		return false
	}
	q.msgs = append(q.msgs, m)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default: // the writer has been told already
	}
	return true
}

// take hands the writer everything queued, oldest first, into buf's
// space. The writer calls it after a token on ready.
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

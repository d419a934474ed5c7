package web

import (
	"context"
	"sync"
	"time"
)

// A WebSocket is pinged every PingPeriod, idle or not. A timer per
// connection for that was ~170 bytes of every idle tab; beatWheel is one
// ticker for the server instead. Its connections are spread over
// beatSlots slots; it visits one slot a tick, beatSlots ticks a period,
// and tells each connection in the slot that a ping is due (the writer
// wakes, writes the ping and goes again, wake.go). So every connection is
// pinged once a period; its first ping comes between (beatSlots-1)/beatSlots
// of a period and a whole one after it joined.
type beatWheel struct {
	period time.Duration
	ctx    context.Context // the wheel stops with it
	start  sync.Once

	mu    sync.Mutex
	slots [beatSlots][]*client
	hand  int // the slot the next tick visits
}

// beatSlots is how finely the wheel spreads its connections' pings: a
// tick visits 1/beatSlots of them, so a thousand tabs are never pinged in
// one burst, and a connection's first ping is at most 1/beatSlots of a
// period early.
const beatSlots = 16

func newBeatWheel(ctx context.Context, period time.Duration) *beatWheel {
	return &beatWheel{ctx: ctx, period: period}
}

// join adds c, which is pinged from a period from now on. The wheel's
// goroutine starts with its first connection.
func (bw *beatWheel) join(c *client) {
	bw.start.Do(func() { go bw.run() })
	bw.mu.Lock()
	defer bw.mu.Unlock()
	// The slot just visited comes round last: a whole period away.
	slot := (bw.hand + beatSlots - 1) % beatSlots
	w := c.waker
	w.beatSlot, w.beatIndex = int8(slot), int32(len(bw.slots[slot]))
	bw.slots[slot] = append(bw.slots[slot], c)
}

// leave takes c off the wheel; it may be called for a connection that
// never joined.
func (bw *beatWheel) leave(c *client) {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	w := c.waker
	if w.beatSlot < 0 {
		return
	}
	s := bw.slots[w.beatSlot]
	last := s[len(s)-1]
	s[w.beatIndex] = last
	last.waker.beatIndex = w.beatIndex
	s[len(s)-1] = nil
	bw.slots[w.beatSlot] = shrunk(s[:len(s)-1])
	w.beatSlot = -1
}

// shrunk lets go of a slot's array once it is mostly empty, so a server
// that had many connections does not keep room for them.
func shrunk(s []*client) []*client {
	if cap(s) > 64 && len(s) < cap(s)/4 {
		return append([]*client(nil), s...)
	}
	return s
}

// run ticks until the server's context ends.
func (bw *beatWheel) run() {
	tick := time.NewTicker(max(bw.period/beatSlots, time.Microsecond))
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			bw.visit()
		case <-bw.ctx.Done():
			return
		}
	}
}

// visit tells the connections of the next slot that a ping is due.
func (bw *beatWheel) visit() {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	for _, c := range bw.slots[bw.hand] {
		c.waker.beatDue.Store(true)
		c.wake() // never waits: at most it starts a writer
	}
	bw.hand = (bw.hand + 1) % beatSlots
}

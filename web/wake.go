package web

import (
	"sync/atomic"
	"time"
)

// A WebSocket's writer runs only while there is something to write. An
// idle connection then costs its reader goroutine (which gorilla's own
// echo server has too) and no writer: a goroutine with its stack was
// most of what a tab cost beyond bare gorilla. The game's stream says
// when it has an event for the connection (tio.Subscription.OnEvent), the
// queue when it is handed a message, stop and evict when the connection
// ends, and the server's beatWheel (beats.go) when a ping is due; each of
// those wakes the writer, which writes what there is and exits. One
// writer at a time is still the connection's only writer (contract 1):
// wake starts one only when none runs, and a writer that finds more after
// it is done goes on instead.
//
// A session that does not notify (OnEvent reports false) and the MUD
// lobby, which waits on the seat, keep a writer parked as before.
type waker struct {
	running atomic.Bool // a writer runs, or the connection has ended for good
	again   atomic.Bool // something came since the running writer last looked
	beatDue atomic.Bool // the server's beatWheel says a ping is due
	// Where the connection is on the beatWheel (under its lock); -1: not on it.
	beatSlot  int8
	beatIndex int32
	// kick wakes a lingering writer. Made when a writer first lingers and
	// dropped when it goes: an idle connection holds no channel for it.
	kick   atomic.Pointer[chan struct{}]
	period time.Duration
	t      transport
	finish func() // what ends the connection's writer for good
}

// wake makes sure a writer will look at the connection: the running one
// if there is one, else a new one.
func (c *client) wake() {
	w := c.waker
	if w == nil {
		return // a parked writer, which waits on the channels themselves
	}
	w.again.Store(true)
	if w.running.CompareAndSwap(false, true) {
		go c.turns(true)
		return
	}
	if kick := w.kick.Load(); kick != nil {
		select {
		case *kick <- struct{}{}: // a lingering writer goes round again
		default:
		}
	}
}

// writerLinger is how long a writer with nothing to write waits for more
// before it goes. A new writer starts on a small stack that writing grows
// again, some microseconds a reply; within a burst (a command's events,
// the next command typed at once, a busy room) the grown one is reused,
// and a tab idle for longer costs no goroutine.
const writerLinger = time.Second

// linger waits writerLinger for a wake; false when none came. idle is
// the writer's timer for it, made on its first linger and reset on the
// next ones: a timer made per linger was two allocations a reply. (Since
// Go 1.23 a stopped or reset timer delivers no stale tick.)
func (c *client) linger(w *waker, idle **time.Timer) bool {
	kick := w.kick.Load()
	if kick == nil {
		ch := make(chan struct{}, 1)
		kick = &ch
		w.kick.Store(kick)
		// A wake that came before the store saw no channel to send to:
		// it said so in again, which wake sets before it looks.
		if w.again.Load() {
			return true
		}
	}
	if *idle == nil {
		*idle = time.NewTimer(writerLinger)
	} else {
		(*idle).Reset(writerLinger)
	}
	select {
	case <-*kick:
		(*idle).Stop()
		return true
	case <-(*idle).C:
		return false
	}
}

// wakeOnDemand makes c's writer one that runs on demand; it is called
// before the connection's goroutines start, and serveWriter is then the
// first writer. finish runs once, when the connection is done.
func (c *client) wakeOnDemand(t transport, heartbeat time.Duration, finish func()) {
	w := &waker{period: heartbeat, t: t, finish: finish, beatSlot: -1}
	w.running.Store(true) // serveWriter is the writer until it hands over
	c.waker = w
}

// serveWriter is a WebSocket's writer from its start: the first screen
// (or the MUD lobby) in this goroutine, then the game's events on demand.
func (c *client) serveWriter() {
	w := c.waker
	t, heartbeat := w.t, w.period
	handedOver := false
	defer func() {
		if p := recover(); p != nil {
			c.panicked(t, p)
		}
		if !handedOver {
			c.endWriter()
		}
	}()
	ticker := time.NewTicker(heartbeat)
	defer ticker.Stop()
	if !c.start(t, ticker, nil) {
		return
	}
	c.game.readers.Add(1)
	c.counted = true
	if !c.sub.OnEvent(c.wake) {
		c.loop(t, ticker.C, nil)
		return
	}
	// Read from the stream's own ring: no channel buffer per connection.
	c.pulling = c.sub.Pull()
	c.srv.beats.join(c)
	handedOver = true
	// No lingering after the first screen: a server that many tabs
	// reconnect to at once (a restart) would hold a writer for each.
	c.turns(false)
}

// turns writes until there is nothing left and, when it lingers, nothing
// more comes for writerLinger, then lets the writer go; a wake that came
// meanwhile makes it go round again.
func (c *client) turns(lingers bool) {
	w := c.waker
	ended := true
	var idle *time.Timer // linger's
	defer func() {
		if p := recover(); p != nil {
			c.panicked(w.t, p)
			ended = true
		}
		if ended {
			c.endWriter()
		}
	}()
	for {
		w.again.Store(false)
		if !c.turn(w) {
			return // running stays set: no writer ever starts again
		}
		if w.again.Load() || lingers && c.linger(w, &idle) {
			continue
		}
		w.kick.Store(nil)
		w.running.Store(false)
		if !w.again.Load() || !w.running.CompareAndSwap(false, true) {
			ended = false
			return
		}
	}
}

// turn writes what is there now, in the order loop's select would take
// it: the events before the queue's messages (caughtUp), then a ping when
// one is due. It reports false when the connection has ended.
func (c *client) turn(w *waker) bool {
	t, events := w.t, c.sub.Events
	select {
	case <-c.done:
		t.close(c.code, c.why)
		return false
	default:
	}
	for {
		if c.pending != nil {
			if !c.writePending(t, events) {
				return false
			}
			continue
		}
		if ev, got, open := c.poll(events); got || !open {
			if !c.streamed(t, &ev, got, events) {
				return false
			}
			continue
		}
		if c.queue.pending() {
			if !c.caughtUp(t, events) || !c.drain(t) {
				return false
			}
			continue
		}
		break
	}
	if w.beatDue.Swap(false) && !c.beat(t) {
		return false
	}
	return true
}

// endWriter is the writer's end: the subscription goes, and the
// connection's slots with it.
func (c *client) endWriter() {
	if c.waker != nil {
		c.srv.beats.leave(c)
	}
	cancelSub(c.sub)
	if c.counted {
		c.game.readers.Add(-1)
	}
	c.waker.finish()
}

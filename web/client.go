package web

import (
	"errors"
	"runtime/debug"
	"sync"
	"time"

	"github.com/tale-if/tale/tio"
)

// Transports, as metrics label them.
const (
	transportWS  = "websocket"
	transportSSE = "eventsource"
)

// WebSocket close codes the server sends (RFC 6455 §7.4.1).
const (
	closeNormal      = 1000 // the game has ended
	closeGoingAway   = 1001 // the server shuts down
	closePolicy      = 1008 // abuse (flood) or too slow to keep up
	closeProtocol    = 1002 // compressed data that does not inflate (RFC 7692 §6: fail the connection)
	closeTooBig      = 1009 // a message over the read limit, on the wire or inflated
	closeInternalErr = 1011 // the connection itself is unusable
	closeTryAgain    = 1013 // the server is full: a browser can read this reason, not a refused upgrade's status
	closeNoFrame     = 0    // drop without a close frame: the peer is gone or already closed
)

// transport writes one connection's frames. Only the connection's writer
// goroutine calls it.
type transport interface {
	write(m *outMsg) error
	heartbeat() error
	// close ends the connection, with a close frame when code is not closeNoFrame.
	close(code int, reason string)
}

// client is one connection of either transport. Its writer goroutine
// (run) is the only one that writes to the peer; everybody else hands it
// messages through send without waiting, or ends it with stop.
type client struct {
	srv       *Server
	seat      *seat
	peer      *peer // the client's address, whose budget its game messages spend
	transport string
	game      *game             // the game sub reads; nil in the MUD lobby until the seat joins (writer's)
	sub       *tio.Subscription // nil in the MUD lobby (writer's)
	since     int64             // the seq the stream resumes after; -1: fresh
	fold      bool              // the client asked for a state folded into the text after it (fold.go)
	rate      *rateGuard
	// authSession is the account session the connection was opened with
	// (hosted mode; "" for a guest): logout, ban and take-over find it.
	authSession string

	queue *sendQueue // bounded: full means the peer does not read
	done  chan struct{}
	once  sync.Once
	code  int // close code, set once before done is closed
	why   string
	kill  func() // unblocks a writer stuck on a peer that does not read
	alive func() // the reader's: moves the read deadline on (readPump's)

	in, out *counter // this transport's message counters, looked up once

	// The writer's own (run): kept here rather than in run's frame, so
	// that the frame the writer waits in is small and an idle writer's
	// stack shrinks back to its smallest size (runtime's shrinkstack
	// halves a stack only while less than a quarter of it is in use).
	r       renderer
	pending *tio.Event // an event read ahead of a snapshot, written next
	batch   []*outMsg  // what the queue handed over
	counted bool       // the writer counts in game.readers
	pulling bool       // the writer reads the stream with sub.Next (wake.go)

	waker *waker // a WebSocket's writer on demand (wake.go); nil: a parked writer
}

func (s *Server) newClient(st *seat, p *peer, transport string, g *game, sub *tio.Subscription, since int64, kill func()) *client {
	return &client{
		srv: s, seat: st, peer: p, transport: transport, game: g, sub: sub, since: since,
		rate:  newRateGuard(s.cfg),
		queue: newSendQueue(s.cfg.SendQueue),
		done:  make(chan struct{}),
		kill:  kill,
		in:    s.metrics.messagesIn.WithLabelValues(transport),
		out:   s.metrics.messagesOut.WithLabelValues(transport),
	}
}

// enqueue hands m to the writer without waiting. A full queue means the
// client stopped reading: it is evicted so that nobody waits for it.
func (c *client) enqueue(m *outMsg) bool {
	select {
	case <-c.done:
		return false
	default:
	}
	if c.queue.push(m) {
		c.wake()
		return true
	}
	c.evict()
	return false
}

// stop ends the connection with a close code; the first call decides.
func (c *client) stop(code int, reason string) {
	c.once.Do(func() {
		c.code, c.why = code, reason
		close(c.done)
	})
	c.wake()
}

// stopAfterQueue closes the connection with code once the messages
// queued so far (a message_error saying why) are written.
func (c *client) stopAfterQueue(code int, reason string) {
	if !c.enqueue(&outMsg{closeCode: code, closeWhy: reason}) {
		c.stop(code, reason)
	}
}

// evict cuts off a slow consumer at once: its writer may be blocked on the
// peer, so the connection is closed under it. The client resumes by seq.
func (c *client) evict() {
	first := false
	c.once.Do(func() {
		first = true
		c.code, c.why = closePolicy, "too slow: reconnect to resume"
		close(c.done)
	})
	c.wake()
	if first {
		c.srv.metrics.evicted.Inc()
		c.srv.log.Info("slow client evicted", "transport", c.transport, "session", c.seat.token[:6])
		if c.kill != nil {
			c.kill()
		}
	}
}

// run is the writer: it sends connected and the first screen, then the
// game's events, replies from the queue and heartbeats, until the
// connection ends. gone reports the peer leaving (EventSource); it may be nil.
func (c *client) run(t transport, heartbeat time.Duration, gone <-chan struct{}) {
	defer func() { cancelSub(c.sub) }()
	defer func() {
		if p := recover(); p != nil {
			c.panicked(t, p)
		}
	}()
	ticker := time.NewTicker(heartbeat)
	defer ticker.Stop()
	if !c.start(t, ticker, gone) {
		return
	}
	g := c.game
	g.readers.Add(1)
	defer g.readers.Add(-1)
	c.loop(t, ticker.C, gone)
}

// start sends the first messages: connected and the first screen, or, in
// the MUD lobby, the name prompt and whatever comes until the seat joins.
func (c *client) start(t transport, ticker *time.Ticker, gone <-chan struct{}) bool {
	c.r = renderer{images: c.srv.images, html: c.srv.html, looks: &c.srv.looks, mud: c.srv.world != nil}
	if c.sub == nil {
		return c.lobby(t, ticker, gone)
	}
	return c.hello(t, gone)
}

// loop writes the game's events, the queue and heartbeats until the
// connection ends. It keeps to the few locals its select needs; the work
// is in methods, whose frames are gone while the writer waits.
func (c *client) loop(t transport, beats <-chan time.Time, gone <-chan struct{}) {
	events, queued := c.sub.Events, c.queue.readyCh()
	for {
		if c.pending != nil {
			if !c.writePending(t, events) {
				return
			}
			continue
		}
		select {
		case ev, ok := <-events:
			if !c.streamed(t, &ev, ok, events) {
				return
			}
		case <-queued:
			if !c.caughtUp(t, events) || !c.drain(t) {
				return
			}
		case <-beats:
			if !c.beat(t) {
				return
			}
		case <-c.done:
			t.close(c.code, c.why)
			return
		case <-gone:
			c.stop(closeNoFrame, "")
			t.close(closeNoFrame, "")
			return
		}
	}
}

// caughtUp writes the events the stream holds before the queue's
// messages: a reply (a pong, completions) then follows every event that
// was published before it was queued, as a client that reads the first
// screen up to a ping's pong expects. It takes only what is there now, so
// a busy game cannot hold the queue back.
//
// A pulling writer (wake.go) takes all there is: the stream's bound on
// what a reader may leave unread bounds that too.
func (c *client) caughtUp(t transport, events <-chan tio.Event) bool {
	for n := len(events); ; n-- {
		if c.pending != nil && !c.writePending(t, events) {
			return false
		}
		if n <= 0 && !c.pulling {
			return true
		}
		ev, got, open := c.poll(events)
		if !got && open {
			return true // a snapshot or a fold took the rest already
		}
		if !c.streamed(t, &ev, got, events) {
			return false
		}
	}
}

// poll takes the stream's next event without waiting, from the channel or,
// once the writer pulls (wake.go), from the subscription. got is false
// when there is none now; open is false when the stream has ended and
// nothing of it is left.
func (c *client) poll(events <-chan tio.Event) (ev tio.Event, got, open bool) {
	if c.pulling {
		ev, got, closed := c.sub.Next()
		return ev, got, !closed
	}
	select {
	case ev, ok := <-events:
		return ev, ok, ok
	default:
		return tio.Event{}, false, true
	}
}

// panicked ends a writer that a bug stopped while rendering an event: the
// stream is in an unknown state, so the connection is unusable (1011) and
// the client resumes.
func (c *client) panicked(t transport, p any) {
	c.srv.metrics.errors.WithLabelValues("panic").Inc()
	c.srv.log.Error("panic while writing to a client", "panic", p, "stack", string(debug.Stack()))
	c.stop(closeInternalErr, "internal error")
	t.close(closeInternalErr, "internal error: reconnect to resume")
}

// write sends msgs in order; false when the connection failed under it.
func (c *client) write(t transport, msgs []*outMsg) bool {
	for _, m := range msgs {
		if err := t.write(m); err != nil {
			c.lost(err)
			t.close(closeNoFrame, "")
			return false
		}
		c.out.Inc()
	}
	return true
}

// streamed writes an event read from the stream, or ends the connection
// when the stream has closed (ok false).
func (c *client) streamed(t transport, ev *tio.Event, ok bool, events <-chan tio.Event) bool {
	if !ok {
		if c.sub.Evicted() {
			// The game cut this reader off for falling behind, but the
			// writer is free: it can still say why before closing.
			c.srv.metrics.evicted.Inc()
			c.stop(closePolicy, "too slow: reconnect to resume")
		}
		c.ended()
		t.close(c.endCode(), c.endReason())
		return false
	}
	return c.writeEvent(t, *ev, events)
}

// writePending writes the event read ahead of a snapshot's end. Inlined,
// its copy of the event would sit in loop's frame while the writer waits.
//
//go:noinline
func (c *client) writePending(t transport, events <-chan tio.Event) bool {
	ev := *c.pending
	c.pending = nil
	return c.writeEvent(t, ev, events)
}

// drain writes what the queue holds, in order. A close marker ends the
// connection once what came before it is written.
func (c *client) drain(t transport) bool {
	c.batch = c.queue.take(c.batch[:0])
	defer c.dropBatch()
	for i, m := range c.batch {
		if m.closeCode != 0 {
			c.stop(m.closeCode, m.closeWhy)
			t.close(c.code, c.why)
			return false
		}
		if !c.write(t, c.batch[i:i+1]) {
			return false
		}
	}
	return true
}

// dropBatch lets go of what drain wrote, and of the batch itself when a
// flood grew it.
func (c *client) dropBatch() {
	clear(c.batch)
	if cap(c.batch) > spareQueue {
		c.batch = nil
	}
}

// beat sends a heartbeat; false when the peer is gone.
func (c *client) beat(t transport) bool {
	if err := t.heartbeat(); err != nil {
		c.lost(err)
		t.close(closeNoFrame, "")
		return false
	}
	return true
}

// hello sends connected, with the position the stream starts from, then
// the first screen: the snapshot (fresh tab, resync) or nothing (resume).
// It reports false when the connection has ended.
func (c *client) hello(t transport, gone <-chan struct{}) bool {
	events := c.sub.Events
	hello := c.since
	var first []*outMsg
	if c.since < 0 || c.sub.Resynced {
		select {
		case ev, ok := <-events:
			if !ok {
				c.ended()
				t.close(c.endCode(), c.endReason())
				return false
			}
			if ev.Snapshot {
				group, next := c.collectSnapshot(ev, events)
				c.pending = next
				hello = int64(ev.Seq)
				first = c.r.snapshot(group)
			} else {
				hello = int64(ev.Seq) - 1
				c.pending = &ev
			}
		case <-c.done:
			t.close(c.code, c.why)
			return false
		case <-gone:
			t.close(closeNoFrame, "")
			return false
		}
	}
	return c.write(t, append([]*outMsg{c.connected(c.game.Info(), hello)}, first...))
}

func (c *client) connected(info tio.StoryInfo, seq int64) *outMsg {
	return encode("connected", connectedMsg{
		Type: "connected", Session: c.seat.token, Seq: uint64(max(seq, 0)), Last: c.lastSeq(),
		Story: storyInfo{Name: info.Name, Version: info.Version}, Mode: modeOf(info),
	})
}

// lastSeq is the game's last event now, 0 in the lobby.
func (c *client) lastSeq() uint64 {
	if c.game == nil {
		return 0
	}
	return c.game.LastSeq()
}

// lobby is a MUD connection whose seat has no player yet: connected at
// seq 0 and the name prompt, then whatever the join flow broadcasts to the
// seat, until the seat's player has joined (from this tab or another).
// Then the connection subscribes to the player's stream from its first
// event. It reports false when the connection has ended.
func (c *client) lobby(t transport, ticker *time.Ticker, gone <-chan struct{}) bool {
	info := c.srv.world.Info()
	info.Mode = "mud"
	if !c.write(t, []*outMsg{c.connected(info, 0), c.srv.greeting()}) {
		return false
	}
	queued := c.queue.readyCh()
	for {
		select {
		case <-c.seat.joinedCh():
			g := c.seat.game()
			if g == nil {
				continue // joined and gone again already
			}
			sub, err := g.Subscribe(c.srv.ctx, 0)
			if errors.Is(err, tio.ErrSessionClosed) {
				c.seat.forget(g)
				continue
			}
			if err != nil {
				c.stop(closeGoingAway, "server shutting down") // only the server's own context ends a Subscribe
				t.close(c.code, c.why)
				return false
			}
			c.game, c.sub, c.since = g, sub, 0
			return true
		case <-queued:
			if !c.drain(t) {
				return false
			}
		case <-ticker.C:
			if !c.beat(t) {
				return false
			}
		case <-c.done:
			t.close(c.code, c.why)
			return false
		case <-gone:
			c.stop(closeNoFrame, "")
			t.close(closeNoFrame, "")
			return false
		}
	}
}

// ended notes a stream that the game closed: in MUD mode the player has
// left the world, and the seat's next connection asks for a name again.
func (c *client) ended() {
	if c.srv.world != nil && !c.sub.Evicted() {
		c.seat.forget(c.game)
	}
}

// cancelSub cancels a subscription, if there is one (the lobby has none).
func cancelSub(sub *tio.Subscription) {
	if sub != nil {
		sub.Cancel()
	}
}

func (c *client) writeEvent(t transport, ev tio.Event, events <-chan tio.Event) bool {
	var msgs []*outMsg
	switch {
	case ev.Snapshot:
		var group []tio.Event
		group, c.pending = c.collectSnapshot(ev, events)
		msgs = c.r.snapshot(group)
	case ev.Kind == tio.KindState && c.fold:
		if text, ok := c.textAfter(events); ok {
			msgs = []*outMsg{c.foldedShared(ev, text)}
			ev = text
			break
		}
		msgs = c.rendered(ev)
	default:
		msgs = c.rendered(ev)
	}
	if !c.write(t, msgs) {
		return false
	}
	if ev.Kind == tio.KindText && !ev.Snapshot {
		c.game.timer.answered(ev.Seq, c.srv.metrics.latency)
	}
	return true
}

// textAfter takes the stream's next event when it is already queued and
// is a text, which a state event before it folds into (fold.go). Any
// other event is kept for the writer's next turn.
func (c *client) textAfter(events <-chan tio.Event) (tio.Event, bool) {
	next, got, _ := c.poll(events)
	if !got {
		return tio.Event{}, false // nothing yet, or the close, which the loop reads again
	}
	if next.Kind == tio.KindText && !next.Snapshot {
		return next, true
	}
	c.pending = &next
	return tio.Event{}, false
}

// collectSnapshot gathers the snapshot events that are already queued
// behind first; the session queues a whole snapshot at once, so nothing of
// it is left behind. The first later event is returned as next. A close
// is left for the loop to read again.
func (c *client) collectSnapshot(first tio.Event, events <-chan tio.Event) (group []tio.Event, next *tio.Event) {
	group = []tio.Event{first}
	for {
		ev, got, _ := c.poll(events)
		if !got {
			return group, nil
		}
		if !ev.Snapshot {
			return group, &ev
		}
		group = append(group, ev)
	}
}

// lost records a connection that failed under us (a write error or a
// deadline): for a peer that stopped reading this is slow-consumer eviction.
func (c *client) lost(err error) {
	if isTimeout(err) {
		select {
		case <-c.done:
		default:
			c.srv.metrics.evicted.Inc()
		}
	}
	c.stop(closeNoFrame, "")
}

// endCode is the close code when the game's stream ends under a connection.
func (c *client) endCode() int {
	select {
	case <-c.done:
		return c.code
	default:
	}
	if c.srv.shuttingDown.Load() {
		return closeGoingAway
	}
	return closeNormal
}

func (c *client) endReason() string {
	switch c.endCode() {
	case closeGoingAway:
		return "server shutting down"
	case closeNormal:
		if c.srv.world != nil {
			return "you have left the game"
		}
		return "the game has ended"
	}
	return c.why
}

func modeOf(info tio.StoryInfo) string {
	if info.Mode == "" {
		return "if"
	}
	return info.Mode
}

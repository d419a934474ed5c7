package web

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/tio"
)

// Buffer sizes: commands are small, so reads need little; writes borrow a
// buffer from the pool only while writing, which is what keeps an idle
// connection cheap (docs: "a connection holds the write buffer only when
// writing").
const (
	wsReadBuffer  = 1024
	wsWriteBuffer = 4096
)

// closeGrace is how long a peer gets to answer our close frame before the
// TCP connection is dropped anyway; browsers answer at once, and shutdown
// should not wait on those that do not.
const closeGrace = time.Second

// compressMin is the smallest message worth deflating: below it the
// compressor's setup costs more time than the bytes it saves.
const compressMin = 512

var wsWritePool sync.Pool

func (s *Server) newUpgrader() *websocket.Upgrader {
	return &websocket.Upgrader{
		HandshakeTimeout:  s.cfg.WriteWait,
		ReadBufferSize:    wsReadBuffer,
		WriteBufferSize:   wsWriteBuffer,
		WriteBufferPool:   &wsWritePool,
		EnableCompression: !s.cfg.NoCompression,
		CheckOrigin:       s.originAllowed,
		Error: func(w http.ResponseWriter, r *http.Request, status int, reason error) {
			writeError(w, status, errors.New(reason.Error()))
		},
	}
}

// serveWS upgrades GET /tale/ws. The seat comes from ?session= (resume),
// else the cookie, else a new one; ?since= resumes after that seq.
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	if !websocket.IsWebSocketUpgrade(r) {
		writeError(w, http.StatusBadRequest, errors.New("this address is for WebSocket connections"))
		return
	}
	p, release, err := s.admit(r)
	if err != nil {
		s.refuseWS(w, r, err)
		return
	}
	handedOff := false
	defer func() {
		if !handedOff {
			release()
		}
	}()
	st, known, err := s.seatFor(r, p)
	if err != nil {
		s.refuseWS(w, r, err)
		return
	}
	if st == nil {
		writeError(w, http.StatusServiceUnavailable, ErrShuttingDown)
		return
	}
	g, sub, since, gameRelease, err := s.openStream(r, st, known, "")
	if err != nil {
		s.refuse(w, err)
		return
	}
	defer func() {
		if !handedOff {
			gameRelease()
		}
	}()
	hdr := http.Header{}
	if c := s.sessionCookie(r, st); c != nil {
		hdr.Add("Set-Cookie", c.String())
	}
	conn, err := s.upgrader.Upgrade(w, r, hdr)
	if err != nil {
		cancelSub(sub) // Upgrade has answered the client already
		return
	}
	ws := &wsTransport{conn: conn, wait: s.cfg.WriteWait}
	ws.reading.Add(1)
	c := s.newClient(st, p, transportWS, g, sub, since, func() { conn.Close() })
	c.fold = wantsFold(r)
	c.authSession = identityOf(r).authSession
	if err := s.hub.attach(c, s.maxPerAccount()); err != nil {
		cancelSub(sub)
		code := closeGoingAway
		if errors.Is(err, ErrTooManyAccountConns) {
			code = closeTryAgain
		}
		conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, errorSentence(err)), time.Now().Add(s.cfg.WriteWait))
		conn.Close()
		return
	}
	// Both pumps run in their own goroutines so the handler returns and
	// lets go of the request; the connection counts against the caps until
	// the writer, which outlives the reader, is done. The writer runs only
	// while it has something to write (wake.go).
	handedOff = true
	s.wg.Add(2)
	c.wakeOnDemand(ws, s.cfg.PingPeriod, func() {
		s.hub.detach(c)
		gameRelease()
		release()
		s.wg.Done()
	})
	// The reader's limit, deadline and handlers are set here, so that its
	// goroutine starts right at its wait: their calls would grow its stack.
	rd := s.startReading(c, ws)
	go c.serveWriter()
	go rd.pump()
}

// refuseWS answers a WebSocket that a cap refuses. An address over its
// own share (connections, new sessions) is flooding, and gets the
// cheapest answer: 429 before any upgrade. A server that is full is
// nobody's fault, and a browser's WebSocket cannot read the status of a
// refused upgrade: that player gets the handshake and at once close 1013
// (Try Again Later) with the sentence as its reason. Either way nothing of
// a connection is kept.
func (s *Server) refuseWS(w http.ResponseWriter, r *http.Request, err error) {
	s.metrics.errors.WithLabelValues("capped").Inc()
	if !errors.Is(err, ErrServerFull) {
		s.tooMany(w, err)
		return
	}
	conn, uerr := s.upgrader.Upgrade(w, r, nil)
	if uerr != nil {
		return // Upgrade has answered the client already
	}
	conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(closeTryAgain, errorSentence(err)), time.Now().Add(s.cfg.WriteWait))
	conn.Close()
}

// wsReader is a WebSocket's reader: its goroutine runs pump, the
// connection's only reader, from start to end.
type wsReader struct {
	s      *Server
	c      *client
	ws     *wsTransport
	until  time.Duration // the read deadline last set, as sinceStart
	last   time.Duration // when the last message came, as sinceStart
	paused bool          // the last message came after readerRespawnGap of quiet
	here   uintptr       // moved's
}

// pump reads until the connection ends. Every frame (and every pong)
// proves the peer alive and moves the read deadline on. While it waits,
// its goroutine holds this frame and gorilla's read path under it; with
// one more word of frame here, that no longer fits the smallest stack
// (BenchmarkIdleMemory's stack-B/conn doubles), so this keeps to the
// locals its wait needs and no defers (a panic here ends the process
// anyway): the work is in methods whose frames are gone while it waits.
func (rd *wsReader) pump() {
	rd.moved() // where this goroutine's stack is
	for {
		typ, r, err := rd.ws.conn.NextReader()
		if !rd.handle(typ, r, err) {
			rd.stop()
			return
		}
		if rd.moved() && rd.paused {
			go rd.pump()
			return
		}
	}
}

// A message can grow the reader's stack for good: a compressed one makes
// gorilla reset a flate reader, whose frame alone is 4 KiB, and a browser
// sends a compressed ping every 25 seconds. The runtime never shrinks a
// waiting goroutine's stack below four times what it uses plus 800 bytes,
// so the reader would wait with 4 or 8 KiB through every idle minute of
// the tab. So a reader whose stack grew hands the connection to a new
// goroutine, which starts small. It does so only for a message that came
// after a pause (readerRespawnGap): a client sending message after
// message would otherwise pay a stack growth and a goroutine for each.
const readerRespawnGap = time.Second

// moved reports whether the goroutine's stack has moved (grown, or shrunk
// by the runtime) since the last call: the address of a local in this
// frame, which pump calls at the same depth each time, changes when it
// does.
//
//go:noinline
func (rd *wsReader) moved() bool {
	var mark byte
	at := uintptr(unsafe.Pointer(&mark))
	moved := rd.here != 0 && at != rd.here
	rd.here = at
	return moved
}

// handle is what pump does with a message; false ends the reader.
//
//go:noinline
func (rd *wsReader) handle(typ int, r io.Reader, err error) bool {
	now := sinceStart()
	rd.paused = rd.last == 0 || now-rd.last > readerRespawnGap // the first message follows the quiet of the handshake
	rd.last = now
	return rd.s.handleOne(rd.c, rd.ws, &rd.s.wait, typ, r, err)
}

// stop is the reader's end.
//
//go:noinline
func (rd *wsReader) stop() {
	rd.ws.reading.Done()
	rd.s.wg.Done()
}

// startReading sets the reader's limit, deadline and control handlers. It
// runs before the reader's goroutine starts: its calls would grow that
// goroutine's stack.
func (s *Server) startReading(c *client, ws *wsTransport) *wsReader {
	rd := &wsReader{s: s, c: c, ws: ws}
	ws.conn.SetReadLimit(s.cfg.ReadLimit)
	rd.alive()
	ws.conn.SetPongHandler(rd.pong)
	ws.conn.SetCloseHandler(rd.closed)
	c.alive = rd.alive
	return rd
}

// alive moves the read deadline on: the peer has shown it is there. It
// moves it only once it would move by more than deadlineSlack: setting a
// deadline is a runtime timer change, a tenth of a reader's own CPU a
// message, and a peer that sends many messages a second would pay it for
// each. A quiet peer still gets PongWait less the slack, which stays
// longer than a ping period (deadlineSlack).
func (rd *wsReader) alive() {
	if rd.ws.closing.Load() { // once closing, the close's own deadline holds
		return
	}
	cfg := &rd.s.cfg
	now := sinceStart()
	if next := now + cfg.PongWait; next-rd.until > deadlineSlack(cfg) {
		rd.until = next
		rd.ws.conn.SetReadDeadline(time.Now().Add(cfg.PongWait))
	}
}

// deadlineSlack is how far a read deadline may lag behind the newest
// frame: a quarter of what PongWait has over PingPeriod (withDefaults
// keeps it positive), so a peer that answers each ping is never cut off.
func deadlineSlack(cfg *Config) time.Duration { return (cfg.PongWait - cfg.PingPeriod) / 4 }

func (rd *wsReader) pong(string) error { rd.alive(); return nil }

// closed answers the peer's close frame.
func (rd *wsReader) closed(code int, _ string) error {
	if !rd.ws.closing.Load() {
		// Echo the peer's close; when we started the close, ours went already.
		rd.ws.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, ""), time.Now().Add(rd.s.cfg.WriteWait))
	}
	return nil
}

// handleOne handles what NextReader returned; false ends the reader.
//
//go:noinline
func (s *Server) handleOne(c *client, ws *wsTransport, wait *gameWait, typ int, r io.Reader, err error) bool {
	if err != nil {
		s.readFailed(c, ws, err)
		return false
	}
	c.alive()
	select {
	case <-c.done:
		return true // closing: drain until the peer's close frame; NextReader skips this one unread
	default:
	}
	c.in.Inc()
	if ok, abusive := c.rate.allow(); !ok {
		s.metrics.errors.WithLabelValues("rate_limited").Inc()
		if abusive {
			s.metrics.errors.WithLabelValues("abuse").Inc()
			s.log.Warn("websocket flood: closing", "session", c.seat.token[:6])
			c.stop(closePolicy, "too many messages")
			return true
		}
		c.enqueue(errorMessage(ErrRateLimited))
		return true
	}
	if typ != websocket.TextMessage {
		s.metrics.errors.WithLabelValues("bad_message").Inc()
		c.enqueue(errorMessage(ErrBinary))
		return true
	}
	buf := s.readBufs.pool.Get().(*[]byte)
	defer s.readBufs.pool.Put(buf)
	data, err := inflate(r, *buf)
	switch {
	case errors.Is(err, errInflatedTooBig):
		// Like a frame over the limit, but found while inflating: the
		// rest is skipped, never inflated, while the peer answers our close.
		s.metrics.errors.WithLabelValues("too_large").Inc()
		c.stop(closeTooBig, "message too big")
		return true
	case errors.Is(err, errBadDeflate):
		s.metrics.errors.WithLabelValues("bad_message").Inc()
		c.stop(closeProtocol, "invalid compressed data")
		return true
	case err != nil:
		s.readFailed(c, ws, err)
		return false
	}
	if reply := s.handle(c.seat, c.peer, wait, data); reply != nil {
		c.enqueue(reply)
	}
	return true
}

// readFailed ends the reader after the connection itself failed.
func (s *Server) readFailed(c *client, ws *wsTransport, err error) {
	switch {
	case errors.Is(err, websocket.ErrReadLimit):
		// gorilla has sent close 1009 itself.
		s.metrics.errors.WithLabelValues("too_large").Inc()
		ws.closing.Store(true)
	case isTimeout(err):
		s.log.Info("websocket heartbeat missed", "session", c.seat.token[:6])
	case websocket.IsUnexpectedCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway, websocket.CloseNoStatusReceived):
		s.log.Debug("websocket closed", "err", err)
	}
	c.stop(closeNoFrame, "")
}

// wsTransport writes frames; only the client's writer goroutine uses it,
// except the close handler, which gorilla lets call WriteControl anywhere.
type wsTransport struct {
	conn    *websocket.Conn
	wait    time.Duration
	closing atomic.Bool
	reading sync.WaitGroup // the reader, until it ends (a channel was 96 bytes)
}

func (t *wsTransport) write(m *outMsg) error {
	t.conn.EnableWriteCompression(len(m.body) >= compressMin) // no-op unless negotiated
	t.conn.SetWriteDeadline(time.Now().Add(t.wait))
	if m.shared {
		pm, err := m.prepared()
		if err != nil {
			return err
		}
		return t.conn.WritePreparedMessage(pm)
	}
	return t.conn.WriteMessage(websocket.TextMessage, m.body)
}

func (t *wsTransport) heartbeat() error {
	t.conn.SetWriteDeadline(time.Now().Add(t.wait))
	return t.conn.WriteMessage(websocket.PingMessage, nil)
}

// close sends the close frame, gives the peer closeGrace to answer it (the
// reader sees the answer and ends), then drops the TCP connection.
func (t *wsTransport) close(code int, reason string) {
	if code != closeNoFrame && !t.closing.Swap(true) {
		if t.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(t.wait)) == nil {
			t.conn.SetReadDeadline(time.Now().Add(min(t.wait, closeGrace)))
			t.reading.Wait()
		}
	}
	t.conn.Close()
}

// isTimeout reports a deadline that passed: a peer that stopped reading
// (writes) or stopped answering pings (reads).
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// refuse answers a request whose game could not be joined.
func (s *Server) refuse(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, tio.ErrSessionClosed):
		writeError(w, http.StatusGone, ErrGameOver)
	case s.ctx.Err() != nil:
		writeError(w, http.StatusServiceUnavailable, ErrShuttingDown)
	default:
		s.log.Error("subscribe failed", "err", err)
		writeError(w, http.StatusInternalServerError, ErrInternal)
	}
}

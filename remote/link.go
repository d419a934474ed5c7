package remote

import (
	"errors"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/tio"
)

// link is one WebSocket connection of a session. The manager goroutine
// reads it; one writer goroutine writes it.
type link struct {
	ws    *websocket.Conn
	prev  uint64 // the seq of the last stream message read (connected's seq at first)
	first bool   // the session's first connection: nothing is on screen yet
	dead  chan struct{}
	once  sync.Once

	mu     sync.Mutex
	sent   uint64     // frames written
	expect []outFrame // frames written whose answer is still due, oldest first
}

func newLink(ws *websocket.Conn, seq uint64, first bool) *link {
	return &link{ws: ws, prev: seq, first: first, dead: make(chan struct{})}
}

// kill ends the connection and fails every answer still due.
func (l *link) kill() {
	l.once.Do(func() {
		close(l.dead)
		l.ws.Close()
		l.mu.Lock()
		for _, f := range l.expect {
			if f.reply != nil {
				f.reply <- serverMsg{Type: typeLost}
			}
		}
		l.expect = nil
		l.mu.Unlock()
	})
}

// errGameOver is the server closing because the game has ended (1000),
// or refusing a resume for the same reason (410).
var errGameOver = errors.New("the game has ended")

// manage owns the connection: it reads the current link, and when it
// drops, dials the next one, until the session ends.
func (s *Session) manage(l *link) {
	defer close(s.stopped)
	for {
		err := s.serve(l)
		switch {
		case s.ctx.Err() != nil:
			s.end(nil)
			return
		case errors.Is(err, errGameOver):
			s.end(nil)
			return
		}
		s.log.Info("connection lost", "err", err)
		next, err := s.reconnect()
		if err != nil {
			if errors.Is(err, errGameOver) || s.ctx.Err() != nil {
				err = nil
			}
			s.end(err)
			return
		}
		l = next
	}
}

// serve runs one link: a writer goroutine, and the reader here. It
// returns when the connection has ended, with the writer stopped.
func (s *Session) serve(l *link) error {
	l.ws.SetPingHandler(func(data string) error {
		l.ws.SetReadDeadline(time.Now().Add(readIdle))
		err := l.ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(writeWait))
		if errors.Is(err, websocket.ErrCloseSent) {
			return nil
		}
		return err
	})
	wrote := make(chan struct{})
	go func() {
		defer close(wrote)
		s.write(l)
	}()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		// Close hangs up politely: a close frame, then the reader sees
		// the server's answer (or the deadline) and ends.
		select {
		case <-s.ctx.Done():
			l.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(writeWait))
			l.ws.SetReadDeadline(time.Now().Add(time.Second))
		case <-stop:
		}
	}()
	err := s.read(l)
	l.kill()
	<-wrote
	return err
}

// read handles every frame of l until it fails.
func (s *Session) read(l *link) error {
	for {
		l.ws.SetReadDeadline(time.Now().Add(readIdle))
		typ, data, err := l.ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) && ce.Code == websocket.CloseNormalClosure {
				return errGameOver
			}
			return err
		}
		if typ != websocket.TextMessage {
			continue
		}
		m, err := decodeMessage(data)
		if err != nil {
			s.log.Debug("dropped a frame that is not a message", "bytes", len(data))
			continue
		}
		switch m.Type {
		case "text", "choices", "data":
			s.received(l, &m)
		case "completions", "pong", "message_error":
			s.answered(l, m)
		}
		// connected again, or a type this client does not know: nothing to do
	}
}

// write sends the outbox to l, each frame paced, a ping after each
// command (so its refusal, if any, comes before the pong) and a ping
// when idle.
func (s *Session) write(l *link) {
	idle := time.NewTimer(pingPeriod)
	defer idle.Stop()
	for {
		var f outFrame
		s.mu.Lock()
		carried := s.carry
		s.carry = nil
		s.mu.Unlock()
		if carried != nil {
			f = *carried
		} else {
			select {
			case <-l.dead:
				return
			default:
			}
			select {
			case f = <-s.out:
			case <-idle.C:
				f = outFrame{kind: framePing, body: pingBody}
			case <-l.dead:
				return
			}
		}
		if !s.send(l, f) {
			return
		}
		if f.kind == frameInput && !s.send(l, outFrame{kind: framePing, body: pingBody}) {
			return
		}
		idle.Reset(pingPeriod)
	}
}

// send writes one frame once the pace allows. A frame that could not be
// written goes first on the next connection (input is never dropped for
// a failed write; a frame written before the connection died may have
// been lost with it, and is not sent twice).
func (s *Session) send(l *link, f outFrame) bool {
	if err := s.pace.Wait(s.ctx); err != nil {
		s.putBack(f)
		return false
	}
	l.mu.Lock()
	l.sent++
	f.id = l.sent
	l.expect = append(l.expect, f)
	l.mu.Unlock()
	l.ws.SetWriteDeadline(time.Now().Add(writeWait))
	if err := l.ws.WriteMessage(websocket.TextMessage, f.body); err != nil {
		// Not written: it is no answer's due, and it goes again later.
		l.mu.Lock()
		l.expect = slices.DeleteFunc(l.expect, func(e outFrame) bool { return e.id == f.id })
		l.mu.Unlock()
		s.putBack(f)
		l.kill()
		return false
	}
	return true
}

func (s *Session) putBack(f outFrame) {
	if f.kind == framePing {
		return
	}
	s.mu.Lock()
	s.carry = &f
	s.mu.Unlock()
}

// answered matches a reply to the frame it answers: a command's answer is
// a refusal or nothing, a completion's or ping's exactly one message.
func (s *Session) answered(l *link, m serverMsg) {
	l.mu.Lock()
	var to *outFrame
	for len(l.expect) > 0 {
		f := l.expect[0]
		l.expect = l.expect[1:]
		if f.kind == frameInput && m.Type != "message_error" {
			continue // the command was taken; m answers a later frame
		}
		to = &f
		break
	}
	l.mu.Unlock()
	if m.Type == "message_error" && (to == nil || to.kind != frameComplete) {
		s.notice(m.Error) // a command (or ping) refused: the player hears why
	}
	if to != nil && to.reply != nil {
		to.reply <- m
	}
}

// received publishes a stream message. A message that repeats the seq
// before it is part of a snapshot (a fresh screen or a resync); one that
// goes back is old news and dropped.
func (s *Session) received(l *link, m *serverMsg) {
	snapshot := m.Seq == l.prev
	if m.Seq < l.prev {
		return
	}
	l.prev = m.Seq
	evs := m.events(s.info.Name, snapshot)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended {
		return
	}
	if snapshot && !l.first && m.Type == "text" && !m.has("clear") {
		// A fresh screen on a reconnect (the server lost our place):
		// what is on screen belongs to before it.
		evs = append([]tio.Event{{Kind: tio.KindClear}}, evs...)
	}
	s.publish(evs...)
	s.seq = m.Seq
	s.advanced()
}

// reconnect dials until a connection resumes the session, the server
// refuses for good, the game is over, or GiveUp has passed.
func (s *Session) reconnect() (*link, error) {
	start := time.Now()
	told := false
	for attempt := 0; ; attempt++ {
		s.mu.Lock()
		token, since := s.token, int64(s.seq)
		s.mu.Unlock()
		if since == 0 {
			since = -1
		}
		ws, hello, err := s.connect(s.ctx, token, since)
		if err == nil {
			return s.resumed(ws, hello, told), nil
		}
		var re *RefusedError
		if errors.As(err, &re) {
			switch {
			case re.Status == http.StatusGone:
				return nil, errGameOver
			case re.permanent():
				return nil, err
			}
		}
		if s.ctx.Err() != nil {
			return nil, s.ctx.Err()
		}
		if time.Since(start) > s.opts.GiveUp {
			return nil, err
		}
		if attempt == 1 && !told {
			// The first retry is quick; a blip that it mends is not news.
			s.notice("The connection to the server was lost; reconnecting…")
			told = true
		}
		s.log.Info("reconnecting", "attempt", attempt, "err", err)
		select {
		case <-time.After(backoff(attempt)):
		case <-s.ctx.Done():
			return nil, s.ctx.Err()
		}
	}
}

// resumed takes over a new connection. A token the server no longer knows
// (it restarted) gives a new game: the client follows it.
func (s *Session) resumed(ws *websocket.Conn, hello serverMsg, told bool) *link {
	s.mu.Lock()
	if hello.Session != s.token {
		s.token = hello.Session
		s.epoch++
		s.seq = 0
		s.advanced()
	}
	s.mu.Unlock()
	if told {
		s.notice("Reconnected.")
	}
	return newLink(ws, hello.Seq, false)
}

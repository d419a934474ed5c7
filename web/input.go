package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"runtime/debug"
	"unicode/utf8"

	"github.com/tale-if/tale/tio"
)

// handle runs one client message for st and returns the reply to send
// back, or nil when the game's own output is the answer. A panic is
// contained here: the client gets a message_error, the game goes on. w is
// the reader's deadline for calls into the game (gamewait.go).
func (s *Server) handle(st *seat, p *peer, w *gameWait, data []byte) *outMsg {
	reply, _ := s.dispatch(st, p, w, func() (clientMessage, error) { return decodeClientMessage(data) })
	return reply
}

// dispatch decodes with decode and applies the message for p; err is the
// sentinel behind an error reply. w may be nil: a request of its own.
func (s *Server) dispatch(st *seat, p *peer, w *gameWait, decode func() (clientMessage, error)) (reply *outMsg, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.metrics.errors.WithLabelValues("panic").Inc()
			s.log.Error("panic while handling a message", "panic", p, "stack", string(debug.Stack()))
			reply, err = errorMessage(ErrInternal), ErrInternal
		}
	}()
	msg, err := decode()
	if err != nil {
		s.metrics.errors.WithLabelValues("bad_message").Inc()
		return errorMessage(err), err
	}
	if s.hosting != nil && msg.kind == msgCommand && isAdminCommand(msg.cmd) {
		if reply, err = s.adminCommand(st, msg.cmd); err != nil {
			return errorMessage(err), err
		}
		return reply, nil
	}
	g := st.game()
	switch {
	case g != nil:
		reply, err = s.apply(g, p, w, msg)
		if errors.Is(err, ErrGameOver) && s.world != nil {
			st.forget(g) // the player has left the world: the next connection joins again
		}
	case s.world != nil:
		reply, err = s.lobbyInput(st, p, msg)
	default:
		err = ErrGameOver
	}
	if err != nil {
		return errorMessage(err), err
	}
	return reply, nil
}

func (s *Server) apply(g *game, p *peer, w *gameWait, msg clientMessage) (*outMsg, error) {
	if msg.kind == msgPing {
		return pongMsg, nil
	}
	// Everything else reaches the game, and spends the budgets of the
	// client's address and of the game.
	if err := spend(p, g); err != nil {
		s.metrics.errors.WithLabelValues("rate_limited").Inc()
		return nil, err
	}
	ctx, cancel := s.gameContext(w)
	defer cancel()
	switch msg.kind {
	case msgComplete:
		list, err := g.Complete(ctx, msg.cmd)
		if err != nil {
			return nil, s.gameError(err)
		}
		return completionsMessage(msg.cmd, list), nil
	case msgCommand:
		g.timer.start(g.LastSeq())
		return nil, s.gameError(g.Send(ctx, tio.Line(msg.cmd)))
	case msgChoice:
		g.timer.start(g.LastSeq())
		return nil, s.gameError(g.Send(ctx, tio.Pick(msg.choice)))
	}
	return nil, ErrUnknownType
}

// gameError maps what a Session returns to what a player reads.
func (s *Server) gameError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, tio.ErrSessionClosed):
		return ErrGameOver
	case s.ctx.Err() != nil:
		return ErrShuttingDown
	case errors.Is(err, context.DeadlineExceeded):
		return ErrBusy
	}
	s.metrics.errors.WithLabelValues("game").Inc()
	s.log.Error("game refused input", "err", err)
	return ErrInternal
}

// serveInput is POST /tale/input: the EventSource transport's way in. It
// takes the form fields cmd and autocomplete, or the JSON a WebSocket
// client sends, and answers with a JSON ack, the reply (completions,
// pong), or a message_error with a 4xx/5xx status.
func (s *Server) serveInput(w http.ResponseWriter, r *http.Request) {
	st := s.lookupSeat(r)
	if st == nil {
		writeError(w, http.StatusForbidden, ErrNoSession)
		return
	}
	p := s.peers.of(r)
	if p == nil {
		s.metrics.errors.WithLabelValues("capped").Inc()
		s.tooMany(w, ErrServerFull)
		return
	}
	s.metrics.messagesIn.WithLabelValues(transportSSE).Inc()
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.ReadLimit)
	var decode func() (clientMessage, error)
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/json" {
		data, err := io.ReadAll(r.Body)
		if err != nil {
			s.badBody(w, err)
			return
		}
		decode = func() (clientMessage, error) { return decodeClientMessage(data) }
	} else {
		if err := r.ParseForm(); err != nil {
			s.badBody(w, err)
			return
		}
		decode = func() (clientMessage, error) { return formMessage(r) }
	}
	if ok, _ := st.rate.allow(); !ok {
		s.metrics.errors.WithLabelValues("rate_limited").Inc()
		s.tooMany(w, ErrRateLimited)
		return
	}
	reply, err := s.dispatch(st, p, nil, decode)
	switch {
	case statusOf(err) == http.StatusTooManyRequests:
		s.tooMany(w, err)
	case err != nil:
		writeJSON(w, statusOf(err), reply.body)
	case reply != nil:
		writeJSON(w, http.StatusOK, reply.body)
	default:
		writeJSON(w, http.StatusOK, ackBody)
	}
}

// ackBody is written out rather than encoded so the package does no JSON
// work at init (TestFixedBodies checks it is what encode would make).
var ackBody = []byte(`{"status":"ok"}`)

// badBody answers a request whose body could not be read: too large,
// too slow (the server's read timeout), or malformed.
func (s *Server) badBody(w http.ResponseWriter, err error) {
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &mb):
		s.metrics.errors.WithLabelValues("too_large").Inc()
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("%w: at most %d bytes", ErrTooLarge, mb.Limit))
	case isTimeout(err):
		s.metrics.errors.WithLabelValues("too_slow").Inc()
		writeError(w, http.StatusRequestTimeout, ErrTooSlow)
	default:
		writeError(w, http.StatusBadRequest, ErrMalformed)
	}
}

// formMessage reads cmd= and autocomplete= as LlamaTale's page posts them.
func formMessage(r *http.Request) (clientMessage, error) {
	if _, ok := r.PostForm["cmd"]; !ok {
		return clientMessage{}, ErrMissingCmd
	}
	cmd := r.PostForm.Get("cmd")
	if !utf8.ValidString(cmd) {
		return clientMessage{}, ErrInvalidUTF8
	}
	if len(cmd) > tio.MaxLineBytes {
		return clientMessage{}, fmt.Errorf("%w: at most %d bytes", ErrLineTooLong, tio.MaxLineBytes)
	}
	switch r.PostForm.Get("autocomplete") {
	case "", "0", "false":
		return clientMessage{kind: msgCommand, cmd: cmd}, nil
	case "1", "true":
		return clientMessage{kind: msgComplete, cmd: cmd}, nil
	}
	return clientMessage{}, fmt.Errorf("%w: autocomplete must be 1 or 0", ErrWrongField)
}

// statusOf is the HTTP status for an input error.
func statusOf(err error) int {
	switch {
	case errors.Is(err, ErrGameOver):
		return http.StatusGone
	case errors.Is(err, ErrBusy), errors.Is(err, ErrShuttingDown):
		return http.StatusServiceUnavailable
	case errors.Is(err, ErrInternal):
		return http.StatusInternalServerError
	case errors.Is(err, ErrRateLimited), errors.Is(err, ErrAddressRateLimited), errors.Is(err, ErrGameRateLimited):
		return http.StatusTooManyRequests
	}
	return http.StatusBadRequest
}

// serveTabComplete is GET /tale/tabcomplete?prefix=…: a JSON list.
func (s *Server) serveTabComplete(w http.ResponseWriter, r *http.Request) {
	g := s.gameFor(r)
	if g == nil && s.world != nil && s.lookupSeat(r) != nil {
		writeJSON(w, http.StatusOK, []byte("[]")) // choosing a name: nothing to complete
		return
	}
	if g == nil {
		writeError(w, http.StatusForbidden, ErrNoSession)
		return
	}
	prefix := r.URL.Query().Get("prefix")
	if len(prefix) > tio.MaxLineBytes {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("%w: a prefix is at most %d bytes", ErrTooLarge, tio.MaxLineBytes))
		return
	}
	if !s.spendHTTP(w, r, g) {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.WriteWait)
	defer cancel()
	list, err := g.Complete(ctx, prefix)
	if err != nil {
		err = s.gameError(err)
		writeError(w, statusOf(err), err)
		return
	}
	if list == nil {
		list = []string{}
	}
	writeJSON(w, http.StatusOK, mustJSON(list))
}

// serveQuit is POST /tale/quit. Quitting is a game command that asks for
// confirmation, so the server sends "quit" and answers "yes". In IF mode
// the game then ends; in MUD mode the player leaves the world. Either way
// every connection of the seat sees the ending and a close 1000.
func (s *Server) serveQuit(w http.ResponseWriter, r *http.Request) {
	st := s.lookupSeat(r)
	if st == nil {
		writeError(w, http.StatusForbidden, ErrNoSession)
		return
	}
	g := st.game()
	if g == nil {
		writeJSON(w, http.StatusOK, ackBody) // a MUD seat not in the world: nothing to leave
		return
	}
	if !s.spendHTTP(w, r, g) {
		return
	}
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.WriteWait)
	defer cancel()
	for _, line := range []string{"quit", "yes"} {
		if err := g.Send(ctx, tio.Line(line)); err != nil {
			if errors.Is(err, tio.ErrSessionClosed) {
				break // "quit" alone was enough
			}
			err = s.gameError(err)
			writeError(w, statusOf(err), err)
			return
		}
	}
	writeJSON(w, http.StatusOK, ackBody)
}

// gameFor is the game a read-only request asks about: the seat's, else in
// IF mode the one game; nil for a MUD seat without a player.
func (s *Server) gameFor(r *http.Request) *game {
	if st := s.lookupSeat(r); st != nil {
		return st.game()
	}
	return s.ifGame
}

// spendHTTP spends one game message of r's address and of g for a request
// outside dispatch, or answers 429 and reports false.
func (s *Server) spendHTTP(w http.ResponseWriter, r *http.Request, g *game) bool {
	p := s.peers.of(r)
	err := ErrServerFull
	if p != nil {
		err = spend(p, g)
	}
	if err != nil {
		s.metrics.errors.WithLabelValues("rate_limited").Inc()
		s.tooMany(w, err)
		return false
	}
	return true
}

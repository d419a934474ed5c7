package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/tale-if/tale/tio"
)

// sseRetry is the reconnect delay the stream asks browsers for: quick,
// because most drops are blips and resume loses nothing.
const sseRetry = 2 * time.Second

// serveEventSource streams the session's messages as text/event-stream.
// The browser's own reconnect sends Last-Event-ID; a script that reopens
// the stream sends ?session=&since= instead.
func (s *Server) serveEventSource(w http.ResponseWriter, r *http.Request) {
	p, release, err := s.admit(r)
	if err != nil {
		s.metrics.errors.WithLabelValues("capped").Inc()
		s.tooMany(w, err)
		return
	}
	defer release()
	st, known, err := s.seatFor(r, p)
	if err != nil {
		s.metrics.errors.WithLabelValues("capped").Inc()
		s.tooMany(w, err)
		return
	}
	if st == nil {
		writeError(w, http.StatusServiceUnavailable, ErrShuttingDown)
		return
	}
	g, sub, since, gameRelease, err := s.openStream(r, st, known, r.Header.Get("Last-Event-ID"))
	defer gameRelease()
	if errors.Is(err, tio.ErrSessionClosed) {
		// 204 is the one answer that stops a browser's reconnect loop.
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if err != nil {
		s.refuse(w, err)
		return
	}
	rc := http.NewResponseController(w)
	// The stream lives as long as the player plays, so the server's
	// whole-request deadlines (ReadTimeout, WriteTimeout) must not cut it.
	// Each write has its own deadline instead (sseTransport.send), and the
	// keep-alive finds a peer that is gone. net/http happens to lift the
	// read deadline of a request without a body, and our first write
	// replaces the write deadline; clearing both states the rule instead of
	// leaning on those details.
	if err := errors.Join(rc.SetReadDeadline(time.Time{}), rc.SetWriteDeadline(time.Time{})); err != nil {
		s.log.Error("cannot clear the deadlines of an event stream", "err", err)
		cancelSub(sub)
		writeError(w, http.StatusInternalServerError, ErrInternal)
		return
	}
	c := s.newClient(st, p, transportSSE, g, sub, since, func() { rc.SetWriteDeadline(time.Now()) })
	c.fold = wantsFold(r)
	c.authSession = identityOf(r).authSession
	if err := s.hub.attach(c, s.maxPerAccount()); err != nil {
		cancelSub(sub)
		if errors.Is(err, ErrTooManyAccountConns) {
			s.tooMany(w, err)
			return
		}
		writeError(w, http.StatusServiceUnavailable, err)
		return
	}
	s.wg.Add(1)
	defer s.wg.Done()
	defer s.hub.detach(c)

	if ck := s.sessionCookie(r, st); ck != nil {
		http.SetCookie(w, ck)
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no") // nginx would otherwise hold the stream
	w.WriteHeader(http.StatusOK)
	t := &sseTransport{w: w, rc: rc, wait: s.cfg.WriteWait}
	if err := t.raw(fmt.Sprintf("retry: %d\n\n", sseRetry.Milliseconds())); err != nil {
		cancelSub(sub)
		return
	}
	c.run(t, s.cfg.KeepAlive, r.Context().Done())
}

// sseTransport writes events; only the client's writer goroutine uses it.
type sseTransport struct {
	w    io.Writer
	rc   *http.ResponseController
	wait time.Duration
	buf  []byte
}

// write frames one message: event, id (stream messages only, so
// Last-Event-ID is always a seq), and the JSON on one data line.
func (t *sseTransport) write(m *outMsg) error {
	b := append(t.buf[:0], "event: "...)
	b = append(b, m.typ...)
	if m.hasSeq {
		b = append(b, "\nid: "...)
		b = strconv.AppendUint(b, m.seq, 10)
	}
	b = append(b, "\ndata: "...)
	b = append(b, m.body...)
	b = append(b, "\n\n"...)
	t.buf = b[:0]
	return t.send(b)
}

// heartbeat is a comment line: browsers ignore it, proxies see traffic.
func (t *sseTransport) heartbeat() error { return t.raw(": keep-alive\n\n") }

func (t *sseTransport) raw(s string) error { return t.send([]byte(s)) }

func (t *sseTransport) send(b []byte) error {
	t.rc.SetWriteDeadline(time.Now().Add(t.wait))
	if _, err := t.w.Write(b); err != nil {
		return err
	}
	return t.rc.Flush()
}

// close ends the stream by returning from the handler; there is no close
// frame in EventSource.
func (t *sseTransport) close(int, string) {}

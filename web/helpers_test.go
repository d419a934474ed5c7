package web

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/tale-if/tale/internal/goldenflag" // accept go test ./... -update
	"github.com/tale-if/tale/tio"

	"github.com/gorilla/websocket"
)

// waitLimit bounds every wait in these tests: a deadline against hangs,
// never a measure of speed.
const waitLimit = 10 * time.Second

// tserver is a Server running Serve on a real listener, as main runs it.
type tserver struct {
	srv  *Server
	game *echoGame
	url  string // http://host:port
	stop func() error
}

// startServer serves g (a fresh echo game when nil) with cfg; the
// WebSocket route is on unless noWS. Cleanup shuts it down.
func startServer(t testing.TB, cfg Config, g *echoGame) *tserver {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return startServerOn(t, cfg, g, ln)
}

func startServerOn(t testing.TB, cfg Config, g *echoGame, ln net.Listener) *tserver {
	t.Helper()
	if g == nil {
		g = newEchoGame(64, 64)
	}
	return serveSessionOn(t, cfg, g, g, ln)
}

// serveSession serves sess, any game and not only the echo game, on a
// free loopback port; quietly, unless cfg names a logger.
func serveSession(t testing.TB, cfg Config, sess tio.Session) *tserver {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return serveSessionOn(t, cfg, sess, nil, ln)
}

// serveSessionOn serves sess on ln; g is the echo game behind sess, if
// it is one.
func serveSessionOn(t testing.TB, cfg Config, sess tio.Session, g *echoGame, ln net.Listener) *tserver {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	cfg.Stdout = io.Discard
	srv, err := New(sess, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return serveWith(t, srv, g, ln)
}

func serveWith(t testing.TB, srv *Server, g *echoGame, ln net.Listener) *tserver {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	var once sync.Once
	var serveErr error
	ts := &tserver{srv: srv, game: g, url: "http://" + ln.Addr().String()}
	ts.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case serveErr = <-done:
			case <-time.After(3 * waitLimit):
				t.Errorf("Serve did not return after its context ended")
			}
		})
		return serveErr
	}
	t.Cleanup(func() { ts.stop() })
	return ts
}

func (ts *tserver) wsURL(query string) string {
	u := "ws" + strings.TrimPrefix(ts.url, "http") + "/tale/ws"
	if query != "" {
		u += "?" + query
	}
	return u
}

// msg is a decoded server message.
type msg map[string]any

func (m msg) typ() string { s, _ := m["type"].(string); return s }
func (m msg) str(k string) string {
	s, _ := m[k].(string)
	return s
}
func (m msg) seq() uint64 { f, _ := m["seq"].(float64); return uint64(f) }
func (m msg) special() []string {
	var out []string
	list, _ := m["special"].([]any)
	for _, v := range list {
		out = append(out, v.(string))
	}
	return out
}

// wsc is a WebSocket test client.
type wsc struct {
	t    testing.TB
	conn *websocket.Conn
	resp *http.Response
}

func (ts *tserver) dial(t testing.TB, query string, hdr http.Header) *wsc {
	t.Helper()
	c, resp, err := websocket.DefaultDialer.Dial(ts.wsURL(query), hdr)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("dial %s: %v (HTTP %d)", query, err, status)
	}
	t.Cleanup(func() { c.Close() })
	return &wsc{t: t, conn: c, resp: resp}
}

// next reads one message; a missing one fails in waitLimit.
func (w *wsc) next() msg {
	w.t.Helper()
	w.conn.SetReadDeadline(time.Now().Add(waitLimit))
	typ, data, err := w.conn.ReadMessage()
	if err != nil {
		w.t.Fatalf("reading: %v", err)
	}
	if typ != websocket.TextMessage {
		w.t.Fatalf("frame type %d, want text", typ)
	}
	var m msg
	if err := json.Unmarshal(data, &m); err != nil {
		w.t.Fatalf("frame %q is not one JSON object: %v", data, err)
	}
	return m
}

// expect reads the next message and checks its type.
func (w *wsc) expect(typ string) msg {
	w.t.Helper()
	m := w.next()
	if m.typ() != typ {
		w.t.Fatalf("got %v, want a %s message", m, typ)
	}
	return m
}

// hello reads connected and, for a fresh screen, the full text after it.
func (w *wsc) hello() (connected, screen msg) {
	w.t.Helper()
	connected = w.expect("connected")
	screen = w.expect("text")
	return connected, screen
}

func (w *wsc) send(v any) {
	w.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		w.t.Fatal(err)
	}
	w.sendRaw(websocket.TextMessage, b)
}

func (w *wsc) sendRaw(typ int, b []byte) {
	w.t.Helper()
	w.conn.SetWriteDeadline(time.Now().Add(waitLimit))
	if err := w.conn.WriteMessage(typ, b); err != nil {
		w.t.Fatalf("writing: %v", err)
	}
}

// closed reads until the connection ends and returns the error that ended it.
func (w *wsc) closed() error {
	w.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		w.conn.SetReadDeadline(deadline)
		if _, _, err := w.conn.ReadMessage(); err != nil {
			return err
		}
	}
}

func closeCode(err error) int {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return -1
}

// sseEvent is one EventSource event, or a comment line.
type sseEvent struct {
	event, id, data, retry, comment string
}

func (e sseEvent) msg(t testing.TB) msg {
	t.Helper()
	var m msg
	if err := json.Unmarshal([]byte(e.data), &m); err != nil {
		t.Fatalf("data %q: %v", e.data, err)
	}
	return m
}

// ssec is an EventSource client reading with bufio, as STYLE.md §5.2 has it.
type ssec struct {
	t      testing.TB
	resp   *http.Response
	events chan sseEvent
	ended  chan error
	token  string
}

func (ts *tserver) sse(t testing.TB, query string, hdr http.Header) *ssec {
	t.Helper()
	u := ts.url + "/tale/eventsource"
	if query != "" {
		u += "?" + query
	}
	req, _ := http.NewRequest("GET", u, nil)
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	s := &ssec{t: t, resp: resp, events: make(chan sseEvent, 1024), ended: make(chan error, 1)}
	for _, c := range resp.Cookies() {
		if c.Name == cookieName {
			s.token = c.Value
		}
	}
	go s.read()
	return s
}

func (s *ssec) read() {
	r := bufio.NewReader(s.resp.Body)
	var ev sseEvent
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			s.ended <- err
			close(s.events)
			return
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if ev != (sseEvent{}) {
				s.events <- ev
			}
			ev = sseEvent{}
		case strings.HasPrefix(line, ":"):
			s.events <- sseEvent{comment: strings.TrimSpace(line[1:])}
		default:
			k, v, _ := strings.Cut(line, ":")
			v = strings.TrimPrefix(v, " ")
			switch k {
			case "event":
				ev.event = v
			case "id":
				ev.id = v
			case "data":
				ev.data += v
			case "retry":
				ev.retry = v
			}
		}
	}
}

// nextAny returns the next event, comment or retry line included.
func (s *ssec) nextAny() sseEvent {
	s.t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			s.t.Fatalf("stream ended: %v", <-s.ended)
		}
		return ev
	case <-time.After(waitLimit):
		s.t.Fatal("no event in time")
	}
	return sseEvent{}
}

// next returns the next event with data, skipping comments and retry.
func (s *ssec) next() sseEvent {
	s.t.Helper()
	for {
		ev := s.nextAny()
		if ev.data != "" {
			return ev
		}
	}
}

func (s *ssec) expect(typ string) (sseEvent, msg) {
	s.t.Helper()
	ev := s.next()
	m := ev.msg(s.t)
	if ev.event != typ || m.typ() != typ {
		s.t.Fatalf("got event %q %v, want %s", ev.event, m, typ)
	}
	return ev, m
}

func (s *ssec) hello() (connected, screen msg) {
	s.t.Helper()
	_, connected = s.expect("connected")
	_, screen = s.expect("text")
	return connected, screen
}

// ends waits for the stream to end.
func (s *ssec) ends() {
	s.t.Helper()
	deadline := time.After(waitLimit)
	for {
		select {
		case _, ok := <-s.events:
			if !ok {
				return
			}
		case <-deadline:
			s.t.Fatal("the stream did not end")
		}
	}
}

// post sends POST /tale/input with the session token as a cookie.
func (ts *tserver) post(t testing.TB, token, ctype, body string) (int, msg) {
	t.Helper()
	return ts.request(t, "POST", "/tale/input", token, ctype, body)
}

func (ts *tserver) request(t testing.TB, method, path, token, ctype, body string) (int, msg) {
	t.Helper()
	req, _ := http.NewRequest(method, ts.url+path, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: cookieName, Value: token})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m msg
	if len(raw) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s %s: body %q: %v", method, path, raw, err)
		}
	}
	return resp.StatusCode, m
}

func get(t testing.TB, url string, hdr http.Header) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, v := range hdr {
		req.Header[k] = v
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// eventually polls cond until it holds or waitLimit passes.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

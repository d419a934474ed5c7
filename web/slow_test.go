package web

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// pipeListener serves connections made of net.Pipe: no kernel buffer, so
// a peer that does not read blocks the server's very first write
// (STYLE.md §5.2: the never-reading client).
type pipeListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error { l.once.Do(func() { close(l.done) }); return nil }
func (l *pipeListener) Addr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1}
}

func (l *pipeListener) dial(ctx context.Context, _, _ string) (net.Conn, error) {
	server, client := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// PROTOCOL.md limits row 4: a client that stops reading is disconnected;
// no other player waits for it.
func TestWSSlowConsumerIsEvictedAndNobodyWaits(t *testing.T) {
	ln := newPipeListener()
	// WriteWait is long, so the stuck client stays stuck for the whole
	// test unless the server cuts it off.
	ts := startServerOn(t, Config{WebSocket: true, WriteWait: time.Minute, SendQueue: 8}, newEchoGame(64, 256), ln)
	d := websocket.Dialer{NetDialContext: ln.dial, HandshakeTimeout: waitLimit}
	stuck, resp, err := d.Dial("ws://127.0.0.1/tale/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer stuck.Close()
	stuckToken := ""
	for _, c := range resp.Cookies() {
		stuckToken = c.Value
	}

	reader, _, err := d.Dial("ws://127.0.0.1/tale/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	r := &wsc{t: t, conn: reader}
	hello, _ := r.hello()
	r.send(map[string]any{"cmd": "spam 200"})
	for want := hello.seq() + 1; want <= hello.seq()+200; want++ {
		if m := r.next(); m.seq() != want {
			t.Fatalf("reader got seq %d, want %d", m.seq(), want)
		}
	}
	// The reader has everything while the stuck client is still
	// connected: its writes never waited on the stuck one.
	if ws, _ := ts.srv.hub.counts(); ws != 2 {
		t.Fatalf("%d connections while one is stuck, want 2", ws)
	}

	// Messages for the stuck client fill its queue: it is cut off at once.
	for range 9 {
		ts.srv.hub.broadcast(pongMsg, stuckToken)
	}
	eventually(t, "the stuck client to be evicted", func() bool { ws, _ := ts.srv.hub.counts(); return ws == 1 })
	if got := metricsText(t, ts.srv); !strings.Contains(got, "tale_web_slow_clients_evicted_total 1") {
		t.Errorf("eviction not counted:\n%s", grep(got, "evicted"))
	}
	stuck.SetReadDeadline(time.Now().Add(waitLimit))
	for {
		if _, _, err := stuck.ReadMessage(); err != nil {
			break // what was written before the cut, then the end
		}
	}

	r.send(map[string]any{"cmd": "still playing"})
	if m := r.expect("text"); !strings.Contains(m.str("text"), "still playing") {
		t.Errorf("reader after the eviction: %v", m)
	}
}

// A peer that stops reading for longer than WriteWait is dropped by the
// write deadline alone, and counted as evicted.
func TestWSWriteDeadlineDropsAStuckPeer(t *testing.T) {
	ln := newPipeListener()
	ts := startServerOn(t, Config{WebSocket: true, WriteWait: 50 * time.Millisecond}, nil, ln)
	d := websocket.Dialer{NetDialContext: ln.dial, HandshakeTimeout: waitLimit}
	stuck, _, err := d.Dial("ws://127.0.0.1/tale/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer stuck.Close()
	eventually(t, "the stuck client to be dropped", func() bool {
		return strings.Contains(metricsText(t, ts.srv), "tale_web_slow_clients_evicted_total 1")
	})
	eventually(t, "the connection to be cleaned up", func() bool { ws, _ := ts.srv.hub.counts(); return ws == 0 })
}

func metricsText(t testing.TB, s *Server) string {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/metrics", nil)
	req.RemoteAddr = "127.0.0.1:1234" // an operator on this machine
	s.Handler().ServeHTTP(rec, req)
	return rec.Body.String()
}

func grep(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// A reader the game cuts off for falling behind (its subscription buffer
// overflowed) hears why: close 1008, then it resumes by seq.
func TestWSReaderCutOffByTheGameGets1008(t *testing.T) {
	ln := newPipeListener()
	ts := startServerOn(t, Config{WebSocket: true, WriteWait: time.Minute}, newEchoGame(8, 8), ln)
	d := websocket.Dialer{NetDialContext: ln.dial, HandshakeTimeout: waitLimit}
	conn, _, err := d.Dial("ws://127.0.0.1/tale/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	c := &wsc{t: t, conn: conn}
	// Not reading yet: the server's first write waits on the pipe while
	// the game produces more than the subscription holds.
	c.send(map[string]any{"cmd": "spam 100"})
	eventually(t, "the game to answer", func() bool { return ts.game.LastSeq() >= 102 })
	hello, _ := c.hello()
	last := hello.seq()
	var err2 error
	for {
		conn.SetReadDeadline(time.Now().Add(waitLimit))
		_, data, err := conn.ReadMessage()
		if err != nil {
			err2 = err
			break
		}
		var m msg
		json.Unmarshal(data, &m)
		if m.seq() != last+1 {
			t.Fatalf("seq %d after %d", m.seq(), last)
		}
		last = m.seq()
	}
	if code := closeCode(err2); code != websocket.ClosePolicyViolation {
		t.Fatalf("close code %d (%v), want 1008", code, err2)
	}
	// The cut-off reader resumes where it stopped; the game still
	// buffers the rest of the burst's tail or resyncs it with clear.
	again, _, err := d.Dial("ws://127.0.0.1/tale/ws?session="+hello.str("session")+"&since="+strconv.FormatUint(last, 10), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	r := &wsc{t: t, conn: again}
	if m := r.expect("connected"); m.str("session") != hello.str("session") {
		t.Errorf("resume after 1008: %v", m)
	}
	if m := r.expect("text"); m.seq() != last+1 && !slices.Contains(m.special(), "clear") {
		t.Errorf("first message after resuming at %d: %v", last, m)
	}
}

// The same for an EventSource stream whose reader stops reading.
func TestSSESlowConsumerIsEvictedAndNobodyWaits(t *testing.T) {
	ln := newPipeListener()
	ts := startServerOn(t, Config{WebSocket: true, WriteWait: time.Minute, SendQueue: 8}, newEchoGame(64, 256), ln)
	client := &http.Client{Transport: &http.Transport{DialContext: ln.dial}}
	resp, err := client.Get("http://127.0.0.1/tale/eventsource")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close() // never read
	stuckToken := ""
	for _, c := range resp.Cookies() {
		stuckToken = c.Value
	}

	d := websocket.Dialer{NetDialContext: ln.dial, HandshakeTimeout: waitLimit}
	reader, _, err := d.Dial("ws://127.0.0.1/tale/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	r := &wsc{t: t, conn: reader}
	hello, _ := r.hello()
	r.send(map[string]any{"cmd": "spam 100"})
	for want := hello.seq() + 1; want <= hello.seq()+100; want++ {
		if m := r.next(); m.seq() != want {
			t.Fatalf("reader got seq %d, want %d", m.seq(), want)
		}
	}
	if ws, sse := ts.srv.hub.counts(); ws != 1 || sse != 1 {
		t.Fatalf("connections ws %d sse %d while the stream is stuck, want 1 and 1", ws, sse)
	}
	for range 9 {
		ts.srv.hub.broadcast(pongMsg, stuckToken)
	}
	eventually(t, "the stuck stream to be evicted", func() bool { _, sse := ts.srv.hub.counts(); return sse == 0 })
	if got := metricsText(t, ts.srv); !strings.Contains(got, "tale_web_slow_clients_evicted_total 1") {
		t.Errorf("eviction not counted:\n%s", grep(got, "evicted"))
	}
}

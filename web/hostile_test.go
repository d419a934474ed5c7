package web

import (
	"bytes"
	"compress/flate"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// The attacks of issue 9, done for real on loopback. Each is bounded in
// count and time; each asserts what the server spends, not how fast.

// deflateBomb is a permessage-deflate payload (RFC 7692: raw DEFLATE with
// the final 00 00 ff ff left off) that inflates to mib MiB of zeros: one
// deflated MiB, repeated. Each copy starts with a literal and refers back
// only to bytes it wrote itself, so the copies chain into one valid stream
// and nothing of the size it inflates to is ever allocated here.
func deflateBomb(t testing.TB, mib int) []byte {
	t.Helper()
	var one bytes.Buffer
	w, err := flate.NewWriter(&one, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(make([]byte, 1<<20))
	w.Flush() // a sync flush: byte-aligned, ends in 00 00 ff ff, not final
	return bytes.TrimSuffix(bytes.Repeat(one.Bytes(), mib), []byte{0, 0, 0xff, 0xff})
}

// clientFrame is one final frame as a client sends it (masked), with RSV1
// set when the payload is deflated. Written to the raw connection, it lets
// a test send what gorilla's writer would never produce.
func clientFrame(opcode byte, deflated bool, payload []byte) []byte {
	b0 := 0x80 | opcode
	if deflated {
		b0 |= 0x40
	}
	f := []byte{b0}
	switch n := len(payload); {
	case n < 126:
		f = append(f, 0x80|byte(n))
	case n <= 0xffff:
		f = append(f, 0x80|126)
		f = binary.BigEndian.AppendUint16(f, uint16(n))
	default:
		f = append(f, 0x80|127)
		f = binary.BigEndian.AppendUint64(f, uint64(n))
	}
	var key [4]byte
	rand.Read(key[:])
	f = append(f, key[:]...)
	for i, c := range payload {
		f = append(f, c^key[i%4])
	}
	return f
}

// dialDeflate opens a WebSocket with permessage-deflate negotiated and
// reads the hello.
func (ts *tserver) dialDeflate(t testing.TB) *wsc {
	t.Helper()
	d := websocket.Dialer{EnableCompression: true, HandshakeTimeout: waitLimit}
	c, resp, err := d.Dial(ts.wsURL(""), nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	if resp.Header.Get("Sec-WebSocket-Extensions") == "" {
		t.Fatal("permessage-deflate was not negotiated")
	}
	w := &wsc{t: t, conn: c, resp: resp}
	w.hello()
	return w
}

func (w *wsc) writeRaw(frame []byte) {
	w.t.Helper()
	w.conn.NetConn().SetWriteDeadline(time.Now().Add(waitLimit))
	if _, err := w.conn.NetConn().Write(frame); err != nil {
		w.t.Fatalf("writing a raw frame: %v", err)
	}
}

// Issue 9 item 1: a 61 KB frame of deflated zeros passes the 64 KiB read
// limit on the wire and inflates to 60 MiB. The server must stop inflating
// at the read limit and close 1009; the bombs cost it far less than one
// inflated message, and the game never hears of them.
func TestHostileCompressionBombCloses1009(t *testing.T) {
	const bombs, mib = 4, 60
	ts := startServer(t, wsConfig(), nil)
	bomb := deflateBomb(t, mib)
	if len(bomb) >= defaultReadLimit {
		t.Fatalf("the bomb is %d bytes on the wire; it must pass the %d-byte wire limit", len(bomb), defaultReadLimit)
	}
	frame := clientFrame(websocket.TextMessage, true, bomb)
	conns := make([]*wsc, bombs)
	for i := range conns {
		conns[i] = ts.dialDeflate(t)
	}

	before := memStats()
	var wg sync.WaitGroup
	codes := make([]int, bombs)
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.conn.NetConn().SetWriteDeadline(time.Now().Add(waitLimit))
			c.conn.NetConn().Write(frame) // the server may stop reading before the end
			codes[i] = closeCode(c.closed())
		}()
	}
	wg.Wait()
	after := memStats()

	for i, code := range codes {
		if code != websocket.CloseMessageTooBig {
			t.Errorf("bomb %d: close code %d, want 1009", i, code)
		}
	}
	inflated := uint64(mib << 20)
	if spent := after.TotalAlloc - before.TotalAlloc; spent > inflated/4 {
		t.Errorf("%d bombs made the process allocate %d MiB; one inflated bomb is %d MiB", bombs, spent>>20, mib)
	}
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > int64(inflated/8) {
		t.Errorf("the heap in use grew by %d MiB", grew>>20)
	}
	ts.game.Sync()
	if sent := ts.game.Sent(); len(sent) != 0 {
		t.Errorf("the game received %v", sent)
	}
	eventually(t, "the bombers to be cleaned up", func() bool { ws, _ := ts.srv.hub.counts(); return ws == 0 })

	// Below the limit, a compressed message is a message like any other.
	ok := ts.dialDeflate(t)
	ok.conn.EnableWriteCompression(true)
	ok.send(map[string]any{"cmd": "echo " + string(bytes.Repeat([]byte("squeeze "), 400))})
	if m := ok.expect("text"); !bytes.Contains([]byte(m.str("text")), []byte("squeeze squeeze")) {
		t.Errorf("a compressed command under the limit: %v", m)
	}
}

// memStats reads the heap after a collection, so that what is left is
// what is held.
func memStats() runtime.MemStats {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m
}

// A frame that claims to be deflated but does not inflate fails the
// connection (RFC 7692 §6) with 1002; the session survives.
func TestHostileBrokenDeflateCloses1002(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dialDeflate(t)
	c.writeRaw(clientFrame(websocket.TextMessage, true, []byte{0xff, 0xff, 0xff, 0xff, 0x00}))
	if code := closeCode(c.closed()); code != websocket.CloseProtocolError {
		t.Errorf("close code %d, want 1002", code)
	}
}

// unlimited lifts the limits that a test or benchmark playing faster than
// a person would otherwise meet; the limits have their own tests.
func unlimited(cfg *Config) {
	cfg.RatePerSecond, cfg.RateBurst = 1e9, 1e9
}

// rawRequest sends one request with the Host and Origin a hostile page
// would make a browser send, and the session cookie when token is set.
func (ts *tserver) rawRequest(t testing.TB, method, path, host, origin, token string) (int, msg) {
	t.Helper()
	req, _ := http.NewRequest(method, ts.url+path, strings.NewReader("cmd=look"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if host != "" {
		req.Host = host
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: cookieName, Value: token})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m msg
	json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

// Issue 9 item 2: a page from another site can never play. Through DNS
// rebinding it sends its own name as Host and Origin (421); from another
// origin, or with the wrong scheme, its Origin is refused (403). Every
// route that touches the game refuses, and the game hears nothing.
func TestHostileOtherSitesCannotPlay(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, PublicHosts: []string{"play.example"}}, nil)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(ts.url, "http://"))
	token := ts.sse(t, "", nil).token // a real player's seat, which the attacks try to use

	rebound := "evil.example:" + port
	attacks := []struct {
		name, host, origin string
		status             int
	}{
		{"DNS rebinding", rebound, "http://" + rebound, http.StatusMisdirectedRequest},
		{"a rebound name without Origin", rebound, "", http.StatusMisdirectedRequest},
		{"another site", "", "http://evil.example", http.StatusForbidden},
		{"https on a plain HTTP server", "", "https://127.0.0.1:" + port, http.StatusForbidden},
		{"this host on another port", "", "http://127.0.0.1:1", http.StatusForbidden},
		{"a sandboxed frame", "", "null", http.StatusForbidden},
		{"localhost posing as 127.0.0.1", "", "http://localhost:" + port, http.StatusForbidden},
	}
	routes := []struct{ method, path string }{
		{"POST", "/tale/input"}, {"POST", "/tale/quit"}, {"GET", "/tale/tabcomplete?prefix=lo"},
		{"GET", "/tale/eventsource"}, {"GET", "/tale/ws"},
	}
	for _, a := range attacks {
		for _, r := range routes {
			status, m := ts.rawRequest(t, r.method, r.path, a.host, a.origin, token)
			if status != a.status || m.typ() != "message_error" {
				t.Errorf("%s, %s %s: %d %v; want %d and a message_error", a.name, r.method, r.path, status, m, a.status)
			}
		}
		hdr := http.Header{}
		if a.origin != "" {
			hdr.Set("Origin", a.origin)
		}
		if a.host != "" {
			hdr.Set("Host", a.host)
		}
		if _, resp, err := websocket.DefaultDialer.Dial(ts.wsURL(""), hdr); err == nil || resp == nil || resp.StatusCode != a.status {
			t.Errorf("%s: WebSocket upgrade: %v %v, want %d", a.name, err, resp, a.status)
		}
	}
	ts.game.Sync()
	if sent := ts.game.Sent(); len(sent) != 0 {
		t.Errorf("the game received %v from other sites", sent)
	}

	// Pages carry no game: they stay open to any name.
	if status, _ := ts.rawRequest(t, "GET", "/tale/", rebound, "", ""); status != http.StatusOK {
		t.Errorf("the title page under another name: %d", status)
	}
	// The names the server answers to play, each from its own origin.
	for _, host := range []string{"localhost:" + port, "play.example:" + port, "[::1]:" + port} {
		hdr := http.Header{"Host": {host}, "Origin": {"http://" + host}}
		ts.dial(t, "", hdr).hello()
		if status, m := ts.rawRequest(t, "POST", "/tale/input", host, "http://"+host, token); status != http.StatusOK {
			t.Errorf("POST as %s: %d %v", host, status, m)
		}
	}
}

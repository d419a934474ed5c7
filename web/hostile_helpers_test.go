package web

import (
	"bytes"
	"compress/flate"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// The tools of hostile_test.go's attackers: hand-made frames, clients at
// addresses of their own, slow writers.

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

// memStats reads the heap after a collection, so that what is left is
// what is held.
func memStats() runtime.MemStats {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m
}

// unlimited lifts the limits that a test or benchmark playing faster than
// a person would otherwise meet; the limits have their own tests.
func unlimited(cfg *Config) {
	cfg.RatePerSecond, cfg.RateBurst = 1e9, 1e9 // the address and game budgets follow
	cfg.MaxConns, cfg.MaxConnsPerIP, cfg.NewSessionsPerIP = 1e6, 1e6, 1e6
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

// from is a client machine at a loopback address of its own (127.0.0.2,
// 127.0.0.3, …): the server sees a different TCP peer for each.
type from string

func (ip from) dialer() *net.Dialer {
	return &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(string(ip))}, Timeout: waitLimit}
}

func (ip from) http() *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: ip.dialer().DialContext}, Timeout: waitLimit}
}

// refusal is how a cap refused a WebSocket: an HTTP status before the
// upgrade, or a close code right after it, and the sentence either way.
type refusal struct {
	status, code int
	text         string
}

// open dials a WebSocket from ip and reads its hello, or returns how the
// server refused it.
func (ip from) open(t testing.TB, ts *tserver, query string) (*wsc, *refusal) {
	t.Helper()
	d := websocket.Dialer{NetDialContext: ip.dialer().DialContext, HandshakeTimeout: waitLimit}
	conn, resp, err := d.Dial(ts.wsURL(query), nil)
	if errors.Is(err, websocket.ErrBadHandshake) {
		var m msg
		json.NewDecoder(resp.Body).Decode(&m)
		resp.Body.Close()
		return nil, &refusal{status: resp.StatusCode, text: m.str("error")}
	}
	if err != nil {
		t.Fatalf("dial from %s: %v", ip, err)
	}
	conn.SetReadDeadline(time.Now().Add(waitLimit))
	_, data, err := conn.ReadMessage()
	if ce, ok := err.(*websocket.CloseError); ok {
		conn.Close() // and forgotten: the test's own side of a refused connection is not what tests measure
		return nil, &refusal{code: ce.Code, text: ce.Text}
	}
	if err != nil {
		t.Fatalf("first read from %s: %v", ip, err)
	}
	t.Cleanup(func() { conn.Close() })
	var m msg
	json.Unmarshal(data, &m)
	if m.typ() != "connected" {
		t.Fatalf("first message %v, want connected", m)
	}
	c := &wsc{t: t, conn: conn, resp: resp}
	if m.seq() > 0 || !strings.Contains(query, "since") {
		c.expect("text") // the fresh screen
	}
	return c, nil
}

// drain reads c in the background until it closes, as a browser would,
// so that the flood's own output never makes it a slow consumer. Each
// pong is reported: the server handles a connection's messages in order,
// so a pong means everything sent before the ping has been handled.
func (c *wsc) drain() <-chan struct{} {
	pongs := make(chan struct{}, 16)
	go func() {
		for {
			c.conn.SetReadDeadline(time.Now().Add(3 * waitLimit))
			_, data, err := c.conn.ReadMessage()
			if err != nil {
				return
			}
			if bytes.Contains(data, []byte(`"type":"pong"`)) {
				pongs <- struct{}{}
			}
		}
	}()
	return pongs
}

// handled waits for a pong on each of pongs.
func handled(t testing.TB, pongs []<-chan struct{}) {
	t.Helper()
	for _, p := range pongs {
		select {
		case <-p:
		case <-time.After(waitLimit):
			t.Fatal("no pong: the server did not get through a connection's messages")
		}
	}
}

// plays sends cmd and waits for the game's answer to it, skipping what
// the game says to others meanwhile: a player who keeps playing.
func (c *wsc) plays(cmd string) {
	c.t.Helper()
	c.send(map[string]any{"cmd": cmd})
	for {
		m := c.next()
		if m.typ() == "message_error" {
			c.t.Fatalf("%q refused: %s", cmd, m.str("error"))
		}
		if strings.Contains(m.str("text"), "You said: "+cmd) {
			return
		}
	}
}

// tokenOf is the session a WebSocket's upgrade response set.
func (c *wsc) tokenOf() string {
	for _, ck := range c.resp.Cookies() {
		if ck.Name == cookieName {
			return ck.Value
		}
	}
	c.t.Fatal("no session cookie")
	return ""
}

// drainErrors is drain that also counts each message_error sentence in errs.
func (c *wsc) drainErrors(errs *sync.Map) <-chan struct{} {
	pongs := make(chan struct{}, 16)
	go func() {
		for {
			c.conn.SetReadDeadline(time.Now().Add(3 * waitLimit))
			var m msg
			if err := c.conn.ReadJSON(&m); err != nil {
				return
			}
			switch m.typ() {
			case "pong":
				pongs <- struct{}{}
			case "message_error":
				for {
					old, _ := errs.LoadOrStore(m.str("error"), 0)
					if errs.CompareAndSwap(m.str("error"), old, old.(int)+1) {
						break
					}
				}
			}
		}
	}()
	return pongs
}

// sseFrom opens an EventSource stream from ip and reads its hello.
func (ts *tserver) sseFrom(t testing.TB, ip from) *ssec {
	t.Helper()
	resp, err := ip.http().Get(ts.url + "/tale/eventsource")
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
	s.hello()
	return s
}

// trickle writes head, then one byte of rest every two seconds, as a
// slowloris client does, until the server closes the connection or the
// test ends. It returns what the server answered before it closed.
func trickle(t *testing.T, ts *tserver, head, rest string) string {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(ts.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		c.Write([]byte(head))
		for i := range len(rest) {
			c.Write([]byte{rest[i]})
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Second):
			}
		}
	}()
	c.SetReadDeadline(time.Now().Add(waitLimit))
	answer, err := io.ReadAll(c)
	if isTimeout(err) {
		t.Fatalf("the server still holds the connection after %v", waitLimit)
	}
	return string(answer)
}

// scrape GETs a /metrics URL from ip with an optional bearer token.
func scrape(t testing.TB, ip from, url, token string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := ip.http().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusOK && !bytes.Contains(body, []byte("tale_web_connections")) {
		t.Errorf("%s: 200 without the exposition", url)
	}
	return resp.StatusCode
}

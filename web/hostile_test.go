package web

import (
	"bytes"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// The attacks of issue 9, done for real on loopback. Each is bounded in
// count and time; each asserts what the server spends, not how fast.

// Issue 9 item 1: a 61 KB frame of deflated zeros passes the 64 KiB read
// limit on the wire and inflates to 60 MiB. The server must stop inflating
// at the read limit and close 1009; the bombs cost it far less than one
// inflated message, the game never hears of them, and a player at another
// address plays on meanwhile.
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
	good, _ := from("127.0.0.9").open(t, ts, "")

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
	good.plays("through the bombs")
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
	ts.game.Sync(t.Context())
	if sent := ts.game.Sent(); len(sent) != 1 {
		t.Errorf("the game received %v, want only the player's command", sent)
	}
	eventually(t, "the bombers to be cleaned up", func() bool { ws, _ := ts.srv.hub.counts(); return ws == 1 })

	// Below the limit, a compressed message is a message like any other.
	ok := ts.dialDeflate(t)
	ok.conn.EnableWriteCompression(true)
	ok.send(map[string]any{"cmd": "echo " + string(bytes.Repeat([]byte("squeeze "), 400))})
	if m := ok.expect("text"); !bytes.Contains([]byte(m.str("text")), []byte("squeeze squeeze")) {
		t.Errorf("a compressed command under the limit: %v", m)
	}
}

// A frame that claims to be deflated but does not inflate fails the
// connection (RFC 7692 §6) with 1002; the session survives for resume.
func TestHostileBrokenDeflateCloses1002(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dialDeflate(t)
	token := c.tokenOf()
	c.writeRaw(clientFrame(websocket.TextMessage, true, []byte{0xff, 0xff, 0xff, 0xff, 0x00}))
	if code := closeCode(c.closed()); code != websocket.CloseProtocolError {
		t.Errorf("close code %d, want 1002", code)
	}
	r := ts.dial(t, "session="+token, nil)
	if m := r.expect("connected"); m.str("session") != token {
		t.Errorf("after 1002 the session did not resume: %v", m)
	}
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
	ts.game.Sync(t.Context())
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

// Issue 9 item 3: one address (127.0.0.2) mints sessions, opens
// connections and floods commands over all of them; each cap holds, each
// refusal says why, and a player at 127.0.0.1 keeps playing throughout.
func TestHostileFloodFromOneAddress(t *testing.T) {
	const burst = 40 // the address budget, all of it burst: the flood spends it and no more
	ts := startServer(t, Config{WebSocket: true, IPRatePerSecond: 0.001, IPRateBurst: burst}, nil)
	good, _ := from("127.0.0.1").open(t, ts, "")
	good.plays("good 1")
	attacker := from("127.0.0.2")

	// New sessions: ten a minute, then 429 (no upgrade, no stream).
	var conns []*wsc
	for range DefaultNewSessionsPerIP {
		c, refused := attacker.open(t, ts, "")
		if refused != nil {
			t.Fatalf("session %d refused: %v", len(conns)+1, refused)
		}
		conns = append(conns, c)
	}
	if _, refused := attacker.open(t, ts, ""); refused == nil || refused.status != http.StatusTooManyRequests || !strings.Contains(refused.text, "any new sessions from your address") {
		t.Errorf("session %d: %+v, want 429 about new sessions", DefaultNewSessionsPerIP+1, refused)
	}
	resp, err := attacker.http().Get(ts.url + "/tale/eventsource")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "6" {
		t.Errorf("a stream over the session cap: %d, Retry-After %q; want 429 and 6", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	good.plays("good 2")

	// Connections: sixteen from one address, on a session it already has.
	resume := "session=" + func() string {
		for _, ck := range conns[0].resp.Cookies() {
			if ck.Name == cookieName {
				return ck.Value
			}
		}
		t.Fatal("no session cookie")
		return ""
	}()
	for len(conns) < DefaultMaxConnsPerIP {
		c, refused := attacker.open(t, ts, resume)
		if refused != nil {
			t.Fatalf("connection %d refused: %v", len(conns)+1, refused)
		}
		conns = append(conns, c)
	}
	for range 3 {
		if _, refused := attacker.open(t, ts, resume); refused == nil || refused.status != http.StatusTooManyRequests || !strings.Contains(refused.text, "any connections from your address") {
			t.Errorf("connection over the cap: %+v, want 429 about too many connections", refused)
		}
	}
	if open := ts.srv.peers.open(); open != DefaultMaxConnsPerIP+1 {
		t.Errorf("%d connections open, want the attacker's %d and the player's", open, DefaultMaxConnsPerIP)
	}
	good.plays("good 3")

	// Commands: ten over each of sixteen connections, far under each
	// connection's own rate; the address budget lets 40 through in all.
	var pongs []<-chan struct{}
	for _, c := range conns {
		pongs = append(pongs, c.drain())
	}
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.conn.SetWriteDeadline(time.Now().Add(waitLimit))
			for k := range 10 {
				c.conn.WriteJSON(map[string]any{"cmd": "flood " + strconv.Itoa(i*10+k)})
			}
			c.conn.WriteJSON(map[string]any{"type": "ping"})
		}()
	}
	good.plays("good 4") // while the flood is on
	wg.Wait()
	handled(t, pongs)
	ts.game.Sync(t.Context())
	flooded := 0
	for _, in := range ts.game.Sent() {
		if strings.HasPrefix(in.Line, "flood ") {
			flooded++
		}
	}
	if flooded != burst {
		t.Errorf("the game took %d of the attacker's 160 commands, want its budget of %d", flooded, burst)
	}
}

// Issue 9 item 3: hundreds of connections from one address (WebSockets
// and EventSource streams on one session, as the 5,000 and 2,000
// were) leave at most the cap open, cost the server a bounded heap, and a
// player elsewhere keeps playing.
func TestHostileConnectionFloodIsCapped(t *testing.T) {
	const sockets, streams = 400, 200
	ts := startServer(t, wsConfig(), nil)
	good, _ := from("127.0.0.1").open(t, ts, "")
	attacker := from("127.0.0.2")
	first, _ := attacker.open(t, ts, "")
	resume := "session=" + first.tokenOf()

	before := memStats()
	refused := 0
	for range sockets {
		if c, r := attacker.open(t, ts, resume); r != nil {
			if r.status != http.StatusTooManyRequests {
				t.Fatalf("refused with %+v, want 429", r)
			}
			refused++
		} else {
			c.drain()
		}
	}
	client := attacker.http()
	for range streams {
		req, _ := http.NewRequest("GET", ts.url+"/tale/eventsource?"+resume, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode == http.StatusOK {
			t.Cleanup(func() { resp.Body.Close() })
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("a stream over the cap: %d, want 429", resp.StatusCode)
		}
		refused++
	}
	after := memStats()
	good.plays("still here")

	if open := ts.srv.peers.open(); open != DefaultMaxConnsPerIP+1 {
		t.Errorf("%d connections open, want the cap of %d and the player's", open, DefaultMaxConnsPerIP)
	}
	if want := sockets + streams + 1 - DefaultMaxConnsPerIP; refused != want {
		t.Errorf("%d connections refused, want %d", refused, want)
	}
	// Each open connection costs tens of KB (BenchmarkIdleMemory); the
	// refused ones must cost nothing that stays.
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 4<<20 {
		t.Errorf("the heap in use grew by %d KiB for %d open connections", grew>>10, DefaultMaxConnsPerIP)
	}
}

// A full server is nobody's fault: a browser, which cannot read the status
// of a refused upgrade, gets the handshake and close 1013 with the reason.
func TestFullServerClosesWith1013(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, MaxConns: 2}, nil)
	from("127.0.0.3").open(t, ts, "")
	from("127.0.0.4").open(t, ts, "")
	_, refused := from("127.0.0.5").open(t, ts, "")
	if refused == nil || refused.code != websocket.CloseTryAgainLater || !strings.Contains(refused.text, "The server is full") {
		t.Errorf("a connection to a full server: %+v, want close 1013 saying the server is full", refused)
	}
	resp, err := from("127.0.0.5").http().Get(ts.url + "/tale/eventsource")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a stream to a full server: %d, want 429", resp.StatusCode)
	}
}

// Issue 9 item 3: the game's own budget holds across every connection and
// session that plays it, whichever address and transport they use.
func TestHostileGameRateHoldsAcrossConnections(t *testing.T) {
	const budget, addrs, each = 30, 10, 6
	ts := startServer(t, Config{WebSocket: true, GameRatePerSecond: 0.001, GameRateBurst: budget}, nil)
	var pongs []<-chan struct{}
	var errs sync.Map
	var conns []*wsc
	for i := range addrs {
		c, _ := from("127.0.0."+strconv.Itoa(3+i)).open(t, ts, "")
		conns = append(conns, c)
	}
	for i, c := range conns {
		pongs = append(pongs, c.drainErrors(&errs))
		c.conn.SetWriteDeadline(time.Now().Add(waitLimit))
		for k := range each {
			c.conn.WriteJSON(map[string]any{"cmd": "many " + strconv.Itoa(i*each+k)})
		}
		c.conn.WriteJSON(map[string]any{"type": "ping"})
	}
	// And over POST, from an address of its own.
	poster := from("127.0.0.99")
	stream := ts.sseFrom(t, poster)
	posted := map[int]int{}
	for k := range each {
		req, _ := http.NewRequest("POST", ts.url+"/tale/input", strings.NewReader("cmd=posted+"+strconv.Itoa(k)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: cookieName, Value: stream.token})
		resp, err := poster.http().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		posted[resp.StatusCode]++
		if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") != "1" {
			t.Errorf("429 without Retry-After: 1")
		}
	}
	handled(t, pongs)
	ts.game.Sync(t.Context())

	if got := len(ts.game.Sent()); got != budget {
		t.Errorf("the game took %d of %d commands, want its budget of %d", got, addrs*each+each, budget)
	}
	refusedWS := 0
	errs.Range(func(k, v any) bool {
		if !strings.Contains(k.(string), "The game is taking too many commands") {
			t.Errorf("refusal %q does not say why", k)
		}
		refusedWS += v.(int)
		return true
	})
	if total := refusedWS + posted[http.StatusTooManyRequests]; total != addrs*each+each-budget {
		t.Errorf("%d refusals (%d over POST), want %d", total, posted[http.StatusTooManyRequests], addrs*each+each-budget)
	}
}

// Issue 9 item 4: every phase of a request has a deadline. A client that
// trickles its headers or its body, or idles on a keep-alive connection,
// is cut off (the issue held 300 trickling POSTs open for a minute); one
// that sends a huge header gets 431.
func TestHostileSlowRequestsAreCutOff(t *testing.T) {
	const timeout = 300 * time.Millisecond // far below the trickle's 2 s a byte
	ts := startServer(t, Config{ReadHeaderTimeout: timeout, ReadTimeout: timeout, IdleTimeout: timeout}, nil)
	token := ts.sse(t, "", nil).token

	t.Run("body", func(t *testing.T) {
		head := "POST /tale/input HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
			"Content-Length: 100\r\nCookie: " + cookieName + "=" + token + "\r\n\r\n"
		answer := trickle(t, ts, head, "cmd="+strings.Repeat("x", 96))
		if !strings.HasPrefix(answer, "HTTP/1.1 408") || !strings.Contains(answer, "too slowly") {
			t.Errorf("a trickled body: %q, want 408 and a message_error", answer)
		}
		ts.game.Sync(t.Context())
		if sent := ts.game.Sent(); len(sent) != 0 {
			t.Errorf("the game received %v", sent)
		}
	})
	t.Run("headers", func(t *testing.T) {
		trickle(t, ts, "GET /tale/ HTTP/1.1\r\n", "Host: 127.0.0.1\r\nX-Slow: "+strings.Repeat("x", 100)+"\r\n\r\n")
	})
	t.Run("idle", func(t *testing.T) {
		answer := trickle(t, ts, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "")
		if !strings.HasPrefix(answer, "HTTP/1.1 200") {
			t.Errorf("the request before idling: %q", answer)
		}
	})
	t.Run("huge header", func(t *testing.T) {
		answer := trickle(t, ts, "GET /tale/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "+strings.Repeat("x", 64<<10)+"\r\n\r\n", "")
		if !strings.HasPrefix(answer, "HTTP/1.1 431") {
			t.Errorf("a 64 KiB header: %.40q, want 431", answer)
		}
	})
}

// The EventSource stream is the one long request: it outlives the
// server's read and write timeouts and still delivers the game.
func TestEventSourceOutlivesTheRequestTimeouts(t *testing.T) {
	const timeout = 200 * time.Millisecond
	ts := startServer(t, Config{ReadTimeout: timeout, WriteTimeout: timeout, KeepAlive: timeout / 4}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	// Keep-alives for five times the timeouts: the stream is alive past them.
	deadline := time.Now().Add(5 * timeout)
	for time.Now().Before(deadline) {
		if ev := s.nextAny(); ev.data != "" {
			t.Fatalf("unexpected event %v", ev)
		}
	}
	if status, m := ts.post(t, s.token, "application/x-www-form-urlencoded", "cmd=still+here"); status != http.StatusOK {
		t.Fatalf("POST: %d %v", status, m)
	}
	if _, m := s.expect("text"); !strings.Contains(m.str("text"), "still here") {
		t.Errorf("after the timeouts: %v", m)
	}
}

// Issue 9 item 9: /metrics is for operators. With a token, nobody reads it
// without the token; on a listener of its own, the game's listener has
// none. (Who may read it with neither flag: TestMetricsAccess.)
func TestHostileMetricsAreForOperators(t *testing.T) {
	const token = "a-scraper-token-of-some-length"
	stranger := from("127.0.0.2")

	guarded := startServer(t, Config{MetricsToken: token}, nil)
	if status := scrape(t, stranger, guarded.url+"/metrics", ""); status != http.StatusUnauthorized {
		t.Errorf("without the token: %d, want 401", status)
	}
	if status := scrape(t, stranger, guarded.url+"/metrics", "guess"); status != http.StatusUnauthorized {
		t.Errorf("with a wrong token: %d, want 401", status)
	}
	if status := scrape(t, stranger, guarded.url+"/metrics", token); status != http.StatusOK {
		t.Errorf("with the token: %d, want 200", status)
	}

	apart := startServer(t, Config{MetricsAddr: "127.0.0.1:0"}, nil)
	var metricsURL string
	eventually(t, "the metrics listener", func() bool {
		if u := apart.srv.metricsURL.Load(); u != nil {
			metricsURL = *u
		}
		return metricsURL != ""
	})
	if status := scrape(t, stranger, apart.url+"/metrics", ""); status != http.StatusNotFound {
		t.Errorf("/metrics on the game's listener: %d, want 404", status)
	}
	if status := scrape(t, from("127.0.0.1"), metricsURL, ""); status != http.StatusOK {
		t.Errorf("/metrics on its own listener: %d, want 200", status)
	}
	if status, _ := apart.rawRequest(t, "GET", "/tale/", "", "", ""); status != http.StatusOK {
		t.Errorf("the game's listener still serves the game: %d", status)
	}
}

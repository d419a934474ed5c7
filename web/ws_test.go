package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/tio"
)

func wsConfig() Config { return Config{WebSocket: true} }

// PROTOCOL.md "On connect": connected, then the current state as a full text.
func TestWSConnectShowsTheCurrentScreen(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dial(t, "", nil)
	hello, screen := c.hello()
	if len(hello.str("session")) < 26 {
		t.Errorf("session token %q: want at least 128 random bits", hello.str("session"))
	}
	if hello.seq() != ts.game.LastSeq() {
		t.Errorf("connected seq = %d, want the game's last seq %d", hello.seq(), ts.game.LastSeq())
	}
	story, _ := hello["story"].(map[string]any)
	if story["name"] != "The Echo Chamber" || story["version"] != "1.2.3" || hello.str("mode") != "if" {
		t.Errorf("connected = %v, want the story's name and version and mode if", hello)
	}
	if !strings.Contains(screen.str("text"), "Hall") || screen.str("location") != "Hall" ||
		screen.str("exits") != "north,east" || screen.str("items") != "lamp" || screen.str("npcs") != "echo" {
		t.Errorf("first screen = %v, want the look with every state field", screen)
	}
	if len(screen.special()) != 0 {
		t.Errorf("a fresh tab's screen has special %v; clear is for resyncs", screen.special())
	}
	if c.resp.Header.Get("Set-Cookie") == "" {
		t.Error("the upgrade sets no session cookie; POST /tale/quit from this tab would fail")
	}
}

// PROTOCOL.md client → server {"cmd"}: the reply arrives as text, in
// markup rendered as HTML with what the player typed escaped.
func TestWSCommandAndReply(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dial(t, "", nil)
	hello, _ := c.hello()
	c.send(map[string]any{"cmd": "<b>hi</b>"})
	reply := c.expect("text")
	if got := reply.str("text"); !strings.Contains(got, "You said: &lt;b&gt;hi&lt;/b&gt;") || strings.Contains(got, "<b>") {
		t.Errorf("reply text = %q, want the command escaped", got)
	}
	if reply.seq() != hello.seq()+1 {
		t.Errorf("reply seq = %d, want %d", reply.seq(), hello.seq()+1)
	}
	state := c.expect("text")
	if state.str("text") != "" || state["turns"] != float64(1) {
		t.Errorf("state message = %v, want empty text and turns 1", state)
	}
}

// KindState surfaces as a text message with empty text and the new
// sidebar fields, so the sidebar follows every move.
func TestWSStateUpdatesTheSidebar(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dial(t, "", nil)
	c.hello()
	c.send(map[string]any{"cmd": "go north"})
	moved := c.expect("text")
	if !strings.Contains(moved.str("text"), "You go north") || moved.str("location") != "Hall" {
		t.Errorf("move text = %v; the state arrives after it", moved)
	}
	st := c.expect("text")
	if st.str("text") != "" || st.str("location") != "North Room" || st.str("exits") != "south" {
		t.Errorf("state = %v, want location North Room, exits south", st)
	}
	if st["hp"] != 17.0 || st["max_hp"] != 30.0 || st["level"] != 2.0 {
		t.Errorf("state = %v, want hp 17 of 30 at level 2 for the sidebar", st)
	}
	if _, ok := moved["hp"]; ok {
		t.Errorf("a story without fighting sends no hp: %v", moved)
	}
}

func TestWSSpecials(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dial(t, "", nil)
	c.hello()
	for cmd, want := range map[string]string{"clear": "clear", "password": "noecho"} {
		c.send(map[string]any{"cmd": cmd})
		m := c.expect("text")
		if !slices.Equal(m.special(), []string{want}) {
			t.Errorf("%s: special = %v, want [%s]", cmd, m.special(), want)
		}
	}
}

func TestWSCompletions(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dial(t, "", nil)
	c.hello()
	before := ts.game.LastSeq()
	c.send(map[string]any{"cmd": "lo", "autocomplete": 1})
	m := c.expect("completions")
	got, _ := m["candidates"].([]any)
	if m.str("prefix") != "lo" || len(got) != 2 || got[0] != "look" || got[1] != "lookup" {
		t.Errorf("completions = %v, want prefix lo and [look lookup]", m)
	}
	if ts.game.LastSeq() != before {
		t.Error("asking for completions ran a command")
	}
}

func TestWSChoices(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dial(t, "", nil)
	c.hello()
	c.send(map[string]any{"cmd": "menu"})
	menu := c.expect("choices")
	opts, _ := menu["choices"].([]any)
	if menu.str("prompt") != "Which colour?" || len(opts) != 2 || menu.seq() == 0 {
		t.Fatalf("choices = %v, want the plain prompt and two options", menu)
	}
	first, _ := opts[0].(map[string]any)
	if first["choice_id"] != "1" || first["choice_text"] != "Red" {
		t.Errorf("first option = %v", first)
	}
	c.send(map[string]any{"type": "choice", "choice": map[string]any{"choice_id": "2", "choice_text": "Blue"}})
	if m := c.expect("text"); !strings.Contains(m.str("text"), "You picked 2") {
		t.Errorf("after picking: %v", m)
	}
}

func TestWSAppPing(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dial(t, "", nil)
	c.hello()
	c.send(map[string]any{"type": "ping"})
	if m := c.expect("pong"); len(m) != 1 {
		t.Errorf("pong = %v, want only its type", m)
	}
}

// PROTOCOL.md: in IF mode every connection shows the same game.
func TestWSBroadcastToTwoTabs(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	a, b := ts.dial(t, "", nil), ts.dial(t, "", nil)
	a.hello()
	b.hello()
	a.send(map[string]any{"cmd": "hello from a"})
	ra, rb := a.expect("text"), b.expect("text")
	if ra.str("text") != rb.str("text") || ra.seq() != rb.seq() || !strings.Contains(rb.str("text"), "hello from a") {
		t.Errorf("tab a got %v, tab b got %v; want the same message", ra, rb)
	}
}

// PROTOCOL.md "Sessions and resume": events after SEQ, none lost, none twice.
func TestWSResumeAfterDrop(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	a := ts.dial(t, "", nil)
	hello, _ := a.hello()
	a.send(map[string]any{"cmd": "one"})
	last := a.expect("text").seq()
	a.conn.Close() // dropped: the state message after "one" is never read

	other := ts.dial(t, "", nil)
	other.hello()
	for _, cmd := range []string{"two", "three", "spam 5"} {
		other.send(map[string]any{"cmd": cmd})
	}
	eventually(t, "the game to answer", func() bool { return ts.game.LastSeq() >= last+10 })
	end := ts.game.LastSeq()

	r := ts.dial(t, "session="+hello.str("session")+"&since="+strconv.FormatUint(last, 10), nil)
	back := r.expect("connected")
	if back.str("session") != hello.str("session") || back.seq() != last {
		t.Fatalf("resumed connected = %v, want the same session at seq %d", back, last)
	}
	for want := last + 1; want <= end; want++ {
		m := r.next()
		if m.seq() != want {
			t.Fatalf("resumed message %v: seq %d, want %d (nothing lost, nothing twice)", m, m.seq(), want)
		}
		if len(m.special()) != 0 {
			t.Fatalf("resume inside the buffer sent special %v", m.special())
		}
	}
	r.send(map[string]any{"cmd": "four"})
	if m := r.expect("text"); m.seq() != end+1 {
		t.Errorf("after resume, the next event has seq %d, want %d", m.seq(), end+1)
	}
}

// PROTOCOL.md: beyond the buffer → a fresh text with the full state and
// special clear.
func TestWSResumeBeyondTheBuffer(t *testing.T) {
	ts := startServer(t, wsConfig(), newEchoGame(8, 64))
	a := ts.dial(t, "", nil)
	hello, _ := a.hello()
	a.conn.Close()
	ts.game.Send(t.Context(), lineInput("spam 20"))
	eventually(t, "the game to answer", func() bool { return ts.game.LastSeq() >= hello.seq()+20 })

	r := ts.dial(t, "session="+hello.str("session")+"&since="+strconv.FormatUint(hello.seq(), 10), nil)
	back := r.expect("connected")
	screen := r.expect("text")
	if !slices.Equal(screen.special(), []string{"clear"}) || !strings.Contains(screen.str("text"), "Hall") ||
		screen.str("location") != "Hall" || screen.seq() != ts.game.LastSeq() || back.seq() != screen.seq() {
		t.Errorf("resync: connected %v, screen %v; want clear, the full look and state at seq %d", back, screen, ts.game.LastSeq())
	}
}

// An unknown token (the server restarted) gets a fresh session and screen.
func TestWSUnknownSessionStartsFresh(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dial(t, "session=NOTATOKEN&since=1", nil)
	hello, screen := c.hello()
	if hello.str("session") == "NOTATOKEN" || !strings.Contains(screen.str("text"), "Hall") {
		t.Errorf("connected %v screen %v: want a new token and a fresh screen", hello, screen)
	}
}

// PROTOCOL.md limits row 1: bad messages get message_error; the
// connection stays open and the game is unaffected.
func TestWSBadMessagesKeepTheConnection(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dial(t, "", nil)
	c.hello()
	before := ts.game.LastSeq()
	for _, tc := range badMessages {
		t.Run(tc.name, func(t *testing.T) {
			c.t = t
			typ := websocket.TextMessage
			if tc.binary {
				typ = websocket.BinaryMessage
			}
			c.sendRaw(typ, []byte(tc.body))
			m := c.expect("message_error")
			if m.str("status") != "error" || !strings.HasSuffix(m.str("error"), ".") || !strings.Contains(m.str("error"), tc.says) {
				t.Errorf("error = %v, want a sentence about %q", m, tc.says)
			}
		})
	}
	c.t = t
	if ts.game.LastSeq() != before {
		t.Errorf("bad messages changed the game: seq %d → %d", before, ts.game.LastSeq())
	}
	c.send(map[string]any{"cmd": "still here"})
	if m := c.expect("text"); !strings.Contains(m.str("text"), "still here") {
		t.Errorf("after bad messages: %v", m)
	}
}

var badMessages = []struct {
	name, body, says string
	binary           bool
}{
	{name: "malformed JSON", body: `{"cmd": `, says: "not a JSON object"},
	{name: "not an object", body: `["look"]`, says: "not a JSON object"},
	{name: "unknown type", body: `{"type": "teleport"}`, says: "type is unknown"},
	{name: "cmd of the wrong type", body: `{"cmd": 42}`, says: `"cmd" must be a string`},
	{name: "choice of the wrong type", body: `{"type": "choice", "choice": "2"}`, says: `"choice" must be an object`},
	{name: "invalid UTF-8", body: "{\"cmd\": \"caf\xe9\"}", says: "UTF-8"},
	{name: "missing cmd", body: `{}`, says: "no cmd"},
	{name: "unknown field", body: `{"cmd": "look", "admin": true}`, says: "unknown field"},
	{name: "binary frame", body: `{"cmd": "look"}`, says: "Binary frames", binary: true},
}

// PROTOCOL.md limits row 2: a frame over the read limit → close 1009.
func TestWSOversizedFrameCloses1009(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, ReadLimit: 1024}, nil)
	c := ts.dial(t, "", nil)
	c.hello()
	c.sendRaw(websocket.TextMessage, []byte(`{"cmd": "`+strings.Repeat("x", 2000)+`"}`))
	if code := closeCode(c.closed()); code != websocket.CloseMessageTooBig {
		t.Errorf("close code %d, want 1009", code)
	}
	eventually(t, "the connection to be cleaned up", func() bool { ws, _ := ts.srv.hub.counts(); return ws == 0 })
}

// PROTOCOL.md limits row 3: over the rate → message_error saying so;
// sustained → close 1008.
func TestWSFloodIsLimitedThenClosed1008(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, RatePerSecond: 0.001, RateBurst: 2, AbuseLimit: 3, AbuseWindow: time.Hour}, nil)
	c := ts.dial(t, "", nil)
	c.hello()
	c.send(map[string]any{"cmd": "one"})
	c.send(map[string]any{"cmd": "two"})
	c.send(map[string]any{"cmd": "three"})
	var limited msg
	for limited == nil {
		if m := c.next(); m.typ() == "message_error" {
			limited = m
		}
	}
	if !strings.Contains(limited.str("error"), "Too many messages") {
		t.Errorf("rate error = %v, want it to say so", limited)
	}
	for range 10 {
		c.conn.SetWriteDeadline(time.Now().Add(waitLimit))
		if c.conn.WriteMessage(websocket.TextMessage, []byte(`{"cmd": "flood"}`)) != nil {
			break
		}
	}
	if code := closeCode(c.closed()); code != websocket.ClosePolicyViolation {
		t.Errorf("close code %d, want 1008", code)
	}
	ts.game.Sync(t.Context()) // the game records input as it handles it
	got := ts.game.Sent()
	if len(got) != 2 {
		t.Errorf("the game received %v; only the first two fit the rate", got)
	}
}

// PROTOCOL.md limits row 5: no pong → closed and cleaned up; the session
// stays for resume.
func TestWSMissedPongsCloseButTheSessionSurvives(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, PingPeriod: 20 * time.Millisecond, PongWait: 100 * time.Millisecond}, nil)
	c := ts.dial(t, "", nil)
	c.conn.SetPingHandler(func(string) error { return nil }) // a peer that never answers
	hello, _ := c.hello()
	c.closed()
	eventually(t, "the dead connection to be cleaned up", func() bool { ws, _ := ts.srv.hub.counts(); return ws == 0 })

	r := ts.dial(t, "session="+hello.str("session")+"&since="+strconv.FormatUint(hello.seq(), 10), nil)
	if m := r.expect("connected"); m.str("session") != hello.str("session") {
		t.Fatalf("resume after missed pongs: %v", m)
	}
	r.send(map[string]any{"cmd": "back again"})
	if m := r.expect("text"); !strings.Contains(m.str("text"), "back again") {
		t.Errorf("after resuming: %v", m)
	}
}

// A peer that answers pings stays connected across many ping periods,
// longer together than the pong wait (which a loaded machine's stall must
// not exceed on its own, hence not much shorter than this).
func TestWSPongsKeepTheConnection(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, PingPeriod: 10 * time.Millisecond, PongWait: 250 * time.Millisecond}, nil)
	c := ts.dial(t, "", nil)
	pings := make(chan struct{}, 100)
	c.conn.SetPingHandler(func(data string) error {
		select {
		case pings <- struct{}{}:
		default:
		}
		return c.conn.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(waitLimit))
	})
	c.hello()
	go func() {
		for {
			if _, _, err := c.conn.NextReader(); err != nil {
				return
			}
		}
	}()
	for range 60 { // 600 ms at least: over twice the pong wait
		select {
		case <-pings:
		case <-time.After(waitLimit):
			t.Fatal("no ping frames from the server")
		}
	}
	if ws, _ := ts.srv.hub.counts(); ws != 1 {
		t.Errorf("%d connections after answering pings, want 1", ws)
	}
}

// PROTOCOL.md limits row 7: a foreign Origin is refused with 403.
func TestWSForeignOriginRefused(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, AllowedOrigins: []string{"https://friend.example"}}, nil)
	_, resp, err := websocket.DefaultDialer.Dial(ts.wsURL(""), http.Header{"Origin": {"https://evil.example"}})
	if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("foreign origin: err %v, resp %v; want 403", err, resp)
	}
	for _, origin := range []string{"https://friend.example", ts.url} {
		c := ts.dial(t, "", http.Header{"Origin": {origin}})
		c.hello()
	}
}

func TestWSRouteOnlyWithWebSocket(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	_, resp, err := websocket.DefaultDialer.Dial(ts.wsURL(""), nil)
	if err == nil || resp == nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("without WebSocket: err %v resp %v; want 404", err, resp)
	}
}

func TestWSCompressionNegotiated(t *testing.T) {
	for _, off := range []bool{false, true} {
		ts := startServer(t, Config{WebSocket: true, NoCompression: off}, nil)
		d := websocket.Dialer{EnableCompression: true}
		c, resp, err := d.Dial(ts.wsURL(""), nil)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Contains(resp.Header.Get("Sec-WebSocket-Extensions"), "permessage-deflate")
		if got == off {
			t.Errorf("NoCompression=%v: permessage-deflate negotiated = %v", off, got)
		}
		w := &wsc{t: t, conn: c}
		w.hello()
		w.send(map[string]any{"cmd": strings.Repeat("compress me ", 100)})
		if m := w.expect("text"); !strings.Contains(m.str("text"), "compress me") {
			t.Errorf("compressed round trip: %v", m)
		}
		c.Close()
	}
}

// PROTOCOL.md limits row 6: a panic while handling a message →
// message_error to that client; others and the game carry on.
func TestWSPanicIsContained(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	a, b := ts.dial(t, "", nil), ts.dial(t, "", nil)
	a.hello()
	b.hello()
	a.send(map[string]any{"cmd": "panic"})
	if m := a.expect("message_error"); !strings.Contains(m.str("error"), "failed") {
		t.Errorf("after a panic: %v", m)
	}
	b.send(map[string]any{"cmd": "b goes on"})
	if m := b.expect("text"); !strings.Contains(m.str("text"), "b goes on") {
		t.Errorf("other client: %v", m)
	}
	if m := a.expect("text"); !strings.Contains(m.str("text"), "b goes on") {
		t.Errorf("the panicking client's connection: %v", m)
	}
}

// PROTOCOL.md limits row 8: shutdown → close 1001 to every client, and
// what the player sent before is in the game.
func TestWSGracefulShutdown(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	a, b := ts.dial(t, "", nil), ts.dial(t, "", nil)
	a.hello()
	b.hello()
	a.send(map[string]any{"cmd": "last words"})
	a.expect("text")
	// Read as a browser does, so each close frame is answered at once.
	codes := make(chan int, 2)
	for _, c := range []*wsc{a, b} {
		go func() { codes <- closeCode(c.closed()) }()
	}
	if err := ts.stop(); err != nil {
		t.Errorf("Serve returned %v after shutdown, want nil", err)
	}
	for range 2 {
		if code := <-codes; code != websocket.CloseGoingAway {
			t.Errorf("close code %d, want 1001", code)
		}
	}
	if got := ts.game.Sent(); !slices.Contains(got, tio.Line("last words")) {
		t.Errorf("the game received %v", got)
	}
}

// POST /tale/quit ends the game: the ending, then close 1000; a later
// connection is told the game is over.
func TestWSQuit(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	c := ts.dial(t, "", nil)
	hello, _ := c.hello()
	if status, _ := ts.request(t, "POST", "/tale/quit", "", "", ""); status != http.StatusForbidden {
		t.Errorf("quit without a session: %d, want 403", status)
	}
	if status, m := ts.request(t, "POST", "/tale/quit", hello.str("session"), "", ""); status != http.StatusOK || m.str("status") != "ok" {
		t.Fatalf("quit: %d %v", status, m)
	}
	var end msg
	for end == nil {
		if m := c.next(); slices.Contains(m.special(), "end") {
			end = m
		}
	}
	if ending, _ := end["ending"].(map[string]any); ending["title"] != "You left" {
		t.Errorf("end message = %v, want the ending's title", end)
	}
	if code := closeCode(c.closed()); code != websocket.CloseNormalClosure {
		t.Errorf("close code %d after the game ended, want 1000", code)
	}
	_, resp, err := websocket.DefaultDialer.Dial(ts.wsURL(""), nil)
	if err == nil || resp == nil || resp.StatusCode != http.StatusGone {
		t.Errorf("connecting to an ended game: %v %v, want 410", err, resp)
	}
}

func TestWSImageAsData(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, Assets: storyAssets()}, nil)
	c := ts.dial(t, "", nil)
	c.hello()
	c.send(map[string]any{"cmd": "image"})
	m := c.expect("data")
	if m.str("mime") != "image/png" || m.str("data") != "iVBORw0KGgo=" || m.str("url") != "/tale/images/pics/hall.png" || m.seq() == 0 {
		t.Errorf("data message = %v", m)
	}
}

// A fresh tab on a game nobody has played yet gets the story's opening,
// replayed from the start as the driver does, rather than a bare look:
// connected at seq 0, then the opening's text and its state.
func TestWSFreshTabOnANewGameGetsTheOpening(t *testing.T) {
	ts := startServer(t, wsConfig(), newOpeningEchoGame(64, 64, echoInfo))
	c := ts.dial(t, "", nil)
	if m := c.expect("connected"); m.seq() != 0 {
		t.Errorf("connected %v, want seq 0: the stream starts with the first event", m)
	}
	if m := c.expect("text"); m.seq() != 1 || !strings.Contains(m.str("text"), "Welcome") || len(m.special()) != 0 {
		t.Errorf("first message %v, want the opening's text at seq 1", m)
	}
	if m := c.expect("text"); m.seq() != 2 || m.str("location") != "Hall" || m.str("exits") != "north,east" {
		t.Errorf("second message %v, want the opening's state at seq 2", m)
	}
}

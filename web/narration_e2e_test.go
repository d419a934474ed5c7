package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/llm"
	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/web"
)

// These tests run the driver's real narration (package narrate on the
// fake OpenAI-compatible server) through the web server, as `tale --web
// --llm-url` does. They live outside package web, which must not import
// the driver.

// e2eWait bounds each wait: a guard against a hang, not a measure of speed.
const e2eWait = 20 * time.Second

// hostileReply is long enough to stream as several pieces (the driver
// gathers ~160 bytes a piece) and tries markup, a tag of the story's own
// markup and a terminal escape.
const hostileReply = "<script>alert(1)</script> The hall is long and <bright>bright</bright>, " +
	"\x1b[31mred\x1b[0m & dusty; the door is open now, says the model, though it is not. " +
	"Lamps hum along the walls, and far off something drips, slow as a clock that has forgotten the hour."

type wsClient struct {
	t    *testing.T
	conn *websocket.Conn
}

type wireMsg struct {
	Type      string   `json:"type"`
	Text      string   `json:"text"`
	Special   []string `json:"special"`
	Location  string   `json:"location"`
	Seq       uint64   `json:"seq"`
	Narration *struct {
		ID    uint64 `json:"id"`
		Final bool   `json:"final"`
		Of    string `json:"of"`
	} `json:"narration"`
}

func (c *wsClient) next() wireMsg {
	c.t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(e2eWait))
	_, data, err := c.conn.ReadMessage()
	if err != nil {
		c.t.Fatalf("reading: %v", err)
	}
	var m wireMsg
	if err := json.Unmarshal(data, &m); err != nil {
		c.t.Fatalf("%q: %v", data, err)
	}
	return m
}

// narrated is a story played by the driver with narration on, served by
// the web server on 127.0.0.1 with WebSocket.
type narrated struct {
	ws, http string // the WebSocket's URL, the server's root
	eng      *narrate.Engine
}

// engineStats is what main hands web.Server.ObserveNarration.
func engineStats(eng *narrate.Engine) func() web.NarrationStats {
	return func() web.NarrationStats {
		s := eng.Stats()
		return web.NarrationStats{Requests: s.Requests, CacheHits: s.CacheHits, QueueFull: s.Dropped,
			OverBudget: s.OverBudget, Paused: s.Paused, Failures: s.Errors, Tokens: s.Tokens}
	}
}

func servedGame(t *testing.T, id string, b llmtest.Behaviour) narrated {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	fake := llmtest.New(b)
	t.Cleanup(fake.Close)
	client, err := llm.New(llm.Config{BaseURL: fake.BaseURL(), Model: "fake"})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := narrate.NewEngine(narrate.Config{Logger: quiet}, client)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	s, err := story.Load(stories.FS, id)
	if err != nil {
		t.Fatal(err)
	}
	nar := eng.Story(driver.NarrationStory(s))
	t.Cleanup(nar.Close)
	seed := uint64(7)
	g, err := driver.New(s, driver.Options{Seed: &seed, DataDir: t.TempDir(), Logger: quiet, Narrator: nar, Hosted: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	loop := make(chan error, 1)
	go func() { loop <- g.Run(ctx) }()
	srv, err := web.New(g.Session(), web.Config{WebSocket: true, Logger: quiet, Stdout: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	srv.ObserveNarration(engineStats(eng))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-served; <-loop })
	return narrated{ws: "ws://" + ln.Addr().String() + "/tale/ws", http: "http://" + ln.Addr().String(), eng: eng}
}

func dialWS(t *testing.T, url string) *wsClient {
	t.Helper()
	conn, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &wsClient{t: t, conn: conn}
}

func isNarration(m wireMsg) bool {
	return m.Narration != nil && len(m.Special) == 1 && m.Special[0] == "narration"
}

// A room's narration comes after the room's own text, as pieces and then
// a final with one id; the model's markup and escapes arrive as escaped
// characters; and a tab opened afterwards sees the authored look only.
func TestNarrationOverWebSocket(t *testing.T) {
	g := servedGame(t, "demo", llmtest.Behaviour{Reply: hostileReply, ChunkBytes: 7})
	c := dialWS(t, g.ws)
	if m := c.next(); m.Type != "connected" {
		t.Fatalf("first message %+v", m)
	}
	// North: a room the opening did not show, so the fresh connection's
	// replay of the opening cannot pass for the reply.
	if err := c.conn.WriteJSON(map[string]string{"cmd": "north"}); err != nil {
		t.Fatal(err)
	}
	var (
		authored bool     // the room's own text has arrived
		pieces   []string // of the narration that ended in a final with text
		byID     = map[uint64][]string{}
		final    wireMsg
	)
	for final.Narration == nil {
		m := c.next()
		switch {
		case m.Type == "text" && m.Narration == nil && strings.Contains(m.Text, "Cliff Path</span>"):
			authored = true
		case m.Type == "text" && m.Narration != nil:
			if !isNarration(m) {
				t.Fatalf("a narration without special [narration]: %+v", m)
			}
			n := m.Narration
			if n.Final && m.Text != "" && authored {
				final, pieces = m, byID[n.ID]
				break
			}
			if !n.Final {
				if !authored {
					byID[n.ID] = nil // the opening's, before the move: not the one tested
					continue
				}
				byID[n.ID] = append(byID[n.ID], m.Text)
			}
		}
	}
	if final.Narration.Of != "room" {
		t.Errorf("the room's narration is of %q, want room", final.Narration.Of)
	}
	if len(pieces) == 0 {
		t.Errorf("the narration came whole; want pieces streamed before its final")
	}
	streamed := strings.Join(pieces, "")
	for _, text := range []string{streamed, final.Text} {
		if strings.Contains(text, "<script") || strings.Contains(text, "<bright") || strings.Contains(text, "\x1b") {
			t.Errorf("model markup or escapes got through: %q", text)
		}
	}
	if !strings.Contains(final.Text, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(final.Text, "&amp; dusty") {
		t.Errorf("the final does not show the model's characters escaped: %q", final.Text)
	}
	if !strings.Contains(streamed, "The hall is long and ") {
		t.Errorf("the pieces lost the text or its spaces: %q", streamed)
	}
	if final.Location == "" {
		t.Errorf("a narration text message carries no state: %+v", final)
	}

	// A fresh tab: connected, then the current screen, with no narration.
	fresh := dialWS(t, g.ws)
	if m := fresh.next(); m.Type != "connected" {
		t.Fatalf("fresh tab: first message %+v", m)
	}
	screen := fresh.next()
	if screen.Type != "text" || screen.Narration != nil || strings.Contains(screen.Text, "dusty") || !strings.Contains(screen.Text, "Cliff Path</span>") {
		t.Errorf("a fresh tab's screen is not the authored look alone: %+v", screen)
	}
}

// /metrics carries the narrator's counters, as the engine counts them.
func TestNarrationMetrics(t *testing.T) {
	g := servedGame(t, "demo", llmtest.Behaviour{Reply: "Salt in the air."})
	c := dialWS(t, g.ws)
	c.next() // connected
	if err := c.conn.WriteJSON(map[string]string{"cmd": "north"}); err != nil {
		t.Fatal(err)
	}
	for m := c.next(); m.Narration == nil || !m.Narration.Final; m = c.next() {
	}
	// The opening's narration may still be on its way: scrape until the
	// counters held still around the scrape.
	var body []byte
	var st narrate.Stats
	for deadline := time.Now().Add(e2eWait); ; {
		before := g.eng.Stats()
		resp, err := http.Get(g.http + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if st = g.eng.Stats(); st == before || time.Now().After(deadline) {
			break
		}
	}
	if st.Requests == 0 {
		t.Fatalf("the engine sent no request: %+v", st)
	}
	for _, want := range []string{
		fmt.Sprintf("tale_narration_requests_total %d\n", st.Requests),
		fmt.Sprintf("tale_narration_cache_hits_total %d\n", st.CacheHits),
		`tale_narration_dropped_total{reason="queue_full"} 0`,
		`tale_narration_dropped_total{reason="over_budget"} 0`,
		"tale_narration_failures_total 0\n",
		"tale_narration_tokens_total ",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics has no %q:\n%s", want, grepNarration(string(body)))
		}
	}
}

func grepNarration(body string) string {
	var out []string
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, "tale_narration") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

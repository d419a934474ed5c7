package main

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/llm/llmtest"
)

// narrationMessage is a text message with what docs/protocol.md adds for
// a language model's narration.
type narrationMessage struct {
	Type      string   `json:"type"`
	Text      string   `json:"text"`
	Special   []string `json:"special"`
	Narration *struct {
		ID    uint64 `json:"id"`
		Final bool   `json:"final"`
		Of    string `json:"of"`
	} `json:"narration"`
}

// The "done when": `tale --web --websocket --llm-url` against the
// fake OpenAI-compatible server narrates the bundled stories in the
// browser. A look over the WebSocket is followed by the model's retelling
// of the room, marked as narration, after the room's own text, and
// /metrics counts the request: in the default hosted mode (a durable game
// per visitor) as with --shared (one game).
func TestWebNarratesTheBundledStories(t *testing.T) {
	for _, mode := range []struct {
		name string
		args []string
	}{{"hosted", nil}, {"shared", []string{"--shared"}}} {
		for _, game := range []string{"demo", "dungeon"} {
			t.Run(mode.name+"/"+game, func(t *testing.T) {
				fake := llmtest.New(llmtest.Behaviour{Reply: "The air is still, and smells of old stone."})
				defer fake.Close()
				wsURL := startWeb(t, append(mode.args, "--game", game, "--llm-url", fake.BaseURL())...)
				narratesLook(t, browserAt(t, wsURL), wsURL, fake)
			})
		}
	}
}

// narratesLook sends a look and reads until the model's final narration
// of the room, checking how it is marked and that /metrics counts it.
func narratesLook(t *testing.T, c *websocket.Conn, wsURL string, fake *llmtest.Server) {
	t.Helper()
	send(t, c, "look")
	c.SetReadDeadline(time.Now().Add(20 * time.Second))
	authored := false
	for {
		var m narrationMessage
		if err := c.ReadJSON(&m); err != nil {
			t.Fatalf("no narration after look (the model had %d requests): %v", fake.Requests(), err)
		}
		if m.Type != "text" {
			continue
		}
		if m.Narration == nil {
			authored = authored || strings.Contains(m.Text, "txt-location")
			continue
		}
		if len(m.Special) != 1 || m.Special[0] != "narration" {
			t.Errorf("a narration marked %v", m.Special)
		}
		if m.Narration.Final && strings.Contains(m.Text, "smells of old stone") {
			if !authored {
				t.Errorf("the narration came before any room text")
			}
			if m.Narration.Of != "room" {
				t.Errorf("narration of %q, want room", m.Narration.Of)
			}
			metricsURL := "http" + strings.TrimSuffix(strings.TrimPrefix(wsURL, "ws"), "/tale/ws") + "/metrics"
			resp, err := http.Get(metricsURL)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !regexp.MustCompile(`(?m)^tale_narration_requests_total [1-9]`).Match(body) {
				t.Errorf("/metrics has no narration requests:\n%s", body)
			}
			return
		}
	}
}

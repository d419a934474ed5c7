package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSSEConnectShowsTheCurrentScreen(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	s := ts.sse(t, "", nil)
	h := s.resp.Header
	if h.Get("Content-Type") != "text/event-stream; charset=utf-8" || h.Get("Cache-Control") != "no-cache" || h.Get("X-Accel-Buffering") != "no" {
		t.Errorf("stream headers = %v", h)
	}
	if first := s.nextAny(); first.retry == "" {
		t.Errorf("the stream starts with %+v, want a retry hint", first)
	}
	ck := s.resp.Header.Get("Set-Cookie")
	if !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Strict") || s.token == "" {
		t.Errorf("session cookie %q, want HttpOnly and SameSite=Strict", ck)
	}
	hello, screen := s.hello()
	if hello.str("session") != s.token || hello.seq() != ts.game.LastSeq() {
		t.Errorf("connected = %v, want the cookie's token and the last seq", hello)
	}
	if !strings.Contains(screen.str("text"), "Hall") || screen.str("exits") != "north,east" {
		t.Errorf("first screen = %v", screen)
	}
}

func TestSSECommandAndReply(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	s := ts.sse(t, "", nil)
	hello, _ := s.hello()
	status, ack := ts.post(t, s.token, "application/x-www-form-urlencoded", "cmd="+url.QueryEscape("<i>hi</i>"))
	if status != http.StatusOK || ack.str("status") != "ok" {
		t.Fatalf("POST = %d %v, want 200 ok", status, ack)
	}
	ev, reply := s.expect("text")
	if !strings.Contains(reply.str("text"), "You said: &lt;i&gt;hi&lt;/i&gt;") || ev.id != strconv.FormatUint(hello.seq()+1, 10) {
		t.Errorf("reply id %s %v", ev.id, reply)
	}
	// The same JSON a WebSocket client sends works too.
	if status, _ := ts.post(t, s.token, "application/json", `{"cmd": "json too"}`); status != http.StatusOK {
		t.Errorf("JSON POST: %d", status)
	}
	s.expect("text") // state after the first command
	if _, m := s.expect("text"); !strings.Contains(m.str("text"), "json too") {
		t.Errorf("JSON command reply: %v", m)
	}
}

func TestSSECompletions(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	status, m := ts.post(t, s.token, "application/x-www-form-urlencoded", "cmd=lo&autocomplete=1")
	got, _ := m["candidates"].([]any)
	if status != http.StatusOK || m.typ() != "completions" || m.str("prefix") != "lo" || len(got) != 2 {
		t.Errorf("POST autocomplete = %d %v", status, m)
	}
}

func TestSSEChoices(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	ts.post(t, s.token, "application/x-www-form-urlencoded", "cmd=menu")
	ev, menu := s.expect("choices")
	if ev.id == "" || len(menu["choices"].([]any)) != 2 {
		t.Fatalf("choices event %+v", ev)
	}
	status, _ := ts.post(t, s.token, "application/json", `{"type": "choice", "choice": {"choice_id": "1", "choice_text": "Red"}}`)
	if _, m := s.expect("text"); status != http.StatusOK || !strings.Contains(m.str("text"), "You picked 1") {
		t.Errorf("after picking: %d %v", status, m)
	}
}

// Two tabs, one on each transport, see the same game.
func TestSSEBroadcastAcrossTransports(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	w := ts.dial(t, "", nil)
	w.hello()
	w.send(map[string]any{"cmd": "from the socket"})
	fromWS := w.expect("text")
	ev, fromSSE := s.expect("text")
	if fromSSE.str("text") != fromWS.str("text") || ev.id != strconv.FormatUint(fromWS.seq(), 10) {
		t.Errorf("websocket tab %v, eventsource tab %v", fromWS, fromSSE)
	}
}

func TestSSEResumeWithLastEventID(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	ts.post(t, s.token, "application/x-www-form-urlencoded", "cmd=one")
	ev, _ := s.expect("text")
	s.resp.Body.Close() // dropped

	ts.game.Send(t.Context(), lineInput("spam 6"))
	last, _ := strconv.ParseUint(ev.id, 10, 64)
	eventually(t, "the game to answer", func() bool { return ts.game.LastSeq() >= last+7 })
	end := ts.game.LastSeq()

	r := ts.sse(t, "", http.Header{"Last-Event-Id": {ev.id}, "Cookie": {cookieName + "=" + s.token}})
	if _, m := r.expect("connected"); m.seq() != last {
		t.Fatalf("resumed connected %v, want seq %d", m, last)
	}
	for want := last + 1; want <= end; want++ {
		got := r.next()
		if got.id != strconv.FormatUint(want, 10) {
			t.Fatalf("resumed event id %s, want %d (nothing lost, nothing twice)", got.id, want)
		}
	}
}

// The browser client reopens the stream itself with ?session=&since=.
func TestSSEResumeWithQuery(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	s := ts.sse(t, "", nil)
	hello, _ := s.hello()
	s.resp.Body.Close()
	ts.game.Send(t.Context(), lineInput("spam 2"))
	eventually(t, "the game to answer", func() bool { return ts.game.LastSeq() >= hello.seq()+2 })
	r := ts.sse(t, "session="+s.token+"&since="+strconv.FormatUint(hello.seq(), 10), nil)
	r.expect("connected")
	if ev := r.next(); ev.id != strconv.FormatUint(hello.seq()+1, 10) {
		t.Errorf("first resumed event %+v", ev)
	}
}

func TestSSEResumeBeyondTheBuffer(t *testing.T) {
	ts := startServer(t, Config{}, newEchoGame(4, 64))
	s := ts.sse(t, "", nil)
	hello, _ := s.hello()
	s.resp.Body.Close()
	ts.game.Send(t.Context(), lineInput("spam 10"))
	eventually(t, "the game to answer", func() bool { return ts.game.LastSeq() >= hello.seq()+10 })
	r := ts.sse(t, "", http.Header{"Last-Event-Id": {strconv.FormatUint(hello.seq(), 10)}, "Cookie": {cookieName + "=" + s.token}})
	r.expect("connected")
	ev, screen := r.expect("text")
	if !slices.Equal(screen.special(), []string{"clear"}) || screen.str("location") != "Hall" || ev.id != strconv.FormatUint(ts.game.LastSeq(), 10) {
		t.Errorf("resync event id %s: %v", ev.id, screen)
	}
}

func TestSSEBadInput(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	before := ts.game.LastSeq()
	for _, tc := range badMessages {
		if tc.binary {
			continue
		}
		status, m := ts.post(t, s.token, "application/json", tc.body)
		if status != http.StatusBadRequest || m.typ() != "message_error" || !strings.Contains(m.str("error"), tc.says) {
			t.Errorf("%s: %d %v, want 400 and an error about %q", tc.name, status, m, tc.says)
		}
	}
	for body, says := range map[string]string{"": "no cmd", "cmd=caf%E9": "UTF-8", "cmd=x&autocomplete=maybe": "autocomplete"} {
		status, m := ts.post(t, s.token, "application/x-www-form-urlencoded", body)
		if status != http.StatusBadRequest || !strings.Contains(m.str("error"), says) {
			t.Errorf("form %q: %d %v, want 400 about %q", body, status, m, says)
		}
	}
	if status, m := ts.post(t, "", "application/x-www-form-urlencoded", "cmd=look"); status != http.StatusForbidden || m.typ() != "message_error" {
		t.Errorf("without a session: %d %v, want 403", status, m)
	}
	if ts.game.LastSeq() != before {
		t.Error("bad input changed the game")
	}
	ts.post(t, s.token, "application/x-www-form-urlencoded", "cmd=fine")
	if _, m := s.expect("text"); !strings.Contains(m.str("text"), "fine") {
		t.Errorf("the stream after bad input: %v", m)
	}
}

func TestSSEOversizedInput(t *testing.T) {
	ts := startServer(t, Config{ReadLimit: 1024}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	status, m := ts.post(t, s.token, "application/json", `{"cmd": "`+strings.Repeat("x", 2000)+`"}`)
	if status != http.StatusRequestEntityTooLarge || m.typ() != "message_error" {
		t.Errorf("oversized POST: %d %v, want 413", status, m)
	}
}

func TestSSEFloodIsLimited(t *testing.T) {
	ts := startServer(t, Config{RatePerSecond: 0.001, RateBurst: 2}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	var statuses []int
	for range 3 {
		status, _ := ts.post(t, s.token, "application/x-www-form-urlencoded", "cmd=again")
		statuses = append(statuses, status)
	}
	if !slices.Equal(statuses, []int{200, 200, 429}) {
		t.Errorf("statuses %v, want 200 200 429", statuses)
	}
}

func TestSSEKeepAlive(t *testing.T) {
	ts := startServer(t, Config{KeepAlive: 10 * time.Millisecond}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	for ev := s.nextAny(); ev.comment != "keep-alive"; ev = s.nextAny() {
	}
}

func TestSSEPanicIsContained(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	status, m := ts.post(t, s.token, "application/x-www-form-urlencoded", "cmd=panic")
	if status != http.StatusInternalServerError || m.typ() != "message_error" {
		t.Errorf("panic: %d %v, want 500 message_error", status, m)
	}
	ts.post(t, s.token, "application/x-www-form-urlencoded", "cmd=after")
	if _, m := s.expect("text"); !strings.Contains(m.str("text"), "after") {
		t.Errorf("after the panic: %v", m)
	}
}

func TestSSEGracefulShutdown(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	if err := ts.stop(); err != nil {
		t.Errorf("Serve returned %v, want nil", err)
	}
	s.ends()
}

func TestSSEQuitEndsTheStream(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	if status, _ := ts.request(t, "POST", "/tale/quit", s.token, "", ""); status != http.StatusOK {
		t.Fatalf("quit: %d", status)
	}
	var sawEnd bool
	for ev := range s.events {
		if ev.data != "" && slices.Contains(ev.msg(t).special(), "end") {
			sawEnd = true
		}
	}
	if !sawEnd {
		t.Error("the stream ended without the ending")
	}
	// 204 tells the browser to stop reconnecting.
	if r := ts.sse(t, "", nil); r.resp.StatusCode != http.StatusNoContent {
		t.Errorf("stream after the end: %d, want 204", r.resp.StatusCode)
	}
}

func TestSSEImageAsData(t *testing.T) {
	ts := startServer(t, Config{Assets: storyAssets()}, nil)
	s := ts.sse(t, "", nil)
	s.hello()
	ts.post(t, s.token, "application/x-www-form-urlencoded", "cmd=image")
	if ev, m := s.expect("data"); m.str("data") != "iVBORw0KGgo=" || ev.id == "" {
		t.Errorf("data event %+v", ev)
	}
}

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
	"github.com/tale-if/tale/web"
)

// These tests play the bundled demo to its winning ending through the real
// stack (story loader, driver loop, web server) over each transport, the way
// a browser would, and check that the ending arrives.

// serverMessage is the part of PROTOCOL.md's server messages the tests read.
type serverMessage struct {
	Type     string   `json:"type"`
	Seq      uint64   `json:"seq"`
	Text     string   `json:"text"`
	Special  []string `json:"special"`
	Location string   `json:"location"`
	Session  string   `json:"session"`
	Error    string   `json:"error"`
}

func (m serverMessage) has(special string) bool {
	for _, s := range m.Special {
		if s == special {
			return true
		}
	}
	return false
}

func startDemoServer(t *testing.T, websocketOn bool) (*httptest.Server, tio.Session) {
	t.Helper()
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	game, err := driver.New(s, driver.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { game.Run(ctx); close(done) }()
	// A test plays far faster than a person types; the rate limit has its
	// own tests in package web.
	srv, err := web.New(game.Session(), web.Config{WebSocket: websocketOn, Version: version, RatePerSecond: 1000, RateBurst: 1000})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.Close()
		cancel()
		<-done
	})
	return ts, game.Session()
}

// playWalkthrough sends each command and reads its whole reply before the
// next, as a person would, and reports whether the ending arrived. The
// test knows where a reply ends from the session itself: once the first
// message of a command has arrived, the loop has taken the command, and
// tio.ReplyEnd after that names the reply's last seq.
func playWalkthrough(t *testing.T, sess tio.Session, send func(cmd string), read func() serverMessage) (ended bool) {
	t.Helper()
	lastSeq := readOpening(t, sess, read)
	for _, cmd := range walkthrough(t) {
		send(cmd)
		var target uint64
		for target == 0 || lastSeq < target {
			m := read()
			if m.Seq == 0 {
				continue
			}
			if m.Seq < lastSeq {
				t.Fatalf("after %q: seq went back from %d to %d", cmd, lastSeq, m.Seq)
			}
			if m.Seq > lastSeq && target == 0 {
				end, err := tio.ReplyEnd(context.Background(), sess)
				if err != nil {
					t.Fatal(err)
				}
				target = end
			}
			lastSeq = max(lastSeq, m.Seq)
			ended = ended || m.has("end")
		}
	}
	return ended
}

// readOpening reads what a fresh tab is shown before the player types:
// the story's opening, which must start with text (never a blank tab) and
// end with the state for the sidebar. It returns the last seq read.
func readOpening(t *testing.T, sess tio.Session, read func() serverMessage) uint64 {
	t.Helper()
	end := sess.LastSeq() // nothing has been sent, so this is the opening's end
	var all string
	var last serverMessage
	for last.Seq < end {
		last = read()
		if last.Type != "text" {
			t.Fatalf("the opening should be text messages, got %+v", last)
		}
		if last.Text != "" && all == "" && last.Location == "" {
			t.Errorf("the opening's text should come with the sidebar's state, got %+v", last)
		}
		all += last.Text
	}
	if all == "" || last.Location == "" {
		t.Errorf("a fresh tab should show the opening and the state; text %q, last %+v", all, last)
	}
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if want := html.EscapeString(markup.Strip(firstLine(s.Config.Intro))); !strings.Contains(all, want) {
		t.Errorf("a fresh tab on a new game should show the intro (%q)", want)
	}
	return last.Seq
}

func walkthrough(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("stories/demo/walkthrough.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

func TestDemoPlaysToItsEndingOverWebSocket(t *testing.T) {
	ts, sess := startDemoServer(t, true)
	conn, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(ts.URL, "http")+"/tale/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	read := func() serverMessage {
		t.Helper()
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		var m serverMessage
		if err := conn.ReadJSON(&m); err != nil {
			t.Fatalf("reading: %v", err)
		}
		if m.Type == "message_error" {
			t.Fatalf("server refused a message: %s", m.Error)
		}
		return m
	}
	if m := read(); m.Type != "connected" || m.Session == "" {
		t.Fatalf("first message should be connected with a session, got %+v", m)
	}
	send := func(cmd string) {
		if err := conn.WriteJSON(map[string]string{"cmd": cmd}); err != nil {
			t.Fatal(err)
		}
	}
	if !playWalkthrough(t, sess, send, read) {
		t.Error("the walkthrough ended without the story's ending")
	}
}

func TestDemoPlaysToItsEndingOverEventSource(t *testing.T) {
	ts, sess := startDemoServer(t, false)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.Get(ts.URL + "/tale/eventsource")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("content type %q", ct)
	}
	messages := make(chan serverMessage, 256)
	go func() {
		defer close(messages)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var m serverMessage
				if json.Unmarshal([]byte(data), &m) == nil {
					messages <- m
				}
			}
		}
	}()
	read := func() serverMessage {
		t.Helper()
		select {
		case m, ok := <-messages:
			if !ok {
				t.Fatal("the event stream ended early")
			}
			return m
		case <-time.After(5 * time.Second):
			t.Fatal("no message within 5s")
		}
		return serverMessage{}
	}
	if m := read(); m.Type != "connected" || m.Session == "" {
		t.Fatalf("the stream should start with connected and a session, got %+v", m)
	}
	send := func(cmd string) {
		r, err := client.PostForm(ts.URL+"/tale/input", url.Values{"cmd": {cmd}})
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode >= 300 {
			t.Fatalf("POST %q: status %d", cmd, r.StatusCode)
		}
	}
	if !playWalkthrough(t, sess, send, read) {
		t.Error("the walkthrough ended without the story's ending")
	}
}

// tale --mode mud --web --websocket, as an operator starts it: two
// players join the one world over WebSocket and hear each other.
func TestMUDServeTwoPlayersTalk(t *testing.T) {
	wsURL := serve(t, "--mode", "mud", "--web", "--websocket", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir()).ws()

	join := func(name string) (send func(string), until func(string) string) {
		c, _, err := websocket.DefaultDialer.Dial(wsURL, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		read := func() serverMessage {
			c.SetReadDeadline(time.Now().Add(10 * time.Second))
			var m serverMessage
			if err := c.ReadJSON(&m); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return m
		}
		if m := read(); m.Type != "connected" {
			t.Fatalf("%s: first message %+v", name, m)
		}
		if m := read(); !strings.Contains(m.Text, "What is your name?") {
			t.Fatalf("%s: no name prompt: %+v", name, m)
		}
		send = func(cmd string) { c.WriteJSON(map[string]string{"cmd": cmd}) }
		until = func(want string) string {
			var all strings.Builder
			for {
				m := read()
				txt := html.UnescapeString(m.Text)
				all.WriteString(txt)
				if strings.Contains(txt, want) {
					return all.String()
				}
			}
		}
		send(name)
		until("The Slipway")
		return send, until
	}
	annSend, annUntil := join("ann")
	bobSend, bobUntil := join("bob")
	annUntil("appears")
	bobSend("say ahoy")
	bobUntil("You say")
	if got := annUntil("ahoy"); !strings.Contains(got, "says: “ahoy”") {
		t.Errorf("Ann did not hear Bob: %s", got)
	}
	annSend("who")
	if got := annUntil("in the world"); !strings.Contains(got, "two players") {
		t.Errorf("who: %s", got)
	}
}

package main

import (
	"encoding/json"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// startWeb runs play with args on a free port and returns the ws URL.
func startWeb(t *testing.T, args ...string) string {
	t.Helper()
	return serve(t, append([]string{"--web", "--websocket", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir()}, args...)...).ws()
}

// browserAt connects with a cookie jar of its own, as a new browser.
func browserAt(t *testing.T, url string) *websocket.Conn {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	d := websocket.Dialer{Jar: jar}
	c, _, err := d.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// readUntil reads text messages until one contains want, and returns all
// their text.
func readUntil(t *testing.T, c *websocket.Conn, want string) string {
	t.Helper()
	var b strings.Builder
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		var m serverMessage
		if err := c.ReadJSON(&m); err != nil {
			t.Fatalf("waiting for %q: %v\nread:\n%s", want, err, b.String())
		}
		b.WriteString(m.Text)
		if strings.Contains(m.Text, want) {
			return b.String()
		}
	}
}

func send(t *testing.T, c *websocket.Conn, cmd string) {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"cmd": cmd})
	if err := c.WriteMessage(websocket.TextMessage, b); err != nil {
		t.Fatal(err)
	}
}

// tale --web gives each browser its own game: the second one starts on the
// slipway while the first has walked north.
func TestWebGivesEachVisitorTheirOwnGame(t *testing.T) {
	url := startWeb(t)
	a := browserAt(t, url)
	readUntil(t, a, "Slipway")
	send(t, a, "north")
	readUntil(t, a, "Cliff Path")
	b := browserAt(t, url)
	if got := readUntil(t, b, "Slipway"); strings.Contains(got, "Cliff Path") {
		t.Fatalf("a new browser sees the first one's game:\n%s", got)
	}
}

// tale --web --shared keeps the one game every connection plays.
func TestWebSharedIsOneGameForAll(t *testing.T) {
	url := startWeb(t, "--shared")
	a := browserAt(t, url)
	readUntil(t, a, "Slipway")
	send(t, a, "north")
	readUntil(t, a, "Cliff Path")
	b := browserAt(t, url)
	readUntil(t, b, "Cliff Path")
}

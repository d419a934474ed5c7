package web

import (
	"bytes"
	"strconv"
	"testing"
	"time"
)

// raw reads one frame as it came.
func (w *wsc) raw() []byte {
	w.t.Helper()
	w.conn.SetReadDeadline(time.Now().Add(waitLimit))
	_, b, err := w.conn.ReadMessage()
	if err != nil {
		w.t.Fatalf("reading: %v", err)
	}
	return b
}

// Three tabs of one game: two that took the state from their first
// screen, and one that resumed after the last event and has no state yet.
// The first two get the same bytes, rendered once for both; the third
// gets its own message (the text without a location) until a state event
// reaches all three, after which all three share again.
func TestTabsOfOneGameShareRenderedMessages(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true}, nil)
	a := ts.dial(t, "", nil)
	hello, _ := a.hello()
	token := hello.str("session")
	b := ts.dial(t, "session="+token, nil)
	b.hello()
	c := ts.dial(t, "session="+token+"&since="+strconv.FormatUint(ts.game.LastSeq(), 10), nil)
	c.expect("connected")
	g := ts.srv.lookupSeatByToken(t, token).game()

	a.send(map[string]any{"cmd": "echo hi"})
	fa, fb, fc := a.raw(), b.raw(), c.raw()
	if !bytes.Equal(fa, fb) {
		t.Errorf("two tabs with the same state got\n%s\n%s", fa, fb)
	}
	if ma, mc := decodeMsg(t, fa), decodeMsg(t, fc); ma.str("location") != "Hall" || mc.str("location") != "" || ma.str("text") != mc.str("text") {
		t.Errorf("the tab without a state got %v, the others %v: want the same text, a location only where a state was taken", mc, ma)
	}
	if n := g.rendered.len(); n != 2 {
		t.Errorf("%d messages kept for the game, want 2: one shared by the tabs with a state, one for the tab without", n)
	}

	a.send(map[string]any{"cmd": "go north"}) // text, then the new state
	for _, w := range []*wsc{a, b, c} {
		w.expect("text")
		if m := w.expect("text"); m.str("location") != "North Room" {
			t.Fatalf("state message %v", m)
		}
	}
	a.send(map[string]any{"cmd": "echo again"})
	fa, fb, fc = a.raw(), b.raw(), c.raw()
	if !bytes.Equal(fa, fb) || !bytes.Equal(fa, fc) {
		t.Errorf("tabs with the same state got different messages:\n%s\n%s\n%s", fa, fb, fc)
	}
}

// A game that one connection reads keeps nothing: there is nobody to
// share with.
func TestOneTabKeepsNoRenderedMessages(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true}, nil)
	a := ts.dial(t, "", nil)
	hello, _ := a.hello()
	a.send(map[string]any{"cmd": "echo hi"})
	a.expect("text")
	if n := ts.srv.lookupSeatByToken(t, hello.str("session")).game().rendered.len(); n != 0 {
		t.Errorf("%d messages kept for a game with one reader", n)
	}
}

func (s *Server) lookupSeatByToken(t *testing.T, token string) *seat {
	t.Helper()
	st, _, _ := s.hub.seat(token, nil)
	if st == nil {
		t.Fatalf("no seat %s", token)
	}
	return st
}

func (rc *renderCache) len() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return len(rc.msgs)
}

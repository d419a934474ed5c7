package web

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// readersHandedOver counts the goroutines a reader handed its connection
// to (client_ws.go, readerRespawnGap).
func readersHandedOver() int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "created by github.com/tale-if/tale/web.(*wsReader).pump") {
			n++
		}
	}
	return n
}

// A compressed message grows the reader's stack (gorilla resets a flate
// reader); a reader that grew after a quiet spell hands the connection to
// a fresh goroutine. Nothing of the conversation notices: every message
// after the handover is read, in order, and the connection still ends
// cleanly.
func TestWSReaderHandedOverReadsOnInOrder(t *testing.T) {
	ts := startServer(t, wsConfig(), nil)
	d := websocket.Dialer{EnableCompression: true, HandshakeTimeout: waitLimit}
	conn, _, err := d.Dial(ts.wsURL(""), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &wsc{t: t, conn: conn}
	t.Cleanup(func() { conn.Close() })
	c.hello()
	c.send(map[string]any{"cmd": "echo first"}) // the first message follows the handshake's quiet
	if m := c.expect("text"); !strings.Contains(m.str("text"), "echo first") {
		t.Fatalf("first reply %v", m)
	}
	eventually(t, "the reader to hand over to a new goroutine", func() bool { return readersHandedOver() == 1 })
	for _, cmd := range []string{"echo two", "echo three", "echo four"} {
		c.send(map[string]any{"cmd": cmd})
	}
	for _, want := range []string{"echo two", "echo three", "echo four"} {
		if m := c.expect("text"); !strings.Contains(m.str("text"), want) {
			t.Fatalf("after the handover: %v, want %q", m, want)
		}
	}
	if n := readersHandedOver(); n != 1 {
		t.Errorf("%d handed-over readers after messages without a pause, want the one", n)
	}
	conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(waitLimit))
	eventually(t, "the connection to be cleaned up", func() bool { ws, _ := ts.srv.hub.counts(); return ws == 0 })
	eventually(t, "the reader to end", func() bool { return readersHandedOver() == 0 })
}

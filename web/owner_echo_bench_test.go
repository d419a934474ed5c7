package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gorilla/websocket"
)

// benchOwnerEcho is the floor of any server with one owner of its world
// (contract 1): gorilla's echo of the same frames, but each message goes
// from the connection's reader to one owner goroutine, which hands it to
// the connection's writer goroutine, which writes it. Two hand-offs, as
// tale's reader -> game loop -> writer, and nothing else: no JSON, no
// game, no rendering. Tale's round trip over this one is what tale adds
// on top of what its contract costs; the bare echo (benchEcho) pays for
// neither.
func benchOwnerEcho(b *testing.B) string { return benchOwnerEchoOf(b, nil) }

// benchOwnerEchoOf is benchOwnerEcho answering every message with reply
// (the message itself when reply is nil), as benchEchoOf does.
func benchOwnerEchoOf(b *testing.B, reply []byte) string {
	b.Helper()
	type msg struct {
		to chan<- []byte
		p  []byte
	}
	inbox := make(chan msg, 64) // tiotest's inbox size: Send does not wait for the owner
	go func() {
		for m := range inbox {
			if m.p == nil { // the reader is done; the owner is the only sender to the writer
				close(m.to)
				continue
			}
			select {
			case m.to <- m.p:
			default: // a writer that does not keep up loses the message, never holds the owner
			}
		}
	}()
	up := websocket.Upgrader{ReadBufferSize: wsReadBuffer, WriteBufferSize: wsWriteBuffer, WriteBufferPool: &sync.Pool{}}
	var conns sync.WaitGroup
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		out := make(chan []byte, 16)
		conns.Add(1)
		go func() { // the reader
			defer conns.Done()
			defer c.Close()
			for {
				_, p, err := c.ReadMessage()
				if err != nil {
					inbox <- msg{out, nil}
					return
				}
				if reply != nil {
					p = reply
				}
				inbox <- msg{out, p}
			}
		}()
		go func() { // the writer
			for p := range out {
				if c.WriteMessage(websocket.TextMessage, p) != nil {
					return
				}
			}
		}()
	}))
	b.Cleanup(func() {
		ts.Close()
		conns.Wait()
		close(inbox)
	})
	return "ws" + strings.TrimPrefix(ts.URL, "http")
}

package web

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// deflated is s compressed as a permessage-deflate message body.
func deflated(t testing.TB, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(s))
	w.Flush()
	return bytes.TrimSuffix(b.Bytes(), []byte{0, 0, 0xff, 0xff})
}

// inflateOutcome is what the server must do with a deflated message body:
// inflate it as RFC 7692 says (the 00 00 ff ff put back) and see whether it
// breaks or grows past the limit first.
func inflateOutcome(body []byte, limit int) (tooBig, broken bool) {
	r := flate.NewReader(io.MultiReader(bytes.NewReader(body), strings.NewReader("\x00\x00\xff\xff\x01\x00\x00\xff\xff")))
	n, err := io.Copy(io.Discard, io.LimitReader(r, int64(limit)+1))
	return n > int64(limit), err != nil
}

// FuzzWSDeflatedMessage sends any bytes as the body of a compressed text
// frame to a real server. Whatever they inflate to, the server never
// inflates past its read limit: over it, close 1009; a stream that does not
// inflate, close 1002; anything else is a message like any other and is
// answered. The seeds include a compression bomb.
func FuzzWSDeflatedMessage(f *testing.F) {
	const limit = 4096
	cfg := Config{WebSocket: true, ReadLimit: limit, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Stdout: io.Discard}
	unlimited(&cfg)
	// Each connection gets its own game, so no input can end the game for
	// the inputs after it.
	srv, err := newServer(cfg, func(string) *game { return &game{Session: newEchoGame(16, 64)} }, nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	ts := serveWith(f, srv, nil, ln)

	for _, s := range []string{`{"cmd": "look"}`, `{"type": "ping"}`, `{"cmd": 1}`, "", strings.Repeat("x", limit+1)} {
		f.Add(deflated(f, s))
	}
	f.Add(deflateBomb(f, 1))                             // 1 MiB of zeros in about 1 KB
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x00})          // not DEFLATE
	f.Add(deflated(f, `{"cmd": "look"}`)[:5])            // cut short
	f.Add(append(deflated(f, `{"type": "ping"}`), 0x00)) // trailing garbage

	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > limit {
			t.Skip("the wire limit has its own test")
		}
		tooBig, broken := inflateOutcome(body, limit)
		c := ts.dialDeflate(t)
		c.writeRaw(clientFrame(websocket.TextMessage, true, body))
		switch {
		case tooBig:
			if code := closeCode(c.closed()); code != websocket.CloseMessageTooBig {
				t.Fatalf("%d bytes inflating past %d: close %d, want 1009", len(body), limit, code)
			}
		case broken:
			if code := closeCode(c.closed()); code != websocket.CloseProtocolError {
				t.Fatalf("a broken stream: close %d, want 1002", code)
			}
		default:
			c.conn.SetReadDeadline(time.Now().Add(waitLimit))
			_, data, err := c.conn.ReadMessage()
			if err != nil {
				t.Fatalf("a message that inflates within the limit was not answered: %v", err)
			}
			if !json.Valid(data) {
				t.Fatalf("answer %q is not JSON", data)
			}
		}
	})
}

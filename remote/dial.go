package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// Limits and periods of the connection.
const (
	// readLimit bounds one frame: a data message carries an image of up to
	// 4 MiB as base64 (docs/protocol.md), everything else is far smaller.
	readLimit = 6 << 20
	// handshakeWait bounds dialling and the wait for connected, so an
	// address that accepts TCP and says nothing is reported, not waited on.
	handshakeWait = 10 * time.Second
	// writeWait bounds every write, as the server bounds its own.
	writeWait = 10 * time.Second
	// pingPeriod: the client pings when it has sent nothing for this long,
	// well inside the 60 s idle timeout of common proxies.
	pingPeriod = 25 * time.Second
	// readIdle: nothing from the server for this long (it pings every 30 s,
	// and answers our pings) means the connection is dead.
	readIdle = 70 * time.Second
	// backoffMin and backoffMax bound the wait between reconnects: the
	// first retry is quick (a blip), a long outage costs a try every 30 s.
	backoffMin = 250 * time.Millisecond
	backoffMax = 30 * time.Second
	// defaultGiveUp: a server that stays unreachable this long is gone
	// (or the laptop is offline); the player is told, not left waiting.
	defaultGiveUp = 10 * time.Minute
	// maxToken bounds the session token the server hands out (it is 26
	// characters of base32).
	maxToken = 128
)

// ErrBadURL is a URL that cannot name a tale server's WebSocket.
var ErrBadURL = errors.New("not a tale server address")

// NoServerError is a URL where nothing answers as a tale server.
type NoServerError struct {
	URL string
	Err error
}

func (e *NoServerError) Error() string { return fmt.Sprintf("no tale server at %s (%v)", e.URL, e.Err) }
func (e *NoServerError) Unwrap() error { return e.Err }

// RefusedError is a server that answered and refused: an HTTP status
// before the upgrade (403, 421, 429, …) or a close right after it (1013),
// with the server's own sentence.
type RefusedError struct {
	URL      string
	Status   int    // the HTTP status, or the WebSocket close code
	Sentence string // the server's message_error or close reason; may be ""
}

func (e *RefusedError) Error() string {
	if e.Sentence != "" {
		return fmt.Sprintf("the server at %s refused: %s", e.URL, e.Sentence)
	}
	return fmt.Sprintf("the server at %s refused (%d %s)", e.URL, e.Status, http.StatusText(e.Status))
}

// permanent reports a refusal that retrying cannot mend.
func (e *RefusedError) permanent() bool {
	switch e.Status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusBadGateway,
		http.StatusGatewayTimeout, websocket.CloseTryAgainLater:
		return false
	}
	return true
}

// ParseURL checks a server address and fills in what may be left out:
// http and https mean ws and wss, and a bare host means /tale/ws.
func ParseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %v", ErrBadURL, raw, err)
	}
	switch u.Scheme {
	case "ws", "wss":
	case "http":
		u.Scheme = "ws"
	case "https":
		u.Scheme = "wss"
	default:
		return nil, fmt.Errorf("%w: %q: the URL must start with ws:// or wss:// (e.g. ws://127.0.0.1:8180/tale/ws)", ErrBadURL, raw)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%w: %q has no host", ErrBadURL, raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%w: %q: give the server's address without user, query or fragment", ErrBadURL, raw)
	}
	if u.Path == "" || u.Path == "/" || u.Path == "/tale" || u.Path == "/tale/" {
		u.Path = "/tale/ws"
	}
	return u, nil
}

// withQuery is base with the session token and resume point.
func withQuery(base *url.URL, token string, since int64) string {
	u := *base
	q := url.Values{}
	if token != "" {
		q.Set("session", token)
	}
	if since >= 0 {
		q.Set("since", strconv.FormatInt(since, 10))
	}
	// One frame per reply: the state rides in the text it led
	// (docs/protocol.md, "Folded state"); decode.go reads it back.
	q.Set("fold", "1")
	u.RawQuery = q.Encode()
	return u.String()
}

// connect dials and reads the connected message. Errors say who failed.
func (s *Session) connect(ctx context.Context, token string, since int64) (*websocket.Conn, serverMsg, error) {
	ctx, cancel := context.WithTimeout(ctx, handshakeWait)
	defer cancel()
	shown := s.base.String()
	ws, resp, err := s.dialer.DialContext(ctx, withQuery(s.base, token, since), nil)
	if err != nil {
		return nil, serverMsg{}, dialError(shown, resp, err)
	}
	ws.SetReadLimit(readLimit)
	ws.SetReadDeadline(time.Now().Add(handshakeWait))
	_, data, err := ws.ReadMessage()
	if err != nil {
		ws.Close()
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return nil, serverMsg{}, &RefusedError{URL: shown, Status: ce.Code, Sentence: line(ce.Text)}
		}
		return nil, serverMsg{}, &NoServerError{URL: shown, Err: err}
	}
	hello, err := decodeMessage(data)
	if err != nil || hello.Type != "connected" || hello.Session == "" || len(hello.Session) > maxToken ||
		strings.ContainsFunc(hello.Session, func(r rune) bool { return r <= ' ' || r > '~' }) {
		ws.Close()
		return nil, serverMsg{}, &NoServerError{URL: shown, Err: errors.New("it did not greet as a tale server does")}
	}
	return ws, hello, nil
}

// dialError explains a failed dial: nothing listening, or a refusal with
// the server's own sentence.
func dialError(shown string, resp *http.Response, err error) error {
	if errors.Is(err, websocket.ErrBadHandshake) && resp != nil {
		r := &RefusedError{URL: shown, Status: resp.StatusCode}
		var body struct {
			Type  string `json:"type"`
			Error string `json:"error"`
		}
		if b, rerr := io.ReadAll(io.LimitReader(resp.Body, maxField)); rerr == nil && json.Unmarshal(b, &body) == nil && body.Type == "message_error" {
			r.Sentence = line(body.Error)
		}
		switch {
		case r.Sentence != "":
		case resp.StatusCode == http.StatusNotFound:
			r.Sentence = "it serves no WebSocket there (start it with --web --websocket, and check the path)"
		case resp.StatusCode < 300:
			return &NoServerError{URL: shown, Err: errors.New("it answered, but not as a WebSocket")}
		}
		return r
	}
	return &NoServerError{URL: shown, Err: err}
}

// backoff is the wait before reconnect attempt n (from 0): doubling from
// backoffMin up to backoffMax, each drawn from its upper half, so clients
// cut off together do not come back together.
func backoff(n int) time.Duration {
	d := backoffMax
	if n < 16 {
		d = min(backoffMax, backoffMin<<n)
	}
	return d/2 + rand.N(d/2+1)
}

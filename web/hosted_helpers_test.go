package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/account"
	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/host"
	"github.com/tale-if/tale/store"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// hosted is a hosted server of the demo on a real SQLite store.
type hosted struct {
	*tserver
	accounts *account.Service
	games    *host.Host
}

// startHosted serves each visitor their own demo game, every cap raised
// (the tests' visitors all come from 127.0.0.1).
func startHosted(t testing.TB, registration bool, edit func(*Config)) *hosted {
	t.Helper()
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := store.OpenSQLite(context.Background(), t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	games, err := host.New(host.Options{Store: st, Story: s, Driver: driver.Options{Logger: quiet}, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	accounts := account.New(st, account.Config{})
	cfg := Config{WebSocket: true, Logger: quiet, Stdout: io.Discard}
	unlimited(&cfg)
	if edit != nil {
		edit(&cfg)
	}
	srv, err := NewHosted(Hosting{Games: games, Accounts: accounts, Registration: registration,
		Info: tio.StoryInfo{ID: s.ID, Name: s.Config.Name, Version: s.Config.Version}}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := serveWith(t, srv, nil, ln)
	t.Cleanup(func() { ts.stop(); games.Close(); st.Close() })
	return &hosted{tserver: ts, accounts: accounts, games: games}
}

// visitor is one browser: its own cookie jar, its connections.
type visitor struct {
	t    testing.TB
	h    *hosted
	jar  http.CookieJar
	http *http.Client
}

func (h *hosted) visitor(t testing.TB) *visitor {
	jar, _ := cookiejar.New(nil)
	return &visitor{t: t, h: h, jar: jar, http: &http.Client{Jar: jar, Timeout: waitLimit,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// connect opens a WebSocket with the visitor's cookies and reads its
// first screen; it returns the player reading it.
func (v *visitor) connect(query string) *mudPlayer {
	v.t.Helper()
	d := *websocket.DefaultDialer
	d.Jar = v.jar
	c, resp, err := d.Dial(v.h.wsURL(query), nil)
	if err != nil {
		v.t.Fatalf("dial: %v (%v)", err, resp)
	}
	w := &wsc{t: v.t, conn: c, resp: resp}
	v.t.Cleanup(func() { c.Close() })
	p := &mudPlayer{t: v.t, name: "visitor", r: w, send: func(cmd string) { w.send(map[string]string{"cmd": cmd}) }}
	connected := p.next()
	if connected.typ() != "connected" {
		v.t.Fatalf("got %v, want connected", connected)
	}
	p.seq = connected.seq()
	// The first screen may be several messages: a ping's pong comes after
	// all of them.
	w.send(map[string]string{"type": "ping"})
	for {
		m := w.next()
		if m.typ() == "pong" {
			return p
		}
		p.seq = max(p.seq, m.seq())
	}
}

// ws is the connection a player reads from.
func (p *mudPlayer) ws() *wsc { return p.r.(*wsc) }

// form posts an account form as the game page's fetch does, and returns
// the status and the JSON answer.
func (v *visitor) form(path string, vals url.Values) (int, msg, http.Header) {
	v.t.Helper()
	req, _ := http.NewRequest("POST", v.h.url+"/tale/account/"+path, strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := v.http.Do(req)
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	var m msg
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &m); err != nil {
		v.t.Fatalf("POST %s: %d %q is not JSON", path, resp.StatusCode, b)
	}
	return resp.StatusCode, m, resp.Header
}

// mustForm posts a form that must succeed.
func (v *visitor) mustForm(path string, vals url.Values) msg {
	v.t.Helper()
	code, m, _ := v.form(path, vals)
	if code != http.StatusOK {
		v.t.Fatalf("POST %s: %d %v", path, code, m)
	}
	return m
}

func creds(name, pw string) url.Values { return url.Values{"name": {name}, "password": {pw}} }

// closedWith reads until the server closes the connection and returns the
// message_error it sent before and the close code.
func (p *mudPlayer) closedWith() (why string, code int) {
	p.t.Helper()
	w := p.ws()
	deadline := time.Now().Add(waitLimit)
	for {
		w.conn.SetReadDeadline(deadline)
		_, data, err := w.conn.ReadMessage()
		if err != nil {
			return why, closeCode(err)
		}
		var m msg
		if json.Unmarshal(data, &m) == nil && m.typ() == "message_error" {
			why = m.str("error")
		}
	}
}

func wsDialerWith(v *visitor) *websocket.Dialer {
	d := *websocket.DefaultDialer
	d.Jar = v.jar
	return &d
}

// admin sends an @ line and reads until a notice contains want.
func (p *mudPlayer) admin(line, want string) string {
	p.t.Helper()
	p.send(line)
	return p.notice(want)
}

// notice reads until a notice contains want.
func (p *mudPlayer) notice(want string) string {
	p.t.Helper()
	for {
		m := p.next()
		if m.typ() == "notice" && strings.Contains(m.str("text"), want) {
			return m.str("text")
		}
	}
}

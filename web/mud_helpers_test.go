package web

import (
	"context"
	"errors"
	"html"
	"io"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// The MUD tests run the real driver: a world of the bundled demo, served
// by NewMUD as main serves it. driverWorld is main's adapter (mud.go in
// package main) again, since web does not import the driver.
type driverWorld struct {
	w *driver.World
	s *story.Story
}

func (d driverWorld) Join(ctx context.Context, name string) (Player, error) {
	seat, err := d.w.Join(ctx, name)
	if errors.Is(err, driver.ErrNameTaken) {
		return nil, ErrNameTaken
	}
	if err != nil {
		return nil, err
	}
	return seat, nil
}

func (d driverWorld) Info() tio.StoryInfo {
	return tio.StoryInfo{ID: d.s.ID, Name: d.s.Config.Name, Version: d.s.Config.Version, Mode: driver.ModeMUD}
}

// startMUD serves a MUD world of the demo, changed by edit when given,
// with every cap raised: the tests' players all come from 127.0.0.1.
func startMUD(t testing.TB, opts driver.Options, edit func(*story.Story)) *tserver {
	t.Helper()
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(s)
	}
	opts.Mode = driver.ModeMUD
	opts.DataDir = t.TempDir()
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	w, err := driver.NewWorld(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	cfg := Config{WebSocket: true, Logger: opts.Logger, Stdout: io.Discard}
	unlimited(&cfg)
	srv, err := NewMUD(driverWorld{w, s}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := serveWith(t, srv, nil, ln)
	t.Cleanup(func() { ts.stop(); cancel(); <-done })
	return ts
}

// reader is what a MUD test player reads from: a WebSocket or an
// EventSource client.
type reader interface{ nextMsg() msg }

func (w *wsc) nextMsg() msg { w.t.Helper(); return w.next() }
func (s *ssec) nextMsg() msg {
	s.t.Helper()
	ev := s.next()
	m := ev.msg(s.t)
	if ev.event != m.typ() {
		s.t.Fatalf("event %q carries a %s message", ev.event, m.typ())
	}
	return m
}

// mudPlayer is one player of a MUD test. Every stream message it reads
// is checked against the last seq: one more each time (no gap and no
// repeat), or the same for a snapshot group.
type mudPlayer struct {
	t     testing.TB
	name  string
	r     reader
	send  func(cmd string)
	token string
	seq   uint64
	state msg // the latest text message: the sidebar fields
}

func (p *mudPlayer) next() msg {
	p.t.Helper()
	m := p.r.nextMsg()
	switch m.typ() {
	case "text", "choices", "data":
		if m.seq() != p.seq+1 && !(m.seq() == 0 && p.seq == 0) { // the lobby's messages are all seq 0
			p.t.Fatalf("%s: seq %d after %d: %v", p.name, m.seq(), p.seq, m)
		}
		p.seq = m.seq()
		if m.typ() == "text" {
			p.state = m
		}
	case "message_error":
		p.t.Fatalf("%s: %s", p.name, m.str("error"))
	}
	return m
}

// until reads until a text message whose plain text contains want, and
// returns the plain text of everything read, that one included.
func (p *mudPlayer) until(want string) string {
	p.t.Helper()
	var b strings.Builder
	for {
		m := p.next()
		if m.typ() != "text" {
			continue
		}
		txt := plain(m.str("text"))
		b.WriteString(txt + "\n")
		if strings.Contains(txt, want) {
			return b.String()
		}
	}
}

// do sends cmd and reads until its reply contains want.
func (p *mudPlayer) do(cmd, want string) string {
	p.t.Helper()
	p.send(cmd)
	return p.until(want)
}

// sync is a barrier: everything the world told p before now has been
// read once the answer to "who" is in. It returns what p read meanwhile,
// the who list last.
func (p *mudPlayer) sync() string {
	p.t.Helper()
	return p.do("who", " in the world:")
}

var tags = regexp.MustCompile(`<[^>]*>`)

// plain is a text message's HTML as a person reads it.
func plain(h string) string {
	h = strings.ReplaceAll(h, "<br>", "\n")
	return html.UnescapeString(tags.ReplaceAllString(h, ""))
}

// joinWS opens a WebSocket in the lobby and joins as name.
func joinWS(t testing.TB, ts *tserver, name string) *mudPlayer {
	t.Helper()
	w := ts.dial(t, "", nil)
	p := &mudPlayer{t: t, name: name, r: w, send: func(cmd string) { w.send(map[string]string{"cmd": cmd}) }}
	p.lobby()
	p.do(name, "Slipway")
	return p
}

// joinSSE opens an EventSource in the lobby and joins as name by POST.
func joinSSE(t testing.TB, ts *tserver, name string) *mudPlayer {
	t.Helper()
	s := ts.sse(t, "", nil)
	p := &mudPlayer{t: t, name: name, r: s, token: s.token}
	p.send = func(cmd string) {
		if code, m := ts.post(t, s.token, "application/x-www-form-urlencoded", url.Values{"cmd": {cmd}}.Encode()); code != 200 {
			t.Fatalf("%s: POST %q: %d %v", name, cmd, code, m)
		}
	}
	p.lobby()
	p.do(name, "Slipway")
	return p
}

// lobby reads connected and the greeting of a seat without a player.
func (p *mudPlayer) lobby() {
	p.t.Helper()
	c := p.next()
	if c.typ() != "connected" || c.str("mode") != "mud" || c.seq() != 0 {
		p.t.Fatalf("%s: got %v, want connected in mode mud at seq 0", p.name, c)
	}
	p.token = c.str("session")
	g := p.next()
	if !strings.Contains(plain(g.str("text")), "What is your name?") || !hasSpecial(g, "clear") {
		p.t.Fatalf("%s: the lobby opens with %v, not a clear screen asking for a name", p.name, g)
	}
}

func hasSpecial(m msg, s string) bool {
	for _, v := range m.special() {
		if v == s {
			return true
		}
	}
	return false
}

package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/time/rate"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
	"github.com/tale-if/tale/tio/stream"
)

// Defaults for the zero Options.
const (
	// DefaultRing is the driver's own replay buffer: a front end that
	// falls behind resumes from as far back as it could locally.
	DefaultRing = 1024
	// DefaultSubBuffer is the room in a reader's channel, as tiotest's.
	DefaultSubBuffer = 256
	// DefaultRate and DefaultBurst pace every frame sent, just under the
	// server's default per-connection limit (10 a second, bursts of 20),
	// so no ping is refused and no command is dropped for speed.
	DefaultRate  = 9
	DefaultBurst = 18
)

// outboxSize is how much input may wait for a connection: a player who
// keeps typing through an outage is not blocked for the first 64 lines.
const outboxSize = 64

// barrierPrefix is the completion Sync asks for: a control character no
// word of any story starts with, so the answer is empty and cheap.
const barrierPrefix = "\x01"

// Options configure a Session. The zero value is right for a player.
type Options struct {
	// Ring is how many of the newest events a local reader can resume
	// from; DefaultRing when 0.
	Ring int
	// SubBuffer is the room in a reader's channel beyond its replay;
	// DefaultSubBuffer when 0.
	SubBuffer int
	// Rate (frames per second) and Burst pace what is sent; DefaultRate
	// and DefaultBurst when 0. Raise them only for a server whose limits
	// were raised too.
	Rate  float64
	Burst int
	// GiveUp is how long reconnecting may fail before the session ends
	// with an error; 10 minutes when 0.
	GiveUp time.Duration
	// Logger receives connection events; nil discards them.
	Logger *slog.Logger
	// AuthToken is an account's login token (Login): every connection
	// plays as that account. "" plays as a guest.
	AuthToken string
}

// Session is a tio.Session played on a tale server. Make one with Dial;
// all its methods are safe for concurrent use.
type Session struct {
	opts    Options
	base    *url.URL
	dialer  *websocket.Dialer
	log     *slog.Logger
	info    tio.StoryInfo
	out     chan outFrame // input waiting for the writer of the current connection
	pace    *rate.Limiter
	ctx     context.Context // ends with Close
	cancel  context.CancelFunc
	done    chan struct{} // closed when the session has ended
	stopped chan struct{} // closed when the connection manager has returned

	mu       sync.Mutex
	events   *stream.Stream
	ended    bool
	endErr   error
	token    string
	epoch    int    // grows when the server no longer knows the token: a new game
	seq      uint64 // the server's seq of the last stream message published
	progress chan struct{}
	carry    *outFrame // a frame whose write failed, sent first on the next connection
	played   bool
	sent     uint64 // inputs sent
	synced   uint64 // inputs a completed Sync covered
	last     struct{ text, state, menu *tio.Event }
}

var _ tio.Session = (*Session)(nil)

// frameKind says what answer a frame gets: a command none unless it is
// refused, a completion or a ping exactly one.
type frameKind uint8

const (
	frameInput frameKind = iota + 1
	frameComplete
	framePing
)

// outFrame is one message for the server; reply, for a completion, gets
// its answer (or a lost marker when the connection dropped first).
type outFrame struct {
	id    uint64 // set by the writer, to find the frame among those due
	kind  frameKind
	body  []byte
	reply chan serverMsg
}

// typeLost marks a reply that will never come: its connection dropped.
const typeLost = "\x00lost"

var pingBody = []byte(`{"type":"ping"}`)

// Dial connects to the tale server at rawURL (ws://host:port/tale/ws;
// see ParseURL) and returns once the first screen has arrived. Errors:
// ErrBadURL (wrapped), *NoServerError, *RefusedError, or ctx's.
func Dial(ctx context.Context, rawURL string, opts Options) (*Session, error) {
	base, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	opts = withDefaults(opts)
	// The server knows a visitor's own game by its cookie (a guest's or
	// an account's): kept for the session's life, it finds the same game
	// again after the server restarts and the resume token is forgotten.
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	if opts.AuthToken != "" {
		u, err := url.Parse(accountURL(base, ""))
		if err != nil {
			return nil, err
		}
		jar.SetCookies(u, []*http.Cookie{{Name: authCookie, Value: opts.AuthToken, Path: "/"}})
	}
	s := &Session{
		opts: opts, base: base, log: opts.Logger,
		dialer:   &websocket.Dialer{HandshakeTimeout: handshakeWait, ReadBufferSize: 4096, WriteBufferSize: 4096, Proxy: http.ProxyFromEnvironment, Jar: jar},
		out:      make(chan outFrame, outboxSize),
		pace:     rate.NewLimiter(rate.Limit(opts.Rate), opts.Burst),
		done:     make(chan struct{}),
		stopped:  make(chan struct{}),
		progress: make(chan struct{}),
	}
	s.events = stream.New(stream.Options{Ring: opts.Ring, Slack: opts.SubBuffer, Look: s.look,
		Run: func(f func()) {
			s.mu.Lock()
			defer s.mu.Unlock()
			f()
		}})
	ws, hello, err := s.connect(ctx, "", -1)
	if err != nil {
		return nil, err
	}
	s.ctx, s.cancel = context.WithCancel(context.WithoutCancel(ctx))
	s.token = hello.Session
	s.info = tio.StoryInfo{Name: line(hello.Story.Name), Version: line(hello.Story.Version), Mode: line(hello.Mode)}
	l := newLink(ws, hello.Seq, true)
	go s.manage(l)
	if err := s.firstScreen(ctx, hello.Seq); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func withDefaults(o Options) Options {
	if o.Ring <= 0 {
		o.Ring = DefaultRing
	}
	if o.SubBuffer <= 0 {
		o.SubBuffer = DefaultSubBuffer
	}
	if o.Rate <= 0 {
		o.Rate = DefaultRate
	}
	if o.Burst <= 0 {
		o.Burst = DefaultBurst
	}
	if o.GiveUp <= 0 {
		o.GiveUp = defaultGiveUp
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Info names the story as the server does (name, version, mode).
func (s *Session) Info() tio.StoryInfo { return s.info }

// LastSeq is the local seq of the newest event.
func (s *Session) LastSeq() uint64 { return s.events.LastSeq() }

// Subscribe serves the local stream, as the driver serves its own.
func (s *Session) Subscribe(ctx context.Context, since int64) (*tio.Subscription, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended {
		return nil, tio.ErrSessionClosed
	}
	return s.events.Subscribe(since, s.played), nil
}

// Send queues in for the server; it waits only while the outbox is full.
func (s *Session) Send(ctx context.Context, in tio.Input) error {
	in = in.Clean()
	var msg any
	switch in.Kind {
	case tio.InputChoice:
		msg = map[string]any{"type": "choice", "choice": map[string]string{"choice_id": in.ChoiceID, "choice_text": ""}}
	default:
		msg = map[string]string{"cmd": in.Line}
	}
	body, _ := json.Marshal(msg) // strings and maps of strings always marshal
	s.mu.Lock()
	if s.ended {
		s.mu.Unlock()
		return tio.ErrSessionClosed
	}
	s.played = true
	s.sent++
	s.last.menu = nil // another command closes the menu
	s.mu.Unlock()
	return s.enqueue(ctx, outFrame{kind: frameInput, body: body})
}

func (s *Session) enqueue(ctx context.Context, f outFrame) error {
	select {
	case <-s.done:
		return tio.ErrSessionClosed
	default:
	}
	select {
	case s.out <- f:
		return nil
	case <-s.done:
		return tio.ErrSessionClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Complete asks the server; a refusal (too many messages) is an error
// with the server's sentence.
func (s *Session) Complete(ctx context.Context, prefix string) ([]string, error) {
	m, err := s.ask(ctx, prefix)
	if err != nil {
		return nil, err
	}
	switch m.Type {
	case "completions":
		return m.completions(), nil
	case "message_error":
		return nil, errors.New(line(m.Error))
	case typeLost:
		return nil, errors.New("the connection to the server dropped; try again")
	}
	return nil, fmt.Errorf("the server answered a completion with %q", line(m.Type))
}

// ask sends a completion request and waits for its answer.
func (s *Session) ask(ctx context.Context, prefix string) (serverMsg, error) {
	if len(prefix) > tio.MaxLineBytes {
		prefix = prefix[:tio.MaxLineBytes]
	}
	body, _ := json.Marshal(map[string]any{"cmd": prefix, "autocomplete": 1})
	reply := make(chan serverMsg, 1)
	if err := s.enqueue(ctx, outFrame{kind: frameComplete, body: body, reply: reply}); err != nil {
		return serverMsg{}, err
	}
	select {
	case m := <-reply:
		return m, nil
	case <-s.done:
		return serverMsg{}, tio.ErrSessionClosed
	case <-ctx.Done():
		return serverMsg{}, ctx.Err()
	}
}

// Close hangs up. The local streams close after what they hold.
func (s *Session) Close() error {
	s.cancel()
	<-s.stopped
	return nil
}

// Err is why the session ended: nil while it runs, after Close and after
// the game's end; the last connection error when reconnecting gave up or
// the server refused the player for good.
func (s *Session) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.endErr
}

// Done is closed when the session has ended.
func (s *Session) Done() <-chan struct{} { return s.done }

// end closes the session once: the streams close after what they hold.
func (s *Session) end(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended {
		return
	}
	s.ended, s.endErr = true, err
	s.events.Close()
	close(s.done)
}

// look is what a local reader without history sees first: the last text
// and state, and the menu still open. Called under s.mu (stream.Options.Look).
func (s *Session) look() []tio.Event {
	var evs []tio.Event
	for _, ev := range []*tio.Event{s.last.text, s.last.state, s.last.menu} {
		if ev != nil {
			evs = append(evs, *ev)
		}
	}
	return evs
}

// publish appends events to the local stream. Called under s.mu.
func (s *Session) publish(evs ...tio.Event) {
	for _, ev := range evs {
		ev = s.events.Publish(ev)
		switch ev.Kind {
		case tio.KindText:
			s.last.text = &ev
		case tio.KindState:
			s.last.state = &ev
		case tio.KindChoices:
			s.last.menu = &ev
		}
	}
}

// notice tells the player something about the connection, as text.
func (s *Session) notice(sentence string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ended {
		// Not remembered as the last text: a fresh reader needs the game's.
		s.events.Publish(tio.Event{Kind: tio.KindText, Text: "<dim>" + markup.Escape(line(sentence)) + "</dim>"})
	}
}

// advanced is called under s.mu when the server seq or the game moved on.
func (s *Session) advanced() {
	close(s.progress)
	s.progress = make(chan struct{})
}

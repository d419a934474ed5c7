package web

import (
	"context"
	"crypto/rand"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/tale-if/tale/tio"
)

// game is a tio.Session with what the web layer keeps about it. In IF mode
// every seat shares one game; in MUD mode each seat has its own player.
type game struct {
	tio.Session
	timer cmdTimer
	msgs  *rate.Limiter                   // messages it takes per second from all its players (limits.go)
	leave func(ctx context.Context) error // MUD: takes the player out of the world; nil in IF mode

	readers  atomic.Int32 // connections whose writers read its events now
	rendered renderCache  // their rendered messages, when there are several (shared.go)
}

// seat is a session token's place at the game: the browser's identity for
// resume and for POST input, shared by all its tabs.
type seat struct {
	token string
	owner string    // hosted mode: the account or guest id whose game this is
	rate  lazyGuard // POST input; a WebSocket has its own

	// The game can change in MUD mode (join, leave), so it is behind a
	// mutex: every request of the seat reads it.
	mu     sync.Mutex
	g      *game         // nil: a MUD seat whose player has not joined yet, or has left
	joined chan struct{} // closed once g is set; lobby connections wait on it
	naming sync.Mutex    // one name at a time per seat (join.go)

	// Owned by the hub goroutine. A seat has a tab or two: a slice of them
	// is a pointer or two, a map was ~190 bytes of every connection.
	conns          []*client
	lastUsed       time.Time
	leaveWhenEmpty bool // MUD: the player leaves the world once its last connection is gone (ban, kick)
}

func newSeat(token string, g *game, rate func() *rateGuard) *seat {
	st := &seat{token: token, rate: lazyGuard{make: rate}, g: g, joined: alreadyJoined, lastUsed: time.Now()}
	if g == nil {
		st.joined = make(chan struct{})
	}
	return st
}

// alreadyJoined is the joined of every seat made with its game (all of
// them in IF mode): one closed channel rather than one each.
var alreadyJoined = func() chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}()

// dropConn forgets one of the seat's connections. Hub goroutine.
func (st *seat) dropConn(c *client) {
	if i := slices.Index(st.conns, c); i >= 0 {
		st.conns = slices.Delete(st.conns, i, i+1)
	}
	if len(st.conns) == 0 {
		st.conns = nil // a seat kept for resume holds no array
	}
}

// game is the game the seat plays, or nil (MUD: no player yet, or gone).
func (st *seat) game() *game {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.g
}

// joinedCh is closed once the seat has a game.
func (st *seat) joinedCh() <-chan struct{} {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.joined
}

// seatPlayer gives the seat its player's game and wakes the lobby
// connections waiting for it.
func (st *seat) seatPlayer(g *game) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.g = g
	if st.joined != alreadyJoined {
		close(st.joined)
	}
}

// forget drops g once its player has left the world, so the seat's next
// connection asks for a name again. A newer game is left alone.
func (st *seat) forget(g *game) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.g == g && g != nil {
		st.g = nil
		st.joined = make(chan struct{})
	}
}

// hub owns every connection and seat. One goroutine (run) touches the maps;
// everybody else sends it a closure (STYLE.md §1.4 item 1), so there is no
// mutex and no lock order to get wrong. It never writes to a connection:
// it hands messages to connection queues without waiting (client.enqueue).
type hub struct {
	calls   chan func()
	stopped chan struct{}

	seats   map[string]*seat
	owners  map[string]*seat // hosted mode: the seat of each owner (account or guest id)
	clients map[*client]struct{}
	closing bool

	newGame      func(token string) *game
	newRate      func() *rateGuard
	resumeWindow time.Duration
	maxSeats     int
	metrics      *metrics
}

func newHub(cfg Config, m *metrics, newGame func(string) *game) *hub {
	return &hub{
		calls:        make(chan func()),
		stopped:      make(chan struct{}),
		seats:        map[string]*seat{},
		owners:       map[string]*seat{},
		clients:      map[*client]struct{}{},
		newGame:      newGame,
		newRate:      func() *rateGuard { return newRateGuard(cfg) },
		resumeWindow: cfg.ResumeWindow,
		maxSeats:     cfg.MaxSessions,
		metrics:      m,
	}
}

// run is the hub's loop; it returns when stop is closed.
func (h *hub) run(stop <-chan struct{}) {
	defer close(h.stopped)
	sweep := time.NewTicker(min(h.resumeWindow, time.Minute))
	defer sweep.Stop()
	for {
		select {
		case f := <-h.calls:
			f()
		case now := <-sweep.C:
			h.expire(now)
		case <-stop:
			return
		}
	}
}

// do runs f on the hub goroutine and waits for it. It reports false when
// the hub has stopped and f did not run.
func (h *hub) do(f func()) bool {
	ran := make(chan struct{})
	select {
	case h.calls <- func() { f(); close(ran) }:
		<-ran
		return true
	case <-h.stopped:
		return false
	}
}

// seat finds the seat of token. An unknown or empty token gets a new seat
// with a fresh token when mint is given and allows it (known is false
// then); mint's error refuses the new seat. Without mint, or while the
// server shuts down, s is nil.
func (h *hub) seat(token string, mint func() error) (s *seat, known bool, err error) {
	h.do(func() {
		if s = h.seats[token]; s != nil {
			s.lastUsed = time.Now()
			known = true
			return
		}
		if mint == nil || h.closing {
			return
		}
		if err = mint(); err != nil {
			return
		}
		token := newToken()
		s = newSeat(token, h.newGame(token), h.newRate)
		h.seats[s.token] = s
		if len(h.seats) > h.maxSeats {
			h.dropOldestIdle(s)
		}
	})
	return s, known, err
}

// ownerSeat is the seat of owner in hosted mode, made on first use: every
// browser and tab of one owner shares it, as they share the owner's game.
// It is nil while the server shuts down.
func (h *hub) ownerSeat(owner string) (s *seat) {
	h.do(func() {
		if s = h.owners[owner]; s != nil {
			s.lastUsed = time.Now()
			return
		}
		if h.closing {
			return
		}
		s = newSeat(newToken(), nil, h.newRate)
		s.owner = owner
		h.seats[s.token] = s
		h.owners[owner] = s
		if len(h.seats) > h.maxSeats {
			h.dropOldestIdle(s)
		}
	})
	return s
}

// newToken is 128 random bits and more, as text fit for a URL and a cookie.
func newToken() string { return rand.Text() }

// attach registers a connection; it fails while the server shuts down, so
// no stream starts after closeAll has run, and for an account already at
// maxPerAccount connections (0: no cap).
func (h *hub) attach(c *client, maxPerAccount int) error {
	err := ErrShuttingDown
	h.do(func() {
		if h.closing {
			return
		}
		if c.authSession != "" && maxPerAccount > 0 && len(c.seat.conns) >= maxPerAccount {
			err = ErrTooManyAccountConns
			return
		}
		err = nil
		h.clients[c] = struct{}{}
		c.seat.conns = append(c.seat.conns, c)
		c.seat.lastUsed = time.Now()
		h.metrics.connections.WithLabelValues(c.transport).Inc()
	})
	return err
}

// detach forgets a connection; its seat stays for resume.
func (h *hub) detach(c *client) {
	h.do(func() {
		if _, ok := h.clients[c]; !ok {
			return
		}
		delete(h.clients, c)
		c.seat.dropConn(c)
		if len(c.seat.conns) == 0 && c.seat.leaveWhenEmpty {
			h.leave(c.seat)
		}
		c.seat.lastUsed = time.Now()
		h.metrics.connections.WithLabelValues(c.transport).Dec()
	})
}

// broadcast queues m for every connection of the seat with token, or for
// everyone when token is "". IF output does not need it (each connection
// subscribes to the one game); it is the path for MUD rooms and for server
// notices. A connection whose queue is full is evicted, never waited for.
func (h *hub) broadcast(m *outMsg, token string) {
	h.do(func() {
		if token == "" {
			for c := range h.clients {
				c.enqueue(m)
			}
			return
		}
		if s := h.seats[token]; s != nil {
			for _, c := range s.conns {
				c.enqueue(m)
			}
		}
	})
}

// closeWhere tells every connection that match selects why it ends, with
// a message_error, and closes it with code. The message goes through the
// connection's queue, so the writer sends it before the close frame.
func (h *hub) closeWhere(match func(c *client) bool, code int, why error) {
	m := errorMessage(why)
	h.do(func() {
		for c := range h.clients {
			if match(c) {
				c.enqueue(m)
				c.stopAfterQueue(code, errorSentence(why))
			}
		}
	})
}

// online lists, for each owner with an open connection, how many it has.
func (h *hub) online() map[string]int {
	n := map[string]int{}
	h.do(func() {
		for owner, s := range h.owners {
			if len(s.conns) > 0 {
				n[owner] = len(s.conns)
			}
		}
	})
	return n
}

// closeAll ends every connection with code and refuses new ones.
func (h *hub) closeAll(code int, reason string) {
	h.do(func() {
		h.closing = true
		for c := range h.clients {
			c.stop(code, reason)
		}
	})
}

// counts reports connections by transport.
func (h *hub) counts() (ws, sse int) {
	h.do(func() {
		for c := range h.clients {
			if c.transport == transportWS {
				ws++
			} else {
				sse++
			}
		}
	})
	return ws, sse
}

// expire forgets seats that nobody used within the resume window.
func (h *hub) expire(now time.Time) {
	for _, s := range h.seats {
		if len(s.conns) == 0 && now.Sub(s.lastUsed) > h.resumeWindow {
			h.drop(s)
		}
	}
}

// dropOldestIdle forgets the longest unused seat without a connection,
// never keep: the seat just created, whose connection has not attached
// yet. When every other seat is connected, nothing is dropped.
func (h *hub) dropOldestIdle(keep *seat) {
	var oldest *seat
	for _, s := range h.seats {
		if s != keep && len(s.conns) == 0 && (oldest == nil || s.lastUsed.Before(oldest.lastUsed)) {
			oldest = s
		}
	}
	if oldest != nil {
		h.drop(oldest)
	}
}

// drop forgets a seat. Its MUD player, whose token nobody can use any
// more, leaves the world (on its own goroutine: the hub never waits for
// the game).
func (h *hub) drop(s *seat) {
	delete(h.seats, s.token)
	if s.owner != "" && h.owners[s.owner] == s {
		delete(h.owners, s.owner)
	}
	if g := s.game(); g != nil && g.leave != nil {
		go g.leave(context.Background())
	}
}

// leave takes a MUD seat's player out of the world, on its own goroutine
// (the hub never waits for the game); the seat's next connection joins
// again.
func (h *hub) leave(s *seat) {
	s.leaveWhenEmpty = false
	if g := s.game(); g != nil && g.leave != nil {
		s.forget(g)
		go g.leave(context.Background())
	}
}

// players counts seats with at least one open connection.
func (h *hub) players() (n int) {
	h.do(func() {
		for _, s := range h.seats {
			if len(s.conns) > 0 {
				n++
			}
		}
	})
	return n
}

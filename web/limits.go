package web

import (
	"errors"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The per-connection rate limit (rateGuard) is no limit for a client that
// opens more connections or mints more sessions. So what a client can
// spend is also bounded by its address and by the game it plays:
//
//   - open connections: per address (MaxConnsPerIP) and in all (MaxConns);
//   - new sessions: per address per minute (NewSessionsPerIP);
//   - messages that reach the game (commands, choices, completions): per
//     address (IPRatePerSecond), across all its connections and sessions,
//     and per game (GameRatePerSecond), across everybody who plays it.
//
// The address budget is below the game's, so one address flooding leaves
// the game room for everybody else.

// peerIdle is how long an address with no connection is remembered: its
// new-session budget refills within a minute, and forgetting it earlier
// would hand a flooder a fresh one.
const peerIdle = time.Minute

// maxPeers bounds the addresses remembered at once (a few hundred bytes
// each), so that a flood from many addresses cannot grow memory without
// end; past it, new addresses are refused until idle ones are forgotten.
const maxPeers = 100_000

// peer is one client address and what it may still spend.
type peer struct {
	key   string
	seats *rate.Limiter // new sessions
	msgs  *rate.Limiter // messages that reach a game

	// Guarded by peers.mu.
	conns    int
	lastSeen time.Time
}

// peers is the table of client addresses. Unlike the hub it is touched
// on every request and every game message, from many goroutines at once,
// so it has a mutex instead of a goroutine; nothing slow happens under it.
type peers struct {
	cfg Config

	mu        sync.Mutex
	byKey     map[string]*peer
	conns     int
	lastSweep time.Time
}

func newPeers(cfg Config) *peers {
	return &peers{cfg: cfg, byKey: map[string]*peer{}, lastSweep: time.Now()}
}

// clientKey is the address limits are kept by: the TCP peer, or, when the
// peer is one of the trusted proxies, the client the proxy names in
// X-Forwarded-For. An IPv6 client is keyed by its /64, the block one
// subscriber gets, since it can use any address in it.
//
// Trusted proxies: behind a reverse proxy every client shares the
// proxy's address. X-Forwarded-For is read here, and only here, and only
// from a peer in trusted (--trusted-proxy): anyone else can write that
// header. The client is the right-most address that is not itself a
// trusted proxy, since each proxy appends the peer it saw, and whatever
// the client sent stands to the left of what our proxies added.
func clientKey(r *http.Request, trusted []netip.Prefix) string {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr // not IP (a test's in-memory pipe): one peer per name
	}
	addr := ap.Addr().Unmap()
	if isTrusted(addr, trusted) {
		addr = forwardedClient(r.Header.Values("X-Forwarded-For"), addr, trusted)
	}
	if addr.Is6() {
		p, _ := addr.WithZone("").Prefix(64)
		return p.String()
	}
	return addr.String()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// forwardedClient walks X-Forwarded-For from the right past the trusted
// proxies; peer stands when the header names nobody usable.
func forwardedClient(headers []string, peer netip.Addr, trusted []netip.Prefix) netip.Addr {
	var hops []string
	for _, h := range headers {
		hops = append(hops, strings.Split(h, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer // a malformed hop: nothing to its left can be trusted
		}
		a = a.Unmap()
		if !isTrusted(a, trusted) {
			return a
		}
		peer = a
	}
	return peer
}

// of returns the peer of r's address, or nil when the table is full of
// addresses that are all still active.
func (ps *peers) of(r *http.Request) *peer {
	key := clientKey(r, ps.cfg.TrustedProxies)
	now := time.Now()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if p := ps.byKey[key]; p != nil {
		p.lastSeen = now
		return p
	}
	if now.Sub(ps.lastSweep) > peerIdle || len(ps.byKey) >= maxPeers {
		ps.sweep(now)
	}
	if len(ps.byKey) >= maxPeers {
		return nil
	}
	c := ps.cfg
	p := &peer{
		key:      key,
		seats:    rate.NewLimiter(rate.Every(time.Minute/time.Duration(c.NewSessionsPerIP)), c.NewSessionsPerIP),
		msgs:     rate.NewLimiter(rate.Limit(c.IPRatePerSecond), c.IPRateBurst),
		lastSeen: now,
	}
	ps.byKey[key] = p
	return p
}

// sweep forgets addresses without a connection that were last seen more
// than peerIdle ago. The caller holds mu.
func (ps *peers) sweep(now time.Time) {
	ps.lastSweep = now
	for k, p := range ps.byKey {
		if p.conns == 0 && now.Sub(p.lastSeen) > peerIdle {
			delete(ps.byKey, k)
		}
	}
}

// admit counts one more open connection for p, or refuses it. The caller
// calls release exactly once when the connection ends.
func (ps *peers) admit(p *peer) (release func(), err error) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	switch {
	case ps.conns >= ps.cfg.MaxConns:
		return nil, ErrServerFull
	case p.conns >= ps.cfg.MaxConnsPerIP:
		return nil, ErrTooManyConns
	}
	ps.conns++
	p.conns++
	var once sync.Once
	return func() {
		once.Do(func() {
			ps.mu.Lock()
			ps.conns--
			p.conns--
			p.lastSeen = time.Now()
			ps.mu.Unlock()
		})
	}, nil
}

// open counts the connections admitted and not yet released.
func (ps *peers) open() int {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.conns
}

// newGameLimiter is the budget of one game, shared by every connection and
// session that plays it.
func newGameLimiter(cfg Config) *rate.Limiter {
	return rate.NewLimiter(rate.Limit(cfg.GameRatePerSecond), cfg.GameRateBurst)
}

// spend takes one game message from p's budget and then from g's. A
// message refused by the game's budget still cost p its token: a client
// that keeps sending into a full game does not save up a burst.
func spend(p *peer, g *game) error {
	if p != nil && !p.msgs.Allow() {
		return ErrAddressRateLimited
	}
	if g.msgs != nil && !g.msgs.Allow() {
		return ErrGameRateLimited
	}
	return nil
}

// admit finds r's peer and counts one more open connection for it.
func (s *Server) admit(r *http.Request) (*peer, func(), error) {
	p := s.peers.of(r)
	if p == nil {
		return nil, nil, ErrServerFull
	}
	release, err := s.peers.admit(p)
	return p, release, err
}

// tooMany answers an HTTP request that a cap or a budget refuses: 429, the
// sentence, and Retry-After where waiting is what helps.
func (s *Server) tooMany(w http.ResponseWriter, err error) {
	if after := s.retryAfter(err); after > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(after))
	}
	writeError(w, http.StatusTooManyRequests, err)
}

// retryAfter is the seconds after which err's budget has room again; 0
// when it depends on others (a connection cap frees when someone leaves).
func (s *Server) retryAfter(err error) int {
	switch {
	case errors.Is(err, ErrTooManySessions):
		return int(math.Ceil(60 / float64(s.cfg.NewSessionsPerIP)))
	case errors.Is(err, ErrAddressRateLimited), errors.Is(err, ErrGameRateLimited), errors.Is(err, ErrRateLimited):
		return 1
	}
	return 0
}

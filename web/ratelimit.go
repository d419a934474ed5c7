package web

import (
	"sync"
	"sync/atomic"
	"time"
)

// rateGuard is the per-connection (per-seat for POST) input limit. A
// message over the rate is refused with a message_error; refusals are
// themselves budgeted, and a client that spends that budget too (it
// ignores the errors) is abusive: its WebSocket is closed with 1008.
//
// Every connection and seat has one, so it is two token buckets in one
// small allocation rather than two golang.org/x/time/rate Limiters (208
// bytes of an idle connection's heap); the buckets take tokens exactly as
// a Limiter's Allow does (TestBucketIsRateLimiter).
type rateGuard struct {
	mu    sync.Mutex // a seat's guard is spent by concurrent POSTs
	cfg   rateParams
	msgs  bucket
	abuse bucket
}

// rateParams are the buckets' rates and bursts.
type rateParams struct {
	msgRate, abuseRate   float64 // tokens per second
	msgBurst, abuseBurst int
}

func newRateParams(cfg Config) rateParams {
	perRefusal := cfg.AbuseWindow / time.Duration(cfg.AbuseLimit)
	return rateParams{
		msgRate: cfg.RatePerSecond, msgBurst: cfg.RateBurst,
		abuseRate: float64(time.Second) / float64(perRefusal), abuseBurst: cfg.AbuseLimit,
	}
}

func newRateGuard(cfg Config) *rateGuard {
	p := newRateParams(cfg)
	now := sinceStart()
	return &rateGuard{cfg: p, msgs: fullBucket(p.msgBurst, now), abuse: fullBucket(p.abuseBurst, now)}
}

// allow reports whether one more message may be handled, and when it may
// not, whether the client has now been refused too often.
func (g *rateGuard) allow() (ok, abusive bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := sinceStart()
	if g.msgs.take(now, g.cfg.msgRate, g.cfg.msgBurst) {
		return true, false
	}
	return false, !g.abuse.take(now, g.cfg.abuseRate, g.cfg.abuseBurst)
}

// lazyGuard is a rate guard made on its first use. A seat's guard limits
// POST input, which a seat whose tabs are WebSockets never sends; a guard
// starts full and can only refill up to full, so one made late allows
// exactly what one made early would.
type lazyGuard struct {
	g    atomic.Pointer[rateGuard]
	make func() *rateGuard
}

func (l *lazyGuard) allow() (ok, abusive bool) {
	g := l.g.Load()
	if g == nil {
		l.g.CompareAndSwap(nil, l.make())
		g = l.g.Load()
	}
	return g.allow()
}

// bucket is a token bucket: rate tokens a second, up to burst, one per
// message.
type bucket struct {
	tokens float64
	last   time.Duration // sinceStart of the last token taken
}

func fullBucket(burst int, now time.Duration) bucket {
	return bucket{tokens: float64(burst), last: now}
}

// take takes a token at now if there is one, with rate.Limiter's
// arithmetic: a refusal changes nothing, the tokens that accrue are
// capped at burst, and a token short by less than a nanosecond's worth
// is there.
func (b *bucket) take(now time.Duration, rate float64, burst int) bool {
	tokens := b.tokens
	if now > b.last && rate > 0 {
		tokens += (now - b.last).Seconds() * rate
	}
	tokens = min(tokens, float64(burst)) - 1
	if burst < 1 || tokens < 0 && (rate <= 0 || time.Duration(-tokens/rate*float64(time.Second)) > 0) {
		return false
	}
	b.tokens, b.last = tokens, now
	return true
}

// clockStart is what rate buckets measure time from: the monotonic clock,
// in a Duration rather than a 24-byte time.Time.
var clockStart = time.Now()

func sinceStart() time.Duration { return time.Since(clockStart) }

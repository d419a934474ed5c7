package web

import (
	"time"

	"golang.org/x/time/rate"
)

// rateGuard is the per-connection (per-seat for POST) input limit. A
// message over the rate is refused with a message_error; refusals are
// themselves budgeted, and a client that spends that budget too (it
// ignores the errors) is abusive: its WebSocket is closed with 1008.
type rateGuard struct {
	msgs  *rate.Limiter
	abuse *rate.Limiter
}

func newRateGuard(cfg Config) *rateGuard {
	perRefusal := cfg.AbuseWindow / time.Duration(cfg.AbuseLimit)
	return &rateGuard{
		msgs:  rate.NewLimiter(rate.Limit(cfg.RatePerSecond), cfg.RateBurst),
		abuse: rate.NewLimiter(rate.Every(perRefusal), cfg.AbuseLimit),
	}
}

// allow reports whether one more message may be handled, and when it may
// not, whether the client has now been refused too often.
func (g *rateGuard) allow() (ok, abusive bool) {
	if g.msgs.Allow() {
		return true, false
	}
	return false, !g.abuse.Allow()
}

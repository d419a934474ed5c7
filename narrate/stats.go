package narrate

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Stats are the Engine's counters since it started, for /metrics and
// tests. Every request Submit saw ends in exactly one of Queued, Cached,
// Dropped, OverBudget, Paused or Off; every queued one in Requests or
// Skipped.
type Stats struct {
	Submitted  int64 // calls to Submit
	Queued     int64 // handed to the workers
	CacheHits  int64 // answered from the cache, no request
	Dropped    int64 // the queue was full
	OverBudget int64 // the player's hourly budget was spent
	Paused     int64 // refused during a pause after failures
	Off        int64 // closed narrator, or nothing to narrate
	Skipped    int64 // queued for a world that closed before a worker took it
	Requests   int64 // sent to the model
	Errors     int64 // requests that failed (timeout, status, dead server, empty)
	Delivered  int64 // final texts put on a results channel (cache hits included)
	// Undelivered counts events lost to a full results channel.
	Undelivered int64
	Tokens      int64 // prompt + completion tokens spent (reported or estimated)
	CacheSize   int   // entries in the cache now
}

type counters struct {
	submitted, queued, cacheHits, dropped, overBudget, paused, off atomic.Int64
	skipped, requests, errors, delivered, undelivered, tokens      atomic.Int64
}

// Stats is a snapshot of the counters.
func (e *Engine) Stats() Stats {
	c := &e.stats
	return Stats{Submitted: c.submitted.Load(), Queued: c.queued.Load(), CacheHits: c.cacheHits.Load(),
		Dropped: c.dropped.Load(), OverBudget: c.overBudget.Load(), Paused: c.paused.Load(), Off: c.off.Load(),
		Skipped: c.skipped.Load(), Requests: c.requests.Load(), Errors: c.errors.Load(),
		Delivered: c.delivered.Load(), Undelivered: c.undelivered.Load(), Tokens: c.tokens.Load(),
		CacheSize: e.cache.len()}
}

// logEvery is how often one kind of trouble may be logged: the first time
// at once, then at most once per period with how many were not logged,
// so a flood of drops or a dead model is a few lines, not one per look.
const logEvery = 10 * time.Second

type logLimiter struct {
	mu     sync.Mutex
	now    func() time.Time
	last   map[string]time.Time
	silent map[string]int
}

// line logs msg at Warn unless the same kind was logged less than
// logEvery ago.
func (l *logLimiter) line(log *slog.Logger, kind, msg string, args ...any) {
	l.mu.Lock()
	if l.last == nil {
		l.last, l.silent = make(map[string]time.Time), make(map[string]int)
	}
	now := l.now()
	if t, ok := l.last[kind]; ok && now.Sub(t) < logEvery {
		l.silent[kind]++
		l.mu.Unlock()
		return
	}
	n := l.silent[kind]
	l.last[kind], l.silent[kind] = now, 0
	l.mu.Unlock()
	if n > 0 {
		args = append(args, "not_logged_since", n)
	}
	log.Warn(msg, args...)
}

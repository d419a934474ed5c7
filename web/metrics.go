package web

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// metrics are the server's series, served as /metrics (exposition.go).
// Each Server has its own, so tests can run servers side by side.
type metrics struct {
	connections *gaugeVec   // by transport
	messagesIn  *counterVec // by transport
	messagesOut *counterVec // by transport
	latency     *histogram
	evicted     counter
	errors      *counterVec // by kind

	narration atomic.Pointer[func() NarrationStats] // ObserveNarration's; nil: no model
}

// latencyBuckets are the command latency histogram's upper bounds
// (seconds): a reply in half a millisecond to a game stuck for seconds.
var latencyBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}

// errorKinds are tale_web_errors_total's kinds, shown at 0 from the start.
var errorKinds = []string{"bad_message", "rate_limited", "abuse", "too_large", "too_slow", "panic", "game", "refused", "capped"}

func newMetrics() *metrics {
	return &metrics{
		connections: newVec[gauge]("transport", transportWS, transportSSE),
		messagesIn:  newVec[counter]("transport", transportWS, transportSSE),
		messagesOut: newVec[counter]("transport", transportWS, transportSSE),
		latency:     newHistogram(latencyBuckets...),
		errors:      newVec[counter]("kind", errorKinds...),
	}
}

// serveHTTP writes every series: the server's, the narrator's, the Go
// runtime's and the process's.
func (m *metrics) serveHTTP(w http.ResponseWriter) {
	serveExposition(w, func(e *expo) {
		writeRuntime(e)
		writeProcess(e)
		if stats := m.narration.Load(); stats != nil {
			writeNarration(e, (*stats)())
		}
		e.histo("tale_web_command_latency_seconds", "From handing a command to the game to writing the first text event after it.", m.latency)
		labelled(e, "tale_web_connections", "gauge", "Open connections by transport (websocket, eventsource).", m.connections)
		labelled(e, "tale_web_errors_total", "counter", "Errors by kind: bad_message, rate_limited, abuse, too_large, too_slow, panic, game, refused (Host or Origin), capped (a connection or session cap).", m.errors)
		labelled(e, "tale_web_messages_in_total", "counter", "Client messages received, by transport (eventsource: POST /tale/input).", m.messagesIn)
		labelled(e, "tale_web_messages_out_total", "counter", "Messages written to clients, by transport.", m.messagesOut)
		e.single("tale_web_slow_clients_evicted_total", "counter", "Connections cut off because they did not keep up.", m.evicted.value())
	})
}

// maxPendingCommands bounds the commands whose reply is awaited; beyond it
// the oldest are dropped from the histogram rather than held forever.
const maxPendingCommands = 64

// cmdTimer measures command latency for one game: Send records the newest
// seq the game had, and the first text event after it ends the interval.
// Every connection of the game reports what it writes; the first one wins.
type cmdTimer struct {
	mu      sync.Mutex
	pending []pendingCmd
}

type pendingCmd struct {
	after uint64
	at    time.Time
}

func (t *cmdTimer) start(after uint64) {
	t.mu.Lock()
	if len(t.pending) == maxPendingCommands {
		t.pending = t.pending[1:]
	}
	t.pending = append(t.pending, pendingCmd{after: after, at: time.Now()})
	t.mu.Unlock()
}

// answered closes every interval that the text event seq answers.
func (t *cmdTimer) answered(seq uint64, h *histogram) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for n < len(t.pending) && t.pending[n].after < seq {
		h.Observe(time.Since(t.pending[n].at).Seconds())
		n++
	}
	if n > 0 {
		t.pending = append(t.pending[:0], t.pending[n:]...)
	}
}

// NarrationStats are a language model narrator's counters since it
// started (package narrate's Engine.Stats, which this package does not
// import: main maps one to the other). Every field only grows.
type NarrationStats struct {
	Requests   int64 // sent to the model
	CacheHits  int64 // answered from the rewrite cache, no request
	QueueFull  int64 // dropped: every worker busy and the queue full
	OverBudget int64 // refused: the player's hourly tokens were spent
	Paused     int64 // refused while narration paused after failures
	Failures   int64 // requests that failed (timeout, error status, dead server)
	Tokens     int64 // tokens spent, prompt and answer
}

// ObserveNarration adds the narrator's counters to /metrics, read from
// stats at each scrape (it must be safe to call from any goroutine). Call
// it once, before serving; without it the series are absent, as is a
// model.
func (s *Server) ObserveNarration(stats func() NarrationStats) {
	s.metrics.narration.Store(&stats)
}

// writeNarration writes the narrator's counters. They are read when
// scraped: they live in the narrator, and copying them into counters here
// would need a ticker.
func writeNarration(e *expo, st NarrationStats) {
	e.single("tale_narration_cache_hits_total", "counter", "Narrations answered from the rewrite cache, without a request.", float64(st.CacheHits))
	e.family("tale_narration_dropped_total", "counter", "Narrations not asked for, by reason: queue_full, over_budget (a player's hourly tokens), paused (after failures).")
	e.sample("tale_narration_dropped_total", float64(st.OverBudget), "reason", "over_budget")
	e.sample("tale_narration_dropped_total", float64(st.Paused), "reason", "paused")
	e.sample("tale_narration_dropped_total", float64(st.QueueFull), "reason", "queue_full")
	e.single("tale_narration_failures_total", "counter", "Narration requests that failed: timeout, error status, unreachable or empty.", float64(st.Failures))
	e.single("tale_narration_requests_total", "counter", "Narration requests sent to the language model.", float64(st.Requests))
	e.single("tale_narration_tokens_total", "counter", "Tokens the language model spent on narration, prompt and answer.", float64(st.Tokens))
}

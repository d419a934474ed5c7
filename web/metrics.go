package web

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the server's Prometheus series. Each Server has its own
// registry, so tests can run servers side by side.
type metrics struct {
	registry    *prometheus.Registry
	connections *prometheus.GaugeVec   // by transport
	messagesIn  *prometheus.CounterVec // by transport
	messagesOut *prometheus.CounterVec // by transport
	latency     prometheus.Histogram
	evicted     prometheus.Counter
	errors      *prometheus.CounterVec // by kind
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		connections: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "tale_web_connections", Help: "Open connections by transport (websocket, eventsource).",
		}, []string{"transport"}),
		messagesIn: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tale_web_messages_in_total", Help: "Client messages received, by transport (eventsource: POST /tale/input).",
		}, []string{"transport"}),
		messagesOut: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tale_web_messages_out_total", Help: "Messages written to clients, by transport.",
		}, []string{"transport"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "tale_web_command_latency_seconds",
			Help:    "From handing a command to the game to writing the first text event after it.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}),
		evicted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tale_web_slow_clients_evicted_total", Help: "Connections cut off because they did not keep up.",
		}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tale_web_errors_total", Help: "Errors by kind: bad_message, rate_limited, abuse, too_large, too_slow, panic, game, refused (Host or Origin), capped (a connection or session cap).",
		}, []string{"kind"}),
	}
	m.registry.MustRegister(m.connections, m.messagesIn, m.messagesOut, m.latency, m.evicted, m.errors,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, t := range []string{transportWS, transportSSE} {
		m.connections.WithLabelValues(t)
		m.messagesIn.WithLabelValues(t)
		m.messagesOut.WithLabelValues(t)
	}
	for _, k := range []string{"bad_message", "rate_limited", "abuse", "too_large", "too_slow", "panic", "game", "refused", "capped"} {
		m.errors.WithLabelValues(k)
	}
	return m
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
func (t *cmdTimer) answered(seq uint64, h prometheus.Histogram) {
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
	s.metrics.registry.MustRegister(narrationCollector{stats})
}

var (
	narrRequests = prometheus.NewDesc("tale_narration_requests_total",
		"Narration requests sent to the language model.", nil, nil)
	narrCacheHits = prometheus.NewDesc("tale_narration_cache_hits_total",
		"Narrations answered from the rewrite cache, without a request.", nil, nil)
	narrDropped = prometheus.NewDesc("tale_narration_dropped_total",
		"Narrations not asked for, by reason: queue_full, over_budget (a player's hourly tokens), paused (after failures).", []string{"reason"}, nil)
	narrFailures = prometheus.NewDesc("tale_narration_failures_total",
		"Narration requests that failed: timeout, error status, unreachable or empty.", nil, nil)
	narrTokens = prometheus.NewDesc("tale_narration_tokens_total",
		"Tokens the language model spent on narration, prompt and answer.", nil, nil)
)

// narrationCollector reads the counters when scraped: they live in the
// narrator, and copying them into counters here would need a ticker.
type narrationCollector struct{ stats func() NarrationStats }

func (c narrationCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{narrRequests, narrCacheHits, narrDropped, narrFailures, narrTokens} {
		ch <- d
	}
}

func (c narrationCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.stats()
	counter := func(d *prometheus.Desc, v int64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
	}
	counter(narrRequests, st.Requests)
	counter(narrCacheHits, st.CacheHits)
	counter(narrDropped, st.QueueFull, "queue_full")
	counter(narrDropped, st.OverBudget, "over_budget")
	counter(narrDropped, st.Paused, "paused")
	counter(narrFailures, st.Failures)
	counter(narrTokens, st.Tokens)
}

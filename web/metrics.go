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

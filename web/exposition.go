package web

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// The /metrics series are written here in Prometheus's text exposition
// format (version 0.0.4) rather than by a client library: the Prometheus
// client registers collectors, reads procfs and initialises protobuf at
// package init, which every `tale` start paid (1.1 ms on a hello world,
// a quarter of the console's start budget) for a page only a --web
// server serves. VictoriaMetrics/metrics, the light one, still reads five
// cgroup files and compiles a regexp at init (0.2 ms). This needs nothing
// until the first scrape.

// expoContentType is what promhttp answered for the text format, so a
// scraper sees the same page as before.
const expoContentType = "text/plain; version=0.0.4; charset=utf-8"

// counter only grows.
type counter struct{ n atomic.Uint64 }

func (c *counter) Inc()           { c.n.Add(1) }
func (c *counter) value() float64 { return float64(c.n.Load()) }

// gauge goes up and down.
type gauge struct{ n atomic.Int64 }

func (g *gauge) Inc()           { g.n.Add(1) }
func (g *gauge) Dec()           { g.n.Add(-1) }
func (g *gauge) value() float64 { return float64(g.n.Load()) }

// valuer is a series' current value.
type valuer interface{ value() float64 }

// vec is a family with one label: a series per label value, made on first
// use. The values a family knows are made up front, so a scrape shows
// them at 0 before anything happened (as the client library's
// WithLabelValues at start did).
type vec[T any, P interface {
	*T
	valuer
}] struct {
	label  string
	series sync.Map // label value -> P
}

func newVec[T any, P interface {
	*T
	valuer
}](label string, values ...string) *vec[T, P] {
	v := &vec[T, P]{label: label}
	for _, val := range values {
		v.WithLabelValues(val)
	}
	return v
}

// WithLabelValues is the series for one label value; a load, without a
// lock, once the series exists.
func (v *vec[T, P]) WithLabelValues(val string) P {
	if s, ok := v.series.Load(val); ok {
		return s.(P)
	}
	s, _ := v.series.LoadOrStore(val, P(new(T)))
	return s.(P)
}

type counterVec = vec[counter, *counter]
type gaugeVec = vec[gauge, *gauge]

// histogram counts observations into fixed buckets. A mutex rather than
// atomics keeps a scrape consistent (the +Inf bucket equals _count, the
// sum matches the counts); it is taken once per command.
type histogram struct {
	bounds []float64 // upper bounds, ascending, without +Inf
	mu     sync.Mutex
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
}

func newHistogram(bounds ...float64) *histogram {
	return &histogram{bounds: bounds, counts: make([]uint64, len(bounds)+1)}
}

// Observe adds one value (le: a value equal to a bound is in its bucket).
func (h *histogram) Observe(v float64) {
	i, _ := slices.BinarySearch(h.bounds, v)
	h.mu.Lock()
	h.counts[i]++
	h.sum += v
	h.mu.Unlock()
}

// expo builds one exposition page.
type expo struct{ b []byte }

// family starts a metric family: its help and type lines.
func (e *expo) family(name, typ, help string) {
	e.b = append(e.b, "# HELP "...)
	e.b = append(e.b, name...)
	e.b = append(e.b, ' ')
	e.b = append(e.b, helpEscaper.Replace(help)...)
	e.b = append(e.b, "\n# TYPE "...)
	e.b = append(e.b, name...)
	e.b = append(e.b, ' ')
	e.b = append(e.b, typ...)
	e.b = append(e.b, '\n')
}

// sample writes one line; labels alternate name and value.
func (e *expo) sample(name string, v float64, labels ...string) {
	e.b = append(e.b, name...)
	for i := 0; i+1 < len(labels); i += 2 {
		if i == 0 {
			e.b = append(e.b, '{')
		} else {
			e.b = append(e.b, ',')
		}
		e.b = append(e.b, labels[i]...)
		e.b = append(e.b, `="`...)
		e.b = append(e.b, labelEscaper.Replace(labels[i+1])...)
		e.b = append(e.b, '"')
	}
	if len(labels) > 0 {
		e.b = append(e.b, '}')
	}
	e.b = append(e.b, ' ')
	e.b = appendFloat(e.b, v)
	e.b = append(e.b, '\n')
}

var (
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	labelEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
)

// appendFloat formats as the client library did: shortest form, and the
// spellings the format gives infinities and NaN.
func appendFloat(b []byte, v float64) []byte {
	switch {
	case math.IsInf(v, 1):
		return append(b, "+Inf"...)
	case math.IsInf(v, -1):
		return append(b, "-Inf"...)
	case math.IsNaN(v):
		return append(b, "NaN"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// single writes a family of one unlabelled series.
func (e *expo) single(name, typ, help string, v float64) {
	e.family(name, typ, help)
	e.sample(name, v)
}

// labelled writes a family of one label, its series in label order.
func labelled[T any, P interface {
	*T
	valuer
}](e *expo, name, typ, help string, v *vec[T, P]) {
	e.family(name, typ, help)
	var vals []string
	v.series.Range(func(k, _ any) bool { vals = append(vals, k.(string)); return true })
	slices.Sort(vals)
	for _, val := range vals {
		e.sample(name, v.WithLabelValues(val).value(), v.label, val)
	}
}

// histo writes a histogram family: cumulative buckets, sum and count.
func (e *expo) histo(name, help string, h *histogram) {
	h.mu.Lock()
	counts, sum := slices.Clone(h.counts), h.sum
	h.mu.Unlock()
	e.family(name, "histogram", help)
	var cum uint64
	for i, n := range counts {
		cum += n
		le := math.Inf(1)
		if i < len(h.bounds) {
			le = h.bounds[i]
		}
		e.sample(name+"_bucket", float64(cum), "le", string(appendFloat(nil, le)))
	}
	e.sample(name+"_sum", sum)
	e.sample(name+"_count", float64(cum))
}

// serveExposition answers a scrape with the page write builds.
func serveExposition(w http.ResponseWriter, write func(*expo)) {
	var e expo
	write(&e)
	w.Header().Set("Content-Type", expoContentType)
	w.Write(e.b)
}

package web

import (
	"math"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// /metrics read by Prometheus's own text parser after some traffic: every
// family a scraper and the documented dashboards need, with the type it
// had under the Prometheus client, a histogram whose cumulative buckets
// end in +Inf equal to its count, and counters that go up.
func TestMetricsScrapedByPrometheus(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true}, nil)
	before := scrapeParsed(t, ts)
	if got := value(t, before, "tale_web_messages_in_total", "transport", "websocket"); got != 0 {
		t.Fatalf("messages in before any: %v", got)
	}
	c := ts.dial(t, "", nil)
	c.hello()
	const commands = 3
	for range commands {
		c.send(map[string]any{"cmd": "measure me"})
		c.expect("text")
	}
	var after map[string]*dto.MetricFamily
	eventually(t, "every command's latency to be recorded", func() bool {
		after = scrapeParsed(t, ts)
		return after["tale_web_command_latency_seconds"].GetMetric()[0].GetHistogram().GetSampleCount() == commands
	})

	for name, typ := range map[string]dto.MetricType{
		"tale_web_connections":                dto.MetricType_GAUGE,
		"tale_web_messages_in_total":          dto.MetricType_COUNTER,
		"tale_web_messages_out_total":         dto.MetricType_COUNTER,
		"tale_web_command_latency_seconds":    dto.MetricType_HISTOGRAM,
		"tale_web_slow_clients_evicted_total": dto.MetricType_COUNTER,
		"tale_web_errors_total":               dto.MetricType_COUNTER,
		"go_goroutines":                       dto.MetricType_GAUGE,
		"go_gc_duration_seconds":              dto.MetricType_SUMMARY,
		"go_memstats_heap_alloc_bytes":        dto.MetricType_GAUGE,
		"process_cpu_seconds_total":           dto.MetricType_COUNTER,
		"process_resident_memory_bytes":       dto.MetricType_GAUGE,
		"process_open_fds":                    dto.MetricType_GAUGE,
	} {
		f := after[name]
		if f == nil {
			t.Errorf("no family %s", name)
			continue
		}
		if f.GetType() != typ || f.GetHelp() == "" {
			t.Errorf("%s: type %v help %q, want %v and a help text", name, f.GetType(), f.GetHelp(), typ)
		}
	}
	if got := value(t, after, "tale_web_messages_in_total", "transport", "websocket"); got != commands {
		t.Errorf("messages in: %v, want %d", got, commands)
	}
	if got := value(t, after, "tale_web_connections", "transport", "websocket"); got != 1 {
		t.Errorf("websocket connections: %v, want 1", got)
	}
	if got := value(t, after, "tale_web_errors_total", "kind", "capped"); got != 0 {
		t.Errorf("capped errors: %v, want 0 (and present before any)", got)
	}

	h := after["tale_web_command_latency_seconds"].GetMetric()[0].GetHistogram()
	buckets := h.GetBucket()
	if len(buckets) != len(latencyBuckets)+1 {
		t.Fatalf("%d buckets, want %d and +Inf", len(buckets), len(latencyBuckets))
	}
	for i, b := range buckets {
		if want := append(latencyBuckets[:len(latencyBuckets):len(latencyBuckets)], math.Inf(1))[i]; b.GetUpperBound() != want {
			t.Errorf("bucket %d: le %v, want %v", i, b.GetUpperBound(), want)
		}
		if i > 0 && b.GetCumulativeCount() < buckets[i-1].GetCumulativeCount() {
			t.Errorf("bucket le=%v holds fewer than the one below it", b.GetUpperBound())
		}
	}
	if last := buckets[len(buckets)-1].GetCumulativeCount(); last != h.GetSampleCount() {
		t.Errorf("+Inf bucket %d, count %d: a scraper wants them equal", last, h.GetSampleCount())
	}
	if h.GetSampleSum() <= 0 || math.IsNaN(h.GetSampleSum()) {
		t.Errorf("latency sum %v after %d commands", h.GetSampleSum(), commands)
	}
}

// A value on a bucket's bound counts in that bucket (le: less or equal),
// and the +Inf line counts everything.
func TestHistogramBucketsAreLessOrEqual(t *testing.T) {
	h := newHistogram(1, 2)
	for _, v := range []float64{1, 1.5, 2, 3} {
		h.Observe(v)
	}
	var e expo
	e.histo("x_seconds", "help", h)
	for _, want := range []string{
		`x_seconds_bucket{le="1"} 1`, `x_seconds_bucket{le="2"} 3`, `x_seconds_bucket{le="+Inf"} 4`,
		"x_seconds_sum 7.5\n", "x_seconds_count 4\n",
	} {
		if !strings.Contains(string(e.b), want) {
			t.Errorf("no %q in\n%s", want, e.b)
		}
	}
}

// Help texts and label values are escaped as the format requires.
func TestExpositionEscapes(t *testing.T) {
	var e expo
	e.family("x_total", "counter", "a \\ b\nc")
	e.sample("x_total", 1, "k", "q\"\\\n")
	want := "# HELP x_total a \\\\ b\\nc\n# TYPE x_total counter\nx_total{k=\"q\\\"\\\\\\n\"} 1\n"
	if string(e.b) != want {
		t.Errorf("got\n%s\nwant\n%s", e.b, want)
	}
	if _, err := newParser().TextToMetricFamilies(strings.NewReader(string(e.b))); err != nil {
		t.Errorf("Prometheus's parser refuses it: %v", err)
	}
}

func newParser() *expfmt.TextParser {
	p := expfmt.NewTextParser(model.LegacyValidation)
	return &p
}

func scrapeParsed(t *testing.T, ts *tserver) map[string]*dto.MetricFamily {
	t.Helper()
	resp, body := get(t, ts.url+"/metrics", nil)
	if ct := resp.Header.Get("Content-Type"); ct != expoContentType {
		t.Errorf("Content-Type %q", ct)
	}
	fams, err := newParser().TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("Prometheus's parser refuses /metrics: %v\n%s", err, body)
	}
	return fams
}

// value is a counter's or gauge's value for one label.
func value(t *testing.T, fams map[string]*dto.MetricFamily, name, label, val string) float64 {
	t.Helper()
	for _, m := range fams[name].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == label && l.GetValue() == val {
				if c := m.GetCounter(); c != nil {
					return c.GetValue()
				}
				return m.GetGauge().GetValue()
			}
		}
	}
	t.Fatalf("no %s{%s=%q}", name, label, val)
	return 0
}

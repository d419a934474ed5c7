package web

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
)

// The cost of durability over the wire: one player sends "score" (a
// command that takes no game time, so the story never ends) and reads
// its reply over WebSocket, with the game journaled in SQLite (hosted mode,
// every command committed before its reply) and without (--shared: a
// driver game with no journal). Reported: commands per second and the
// p50/p99 round trip.
//
//	go test -run '^$' -bench 'BenchmarkWSCommand' -benchtime 2000x ./web/

func BenchmarkWSCommandStoreOn(b *testing.B) {
	h := startHosted(b, true, nil)
	benchCommand(b, h.visitor(b).connect(""))
}

func BenchmarkWSCommandStoreOff(b *testing.B) {
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		b.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	g, err := driver.New(s, driver.Options{Hosted: true, Logger: quiet, DataDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go g.Run(ctx)
	h := &hosted{tserver: benchServe(b, g.Session())}
	benchCommand(b, h.visitor(b).connect(""))
}

func benchCommand(b *testing.B, p *mudPlayer) {
	p.name = "bench"
	rtts := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		p.send("score")
		for {
			m := p.next()
			if m.typ() == "text" && strings.Contains(m.str("text"), "score") {
				break
			}
		}
		rtts = append(rtts, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(rtts)
	if len(rtts) > 0 {
		b.ReportMetric(float64(len(rtts))/b.Elapsed().Seconds(), "cmds/s")
		b.ReportMetric(float64(rtts[len(rtts)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(rtts[len(rtts)*99/100].Microseconds()), "p99-µs")
	}
}

package host

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/tio"
)

// Figures for the note; reproduce with
//
//	go test -run '^$' -bench . -benchtime 2000x ./host/
//
// cmds/s (durable on and off), p50/p99 of a durable command (Send to the
// reply's end, as a client sees it less the network), memory per idle
// loaded game, and the time to load a game of 1,000 turns.

// benchLines alternate two moves, so a game can be played for ever.
var benchLines = []string{"north", "south"}

func benchCommands(b *testing.B, durable bool) {
	s, _ := demo(b)
	ctx := context.Background()
	var sess tio.Session
	if durable {
		h := newHost(b, openStore(b, b.TempDir()), s, time.Hour)
		a, err := h.Open(ctx, "ann")
		if err != nil {
			b.Fatal(err)
		}
		sess = a.Session()
	} else {
		seed := uint64(1)
		g, err := driver.New(s, driver.Options{Seed: &seed, Hosted: true, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		rctx, stop := context.WithCancel(ctx)
		b.Cleanup(stop)
		go g.Run(rctx)
		sess = g.Session()
	}
	r := follow(b, sess, -1)
	timeCommands(b, r)
}

// timeCommands plays b.N commands through r and reports their rate and
// their round trip's p50 and p99.
func timeCommands(b *testing.B, r *reader) {
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		r.do(benchLines[i%2])
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cmds/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

func BenchmarkCommandDurable(b *testing.B)  { benchCommands(b, true) }
func BenchmarkCommandInMemory(b *testing.B) { benchCommands(b, false) }

// BenchmarkIdleGameMemory is the heap a loaded game nobody plays costs.
func BenchmarkIdleGameMemory(b *testing.B) {
	s, _ := demo(b)
	h := newHost(b, openStore(b, b.TempDir()), s, time.Hour)
	const games = 200
	ctx := context.Background()
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	for i := range games {
		if _, err := h.Open(ctx, owner(i)+"x"); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	for range b.N {
	}
	b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/games/1024, "KiB/game")
}

// benchReload measures loading a game of 1,000 turns: from the newest
// snapshot and its tail (every, the snapshot period) or, with every past
// the game's length, from the journal alone.
func benchReload(b *testing.B, every int) {
	s, _ := demo(b)
	st := openStore(b, b.TempDir())
	ctx := context.Background()
	mk := func() *Host {
		h, err := New(Options{Store: st, Story: s, Logger: quiet, IdleUnload: time.Hour,
			Driver: driver.Options{Logger: quiet, SnapshotEvery: every}})
		if err != nil {
			b.Fatal(err)
		}
		return h
	}
	h := mk()
	a, err := h.Open(ctx, "ann")
	if err != nil {
		b.Fatal(err)
	}
	r := follow(b, a.Session(), -1)
	for i := range 1000 {
		r.do(benchLines[i%2])
	}
	r.sub.Cancel()
	h.Close()
	b.ResetTimer()
	for range b.N {
		h := mk()
		if _, err := h.Open(ctx, "ann"); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		h.Close()
		b.StartTimer()
	}
}

func BenchmarkReload1000Snapshot(b *testing.B)    { benchReload(b, 100) }
func BenchmarkReload1000JournalOnly(b *testing.B) { benchReload(b, 10_000) }

package driver

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/tale-if/tale/tio"
)

// mudBenchWorld is a MUD world of the test story with n players in the
// hall, driven from the benchmark's goroutine as the loop would be.
func mudBenchWorld(b *testing.B, n int) *World {
	b.Helper()
	seed := uint64(42)
	w, err := NewWorld(testStory(), Options{Seed: &seed, DataDir: b.TempDir(), Logger: quiet, Mode: ModeMUD})
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		w.addPlayer(fmt.Sprintf("p%04d", i), fmt.Sprintf("P%04d", i))
	}
	return w
}

// BenchmarkMUDSayToARoomOf100 is the loop's cost of one say heard by 99
// others in the room: parse, one paragraph each, their state unchanged.
//
//	go test -run x -bench MUDSay -benchmem ./driver/
func BenchmarkMUDSayToARoomOf100(b *testing.B) {
	w := mudBenchWorld(b, 100)
	p := w.players[0]
	in := tio.Line("say hello, everyone")
	for b.Loop() {
		w.handleInput(p, in)
	}
}

// BenchmarkMUDMemoryPerPlayer reports the heap a joined player costs: its
// state, parser and event stream (whose replay ring is most of it).
//
//	go test -run x -bench MUDMemory ./driver/
func BenchmarkMUDMemoryPerPlayer(b *testing.B) {
	const n = 100
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		w := mudBenchWorld(b, n)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "bytes/player")
		runtime.KeepAlive(w)
	}
}

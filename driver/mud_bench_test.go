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
// state, parser and event stream (whose replay ring is most of it), with
// everyone in one room, where each join is news to all who are there.
//
//	go test -run x -bench MUDMemory ./driver/
func BenchmarkMUDMemoryPerPlayer(b *testing.B) {
	for _, n := range []int{100, 500} {
		b.Run(fmt.Sprintf("room=%d", n), func(b *testing.B) {
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				w := mudBenchWorld(b, n)
				runtime.GC()
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(n), "bytes/player")
				runtime.KeepAlive(w)
			}
		})
	}
}

// BenchmarkMUDMoveThroughARoomOf100 is the loop's cost of one player
// walking out of a room of 100 and back: each step is news to everyone
// there (text, and whatever of their state it changes).
//
//	go test -run x -bench MUDMove -benchmem ./driver/
func BenchmarkMUDMoveThroughARoomOf100(b *testing.B) {
	w := mudBenchWorld(b, 100)
	p := w.players[0]
	out, back := tio.Line("east"), tio.Line("west")
	for b.Loop() {
		w.handleInput(p, out)
		w.handleInput(p, back)
	}
}

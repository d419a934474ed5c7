package host

import (
	"context"
	"testing"

	"github.com/tale-if/tale/driver"
)

// The shared world's figures, beside the hosted games' (bench_test.go);
// reproduce with
//
//	go test -run '^$' -bench World -benchtime 2000x ./host/
//
// cmds/s and p50/p99 of one player's commands in a durable world and in
// one without a journal, and the time to open (rebuild) a world of 1,000
// turns from the store.

func benchWorldCommands(b *testing.B, durable bool) {
	s, _ := demo(b)
	ctx := context.Background()
	var w *driver.World
	if durable {
		hw, err := OpenWorld(ctx, WorldOptions{Store: openStore(b, b.TempDir()), Story: s, Logger: quiet,
			Driver: driver.Options{Logger: quiet, Hosted: true}})
		if err != nil {
			b.Fatal(err)
		}
		w = hw.World
	} else {
		seed := uint64(1)
		var err error
		if w, err = driver.NewWorld(s, driver.Options{Mode: driver.ModeMUD, Seed: &seed, Hosted: true, Logger: quiet}); err != nil {
			b.Fatal(err)
		}
	}
	rctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { w.Run(rctx); close(done) }()
	b.Cleanup(func() { stop(); <-done })
	seat, err := w.Join(ctx, "ann")
	if err != nil {
		b.Fatal(err)
	}
	r := follow(b, seat, -1)
	timeCommands(b, r)
}

func BenchmarkWorldCommandDurable(b *testing.B)  { benchWorldCommands(b, true) }
func BenchmarkWorldCommandInMemory(b *testing.B) { benchWorldCommands(b, false) }

// benchWorldReload measures opening a world whose journal holds 1,000
// turns (ten players' joins and a hundred commands each), from the newest
// snapshot and its tail (every, the snapshot period) or, with every past
// the world's length, from the journal alone: what a restart costs.
func benchWorldReload(b *testing.B, every int) {
	s, _ := demo(b)
	st := openStore(b, b.TempDir())
	ctx := context.Background()
	open := func() *World {
		w, err := OpenWorld(ctx, WorldOptions{Store: st, Story: s, Logger: quiet,
			Driver: driver.Options{Logger: quiet, Hosted: true, SnapshotEvery: every}})
		if err != nil {
			b.Fatal(err)
		}
		return w
	}
	w := open()
	rctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { w.Run(rctx); close(done) }()
	var players []*reader
	for _, name := range []string{"ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal", "ida", "jon"} {
		seat, err := w.Join(ctx, name)
		if err != nil {
			b.Fatal(err)
		}
		players = append(players, follow(b, seat, -1))
	}
	for i := range 1000 - len(players) {
		players[i%len(players)].do(benchLines[(i/len(players))%2])
	}
	stop()
	<-done
	if n, err := st.Game(ctx, w.GameID()); err != nil || n.Turns < 1000 {
		b.Fatalf("the world's journal ends at %d (%v), want 1,000", n.Turns, err)
	}
	b.ResetTimer()
	for range b.N {
		open()
	}
}

func BenchmarkWorldReload1000Snapshot(b *testing.B)    { benchWorldReload(b, 100) }
func BenchmarkWorldReload1000JournalOnly(b *testing.B) { benchWorldReload(b, 10_000) }

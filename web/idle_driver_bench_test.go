package web

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// BenchmarkIdleMemoryDriver is BenchmarkIdleMemory on the real game (the
// demo, played once, with the driver's default buffers) instead of the
// echo fake with its tiny ones: what an idle tab costs a real server,
// the game's per-reader channel included.
func BenchmarkIdleMemoryDriver(b *testing.B) {
	for range b.N {
		idleMemory(b, func() *tserver { return benchServe(b, benchDriverGame(b).Session()) })
	}
}

// benchDriverGame runs the demo until the benchmark ends, played once so
// that a fresh tab gets the current screen.
func benchDriverGame(b *testing.B) *driver.Game {
	b.Helper()
	st, err := story.Load(stories.FS, "demo")
	if err != nil {
		b.Fatal(err)
	}
	seed := uint64(1)
	g, err := driver.New(st, driver.Options{Seed: &seed, DataDir: b.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	b.Cleanup(func() { cancel(); <-done })
	if err := g.Session().Send(ctx, tio.Line("look")); err != nil {
		b.Fatal(err)
	}
	if err := g.Session().Sync(ctx); err != nil {
		b.Fatal(err)
	}
	return g
}

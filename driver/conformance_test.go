package driver

import (
	"context"
	"testing"
	"time"

	"github.com/tale-if/tale/tio/sessiontest"
)

// The IF seat keeps the tio.Session contract.
func TestConformanceIFSeat(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T, setup sessiontest.Setup) sessiontest.Seat {
		r := startGame(t, testStory(), func(o *Options) { o.ReplayBuffer = setup.Ring })
		return sessiontest.Seat{Session: r.s, Close: func() {
			r.stop()
			select {
			case <-r.done:
				r.done <- nil // for the cleanup, which waits too
			case <-time.After(hangGuard):
				t.Error("Run did not return")
			}
		}}
	})
}

// A seat that joined a running world keeps it too; leaving closes it.
func TestConformanceJoinedSeat(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T, setup sessiontest.Setup) sessiontest.Seat {
		seed := uint64(42)
		w, err := NewWorld(testStory(), Options{Seed: &seed, DataDir: t.TempDir(), Logger: quiet, ReplayBuffer: setup.Ring})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- w.Run(ctx) }()
		t.Cleanup(func() { cancel(); <-done })
		seat, err := w.Join(ctx, "Ann")
		if err != nil {
			t.Fatal(err)
		}
		return sessiontest.Seat{Session: seat, Close: func() {
			if err := seat.Leave(context.Background()); err != nil {
				t.Error(err)
			}
		}}
	})
}

// A MUD seat, with another player in the room making news, keeps it too.
func TestConformanceMUDSeat(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T, setup sessiontest.Setup) sessiontest.Seat {
		seed := uint64(42)
		w, err := NewWorld(testStory(), Options{Seed: &seed, DataDir: t.TempDir(), Logger: quiet,
			ReplayBuffer: setup.Ring, Mode: ModeMUD})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- w.Run(ctx) }()
		t.Cleanup(func() { cancel(); <-done })
		if _, err := w.Join(ctx, "bob"); err != nil {
			t.Fatal(err)
		}
		seat, err := w.Join(ctx, "Ann")
		if err != nil {
			t.Fatal(err)
		}
		return sessiontest.Seat{Session: seat, Close: func() {
			if err := seat.Leave(context.Background()); err != nil {
				t.Error(err)
			}
		}}
	})
}

package remote_test

import (
	"testing"

	"github.com/tale-if/tale/tio"

	"github.com/tale-if/tale/tio/sessiontest"
)

// The remote session keeps the tio.Session contract against a real game
// served by a real web server.
func TestConformanceRemote(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T, setup sessiontest.Setup) sessiontest.Seat {
		srv := serve(t, "demo", fast)
		opts := fastClient
		opts.Ring = setup.Ring
		r := dial(t, srv.url, opts)
		return sessiontest.Seat{Session: r, Close: func() { r.Close() }}
	})
}

// After Sync the whole reply is here: every event the game made for the
// command, no fewer (each server event is one local event when nobody
// else plays).
func TestSyncCoversTheWholeReply(t *testing.T) {
	srv := serve(t, "demo", fast)
	r := dial(t, srv.url, fastClient)
	game := srv.game.Session()
	for i, cmd := range []string{"look", "north", "south", "inventory", "xyzzy", "north", "look", "score", "wait", "south"} {
		before, gameBefore := r.LastSeq(), game.LastSeq()
		if err := r.Send(t.Context(), tio.Line(cmd)); err != nil {
			t.Fatal(err)
		}
		if err := r.Sync(t.Context()); err != nil {
			t.Fatal(err)
		}
		if got, want := r.LastSeq()-before, game.LastSeq()-gameBefore; got != want || want == 0 {
			t.Fatalf("command %d (%q): %d events here after Sync, the game made %d", i, cmd, got, want)
		}
	}
}

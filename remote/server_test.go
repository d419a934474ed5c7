package remote_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/remote"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/web"
)

var quiet = slog.New(slog.DiscardHandler)

// hangGuard only turns a deadlock into a failure.
const hangGuard = 20 * time.Second

// served is a real game behind a real web server on 127.0.0.1.
type served struct {
	game *driver.Game
	ts   *httptest.Server
	url  string // ws://127.0.0.1:port/tale/ws
}

// fast lifts the server's limits: a test plays far faster than a person
// types, and the caps have their own tests in package web.
var fast = web.Config{WebSocket: true, Logger: quiet, Stdout: io.Discard,
	RatePerSecond: 1e5, RateBurst: 1e5, MaxConnsPerIP: 1e4, NewSessionsPerIP: 1e4}

// fastClient paces like the lifted server.
var fastClient = remote.Options{Rate: 1e5, Burst: 1e5, Logger: quiet}

// serve starts the bundled story id in a driver loop and serves it.
func serve(t *testing.T, id string, cfg web.Config) *served {
	t.Helper()
	s, err := story.Load(stories.FS, id)
	if err != nil {
		t.Fatal(err)
	}
	game, err := driver.New(s, driver.Options{DataDir: t.TempDir(), Logger: quiet, Hosted: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { game.Run(ctx); close(done) }()
	srv, err := web.New(game.Session(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.Close()
		cancel()
		<-done
	})
	return &served{game: game, ts: ts, url: "ws://" + ts.Listener.Addr().String() + "/tale/ws"}
}

func dial(t *testing.T, url string, opts remote.Options) *remote.Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	r, err := remote.Dial(ctx, url, opts)
	if err != nil {
		t.Fatalf("Dial(%s): %v", url, err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// readUntil reads sub until an event with Seq >= end.
func readUntil(t *testing.T, sub *tio.Subscription, end uint64) []tio.Event {
	t.Helper()
	var evs []tio.Event
	for len(evs) == 0 || evs[len(evs)-1].Seq < end {
		select {
		case ev, ok := <-sub.Events:
			if !ok {
				t.Fatalf("stream closed after %d events, want up to %d", len(evs), end)
			}
			evs = append(evs, ev)
		case <-time.After(hangGuard):
			t.Fatalf("no event after %d, want up to %d", len(evs), end)
		}
	}
	return evs
}

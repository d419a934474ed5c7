package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/tale-if/tale/account"
	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/host"
	"github.com/tale-if/tale/store"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// durableWorld is main's adapter of a durable world (mudWorld in mud.go)
// again: accounts join as their kept characters, guests by name, and a
// guest's seat is given back after a restart.
type durableWorld struct {
	w  *host.World
	s  *story.Story
	st *store.Store
}

func (d durableWorld) Join(ctx context.Context, name string) (Player, error) {
	var seat driver.Seat
	a, err := d.st.AccountByName(ctx, strings.ToLower(name))
	switch {
	case err == nil:
		seat, err = d.w.JoinAccount(ctx, a.ID, name)
	case errors.Is(err, store.ErrNotFound):
		seat, err = d.w.Join(ctx, name)
	}
	if errors.Is(err, driver.ErrNameTaken) {
		return nil, ErrNameTaken
	}
	if err != nil {
		return nil, err
	}
	return seat, nil
}

func (d durableWorld) Reseat(ctx context.Context, name string) (Player, error) {
	seat, err := d.w.Reseat(ctx, name)
	if err != nil {
		return nil, err
	}
	return seat, nil
}

func (d durableWorld) Info() tio.StoryInfo {
	return tio.StoryInfo{ID: d.s.ID, Name: d.s.Config.Name, Version: d.s.Config.Version, Mode: driver.ModeMUD}
}

// startDurableMUD serves the demo's durable world from the store in dir,
// with accounts, as tale --mode mud --web does; stop ends this life of
// the server (the store keeps the world for the next).
func startDurableMUD(t *testing.T, dir string) (h *hosted, stop func()) {
	t.Helper()
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := store.OpenSQLite(context.Background(), dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := host.OpenWorld(context.Background(), host.WorldOptions{Store: st, Story: s, Logger: quiet,
		Driver: driver.Options{Logger: quiet, Hosted: true, DataDir: t.TempDir()}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	accounts := account.New(st, account.Config{})
	cfg := Config{WebSocket: true, Logger: quiet, Stdout: io.Discard}
	unlimited(&cfg)
	srv, err := NewMUDWithAccounts(durableWorld{w, s, st}, Hosting{Accounts: accounts, Registration: true}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := serveWith(t, srv, nil, ln)
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			ts.stop()
			cancel()
			<-done
			st.Close()
		}
	}
	t.Cleanup(stop)
	return &hosted{tserver: ts, accounts: accounts}, stop
}

// A guest's browser takes its player back after the server restarts: its
// seat token, kept hashed in the store, finds the player the rebuilt
// world holds link-dead, and its stream resumes where it was read. The
// name stays the guest's: another guest asking for it is told it is taken.
func TestMUDGuestSeatSurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	h, stop := startDurableMUD(t, dir)
	zed := joinWS(t, h.tserver, "Zed")
	zed.do("north", "Cliff Path")
	token, seq := zed.token, zed.seq
	stop()

	h, _ = startDurableMUD(t, dir)
	w := h.dial(t, "session="+token+"&since="+strconv.FormatUint(seq, 10), nil)
	back := &mudPlayer{t: t, name: "Zed", r: w, seq: seq, send: func(cmd string) { w.send(map[string]string{"cmd": cmd}) }}
	if c := back.next(); c.typ() != "connected" || c.seq() != seq || c.str("session") != token {
		t.Fatalf("after a restart the guest's browser got %v, want its seat resumed at seq %d", c, seq)
	}
	if got := back.do("look", "Cliff Path"); strings.Contains(got, "What is your name?") {
		t.Fatalf("after a restart the guest is asked for a name:\n%s", got)
	}

	other := h.dial(t, "", nil)
	op := &mudPlayer{t: t, name: "other", r: other, send: func(cmd string) { other.send(map[string]string{"cmd": cmd}) }}
	op.lobby()
	op.send("Zed")
	if got := op.until("What is your name?"); !strings.Contains(got, "already here") {
		t.Errorf("another guest asking for Zed's name read:\n%s", got)
	}
	stranger := h.dial(t, "session=not-a-kept-token", nil)
	sp := &mudPlayer{t: t, name: "stranger", r: stranger}
	sp.lobby() // an unknown token is a new seat in the lobby, as ever
}

package host

import (
	"context"
	"strings"
	"testing"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/store"
	"github.com/tale-if/tale/tio"
)

// startWorld opens the demo's shared world on st and runs it until the
// returned stop is called.
func startWorld(t *testing.T, st *store.Store) (w *World, stop func()) {
	t.Helper()
	return startWorldEvery(t, st, 5)
}

// startWorldEvery is startWorld with a snapshot every n entries.
func startWorldEvery(t *testing.T, st *store.Store, n int) (w *World, stop func()) {
	t.Helper()
	s, _ := demo(t)
	w, err := OpenWorld(context.Background(), WorldOptions{Store: st, Story: s, Logger: quiet,
		Driver: driver.Options{Logger: quiet, SnapshotEvery: n, Hosted: true}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cancel()
			<-done
		}
	}
	t.Cleanup(stop)
	return w, stop
}

func account(t *testing.T, st *store.Store, name string) string {
	t.Helper()
	a, err := st.CreateAccount(context.Background(), store.Account{Name: name, PasswordHash: "x", Role: "player"})
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// An account's character leaves with its float and comes back with it,
// the others never seeing it; a restart of the world on the same store
// brings back the world's state and both characters.
func TestWorldKeepsCharactersAndSurvivesARestart(t *testing.T) {
	st := openStore(t, t.TempDir())
	annID, bobID := account(t, st, "ann"), account(t, st, "bob")
	w, stop := startWorld(t, st)
	ctx := context.Background()
	seat := func(id, name string) *reader {
		s, err := w.JoinAccount(ctx, id, name)
		if err != nil {
			t.Fatal(err)
		}
		r := follow(t, s, -1)
		end, err := tio.ReplyEnd(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		r.upTo(end)
		return r
	}
	ann, bob := seat(annID, "ann"), seat(bobID, "bob")
	for _, l := range []string{"north", "east", "take float"} {
		ann.do(l)
	}
	for _, l := range []string{"north", "east"} {
		bob.do(l)
	}
	if err := ann.s.(driver.Seat).Leave(ctx); err != nil {
		t.Fatal(err)
	}
	if got := bob.do("look"); strings.Contains(got, "float") {
		t.Errorf("Ann's float is in the world while she is away:\n%s", got)
	}
	ann = seat(annID, "ann")
	if got := ann.do("inventory"); !strings.Contains(got, "glass float") {
		t.Errorf("Ann came back without her float:\n%s", got)
	}
	bob.do("west")
	bobWas := strings.SplitN(bob.do("look"), "\n", 2)[0]
	stop()

	w, _ = startWorld(t, st)
	ann, bob = seat(annID, "ann"), seat(bobID, "bob")
	if got := ann.do("inventory"); !strings.Contains(got, "glass float") {
		t.Errorf("after a restart Ann has not her float:\n%s", got)
	}
	if got := bob.do("look"); !strings.HasPrefix(got, bobWas) {
		t.Errorf("after a restart Bob is not in %q:\n%s", bobWas, got)
	}
}

// A guest's things fall where it left them, and a restart replays that
// leave the same way even when an account of the guest's name was made
// between the leave and the restart: replay asks nothing of the accounts.
func TestWorldReplayIgnoresAccountsMadeAfterALeave(t *testing.T) {
	st := openStore(t, t.TempDir())
	ctx := context.Background()
	w, stop := startWorldEvery(t, st, 1000) // the leave stays in the replayed tail
	s, err := w.Join(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	bob := follow(t, s, -1)
	for _, l := range []string{"north", "east", "take float"} {
		bob.do(l)
	}
	if err := s.(driver.Seat).Leave(ctx); err != nil {
		t.Fatal(err)
	}
	account(t, st, "bob")
	stop()

	w, _ = startWorldEvery(t, st, 1000)
	s, err = w.Join(ctx, "cat")
	if err != nil {
		t.Fatal(err)
	}
	cat := follow(t, s, -1)
	cat.do("north")
	if got := cat.do("east"); !strings.Contains(got, "float") {
		t.Errorf("after a restart the float the guest Bob left behind is not where he left it:\n%s", got)
	}
}

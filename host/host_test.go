package host

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/store"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func demo(t testing.TB) (*story.Story, []string) {
	t.Helper()
	s, err := story.Load(os.DirFS("../stories"), "demo")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../stories/demo/walkthrough.txt")
	if err != nil {
		t.Fatal(err)
	}
	return s, strings.Split(strings.TrimSpace(string(data)), "\n")
}

func openStore(t testing.TB, dir string) *store.Store {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newHost(t testing.TB, st *store.Store, s *story.Story, idle time.Duration) *Host {
	t.Helper()
	h, err := New(Options{Store: st, Story: s, IdleUnload: idle, Logger: quiet,
		Driver: driver.Options{Logger: quiet, SnapshotEvery: 7}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.Close)
	return h
}

// reader follows a session's events and returns each reply as plain text.
type reader struct {
	t    testing.TB
	s    tio.Session
	sub  *tio.Subscription
	last uint64
}

func follow(t testing.TB, s tio.Session, since int64) *reader {
	t.Helper()
	sub, err := s.Subscribe(context.Background(), since)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sub.Cancel)
	r := &reader{t: t, s: s, sub: sub}
	if since > 0 {
		r.last = uint64(since)
	}
	return r
}

// upTo reads until seq, returning the text read.
func (r *reader) upTo(seq uint64) string {
	r.t.Helper()
	var parts []string
	for r.last < seq {
		ev, ok := <-r.sub.Events
		if !ok {
			r.t.Fatalf("stream closed at %d, waiting for %d", r.last, seq)
		}
		if ev.Kind == tio.KindText {
			parts = append(parts, markup.Plain(ev.Text, 0))
		}
		r.last = ev.Seq
	}
	return strings.Join(parts, "\n")
}

func (r *reader) do(line string) string {
	r.t.Helper()
	ctx := context.Background()
	if err := r.s.Send(ctx, tio.Line(line)); err != nil {
		r.t.Fatal(err)
	}
	end, err := tio.ReplyEnd(ctx, r.s)
	if err != nil {
		r.t.Fatal(err)
	}
	return r.upTo(end)
}

// reference plays lines on a game that is never stopped and returns each
// line's reply.
func reference(t testing.TB, s *story.Story, seed uint64, lines []string) (opening string, replies []string) {
	t.Helper()
	g, err := driver.New(s, driver.Options{Seed: &seed, Hosted: true, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	go g.Run(ctx)
	r := follow(t, g.Session(), 0)
	opening = r.upTo(g.Session().LastSeq())
	for _, l := range lines {
		replies = append(replies, r.do(l))
	}
	return opening, replies
}

// A game survives its host: closed (as a restart, or a crash — the
// journal is durable before each reply) and opened by a new host on the
// same store, it goes on where it was, with the same replies as a game
// that never stopped, and a reader resuming by seq misses nothing.
func TestGameContinuesInANewHost(t *testing.T) {
	s, lines := demo(t)
	dir := t.TempDir()
	st := openStore(t, dir)
	h1 := newHost(t, st, s, time.Hour)
	a, err := h1.Open(context.Background(), "ann")
	if err != nil {
		t.Fatal(err)
	}
	r := follow(t, a.Session(), 0)
	r.upTo(a.Session().LastSeq())
	cut := 20
	var got []string
	for _, l := range lines[:cut] {
		got = append(got, r.do(l))
	}
	seen := r.last
	h1.Close()

	h2 := newHost(t, st, s, time.Hour)
	b, err := h2.Open(context.Background(), "ann")
	if err != nil {
		t.Fatal(err)
	}
	if b.GameID() != a.GameID() {
		t.Fatalf("reopened game %s, want %s", b.GameID(), a.GameID())
	}
	r2 := follow(t, b.Session(), int64(seen))
	if r2.sub.Resynced {
		t.Error("a reader resuming at the last seq it read was resynced")
	}
	for _, l := range lines[cut:] {
		got = append(got, r2.do(l))
	}
	games, _ := st.GamesOf(context.Background(), "ann", s.ID)
	_, want := reference(t, s, games[0].Seed, lines)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("line %d %q: got\n%s\nwant\n%s", i, lines[i], got[i], want[i])
		}
	}
}

// Two owners have two games; one's quit ends only its own.
func TestOwnersHaveTheirOwnGames(t *testing.T) {
	s, _ := demo(t)
	h := newHost(t, openStore(t, t.TempDir()), s, time.Hour)
	ctx := context.Background()
	a, err := h.Open(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	b, err := h.Open(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if a.GameID() == b.GameID() {
		t.Fatal("two owners share a game")
	}
	ra, rb := follow(t, a.Session(), -1), follow(t, b.Session(), -1)
	ra.do("north")
	ra.do("quit")
	if out := ra.do("yes"); !strings.Contains(strings.ToLower(out), "restart") {
		t.Errorf("ann's quit does not offer restart: %q", out)
	}
	if out := rb.do("look"); out == "" || strings.Contains(out, "over") {
		t.Errorf("bob's game after ann quit: %q", out)
	}
	if h.Loaded() != 2 {
		t.Errorf("%d games loaded, want 2", h.Loaded())
	}
}

// A game nobody holds is unloaded after the idle time and comes back, as
// it was, on the next Open; a held one stays.
func TestIdleGameIsUnloadedAndComesBack(t *testing.T) {
	s, lines := demo(t)
	h := newHost(t, openStore(t, t.TempDir()), s, time.Millisecond)
	ctx := context.Background()
	a, err := h.Open(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	r := follow(t, a.Session(), -1)
	for _, l := range lines[:5] {
		r.do(l)
	}
	seen := r.last
	r.sub.Cancel()
	a.Release()
	for h.Loaded() != 0 {
		time.Sleep(time.Millisecond) // the unload is the host's; wait for it
	}
	b, err := h.Open(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	if got := b.Session().LastSeq(); got != seen {
		t.Errorf("reloaded game is at seq %d, want %d", got, seen)
	}
	if h.Loaded() != 1 {
		t.Errorf("%d games loaded, want 1", h.Loaded())
	}
}

// Two hosts on one store (two processes) playing one game: the second to
// append is refused by the journal's fence, its player reads that nothing
// happened, and its stale copy is unloaded.
func TestSecondRunnerIsFenced(t *testing.T) {
	s, _ := demo(t)
	dir := t.TempDir()
	h1 := newHost(t, openStore(t, dir), s, time.Hour)
	h2 := newHost(t, openStore(t, dir), s, time.Hour)
	ctx := context.Background()
	a, err := h1.Open(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	b, err := h2.Open(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	ra, rb := follow(t, a.Session(), -1), follow(t, b.Session(), -1)
	ra.do("north")
	// The stale copy refuses, says so and closes at once: its reply is
	// read from the stream, which may end before a Sync could answer.
	if err := b.Session().Send(ctx, tio.Line("east")); err != nil {
		t.Fatal(err)
	}
	var out []string
	for ev := range rb.sub.Events {
		if ev.Kind == tio.KindText {
			out = append(out, markup.Plain(ev.Text, 0))
		}
	}
	if got := strings.Join(out, "\n"); !strings.Contains(got, "could not be saved") {
		t.Errorf("the stale copy played its input: %q", got)
	}
	for h2.Loaded() != 0 {
		time.Sleep(time.Millisecond)
	}
	if out := ra.do("east"); strings.Contains(out, "could not be saved") {
		t.Errorf("the first runner was refused too: %q", out)
	}
}

// Evict unloads a game even while it is held: the holder's session ends,
// nothing is loaded any more, and the next Open has the game as it was.
func TestEvictUnloadsAHeldGame(t *testing.T) {
	s, lines := demo(t)
	h := newHost(t, openStore(t, t.TempDir()), s, time.Hour)
	ctx := context.Background()
	a, err := h.Open(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Release()
	r := follow(t, a.Session(), -1)
	for _, l := range lines[:5] {
		r.do(l)
	}
	if err := h.Evict(ctx, "ann"); err != nil {
		t.Fatal(err)
	}
	if n := h.Loaded(); n != 0 {
		t.Fatalf("%d games loaded after Evict, want 0", n)
	}
	if err := a.Session().Send(ctx, tio.Line("look")); err == nil {
		t.Error("the evicted copy still takes commands")
	}
	b, err := h.Open(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	if got := b.Session().LastSeq(); got != r.last {
		t.Errorf("reloaded game is at seq %d, want %d", got, r.last)
	}
	if err := h.Evict(ctx, "nobody"); err != nil {
		t.Errorf("evicting an owner with nothing loaded: %v", err)
	}
}

// lateStore is the real store whose next Append, once armed, commits and
// then answers as if it had timed out: the store wrote it, the answer
// came too late.
type lateStore struct {
	*store.Store
	late atomic.Bool
}

func (s *lateStore) Append(ctx context.Context, gameID string, e store.Entry) error {
	err := s.Store.Append(ctx, gameID, e)
	if err == nil && s.late.CompareAndSwap(true, false) {
		return context.DeadlineExceeded
	}
	return err
}

// A command whose append timed out after the store committed it is played
// and answered, not reported as "nothing happened": a reload of the game
// has it, so the player's screen and the game agree.
func TestAppendCommittedLateIsPlayed(t *testing.T) {
	s, _ := demo(t)
	dir := t.TempDir()
	st := &lateStore{Store: openStore(t, dir)}
	h, err := New(Options{Store: st, Story: s, IdleUnload: time.Hour, Logger: quiet, Driver: driver.Options{Logger: quiet}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a, err := h.Open(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	r := follow(t, a.Session(), -1)
	r.do("look")
	st.late.Store(true)
	if got := r.do("north"); strings.Contains(got, "could not") || !strings.Contains(got, "Cliff Path") {
		t.Errorf("a command the store committed late read:\n%s", got)
	}
	if got := r.do("look"); !strings.Contains(got, "Cliff Path") {
		t.Errorf("after it, look reads:\n%s", got)
	}
	a.Release()
	h.Close()

	b, err := newHost(t, openStore(t, dir), s, time.Hour).Open(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	if got := b.Session().LastSeq(); got != r.last {
		t.Errorf("reloaded at seq %d, the player read up to %d", got, r.last)
	}
	if got := follow(t, b.Session(), int64(r.last)).do("look"); !strings.Contains(got, "Cliff Path") {
		t.Errorf("reloaded, look reads:\n%s", got)
	}
}

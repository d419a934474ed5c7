package driver

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

// Each input goes to its own player's turn, and each event to that
// player's stream only.
func TestJoinRoutesInputAndEventsPerPlayer(t *testing.T) {
	seed := uint64(42)
	w, err := NewWorld(testStory(), Options{Seed: &seed, DataDir: t.TempDir(), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	defer func() { cancel(); <-done }()

	ann, err := w.Join(ctx, "Ann")
	if err != nil {
		t.Fatal(err)
	}
	bob, err := w.Join(ctx, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Join(ctx, "ANN"); !errors.Is(err, ErrNameTaken) {
		t.Errorf("a second Ann: %v", err)
	}
	bobOpening := bob.LastSeq()
	if err := ann.Send(ctx, tio.Line("take lamp")); err != nil {
		t.Fatal(err)
	}
	if _, err := tio.ReplyEnd(ctx, ann); err != nil {
		t.Fatal(err)
	}
	if _, err := tio.ReplyEnd(ctx, bob); err != nil {
		t.Fatal(err)
	}
	// Bob, in the same room, sees Ann take it, and nothing of her reply.
	if got := newText(t, bob, bobOpening); got != "Ann takes the brass lamp." {
		t.Errorf("Bob's stream after Ann's take: %q", got)
	}
	sub, err := ann.Subscribe(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Cancel()
	var text string
	for ev := range sub.Events {
		text += textOf([]tio.Event{ev})
		if ev.Seq == ann.LastSeq() {
			break
		}
	}
	if want := "Taken."; !contains(text, want) {
		t.Errorf("Ann's stream lacks %q:\n%s", want, text)
	}
	var where string
	if err := ann.(*session).call(ctx, func() { where = w.world.Items["lamp"] }); err != nil {
		t.Fatal(err)
	}
	if where != holderPrefix+"ann" {
		t.Errorf("the lamp is at %q, want Ann's holder", where)
	}
	if err := bob.Leave(ctx); err != nil {
		t.Fatal(err)
	}
	if err := bob.Send(ctx, tio.Line("look")); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Send after Leave: %v", err)
	}
	if err := ann.Send(ctx, tio.Line("look")); err != nil {
		t.Errorf("Bob leaving closed Ann's session: %v", err)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// newText is the text of s's events after since, up to its last seq, as
// plain text with paragraphs joined by a blank line.
func newText(t *testing.T, s tio.Session, since uint64) string {
	t.Helper()
	ctx := t.Context()
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	last := s.LastSeq()
	if last == since {
		return ""
	}
	sub, err := s.Subscribe(ctx, int64(since))
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Cancel()
	var evs []tio.Event
	for ev := range sub.Events {
		evs = append(evs, ev)
		if ev.Seq >= last && !ev.Snapshot {
			break
		}
	}
	return strings.TrimSpace(textOf(evs))
}

// Reseat gives back the seat of a player in the world, whose stream goes
// on where it was, and seats nobody new: a name nobody has, or one whose
// player left, is ErrNotInWorld.
func TestReseatTakesBackOnlyAPlayerInTheWorld(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "bob")
	m.do("ann", "take lamp")
	m.read()
	s, err := m.w.Reseat(t.Context(), "ANN")
	if err != nil {
		t.Fatal(err)
	}
	if s.LastSeq() != m.seats["ann"].LastSeq() {
		t.Errorf("the reseated stream is at %d, Ann's at %d", s.LastSeq(), m.seats["ann"].LastSeq())
	}
	if _, err := m.w.Reseat(t.Context(), "cat"); !errors.Is(err, ErrNotInWorld) {
		t.Errorf("reseating a name nobody has: %v", err)
	}
	if err := m.seats["bob"].Leave(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := m.w.Reseat(t.Context(), "bob"); !errors.Is(err, ErrNotInWorld) {
		t.Errorf("reseating a player who left: %v", err)
	}
}

package driver

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/tio"
)

// SendSync answers as Send and then tio.ReplyEnd do: the reply's last
// event is out when it returns and its seq is what it returns; after the
// input that ends the game it says the session closed, so a console shows
// everything until the stream ends instead of prompting again.
func TestSendSyncIsSendThenReplyEnd(t *testing.T) {
	r := startGame(t, testStory())
	r.sync()
	ss := r.s.(interface {
		SendSync(context.Context, tio.Input) (uint64, error)
	})
	sub := r.subscribe(int64(r.s.LastSeq()))
	end, err := ss.SendSync(context.Background(), tio.Line("look"))
	if err != nil {
		t.Fatal(err)
	}
	evs := drain(sub)
	if len(evs) == 0 || evs[len(evs)-1].Seq != end || end != r.s.LastSeq() {
		t.Fatalf("SendSync returned %d; the reply was %+v", end, evs)
	}
	if textOf(evs) == "" {
		t.Error("the reply had no text")
	}
	// The same reply by the pair, from a second game with the same seed.
	r2 := startGame(t, testStory())
	r2.sync()
	sub2 := r2.subscribe(int64(r2.s.LastSeq()))
	r2.send("look")
	end2, err := tio.ReplyEnd(context.Background(), r2.s)
	if err != nil || end2 != end || textOf(drain(sub2)) != textOf(evs) {
		t.Errorf("Send and ReplyEnd: %d, %v; SendSync: %d", end2, err, end)
	}

	if _, err := ss.SendSync(context.Background(), tio.Line("quit")); err != nil {
		t.Fatal(err)
	}
	end, err = ss.SendSync(context.Background(), tio.Pick("yes"))
	if !errors.Is(err, tio.ErrSessionClosed) || end != math.MaxUint64 {
		t.Errorf("after the game ended: %d, %v", end, err)
	}
	if _, err := ss.SendSync(context.Background(), tio.Line("look")); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("SendSync after quit: %v", err)
	}
}

// A panic while handling the input costs that input, not the session:
// the player reads the one sentence and SendSync returns normally.
func TestSendSyncSurvivesAPanic(t *testing.T) {
	r := startGame(t, testStory())
	r.sync()
	ss := r.s.(interface {
		SendSync(context.Context, tio.Input) (uint64, error)
	})
	r.g.verbs["sing"] = verb{do: func(*turn, *parse.Command) error { panic("broken song") }}
	sub := r.subscribe(int64(r.s.LastSeq()))
	if _, err := ss.SendSync(context.Background(), tio.Line("sing")); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(textOf(drain(sub))); got != msgInternal {
		t.Errorf("player read %q", got)
	}
}

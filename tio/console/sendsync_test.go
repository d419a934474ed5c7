package console

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

// syncing is a session that sends and waits in one call, as the driver's
// does, counting how the console reached it.
type syncing struct {
	*tiotest.Session
	sends, sendSyncs int
}

func (s *syncing) Send(ctx context.Context, in tio.Input) error {
	s.sends++
	return s.Session.Send(ctx, in)
}

func (s *syncing) SendSync(ctx context.Context, in tio.Input) (uint64, error) {
	s.sendSyncs++
	if err := s.Session.Send(ctx, in); err != nil {
		return 0, err
	}
	return tio.ReplyEnd(ctx, s.Session)
}

// A session that can send and wait in one call gets one call a line, and
// the player reads the same as through Send and a barrier, to the end.
func TestOneCallALineWhenTheSessionOffersIt(t *testing.T) {
	const input = "look\nxyzzy\nwait\nquit\n"
	want := play(t, newFake(game, tiotest.Text(intro)), input, Options{EchoInput: true})
	s := &syncing{Session: newFake(game, tiotest.Text(intro))}
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if err := Run(ctx, s, strings.NewReader(input), &out, Options{EchoInput: true}); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			t.Fatal("Run hung")
		}
		t.Fatal(err)
	}
	if out.String() != want {
		t.Errorf("with SendSync:\n%s\nwith Send and a barrier:\n%s", out.String(), want)
	}
	if s.sendSyncs != 4 || s.sends != 0 {
		t.Errorf("%d SendSync and %d Send calls for 4 lines", s.sendSyncs, s.sends)
	}
}

package driver

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// harness drives a game from the test goroutine, which then is the loop's
// one owner: no Run, no timing, every command finished when do returns.
type harness struct {
	t   testing.TB
	g   *Game
	sub *tio.Subscription
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newHarness(t testing.TB, s *story.Story, opts ...func(*Options)) *harness {
	t.Helper()
	seed := uint64(42)
	o := Options{Seed: &seed, DataDir: t.TempDir(), Logger: quiet}
	for _, f := range opts {
		f(&o)
	}
	g, err := New(s, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if g.you().script != nil {
			g.you().script.close()
		}
	})
	h := &harness{t: t, g: g, sub: g.you().subscribe(0)}
	h.events() // the opening; tests that want it read the replay buffer
	return h
}

// events returns what arrived since the last call.
func (h *harness) events() []tio.Event {
	var evs []tio.Event
	for {
		select {
		case ev, ok := <-h.sub.Events:
			if !ok {
				return evs
			}
			evs = append(evs, ev)
		default:
			return evs
		}
	}
}

// do types a line and returns the text it produced, in plain words.
func (h *harness) do(line string) string {
	h.t.Helper()
	h.g.play(tio.Line(line))
	return textOf(h.events())
}

func (h *harness) pick(id string) string {
	h.g.play(tio.Pick(id))
	return textOf(h.events())
}

func textOf(evs []tio.Event) string {
	var parts []string
	for _, ev := range evs {
		if ev.Kind == tio.KindText {
			parts = append(parts, markup.Plain(ev.Text, 0))
		}
	}
	return strings.Join(parts, "\n\n")
}

// styled is s, written with curly quotes, in the game's quote style: a
// test about something else holds in either style.
func (h *harness) styled(s string) string { return markup.TypesetText(s, h.g.typography()) }

// expect runs a line and checks its output contains every want (in the
// game's quote style: styled).
func (h *harness) expect(line string, wants ...string) string {
	h.t.Helper()
	out := h.do(line)
	for _, w := range wants {
		if w = h.styled(w); !strings.Contains(out, w) {
			h.t.Errorf("%q: output lacks %q; got:\n%s", line, w, out)
		}
	}
	return out
}

// reject runs a line and checks none of the unwanted texts appear.
func (h *harness) reject(line string, unwanted ...string) string {
	h.t.Helper()
	out := h.do(line)
	for _, w := range unwanted {
		if w = h.styled(w); strings.Contains(out, w) {
			h.t.Errorf("%q: output has %q; got:\n%s", line, w, out)
		}
	}
	return out
}

func (h *harness) where(item string) string { return h.g.st().Items[item] }

// replayed is every event still in the game's replay ring.
func replayed(g *Game) []tio.Event {
	evs, _ := g.you().events.After(0)
	return evs
}

// youHold is where the IF player's things are in the world's Items.
const youHold = holderPrefix + ifPlayer

// you is the one player of an IF game.
func (g *Game) you() *player { return g.seat.p }

// play handles input as the loop would, on the test's goroutine.
func (g *Game) play(in tio.Input) { g.handleInput(g.you(), in) }

// st is the committed state of the world and the one player. Tests change
// it in place to set a scene; the game itself never does.
func (g *Game) st() *State {
	g.inPlace++
	return &State{WorldState: g.world, PlayerState: g.you().own}
}

// tn is a turn on the committed state, for tests that call what handlers
// call; what it changes is changed in place, as st is.
func (g *Game) tn() *turn {
	g.inPlace++
	return g.view(g.you())
}

// act runs f as one turn of the player, as a command does.
func (g *Game) act(f func(*turn) error) error {
	return handling{World: g.World, p: g.you()}.atomically(f)
}

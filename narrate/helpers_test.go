package narrate_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tale-if/tale/llm"
	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/narrate"
)

// guard is how long a test waits for something that must happen before
// it calls it a hang. It is no timing threshold: passing tests never
// come near it.
const guard = 20 * time.Second

var demo = narrate.Story{ID: "demo", Version: "1.0", Title: "The Cellar", Voice: "second person, present tense", Style: "terse and wry"}

// logs records log lines.
type logs struct {
	mu    sync.Mutex
	lines []string
}

func (l *logs) Enabled(context.Context, slog.Level) bool { return true }
func (l *logs) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logs) WithGroup(string) slog.Handler            { return l }
func (l *logs) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Level.String() + " " + r.Message)
	r.Attrs(func(a slog.Attr) bool { b.WriteString(" " + a.String()); return true })
	l.mu.Lock()
	l.lines = append(l.lines, b.String())
	l.mu.Unlock()
	return nil
}

func (l *logs) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// clock is a clock the test moves.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)} }
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

type rig struct {
	srv    *llmtest.Server
	client *llm.Client
	engine *narrate.Engine
	n      *narrate.Narrator
	logs   *logs
	clock  *clock
}

// newRig starts a fake model, a client on it and an engine; mod adjusts
// the engine's config. Everything is closed when the test ends.
func newRig(t testing.TB, b llmtest.Behaviour, mod func(*narrate.Config)) *rig {
	t.Helper()
	r := &rig{srv: llmtest.New(b), logs: &logs{}, clock: newClock()}
	t.Cleanup(r.srv.Close)
	var err error
	r.client, err = llm.New(llm.Config{BaseURL: r.srv.BaseURL(), Model: "fake-7b", Timeout: guard})
	if err != nil {
		t.Fatal(err)
	}
	r.start(t, mod)
	return r
}

// start (re)opens the engine, as a restarted server does.
func (r *rig) start(t testing.TB, mod func(*narrate.Config)) {
	cfg := narrate.Config{Logger: slog.New(r.logs), Now: r.clock.Now}
	if mod != nil {
		mod(&cfg)
	}
	e, err := narrate.NewEngine(cfg, r.client)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	r.engine, r.n = e, e.Story(demo)
}

// final reads events until the Final for id, returning the partials too.
func final(t testing.TB, n *narrate.Narrator, id uint64) (partials []narrate.Event, fin narrate.Event) {
	t.Helper()
	deadline := time.After(guard)
	for {
		select {
		case ev := <-n.Results():
			if ev.ID != id {
				continue
			}
			if ev.Final {
				return partials, ev
			}
			partials = append(partials, ev)
		case <-deadline:
			t.Fatalf("no final event for request %d", id)
		}
	}
}

// until waits for cond, failing after guard.
func until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(guard)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited in vain for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func look(id uint64, text string) narrate.Request {
	return narrate.Request{ID: id, Player: "ann", Kind: narrate.Room, Facts: text}
}

func newKeyClient(base, env string) (*llm.Client, error) {
	return llm.New(llm.Config{BaseURL: base, Model: "fake-7b", APIKeyEnv: env, Timeout: guard})
}

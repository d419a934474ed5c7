package host

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/llm"
	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/tio"
)

// narrators counts what the host asked of its narrator factory.
type narrators struct {
	mu             sync.Mutex
	owners         []string
	opened, closed int
}

// A hosted game narrates with a narrator of its own from one engine, and
// keeps its narration: unloaded and loaded back from the store, it shows
// a reader resuming by seq the same narration events under the same
// numbers, without asking the model again; the narrator is closed when
// the game is unloaded.
func TestHostedGameNarratesAndKeepsItAcrossAReload(t *testing.T) {
	s, _ := demo(t)
	fake := llmtest.New(llmtest.Behaviour{Reply: "The square, retold."})
	t.Cleanup(fake.Close)
	client, err := llm.New(llm.Config{BaseURL: fake.BaseURL(), Model: "fake"})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := narrate.NewEngine(narrate.Config{Logger: quiet}, client)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	var ns narrators
	h, err := New(Options{Store: openStore(t, t.TempDir()), Story: s, IdleUnload: time.Millisecond, Logger: quiet,
		Driver: driver.Options{Logger: quiet, SnapshotEvery: 7},
		Narrator: func(owner string) (driver.Narrator, func()) {
			ns.mu.Lock()
			defer ns.mu.Unlock()
			ns.owners, ns.opened = append(ns.owners, owner), ns.opened+1
			n := eng.Story(driver.NarrationStory(s))
			return n, func() { ns.mu.Lock(); ns.closed++; ns.mu.Unlock(); n.Close() }
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.Close)
	ctx := context.Background()
	a, err := h.Open(ctx, "ann")
	if err != nil {
		t.Fatal(err)
	}
	r := follow(t, a.Session(), 0)
	var seen []tio.Event
	untilNarrated := func() {
		for {
			select {
			case ev := <-r.sub.Events:
				seen = append(seen, ev)
				if ev.Kind == tio.KindNarration && ev.Narration.Final {
					return
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("no narration; the stream so far: %+v", seen)
			}
		}
	}
	untilNarrated() // the opening's look
	if err := a.Session().Send(ctx, tio.Line("look")); err != nil {
		t.Fatal(err)
	}
	untilNarrated() // a cache hit
	requests, submitted := fake.Requests(), eng.Stats().Submitted
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
	first := seen[slices.IndexFunc(seen, func(ev tio.Event) bool { return ev.Kind == tio.KindNarration })]
	sub, err := b.Session().Subscribe(ctx, int64(first.Seq-1))
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Cancel()
	if sub.Resynced {
		t.Fatal("a reader resuming before the narration was resynced")
	}
	for _, want := range seen[slices.Index(seen, first):] {
		var got tio.Event
		select {
		case got = <-sub.Events:
		case <-time.After(20 * time.Second):
			t.Fatalf("no event %d after the reload", want.Seq)
		}
		if got.Seq != want.Seq || got.Kind != want.Kind || got.Text != want.Text ||
			(want.Narration != nil && (got.Narration == nil || *got.Narration != *want.Narration)) {
			t.Fatalf("after the reload event %d is %s %+v, want %s %+v", want.Seq, got.Kind, got.Narration, want.Kind, want.Narration)
		}
	}
	if n, sb := fake.Requests(), eng.Stats().Submitted; n != requests || sb != submitted {
		t.Errorf("the reload asked the model: %d requests, %d submissions; before %d, %d", n, sb, requests, submitted)
	}
	ns.mu.Lock()
	defer ns.mu.Unlock()
	if ns.opened != 2 || ns.closed != 1 || ns.owners[0] != "ann" || ns.owners[1] != "ann" {
		t.Errorf("narrators: %d opened (for %v), %d closed; want one per load, closed at unload", ns.opened, ns.owners, ns.closed)
	}
}

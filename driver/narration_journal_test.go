package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// narratedRun is a durable game played live with the fake model, stopped:
// its journal, every event its player was shown, and its final snapshot.
type narratedRun struct {
	s     *story.Story
	m     *model
	j     *memJournal
	seen  []tio.Event
	state []byte
}

// longReply is a retelling long enough to stream in pieces (minPiece),
// numbered so that no two narrations read the same.
func longReply(asked *atomic.Int64) func(llmtest.ChatRequest) string {
	return func(llmtest.ChatRequest) string {
		return fmt.Sprintf("Retelling %d: ", asked.Add(1)) + strings.Repeat("the dust turns slowly in the lamplight, ", 10)
	}
}

// playNarrated plays lines in a journaled game with narration on,
// waiting after each line marked "*" for its narration's final, so that
// none is stale and the journal holds pieces, finals and cache hits.
func playNarrated(t *testing.T, lines ...string) narratedRun {
	t.Helper()
	var asked atomic.Int64
	m := newModel(t, llmtest.Behaviour{ChunkBytes: 40, ReplyFor: longReply(&asked)}, narrate.Config{})
	s := testStory()
	j := &memJournal{}
	o := durableOpts(j)
	o.DataDir, o.SnapshotEvery = t.TempDir(), 4
	l := playLiveWith(t, s, m, o)
	l.narration() // the opening's look
	for _, line := range lines {
		line, wait := strings.CutSuffix(line, " *")
		l.do(line)
		if wait {
			if n := l.narration().Narration; n.Text == "" {
				t.Fatalf("%q: the narration was taken back: %+v", line, n)
			}
		}
	}
	l.do("") // every narration asked for has been handled before this turn
	l.stop()
	state, err := l.g.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return narratedRun{s: s, m: m, j: j, seen: l.seen, state: state}
}

func (r narratedRun) opts(j Journal) Options {
	o := durableOpts(j)
	o.SnapshotEvery = 4
	o.Narrator = r.m.eng.Story(NarrationStory(r.s))
	return o
}

// sameEvent compares what a reader is shown.
func sameEvent(a, b tio.Event) bool {
	return a.Seq == b.Seq && a.Kind == b.Kind && a.Text == b.Text && reflect.DeepEqual(a.Narration, b.Narration)
}

var narratedLines = []string{"look *", "examine lamp *", "east *", "west", "look *", "narration off", "look", "narration on", "examine lamp *"}

// A durable game narrates, and every narration event its player was shown
// is in the journal: a rebuild from any point, from the opening or from a
// snapshot, shows the same events under the same numbers without asking
// the model anything, and ends as the game that never stopped.
func TestNarrationInADurableGameSurvivesARebuild(t *testing.T) {
	r := playNarrated(t, narratedLines...)
	var pieces, finals int
	for _, e := range r.j.entries {
		if e.Kind == EntryNarration {
			var n tio.Narration
			if err := json.Unmarshal([]byte(e.Text), &n); err != nil {
				t.Fatal(err)
			}
			if n.Final {
				finals++
			} else {
				pieces++
			}
		}
	}
	if shown := len(narrationsIn(r.seen)); pieces == 0 || finals < 5 || pieces+finals != shown {
		t.Fatalf("journal: %d pieces and %d finals, for %d narration events shown", pieces, finals, shown)
	}
	bySeq := map[uint64]tio.Event{}
	for _, ev := range r.seen {
		bySeq[ev.Seq] = ev
	}
	requests, submitted := r.m.fake.Requests(), r.m.eng.Stats().Submitted
	// From cut 1: an empty journal is a game that may ask for its
	// opening's narration again, having shown nothing after the opening.
	for cut := 1; cut <= len(r.j.entries); cut++ {
		for _, useSnap := range []bool{false, true} {
			re, err := RebuildGame(r.s, r.opts(&memJournal{entries: slices.Clone(r.j.entries[:cut])}), r.j.resume(int64(cut), useSnap))
			if err != nil {
				t.Fatalf("cut %d: %v", cut, err)
			}
			last := re.you().events.LastSeq()
			sub := re.you().subscribe(max(0, int64(last)-12))
			if sub.Resynced {
				t.Fatalf("cut %d (snapshot %v): resume resynced", cut, useSnap)
			}
			for len(sub.Events) > 0 {
				ev := <-sub.Events
				if !sameEvent(ev, bySeq[ev.Seq]) {
					t.Fatalf("cut %d (snapshot %v): rebuilt event %d is %s %+v %q, live was %s %+v %q", cut, useSnap, ev.Seq,
						ev.Kind, ev.Narration, ev.Text, bySeq[ev.Seq].Kind, bySeq[ev.Seq].Narration, bySeq[ev.Seq].Text)
				}
			}
			if cut == len(r.j.entries) {
				if got, _ := re.snapshot(); !bytes.Equal(got, r.state) {
					t.Fatalf("snapshot %v: the rebuilt game differs:\n%s\nwant\n%s", useSnap, got, r.state)
				}
			}
		}
	}
	if n, s := r.m.fake.Requests(), r.m.eng.Stats().Submitted; n != requests || s != submitted {
		t.Errorf("rebuilding asked the model: %d requests and %d submissions, after %d and %d", n, s, requests, submitted)
	}
}

// A client that had read up to some event before the process died, and
// resumes from it on the rebuilt game, gets exactly the events after it,
// narration included; the game then narrates on, under new ids.
func TestNarrationResumesAcrossARebuild(t *testing.T) {
	r := playNarrated(t, narratedLines...)
	re, err := RebuildGame(r.s, r.opts(&memJournal{entries: slices.Clone(r.j.entries)}), r.j.resume(int64(len(r.j.entries)), true))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- re.Run(ctx) }()
	defer func() { cancel(); <-done }()

	// The reader had read up to just before the third newest narration
	// event: the rest of that narration and the last commands are in the
	// snapshot's newest events and the entries after it.
	var at, oldIDs []uint64
	for _, ev := range r.seen {
		if ev.Kind == tio.KindNarration {
			at, oldIDs = append(at, ev.Seq), append(oldIDs, ev.Narration.ID)
		}
	}
	since := at[len(at)-3] - 1
	sub, err := re.Session().Subscribe(t.Context(), int64(since))
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Cancel()
	if sub.Resynced {
		t.Fatal("resume resynced")
	}
	want := r.seen[slices.IndexFunc(r.seen, func(ev tio.Event) bool { return ev.Seq == since+1 }):]
	for i, w := range want {
		ev := nextOf(t, sub)
		if !sameEvent(ev, w) {
			t.Fatalf("event %d after the resume is %d %s %+v %q, want %d %s %+v %q", i, ev.Seq, ev.Kind, ev.Narration, ev.Text,
				w.Seq, w.Kind, w.Narration, w.Text)
		}
	}
	if err := re.Session().Send(t.Context(), tio.Line("east")); err != nil {
		t.Fatal(err)
	}
	for {
		ev := nextOf(t, sub)
		if ev.Kind != tio.KindNarration || !ev.Narration.Final {
			continue
		}
		if slices.Contains(oldIDs, ev.Narration.ID) || ev.Narration.ID < slices.Max(oldIDs) {
			t.Errorf("a new narration has id %d; the journal's went up to %d", ev.Narration.ID, slices.Max(oldIDs))
		}
		break
	}
}

// nextOf is sub's next event, waiting at most guard for it.
func nextOf(t *testing.T, sub *tio.Subscription) tio.Event {
	t.Helper()
	select {
	case ev := <-sub.Events:
		return ev
	case <-time.After(guard):
		t.Fatal("no event")
	}
	return tio.Event{}
}

// refusing is a journal that refuses one kind of entry.
type refusing struct {
	*memJournal
	kind string
}

func (j refusing) Append(ctx context.Context, e Entry) error {
	if e.Kind == j.kind {
		return errors.New("disk full")
	}
	return j.memJournal.Append(ctx, e)
}

// A narration the journal cannot keep is not shown, and costs the player
// nothing else: every command is played and kept, and the game rebuilds
// to the same numbering.
func TestNarrationTheJournalRefusesIsDropped(t *testing.T) {
	m := newModel(t, llmtest.Behaviour{Reply: "The hall, retold."}, narrate.Config{})
	s := testStory()
	j := &memJournal{}
	o := durableOpts(refusing{j, EntryNarration})
	o.DataDir = t.TempDir()
	l := playLiveWith(t, s, m, o)
	lines := []string{"look", "examine lamp", "east"}
	for _, line := range lines {
		l.do(line)
	}
	waitFor(t, "the model answered every request", func() bool { return answered(m.eng.Stats()) })
	l.settle(m, m.eng.Stats().Delivered)
	l.stop()
	if m.eng.Stats().Delivered == 0 {
		t.Fatal("the model delivered nothing; the test proves nothing")
	}
	if n := narrationsIn(l.seen); len(n) != 0 {
		t.Errorf("%d narration events were shown that the journal does not hold", len(n))
	}
	if len(j.entries) != len(lines)+1 {
		t.Fatalf("%d entries for %d lines and a settling one", len(j.entries), len(lines))
	}
	re, err := RebuildGame(s, durableOpts(j), j.resume(int64(len(j.entries)), false))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := re.you().events.LastSeq(), l.seen[len(l.seen)-1].Seq; got != want {
		t.Errorf("rebuilt game's last event is %d, live was %d", got, want)
	}
}

// "narration off" outlives a rebuild from a snapshot: the player who
// turned it off does not get it back.
func TestNarrationOffSurvivesASnapshot(t *testing.T) {
	m := newModel(t, llmtest.Behaviour{}, narrate.Config{})
	s := testStory()
	j := &memJournal{}
	o := durableOpts(j)
	o.SnapshotEvery = 1
	o.Narrator = m.eng.Story(NarrationStory(s))
	g, err := New(s, o)
	if err != nil {
		t.Fatal(err)
	}
	step(g, "narration off")
	o.Narrator = m.eng.Story(NarrationStory(s))
	re, err := RebuildGame(s, o, j.resume(int64(len(j.entries)), true))
	if err != nil {
		t.Fatal(err)
	}
	if j.resume(int64(len(j.entries)), true).Snapshot == nil {
		t.Fatal("no snapshot to rebuild from")
	}
	before := m.eng.Stats().Submitted
	step(re, "look")
	if n := m.eng.Stats().Submitted; n != before {
		t.Errorf("after a rebuild, a player who said narration off had %d narrations asked for", n-before)
	}
}

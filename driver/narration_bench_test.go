package driver

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/tio"
)

// benchLines is a walk that looks, examines, talks and moves, so every
// kind of narration is asked for.
var benchLines = []string{"look", "examine lamp", "east", "ask keeper about the weather", "west", "examine statue"}

// BenchmarkNarrationLatency is a command's reply time, through the
// session as a front end sends it, until Sync says the reply is out:
// with no model, and with the fake model answering at once, after 2 s,
// or never. go test ./driver -run X -bench NarrationLatency -benchtime 600x
func BenchmarkNarrationLatency(b *testing.B) {
	cases := []struct {
		name string
		b    *llmtest.Behaviour
	}{
		{"off", nil},
		{"model-0ms", &llmtest.Behaviour{Reply: "Quick words."}},
		{"model-2s", &llmtest.Behaviour{Reply: "Slow words.", ChunkBytes: 1 << 10, Delay: 2 * time.Second}},
		{"model-hanging", &llmtest.Behaviour{Hang: true}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var m *model
			if c.b != nil {
				m = newModel(b, *c.b, narrate.Config{})
			}
			l := playLive(b, testStory(), m)
			s := l.g.Session()
			ctx := context.Background()
			go func() { // a front end reading, so nobody is evicted
				for range l.sub.Events {
				}
			}()
			lat := make([]time.Duration, 0, b.N)
			i := 0
			for b.Loop() {
				start := time.Now()
				if err := s.Send(ctx, tio.Line(benchLines[i%len(benchLines)])); err != nil {
					b.Fatal(err)
				}
				if err := s.Sync(ctx); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				i++
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)*50/100].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		})
	}
}

// BenchmarkNarrationWarmCache is how many requests reach the model per
// 100 commands once the cache has seen the walk: only NPC answers, which
// depend on the question and are not cached. The walk is played through
// once to warm the cache; then each op is 100 commands of it.
func BenchmarkNarrationWarmCache(b *testing.B) {
	m := newModel(b, llmtest.Behaviour{Reply: "Cached words."}, narrate.Config{CacheDir: b.TempDir()})
	l := playLive(b, testStory(), m)
	settleAll := func() {
		for !answered(m.eng.Stats()) {
			time.Sleep(time.Millisecond)
		}
	}
	for _, line := range benchLines {
		l.do(line)
		settleAll() // one at a time, so none is dropped as stale before it is cached
	}
	before := m.fake.Requests()
	for b.Loop() {
		for i := range 100 {
			l.do(benchLines[i%len(benchLines)])
		}
		settleAll()
	}
	b.ReportMetric(float64(m.fake.Requests()-before)/float64(b.N), "requests/100cmds")
	if st := m.eng.Stats(); st.Errors > 0 || st.Dropped > 0 {
		b.Errorf("the figure is off: %d requests failed, %d were dropped: %+v", st.Errors, st.Dropped, st)
	}
}

// countingJournal keeps nothing and counts what a durable game appends.
type countingJournal struct{ all, narration atomic.Int64 }

func (j *countingJournal) Append(_ context.Context, e Entry) error {
	j.all.Add(1)
	if e.Kind == EntryNarration {
		j.narration.Add(1)
	}
	return nil
}

func (j *countingJournal) Snapshot(context.Context, int64, []byte) error { return nil }

// BenchmarkNarrationJournalAppends is how many entries a durable game
// appends per 100 commands of the walk with narration on: one per
// command, plus one per narration event shown (each piece and each
// final). Each command's narrations are answered before the next, so none
// is dropped as stale: the most a player can cost. A short reply is one
// final; a long one (400 bytes) streams in pieces of minPiece bytes. A
// one-entry cache makes every rewrite a request; with a warm cache a
// rewrite is one final and no request.
// go test ./driver -run X -bench NarrationJournalAppends -benchtime 3x
func BenchmarkNarrationJournalAppends(b *testing.B) {
	long := strings.Repeat("The dust turns slowly in the lamplight. ", 10)
	cases := []struct {
		name    string
		b       *llmtest.Behaviour
		entries int // the cache's size; 0 its default
	}{
		{"off", nil, 0},
		{"short-reply-no-cache", &llmtest.Behaviour{Reply: "Quick words."}, 1},
		{"long-reply-no-cache", &llmtest.Behaviour{Reply: long, ChunkBytes: 16}, 1},
		{"long-reply-warm-cache", &llmtest.Behaviour{Reply: long, ChunkBytes: 16}, 0},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var m *model
			if c.b != nil {
				m = newModel(b, *c.b, narrate.Config{CacheEntries: c.entries})
			}
			j := &countingJournal{}
			seed := uint64(42)
			l := playLiveWith(b, testStory(), m, Options{Seed: &seed, DataDir: b.TempDir(), Logger: quiet, Journal: j})
			play := func(n int) {
				for i := range n {
					l.do(benchLines[i%len(benchLines)])
					for m != nil && !answered(m.eng.Stats()) {
						time.Sleep(time.Millisecond)
					}
					l.do("") // after the answers: the loop has handled them
				}
			}
			play(len(benchLines)) // warms the cache, if it holds the walk
			all, narr := j.all.Load(), j.narration.Load()
			for b.Loop() {
				play(100)
			}
			// Each command is followed by an empty line: take those out.
			b.ReportMetric(float64(j.all.Load()-all)/float64(b.N)-100, "appends/100cmds")
			b.ReportMetric(float64(j.narration.Load()-narr)/float64(b.N), "narration-appends/100cmds")
		})
	}
}

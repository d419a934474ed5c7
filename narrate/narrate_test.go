package narrate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
	"github.com/tale-if/tale/tio/tiotest"
)

const cellar = "You are in a damp <location>cellar</location>. Stairs lead <exit>up</exit>. A <item>lamp</item> lies here."

func TestStreamingDeliversPartialsInOrderThenFinal(t *testing.T) {
	reply := "Damp stone sweats around you. Stairs climb up into the dark, and a lamp lies forgotten on the floor."
	r := newRig(t, llmtest.Behaviour{Reply: reply, ChunkBytes: 6}, nil)
	if got := r.n.Submit(look(7, cellar)); got != narrate.Queued {
		t.Fatalf("Submit: %v", got)
	}
	partials, fin := final(t, r.n, 7)
	var shown strings.Builder
	for _, p := range partials {
		shown.WriteString(p.Text)
	}
	if len(partials) < 5 || fin.Text != reply || !strings.HasPrefix(fin.Text, shown.String()) || len(shown.String()) < len(reply)-10 {
		t.Fatalf("%d partials showing %q, final %q", len(partials), shown.String(), fin.Text)
	}
	if fin.Player != "ann" || fin.Kind != narrate.Room || fin.Cached || fin.Abandoned {
		t.Fatalf("final %+v", fin)
	}
}

// The test the whole package exists for: with the model hanging and the
// queue full, Submit still returns at once, every time.
func TestSubmitNeverBlocksWhenTheModelHangs(t *testing.T) {
	r := newRig(t, llmtest.Behaviour{Hang: true}, func(c *narrate.Config) { c.Workers, c.Queue = 1, 2 })
	const n = 200
	outcomes := make(chan map[narrate.Outcome]int)
	go func() {
		got := map[narrate.Outcome]int{}
		for i := range n {
			got[r.n.Submit(narrate.Request{ID: uint64(i), Player: "ann", Kind: narrate.Action, Facts: "The troll swings and misses."})]++
		}
		outcomes <- got
	}()
	select {
	case got := <-outcomes:
		if got[narrate.Queued] > 3 || got[narrate.Queued]+got[narrate.Dropped] != n {
			t.Fatalf("outcomes %v: want at most the queue and a worker's worth queued, the rest dropped", got)
		}
	case <-time.After(guard):
		t.Fatal("Submit blocked behind a hanging model")
	}
	if s := r.engine.Stats(); s.Dropped < n-3 || s.Delivered != 0 {
		t.Fatalf("stats %+v", s)
	}
	if lines := r.logs.all(); len(lines) != 1 || !strings.Contains(lines[0], "queue is full") {
		t.Fatalf("log: %q (want one line for the flood of drops)", lines)
	}
}

func TestDeadBackendIsOneWarningAndNoEvent(t *testing.T) {
	r := newRig(t, llmtest.Behaviour{}, nil)
	r.srv.Close()
	r.engine.Close() // its probe may have seen the server go and said so
	r.logs = &logs{} // count the lines of the engine that starts with it dead
	r.start(t, nil)  // a model dead at start is no error
	if got := r.n.Submit(look(1, cellar)); got != narrate.Queued {
		t.Fatalf("Submit: %v", got)
	}
	until(t, "the request to fail", func() bool { return r.engine.Stats().Errors == 1 })
	r.engine.Close() // waits for the probe too
	if len(r.n.Results()) != 0 {
		t.Fatalf("a dead model produced an event: %+v", <-r.n.Results())
	}
	if lines := r.logs.all(); len(lines) != 1 || !strings.HasPrefix(lines[0], "WARN narration:") {
		t.Fatalf("log: %q, want one warning", lines)
	}
}

func TestRepeatedFailuresPauseRequests(t *testing.T) {
	r := newRig(t, llmtest.Behaviour{Status: 500, Body: "internal error"}, nil)
	for i := range 3 {
		r.n.Submit(look(uint64(i), cellar+strings.Repeat(" Drip.", i)))
		until(t, "a failure", func() bool { return r.engine.Stats().Errors == int64(i+1) })
	}
	if got := r.n.Submit(look(9, "A new room.")); got != narrate.Paused {
		t.Fatalf("after three failures Submit says %v, want paused", got)
	}
	r.clock.add(31 * time.Second)
	r.srv.Set(llmtest.Behaviour{Reply: "Back."})
	if got := r.n.Submit(look(10, "A new room.")); got != narrate.Queued {
		t.Fatalf("after the pause Submit says %v", got)
	}
	if _, fin := final(t, r.n, 10); fin.Text != "Back." {
		t.Fatalf("final %+v", fin)
	}
}

func TestHostileOutputIsTextAndBounded(t *testing.T) {
	replies := []string{llmtest.Markup, llmtest.ANSI, llmtest.DoorOpen, llmtest.Megabyte}
	for _, h := range tiotest.Hostile {
		replies = append(replies, h.Text+" and more words")
	}
	r := newRig(t, llmtest.Behaviour{}, nil)
	for i, reply := range replies {
		r.srv.Set(llmtest.Behaviour{Reply: reply, ChunkBytes: 4096})
		r.n.Submit(narrate.Request{ID: uint64(i), Player: "ann", Kind: narrate.Dialogue, Said: "hello", NPC: &narrate.NPC{Name: "Hob"}})
		partials, fin := final(t, r.n, uint64(i))
		for _, ev := range append(partials, fin) {
			plain := markup.Plain(ev.Text, 0)
			if strings.ContainsAny(ev.Text, "<>") || tiotest.ForeignControl(plain) != "" || !utf8.ValidString(ev.Text) {
				t.Errorf("reply %d: %q is not plain text", i, ev.Text)
			}
			if len(plain) > narrate.MaxTextBytes {
				t.Errorf("reply %d: %d bytes of text", i, len(plain))
			}
		}
		if strings.IndexFunc(fin.Text, func(r rune) bool { return tio.IsControl(r) && r != '\n' }) >= 0 {
			t.Errorf("reply %d: control characters in %q", i, fin.Text)
		}
	}
	// What the model wrote shows as the characters it wrote.
	r.srv.Set(llmtest.Behaviour{Reply: llmtest.Markup})
	r.n.Submit(look(100, "A stage."))
	if _, fin := final(t, r.n, 100); strings.TrimSpace(markup.Plain(fin.Text, 0)) != llmtest.Markup {
		t.Fatalf("markup shows as %q", markup.Plain(fin.Text, 0))
	}
}

func TestCacheHitsAfterARestart(t *testing.T) {
	dir := t.TempDir()
	withDir := func(c *narrate.Config) { c.CacheDir = dir }
	r := newRig(t, llmtest.Behaviour{Reply: "A cellar, damp and patient."}, withDir)
	r.n.Submit(look(1, cellar))
	final(t, r.n, 1)
	until(t, "the entry on disk", func() bool { m, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt")); return len(m) == 1 })
	r.engine.Close()

	r.start(t, withDir)
	for i := range 100 {
		if got := r.n.Submit(narrate.Request{ID: uint64(10 + i), Player: "bob", Kind: narrate.Room, Facts: cellar}); got != narrate.Cached {
			t.Fatalf("look %d after the restart: %v", i, got)
		}
		if ev := <-r.n.Results(); !ev.Final || !ev.Cached || ev.Text != "A cellar, damp and patient." || ev.Player != "bob" {
			t.Fatalf("cached event %+v", ev)
		}
	}
	if n := r.srv.Requests(); n != 1 {
		t.Fatalf("%d requests to the model, want the first one only", n)
	}
	// Another version of the story is another text.
	other := r.engine.Story(narrate.Story{ID: "demo", Version: "1.1", Voice: demo.Voice})
	if got := other.Submit(look(200, cellar)); got != narrate.Queued {
		t.Fatalf("a new story version hit the old cache: %v", got)
	}
}

func TestCacheIsBoundedOnDisk(t *testing.T) {
	dir := t.TempDir()
	withDir := func(c *narrate.Config) { c.CacheDir, c.CacheEntries = dir, 3 }
	r := newRig(t, llmtest.Behaviour{Reply: "Somewhere."}, withDir)
	for i := range 5 {
		r.n.Submit(look(uint64(i), "Room number "+string(rune('A'+i))+"."))
		final(t, r.n, uint64(i))
	}
	r.engine.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) != 3 {
		t.Fatalf("%d files in the cache, want 3", len(files))
	}
	r.start(t, withDir)
	if got := r.n.Submit(look(9, "Room number E.")); got != narrate.Cached {
		t.Fatalf("the newest entry is gone: %v", got)
	}
	if got := r.n.Submit(look(10, "Room number A.")); got != narrate.Queued {
		t.Fatalf("the oldest entry survived: %v", got)
	}
}

// A corrupt entry and a write cut short are removed, never served.
func TestCacheDropsCorruptFiles(t *testing.T) {
	dir := t.TempDir()
	key := strings.Repeat("ab", 32)
	os.MkdirAll(filepath.Join(dir, "ab"), 0o755)
	os.WriteFile(filepath.Join(dir, "ab", key+".txt"), []byte("not a cache file"), 0o644)
	os.WriteFile(filepath.Join(dir, "ab", ".tmp-123"), []byte("half"), 0o644)
	r := newRig(t, llmtest.Behaviour{}, func(c *narrate.Config) { c.CacheDir = dir })
	if s := r.engine.Stats(); s.CacheSize != 0 {
		t.Fatalf("loaded %d entries from foreign files", s.CacheSize)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "ab", "*")); len(m) != 0 {
		t.Fatalf("left %q", m)
	}
}

func TestBudgetStopsRequests(t *testing.T) {
	r := newRig(t, llmtest.Behaviour{Reply: "Words.", PromptTokens: 900, CompletionTokens: 200}, func(c *narrate.Config) { c.TokensPerHour = 1000 })
	act := func(id uint64, player string) narrate.Outcome {
		return r.n.Submit(narrate.Request{ID: id, Player: player, Kind: narrate.Action, Facts: "You hit the rat."})
	}
	if got := act(1, "ann"); got != narrate.Queued {
		t.Fatalf("first: %v", got)
	}
	final(t, r.n, 1)
	if got := act(2, "ann"); got != narrate.OverBudget {
		t.Fatalf("over the budget: %v", got)
	}
	if got := act(3, "bob"); got != narrate.Queued {
		t.Fatalf("another player: %v", got)
	}
	final(t, r.n, 3)
	r.clock.add(time.Hour)
	if got := act(4, "ann"); got != narrate.Queued {
		t.Fatalf("an hour later: %v", got)
	}
	final(t, r.n, 4)
	if n := r.srv.Requests(); n != 3 {
		t.Fatalf("%d requests, want 3", n)
	}
	if s := r.engine.Stats(); s.Tokens != 3*1100 || s.OverBudget != 1 {
		t.Fatalf("stats %+v", s)
	}
}

func TestAPIKeyNeverInTheLog(t *testing.T) {
	const key = "sk-narrate-secret-42"
	t.Setenv("TALE_TEST_KEY", key)
	r := newRig(t, llmtest.Behaviour{Status: 401, Body: `{"error":"invalid key ` + key + `"}`}, nil)
	r.engine.Close()
	var err error
	r.client, err = newKeyClient(r.srv.BaseURL(), "TALE_TEST_KEY")
	if err != nil {
		t.Fatal(err)
	}
	r.start(t, nil)
	r.n.Submit(look(1, cellar))
	until(t, "the failure", func() bool { return r.engine.Stats().Errors == 1 })
	r.engine.Close()
	lines := r.logs.all()
	if len(lines) == 0 {
		t.Fatal("no log line for the failure")
	}
	for _, l := range lines {
		if strings.Contains(l, key) {
			t.Fatalf("the key is in the log: %q", l)
		}
	}
}

func TestDialogueIsNotCachedByDefault(t *testing.T) {
	r := newRig(t, llmtest.Behaviour{Reply: "Aye."}, nil)
	hob := &narrate.NPC{Name: "Hob", Personality: "gruff, kind underneath", Topics: []string{"the lamp"}, Knows: []string{"the cellar floods in spring"}}
	for i := range 2 {
		r.n.Submit(narrate.Request{ID: uint64(i), Player: "ann", Kind: narrate.Dialogue, Facts: cellar, Said: "what about floods?", NPC: hob})
		final(t, r.n, uint64(i))
	}
	if n := r.srv.Requests(); n != 2 {
		t.Fatalf("%d requests for two questions, want 2", n)
	}
	sys := r.srv.Received()[0].Messages[0].Content
	user := r.srv.Received()[0].Messages[1].Content
	for _, want := range []string{"You are Hob", "gruff, kind underneath", "the cellar floods in spring", "the lamp", "nothing you say changes the world"} {
		if !strings.Contains(sys, want) {
			t.Errorf("the system prompt lacks %q:\n%s", want, sys)
		}
	}
	if !strings.Contains(user, "what about floods?") || strings.Contains(user, "<exit>") {
		t.Errorf("user prompt %q", user)
	}
}

func TestRewritePromptHasTheFactsAndTheRule(t *testing.T) {
	r := newRig(t, llmtest.Behaviour{}, nil)
	r.n.Submit(look(1, cellar))
	final(t, r.n, 1)
	m := r.srv.Received()[0].Messages
	if !strings.Contains(m[0].Content, "do not add exits, items or people") || !strings.Contains(m[0].Content, "terse and wry") {
		t.Errorf("system prompt:\n%s", m[0].Content)
	}
	if !strings.Contains(m[1].Content, "You are in a damp cellar. Stairs lead up. A lamp lies here.") {
		t.Errorf("the facts are not the authored text without markup: %q", m[1].Content)
	}
}

func TestClosedNarratorIsOff(t *testing.T) {
	r := newRig(t, llmtest.Behaviour{}, nil)
	r.n.Close()
	if got := r.n.Submit(look(1, cellar)); got != narrate.Off {
		t.Fatalf("Submit after Close: %v", got)
	}
	r.engine.Close()
	if got := r.engine.Story(demo).Submit(look(1, cellar)); got != narrate.Off {
		t.Fatalf("Submit after the engine closed: %v", got)
	}
}

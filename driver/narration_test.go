package driver

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tale-if/tale/llm"
	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// guard is how long a test waits for something that must happen before
// calling it a hang. No passing test comes near it: it is no timing
// threshold, only a bound on a failing test.
const guard = 20 * time.Second

// model is a narration engine on the fake OpenAI-compatible server.
type model struct {
	fake *llmtest.Server
	eng  *narrate.Engine
}

func newModel(t testing.TB, b llmtest.Behaviour, cfg narrate.Config) *model {
	t.Helper()
	fake := llmtest.New(b)
	t.Cleanup(fake.Close)
	client, err := llm.New(llm.Config{BaseURL: fake.BaseURL(), Model: "fake"})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Logger = quiet
	eng, err := narrate.NewEngine(cfg, client)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	return &model{fake: fake, eng: eng}
}

// live is an IF game running its loop, read through its session as a
// front end does.
type live struct {
	t    testing.TB
	g    *Game
	nar  *narrate.Narrator // nil: narration off
	sub  *tio.Subscription
	seen []tio.Event
	mark int    // where in seen the newest do's reply starts
	stop func() // ends the loop and waits for it (idempotent)
}

func playLive(t testing.TB, s *story.Story, m *model) *live {
	t.Helper()
	seed := uint64(42)
	return playLiveWith(t, s, m, Options{Seed: &seed, DataDir: t.TempDir(), Logger: quiet})
}

// playLiveWith is playLive with o (a journal, a snapshot interval).
func playLiveWith(t testing.TB, s *story.Story, m *model, o Options) *live {
	t.Helper()
	var nar *narrate.Narrator
	if m != nil {
		nar = m.eng.Story(NarrationStory(s))
		o.Narrator = nar
	}
	g, err := New(s, o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	var once sync.Once
	stop := func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(stop)
	sub, err := g.Session().Subscribe(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sub.Cancel)
	l := &live{t: t, g: g, nar: nar, sub: sub, stop: stop}
	for last := g.Session().LastSeq(); len(l.seen) == 0 || l.seen[len(l.seen)-1].Seq < last; {
		l.next() // the opening, which tests take as read
	}
	return l
}

// do sends a line and returns once the game has emitted its whole reply
// (tio.ReplyEnd); the reply's events are then in the subscription.
func (l *live) do(line string) []tio.Event {
	l.t.Helper()
	s := l.g.Session()
	if err := s.Send(l.t.Context(), tio.Line(line)); err != nil {
		l.t.Fatal(err)
	}
	end, err := tio.ReplyEnd(l.t.Context(), s)
	if err != nil {
		l.t.Fatal(err)
	}
	var evs []tio.Event
	l.mark = len(l.seen)
	for len(l.seen) == 0 || l.seen[len(l.seen)-1].Seq < end {
		evs = append(evs, l.next())
	}
	return evs
}

// next is the next event, waiting for it.
func (l *live) next() tio.Event {
	l.t.Helper()
	select {
	case ev := <-l.sub.Events:
		l.seen = append(l.seen, ev)
		return ev
	case <-time.After(guard):
		l.t.Fatalf("no event after %d; the stream so far:\n%s", len(l.seen), dump(l.seen))
	}
	return tio.Event{}
}

// narration is the first final narration after the newest do's reply
// began (a cached one can come before the Sync that ends the reply),
// waiting for it.
func (l *live) narration() tio.Event {
	l.t.Helper()
	for i := l.mark; i < len(l.seen); i++ {
		if ev := l.seen[i]; ev.Kind == tio.KindNarration && ev.Narration.Final {
			l.mark = i + 1
			return ev
		}
	}
	l.mark = len(l.seen) + 1
	for {
		if ev := l.next(); ev.Kind == tio.KindNarration && ev.Narration.Final {
			return ev
		}
	}
}

// settle returns once the loop has handled every narration event the
// engine delivered so far: the engine has put n finals on Results, the
// loop has taken them all, and a Sync after that is handled after them.
func (l *live) settle(m *model, n int64) []tio.Event {
	l.t.Helper()
	deadline := time.Now().Add(guard)
	for m.eng.Stats().Delivered < n || len(l.nar.Results()) > 0 {
		if time.Now().After(deadline) {
			l.t.Fatalf("the engine delivered %d narrations, want %d", m.eng.Stats().Delivered, n)
		}
		time.Sleep(time.Millisecond)
	}
	return l.do("") // an empty line: a turn that says nothing much, after them
}

// waitFor polls cond until it holds (the fake server's request count).
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(guard)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// answered is true when every request the engine queued has ended:
// answered (a final put on Results), failed or skipped. Cache hits are
// not requests, so they are taken out of the delivered count.
func answered(st narrate.Stats) bool {
	return st.Delivered-st.CacheHits+st.Errors+st.Skipped >= st.Queued
}

func narrationsIn(evs []tio.Event) []tio.Event {
	var out []tio.Event
	for _, ev := range evs {
		if ev.Kind == tio.KindNarration {
			out = append(out, ev)
		}
	}
	return out
}

func dump(evs []tio.Event) string {
	var b strings.Builder
	for _, ev := range evs {
		b.WriteString(ev.Kind.String())
		if ev.Narration != nil {
			b.WriteString(" " + ev.Narration.Of + " " + ev.Narration.Text)
		}
		b.WriteString(" " + ev.Text + "\n")
	}
	return b.String()
}

// A hanging model costs a command nothing: the look's reply, text and
// state, is out and Sync has returned while the model still holds the
// request, and the reply is event for event what it is with no model.
func TestNarrationHangingModelDoesNotDelayTheReply(t *testing.T) {
	m := newModel(t, llmtest.Behaviour{Hang: true}, narrate.Config{})
	with := playLive(t, testStory(), m)
	without := playLive(t, testStory(), nil)
	for _, line := range []string{"look", "examine lamp", "east", "ask keeper about the weather", "west"} {
		got, want := with.do(line), without.do(line)
		if dump(got) != dump(want) {
			t.Errorf("%s with a hanging model:\n%s\nwithout a model:\n%s", line, dump(got), dump(want))
		}
	}
	waitFor(t, "the model holds a request", func() bool { return m.fake.Requests() > 0 })
	if st := m.eng.Stats(); st.Delivered != 0 {
		t.Errorf("the hanging model delivered %d narrations", st.Delivered)
	}
	// And the game still answers at once while it hangs.
	if got := textOf(with.do("inventory")); !strings.Contains(got, "You are carrying") && !strings.Contains(got, "empty-handed") {
		t.Errorf("inventory while the model hangs: %q", got)
	}
}

// The model's text follows the authored text, as its own event for the
// player, marked as a narration of the room.
func TestNarrationFollowsTheAuthoredText(t *testing.T) {
	m := newModel(t, llmtest.Behaviour{Reply: "Dust turns in the light of the hall."}, narrate.Config{})
	l := playLive(t, testStory(), m)
	l.narration() // the opening's, which may come after playLive returns
	reply := l.do("look")
	if !strings.Contains(textOf(reply), "Entrance Hall") {
		t.Fatalf("look said %q", textOf(reply))
	}
	var authored uint64
	for _, ev := range reply {
		if ev.Kind == tio.KindText && strings.Contains(ev.Text, "Entrance Hall") {
			authored = ev.Seq
		}
	}
	ev := l.narration()
	if ev.Seq <= authored {
		t.Errorf("narration seq %d is not after the authored look's %d", ev.Seq, authored)
	}
	if n := ev.Narration; n.Text != "Dust turns in the light of the hall." || n.Of != "room" {
		t.Errorf("narration = %+v", n)
	}
	if got := m.fake.Received()[len(m.fake.Received())-1]; !strings.Contains(got.Messages[1].Content, "A draughty hall with a portrait") {
		t.Errorf("the prompt lacks the authored text (the fact sheet): %q", got.Messages[1].Content)
	}
}

// A dead model is never seen: no narration, no error, the same game.
func TestNarrationDeadBackendIsNeverSeen(t *testing.T) {
	m := newModel(t, llmtest.Behaviour{}, narrate.Config{})
	m.fake.Close() // dead before the first look
	with := playLive(t, testStory(), m)
	without := playLive(t, testStory(), nil)
	for _, line := range []string{"look", "examine statue", "east", "ask keeper about ships", "look"} {
		got, want := with.do(line), without.do(line)
		if dump(got) != dump(want) {
			t.Errorf("%s with a dead model:\n%s\nwithout:\n%s", line, dump(got), dump(want))
		}
	}
	waitFor(t, "the failures are counted", func() bool { return m.eng.Stats().Errors+m.eng.Stats().Paused > 0 })
	if evs := narrationsIn(with.settle(m, 0)); len(evs) != 0 {
		t.Errorf("a dead model showed %s", dump(evs))
	}
}

// Hostile output reaches the player's stream escaped, without control
// characters, bounded, and changes nothing in the world.
func TestNarrationHostileOutputIsTextOnly(t *testing.T) {
	reply := llmtest.Markup + " " + llmtest.ANSI + " " + llmtest.DoorOpen + " " + llmtest.Megabyte
	m := newModel(t, llmtest.Behaviour{Reply: reply, ChunkBytes: 4096}, narrate.Config{})
	l := playLive(t, testStory(), m)
	l.do("look")
	ev := l.narration()
	text := ev.Narration.Text
	plain := markup.Plain(text, 0)
	for _, want := range []string{"<bright>You win!</>", "<script>alert(1)</script>", "the door is now open"} {
		if !strings.Contains(plain, want) {
			t.Errorf("the model's words %q do not read as text in %q", want, plain[:min(len(plain), 300)])
		}
	}
	if strings.ContainsAny(text, "\x1b\a\x07") {
		t.Errorf("control characters reached the stream: %q", text[:min(len(text), 300)])
	}
	if len(markup.Strip(text)) > narrate.MaxTextBytes {
		t.Errorf("a 1 MB reply became %d bytes of text, want at most %d", len(markup.Strip(text)), narrate.MaxTextBytes)
	}
	pieces := 0
	for _, e := range l.seen {
		if e.Kind == tio.KindNarration && e.Narration.ID == ev.Narration.ID {
			pieces++
		}
	}
	if most := narrate.MaxTextBytes*6/minPiece + 2; pieces > most {
		t.Errorf("one narration took %d events, want at most %d", pieces, most)
	}
	if got := textOf(l.do("north")); !strings.Contains(got, "locked") {
		t.Errorf("after the model said the door is open, north said %q", got)
	}
}

// Rewrites are kept in the data dir: a second world over the same cache
// dir (a restart) shows the same look's narration with no request.
func TestNarrationCacheHitsAfterRestart(t *testing.T) {
	dir := t.TempDir()
	first := newModel(t, llmtest.Behaviour{Reply: "The hall, remembered."}, narrate.Config{CacheDir: dir})
	l := playLive(t, testStory(), first)
	l.do("look")
	l.narration()
	first.eng.Close()

	second := newModel(t, llmtest.Behaviour{Reply: "A new answer."}, narrate.Config{CacheDir: dir})
	l2 := playLive(t, testStory(), second)
	l2.do("look")
	if got := l2.narration().Narration.Text; got != "The hall, remembered." {
		t.Errorf("after a restart the look narrates %q, want the cached rewrite", got)
	}
	if n := second.fake.Requests(); n != 0 {
		t.Errorf("a cached look cost %d requests", n)
	}
}

// A spent budget stops requests; the game plays on without narration.
func TestNarrationBudgetStopsRequests(t *testing.T) {
	m := newModel(t, llmtest.Behaviour{}, narrate.Config{TokensPerHour: 1})
	l := playLive(t, testStory(), m)
	for _, line := range []string{"examine lamp", "examine box", "examine statue"} {
		l.do(line)
	}
	// The opening's look spends the hour's budget (a player overshoots
	// by at most one request); the three commands after it ask nothing.
	if n := m.fake.Requests(); n > 1 {
		t.Errorf("%d requests, want the opening's alone", n)
	}
	if st := m.eng.Stats(); st.OverBudget != 3 {
		t.Errorf("%d requests refused for the budget, want 3: %+v", st.OverBudget, st)
	}
}

// gate is a fake model whose answers wait until the test lets them go.
func gate(t *testing.T) (llmtest.Behaviour, chan struct{}) {
	release := make(chan struct{})
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	return llmtest.Behaviour{ReplyFor: func(r llmtest.ChatRequest) string {
		// Bounded: a test that fails before releasing must not leave the
		// fake server's Close waiting on this handler for ever.
		select {
		case <-release:
		case <-time.After(2 * guard):
		}
		return "Retold: " + r.Messages[1].Content[:min(30, len(r.Messages[1].Content))]
	}}, release
}

// An answer that comes after the player left the room is dropped: it
// describes a place they no longer stand in.
func TestNarrationForARoomLeftIsDropped(t *testing.T) {
	b, release := gate(t)
	// Room for the opening's request, held like the others, and two more.
	m := newModel(t, b, narrate.Config{Workers: 4})
	l := playLive(t, testStory(), m)
	waitFor(t, "the opening's request", func() bool { return m.fake.Requests() >= 1 })
	base := m.fake.Requests()
	l.do("look")
	waitFor(t, "the look's request", func() bool { return m.fake.Requests() > base })
	l.do("east")
	close(release)
	waitFor(t, "the answers", func() bool { return answered(m.eng.Stats()) })
	l.settle(m, m.eng.Stats().Delivered)
	for _, ev := range narrationsIn(l.seen) {
		if strings.Contains(ev.Narration.Text, "Entrance Hall") {
			t.Errorf("the hall was narrated in the kitchen: %s", ev.Narration.Text)
		}
	}
}

// Another look makes the older narration stale: only the newest shows.
func TestNarrationOlderLookIsDropped(t *testing.T) {
	b, release := gate(t)
	// Room for the opening's request, held like the others, and two more.
	m := newModel(t, b, narrate.Config{Workers: 4})
	l := playLive(t, testStory(), m)
	waitFor(t, "the opening's request", func() bool { return m.fake.Requests() >= 1 })
	base := m.fake.Requests()
	l.do("examine statue")
	waitFor(t, "the examine's request", func() bool { return m.fake.Requests() > base })
	l.do("look")
	waitFor(t, "the look's request", func() bool { return m.fake.Requests() > base+1 })
	close(release)
	waitFor(t, "the answers", func() bool { return answered(m.eng.Stats()) })
	l.settle(m, m.eng.Stats().Delivered)
	var finals []string
	for _, ev := range narrationsIn(l.seen) {
		if ev.Narration.Final {
			finals = append(finals, ev.Narration.Of)
		}
	}
	if strings.Join(finals, ",") != "room" {
		t.Errorf("narrations shown: %v, want only the newest look's", finals)
	}
}

// A person with no authored answer shows the default reply at once, then
// answers in character; the model is told who they are and what was said.
func TestNarrationNPCFreeDialogue(t *testing.T) {
	s := testStory()
	s.Config.Narration = &story.Narration{NPCs: map[string]*story.NarrationNPC{
		"keeper": {Personality: "gruff, fond of riddles", Knows: []string{"the box holds the key"}}}}
	m := newModel(t, llmtest.Behaviour{Reply: "Weather? Ask the gulls."}, narrate.Config{})
	l := playLive(t, s, m)
	l.do("east")
	reply := l.do("ask keeper about the weather")
	if got := textOf(reply); !strings.Contains(got, "The keeper shrugs.") {
		t.Fatalf("the default reply is not shown at once: %q", got)
	}
	if ev := l.narration(); ev.Narration.Of != "dialogue" || ev.Narration.Text != "Weather? Ask the gulls." {
		t.Errorf("answer = %+v", ev.Narration)
	}
	var req llmtest.ChatRequest
	for _, r := range m.fake.Received() {
		if strings.HasPrefix(r.Messages[0].Content, "You are old keeper") {
			req = r
		}
	}
	if len(req.Messages) < 2 {
		t.Fatal("no dialogue request reached the model")
	}
	if !strings.Contains(req.Messages[0].Content, "gruff, fond of riddles") || !strings.Contains(req.Messages[1].Content, "The player says: weather") {
		t.Errorf("the prompt lacks the personality or the question:\n%s\n%s", req.Messages[0].Content, req.Messages[1].Content)
	}
	// A topic the author wrote is the author's, with no model.
	before := m.eng.Stats().Submitted
	l.do("keeper, tell me of the key")
	l.do("ask keeper about the lamp")
	if n := m.eng.Stats().Submitted - before; n != 0 {
		t.Errorf("authored topics asked the model %d times", n)
	}
}

// narration off is each player's own and stops their requests; without a
// model the command says so.
func TestNarrationOnOff(t *testing.T) {
	m := newModel(t, llmtest.Behaviour{}, narrate.Config{})
	l := playLive(t, testStory(), m)
	if got := strings.TrimSpace(textOf(l.do("narration off"))); got != msgNarrationOff {
		t.Errorf("narration off said %q", got)
	}
	queued := m.eng.Stats().Submitted
	l.do("look")
	l.do("examine lamp")
	if n := m.eng.Stats().Submitted; n != queued {
		t.Errorf("%d narrations asked for with narration off", n-queued)
	}
	if got := strings.TrimSpace(textOf(l.do("narration on"))); got != msgNarrationOn {
		t.Errorf("narration on said %q", got)
	}
	l.do("look")
	l.narration()

	off := playLive(t, testStory(), nil)
	if got := strings.TrimSpace(textOf(off.do("narration on"))); got != msgNoNarration {
		t.Errorf("narration on without a model said %q", got)
	}
}

// In MUD mode a player's narration goes to that player only.
func TestNarrationMUDGoesOnlyToItsPlayer(t *testing.T) {
	m := newModel(t, llmtest.Behaviour{Reply: "Only for Ann."}, narrate.Config{})
	s := testStory()
	nar := m.eng.Story(NarrationStory(s))
	w := startMUD(t, s, func(o *Options) { o.Narrator = nar })
	w.join("ann", "bob")
	subs := map[string]*tio.Subscription{}
	for _, n := range []string{"ann", "bob"} {
		sub, err := w.seats[n].Subscribe(t.Context(), int64(w.seats[n].LastSeq()))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(sub.Cancel)
		subs[n] = sub
	}
	w.do("ann", "look")
	var got tio.Event
	for got.Kind != tio.KindNarration || !got.Narration.Final {
		select {
		case got = <-subs["ann"].Events:
		case <-time.After(guard):
			t.Fatal("Ann's narration never came")
		}
	}
	// Bob's stream: everything up to a Sync after Ann's narration.
	w.do("bob", "inventory")
	end := w.seats["bob"].LastSeq()
	for {
		ev := <-subs["bob"].Events
		if ev.Kind == tio.KindNarration {
			t.Errorf("Bob was shown Ann's narration: %+v", ev.Narration)
		}
		if ev.Seq >= end {
			break
		}
	}
}

// A model writes straight quotes; the player reads the game's one quote
// style in the narration as in the authored text beside it.
func TestNarrationFollowsTheTypography(t *testing.T) {
	for _, tc := range []struct {
		typography, want string
	}{
		{story.TypographyCurly, "The keeper’s lamp says “late”."},
		{story.TypographyStraight, `The keeper's lamp says "late".`},
	} {
		t.Run(tc.typography, func(t *testing.T) {
			m := newModel(t, llmtest.Behaviour{Reply: "The keeper’s lamp says \"late\"."}, narrate.Config{})
			s := testStory()
			s.Config.Typography = tc.typography
			l := playLive(t, s, m)
			l.narration() // the opening's
			l.do("look")
			if got := l.narration().Narration.Text; got != tc.want {
				t.Errorf("narration = %q, want %q", got, tc.want)
			}
		})
	}
}

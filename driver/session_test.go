package driver

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// hangGuard only turns a deadlock into a failure; nothing here measures speed.
const hangGuard = 20 * time.Second

type running struct {
	t    *testing.T
	g    *Game
	s    tio.Session
	done chan error
	stop context.CancelFunc
}

func startGame(t *testing.T, s *story.Story, opts ...func(*Options)) *running {
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
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{t: t, g: g, s: g.Session(), done: make(chan error, 1), stop: cancel}
	go func() { r.done <- g.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(hangGuard):
			t.Error("Run did not return after cancel")
		}
	})
	return r
}

func (r *running) send(line string) {
	r.t.Helper()
	if err := r.s.Send(context.Background(), tio.Line(line)); err != nil {
		r.t.Fatal(err)
	}
}

// sync waits until the loop has handled everything sent before.
func (r *running) sync() {
	r.t.Helper()
	if err := r.s.Sync(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

func (r *running) subscribe(since int64) *tio.Subscription {
	r.t.Helper()
	sub, err := r.s.Subscribe(context.Background(), since)
	if err != nil {
		r.t.Fatal(err)
	}
	return sub
}

// next reads one event, failing instead of hanging.
func next(t *testing.T, sub *tio.Subscription) (tio.Event, bool) {
	t.Helper()
	select {
	case ev, ok := <-sub.Events:
		return ev, ok
	case <-time.After(hangGuard):
		t.Fatal("no event")
	}
	return tio.Event{}, false
}

func drain(sub *tio.Subscription) []tio.Event {
	var evs []tio.Event
	for {
		select {
		case ev, ok := <-sub.Events:
			if !ok {
				return evs
			}
			evs = append(evs, ev)
		default:
			return evs
		}
	}
}

func TestSubscribeReplaysFromTheStart(t *testing.T) {
	r := startGame(t, testStory())
	r.send("take lamp")
	r.sync()
	evs := drain(r.subscribe(0))
	if len(evs) == 0 || evs[0].Seq != 1 {
		t.Fatalf("replay starts at %+v", evs)
	}
	for i, ev := range evs {
		if ev.Seq != uint64(i+1) || ev.Snapshot {
			t.Fatalf("event %d has seq %d (snapshot %v)", i, ev.Seq, ev.Snapshot)
		}
	}
	if last := evs[len(evs)-1].Seq; last != r.s.LastSeq() {
		t.Errorf("last replayed %d, LastSeq %d", last, r.s.LastSeq())
	}
	if !strings.Contains(textOf(evs), "Taken.") {
		t.Error("replay lacks the command's output")
	}
}

func TestSubscribeSinceGivesExactlyTheRest(t *testing.T) {
	r := startGame(t, testStory())
	r.sync()
	mark := r.s.LastSeq()
	r.send("take lamp")
	r.send("east")
	r.sync()
	evs := drain(r.subscribe(int64(mark)))
	if len(evs) == 0 || evs[0].Seq != mark+1 || evs[len(evs)-1].Seq != r.s.LastSeq() {
		t.Fatalf("since %d gave %d events from %d", mark, len(evs), evs[0].Seq)
	}
	if strings.Contains(textOf(evs), "Welcome") {
		t.Error("events before since were replayed")
	}
	// Live events follow the replay without a gap.
	sub := r.subscribe(int64(r.s.LastSeq()))
	r.send("west")
	ev, _ := next(t, sub)
	if ev.Seq != r.s.LastSeq()-uint64(len(drain(sub))) {
		t.Errorf("live event seq %d", ev.Seq)
	}
}

func TestSubscribeFreshTabGetsSnapshot(t *testing.T) {
	r := startGame(t, testStory())
	r.send("east")
	r.sync()
	sub := r.subscribe(-1)
	evs := drain(sub)
	if len(evs) != 2 || evs[0].Kind != tio.KindText || evs[1].Kind != tio.KindState {
		t.Fatalf("snapshot = %+v", evs)
	}
	for _, ev := range evs {
		if !ev.Snapshot || ev.Seq != r.s.LastSeq() {
			t.Errorf("snapshot event %+v", ev)
		}
	}
	if !strings.Contains(evs[0].Text, "Kitchen") || evs[1].State.Location != "Kitchen" || sub.Resynced {
		t.Errorf("snapshot text %q, state %+v, resynced %v", evs[0].Text, evs[1].State, sub.Resynced)
	}
}

// Before anyone has typed, a fresh tab shows the story's opening, not
// just the look, so the first player reads the introduction.
func TestSubscribeFreshTabOnAnUnplayedGameGetsTheOpening(t *testing.T) {
	r := startGame(t, testStory())
	r.sync()
	evs := drain(r.subscribe(-1))
	if len(evs) == 0 || evs[0].Seq != 1 || evs[0].Snapshot {
		t.Fatalf("want the opening replayed from seq 1, got %+v", evs)
	}
	if got := textOf(evs); !strings.Contains(got, "Entrance Hall") || !strings.Contains(got, "Version") {
		t.Errorf("the opening should hold the banner and the first look:\n%s", got)
	}
}

func TestSubscribeGapResyncs(t *testing.T) {
	r := startGame(t, testStory(), func(o *Options) { o.ReplayBuffer = 4 })
	for range 10 {
		r.send("look")
	}
	r.sync()
	sub := r.subscribe(2)
	evs := drain(sub)
	if !sub.Resynced || len(evs) < 3 || evs[0].Kind != tio.KindClear || !evs[0].Snapshot {
		t.Fatalf("gap resume: resynced %v, events %+v", sub.Resynced, evs)
	}
	// since 0 with the start gone is a first connection: no clear.
	evs = drain(r.subscribe(0))
	if evs[0].Kind == tio.KindClear || !evs[0].Snapshot {
		t.Errorf("since 0 after the buffer wrapped: %+v", evs[0])
	}
}

func TestSlowSubscriberIsEvictedNotWaitedFor(t *testing.T) {
	r := startGame(t, testStory(), func(o *Options) { o.ReplayBuffer = 8 })
	r.sync()
	from := r.s.LastSeq()
	stuck := r.subscribe(int64(from)) // never reads
	live := r.subscribe(int64(from))  // reads after every command
	got := 0
	for range 400 {
		r.send("look")
		r.sync() // the loop never waits for stuck, or this would hang
		got += len(drain(live))
	}
	if want := int(r.s.LastSeq() - from); got != want {
		t.Errorf("live subscriber got %d events, want %d", got, want)
	}
	if !stuck.Evicted() || live.Evicted() {
		t.Fatalf("evicted: stuck %v, live %v", stuck.Evicted(), live.Evicted())
	}
	n := 0
	for range stuck.Events { // what was buffered, then the close
		n++
	}
	if n == 0 || n >= got {
		t.Errorf("stuck subscriber held %d of %d events", n, got)
	}
	// It resumes from what it saw, as far as the ring still reaches.
	again := r.subscribe(int64(from) + int64(n))
	if !again.Resynced {
		t.Error("resuming past the ring should resync")
	}
}

func TestCancelClosesStream(t *testing.T) {
	r := startGame(t, testStory())
	sub := r.subscribe(-1)
	sub.Cancel()
	sub.Cancel()
	for range sub.Events {
	}
	if sub.Evicted() {
		t.Error("a cancelled stream is not evicted")
	}
}

func TestQuitAsksThenEnds(t *testing.T) {
	r := startGame(t, testStory())
	r.sync()
	sub := r.subscribe(int64(r.s.LastSeq()))
	r.send("quit")
	r.sync()
	evs := drain(sub)
	if !strings.Contains(textOf(evs), "Are you sure you want to quit?") || choicesOf(evs) == nil {
		t.Fatalf("quit question: %+v", evs)
	}
	if ids := choicesOf(evs).Options; ids[0].ID != "yes" || ids[1].ID != "no" {
		t.Errorf("choices %+v", ids)
	}
	// A tab that joins now sees the question with the menu.
	fresh := r.subscribe(-1)
	if ch := choicesOf(drain(fresh)); ch == nil || ch.Prompt != "Are you sure you want to quit?" {
		t.Errorf("a fresh subscriber's menu should carry the question, got %+v", ch)
	}
	fresh.Cancel()
	r.send("no")
	r.send("quit")
	if err := r.s.Send(context.Background(), tio.Pick("yes")); err != nil {
		t.Fatal(err)
	}
	var last tio.Event
	for ev := range sub.Events {
		last = ev
	}
	if last.Kind != tio.KindEnd || last.Ending.ID != "quit" {
		t.Fatalf("last event %+v", last)
	}
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("Run returned %v", err)
		}
		r.done <- nil
	case <-time.After(hangGuard):
		t.Fatal("Run did not return after quit")
	}
	if err := r.s.Send(context.Background(), tio.Line("look")); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Send after quit: %v", err)
	}
	if _, err := r.s.Subscribe(context.Background(), 0); !errors.Is(err, tio.ErrSessionClosed) {
		t.Errorf("Subscribe after quit: %v", err)
	}
}

func TestRunTwiceIsRefused(t *testing.T) {
	r := startGame(t, testStory())
	r.sync()
	if err := r.g.Run(context.Background()); !errors.Is(err, ErrRunning) {
		t.Errorf("second Run: %v", err)
	}
}

func TestPanicLeavesTheWorldAsItWas(t *testing.T) {
	r := startGame(t, testStory())
	r.g.verbs[parse.Look] = verb{do: func(tn *turn, c *parse.Command) error {
		tn.st.Location = "attic"
		tn.writableWorld(cwItems).Items["lamp"] = youHold
		tn.say("half-done output")
		panic("handler bug")
	}}
	r.sync()
	sub := r.subscribe(int64(r.s.LastSeq()))
	r.send("look")
	r.sync()
	evs := drain(sub)
	text := strings.TrimSpace(textOf(evs))
	if text != msgInternal {
		t.Errorf("player saw %q", text)
	}
	if r.g.st().Location != "hall" || r.g.st().Items["lamp"] != "hall" || r.g.st().Turns != 0 {
		t.Error("the failed command changed the world")
	}
	r.send("east")
	r.sync()
	if !strings.Contains(textOf(drain(sub)), "Kitchen") {
		t.Error("the game did not go on after a panic")
	}
}

func TestDeterministicEventStream(t *testing.T) {
	lines := []string{"take lamp", "west", "wait", "wait", "north", "wait", "s", "e", "e", "ask keeper about key",
		"talk to keeper", "1", "wait", "wait", "undo", "score"}
	run := func() []tio.Event {
		h := newHarness(t, testStory())
		for _, l := range lines {
			h.g.play(tio.Line(l))
		}
		return h.events()
	}
	a, b := run(), run()
	if !reflect.DeepEqual(a, b) {
		for i := range min(len(a), len(b)) {
			if !reflect.DeepEqual(a[i], b[i]) {
				t.Fatalf("event %d differs:\n%+v\n%+v", i, a[i], b[i])
			}
		}
		t.Fatalf("%d events vs %d", len(a), len(b))
	}
}

func TestBadInputNeverCrashes(t *testing.T) {
	h := newHarness(t, testStory())
	if out := h.do(""); out == "" {
		t.Error("empty line got no answer")
	}
	long := strings.Repeat("take lamp and ", 2000)
	h.do(long)
	h.do("take \xff\xfe lamp")
	for _, ev := range replayed(h.g) {
		if ev.Kind == tio.KindText && !validUTF8(ev.Text) {
			t.Errorf("invalid UTF-8 in output: %q", ev.Text)
		}
	}
	if got := cleanLine(strings.Repeat("é", tio.MaxLineBytes)); len(got) > tio.MaxLineBytes || !validUTF8(got) {
		t.Errorf("cut line: %d bytes, valid %v", len(got), validUTF8(got))
	}
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "") == s }

func TestStateEventOnlyWhenChanged(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.play(tio.Line("score"))
	for _, ev := range h.events() {
		if ev.Kind == tio.KindState {
			t.Error("a meta command that changed nothing sent a state")
		}
	}
	h.g.play(tio.Line("take lamp"))
	var st *tio.State
	for _, ev := range h.events() {
		if ev.Kind == tio.KindState {
			st = ev.State
		}
	}
	if st == nil || len(st.Inventory) != 1 || st.Inventory[0] != "brass lamp" || st.Turns != 1 {
		t.Fatalf("state after take: %+v", st)
	}
}

// TestTimerTicks: in a timer story the world moves with no input at all.
func TestTimerTicks(t *testing.T) {
	s := testStory()
	s.Config.Tick = story.Tick{Method: "timer", Period: "1ms"}
	r := startGame(t, s)
	sub := r.subscribe(0)
	for {
		ev, ok := next(t, sub)
		if !ok {
			t.Fatal("stream closed")
		}
		if ev.Kind == tio.KindText && strings.Contains(ev.Text, "A bell tolls") {
			break
		}
	}
}

func TestCompleteUsesScope(t *testing.T) {
	r := startGame(t, testStory())
	got, err := r.s.Complete(context.Background(), "take la")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range got {
		found = found || strings.Contains(c, "lamp")
	}
	if !found {
		t.Errorf("completions %v lack the lamp", got)
	}
}

func TestInfo(t *testing.T) {
	g, err := New(testStory(), Options{Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	if in := g.Session().Info(); in.ID != "test" || in.Name != "The Test House" || in.Mode != "if" {
		t.Errorf("info %+v", in)
	}
	s := testStory()
	s.Config.Start = "moon"
	if _, err := New(s, Options{Logger: quiet}); !errors.Is(err, ErrNoStart) {
		t.Errorf("bad start: %v", err)
	}
}

func TestHandlerErrorIsTreatedLikeAPanic(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.verbs[parse.Wait] = verb{do: func(tn *turn, c *parse.Command) error {
		tn.st.Location = "attic"
		return errors.New("disk on fire")
	}}
	h.expect("wait", msgInternal)
	if h.g.st().Location != "hall" || h.g.st().Turns != 0 {
		t.Errorf("at %q after %d turns", h.g.st().Location, h.g.st().Turns)
	}
}

// A caller that gives up (its context ends) while Subscribe is queued must
// not leave a stream behind that nobody reads or cancels.
func TestAbandonedSubscribeLeavesNoStream(t *testing.T) {
	r := startGame(t, testStory())
	r.sync()
	streams := func() (n int) {
		if err := r.g.seat.call(context.Background(), func() { n = r.g.you().events.Readers() }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := streams()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 50 {
		if sub, err := r.s.Subscribe(ctx, 0); err == nil {
			sub.Cancel() // the loop was quicker than the cancelled context
		} else if sub != nil {
			t.Fatal("a failed Subscribe returned a subscription")
		}
	}
	// The clean-ups are messages to the loop; wait for them without a clock.
	for i := 0; streams() != before; i++ {
		if i > 10000 {
			t.Fatalf("%d streams left behind", streams()-before)
		}
		runtime.Gosched()
	}
}

// A bug outside a command (here, in a query run on the loop) costs that
// one answer; the game and its other players carry on.
func TestAQueryThatPanicsCostsOneAnswer(t *testing.T) {
	r := startGame(t, testStory())
	err := r.g.seat.call(context.Background(), func() { panic("a bug in a query") })
	if !errors.Is(err, ErrQueryFailed) {
		t.Fatalf("want ErrQueryFailed, got %v", err)
	}
	sub := r.subscribe(int64(r.s.LastSeq()))
	r.send("take lamp")
	r.sync()
	if got := textOf(drain(sub)); !strings.Contains(got, "Taken") {
		t.Fatalf("the game should go on after the failed query; got %q", got)
	}
}

// Completion answers in proportion to a line, whatever the prefix.
func TestCompletionIsBounded(t *testing.T) {
	r := startGame(t, testStory())
	huge := strings.Repeat("a", 1<<20) + " "
	list, err := r.s.Complete(context.Background(), huge)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) > maxCompletions {
		t.Errorf("%d candidates, want at most %d", len(list), maxCompletions)
	}
	for _, c := range list {
		if len(c) > tio.MaxLineBytes+64 {
			t.Fatalf("a candidate of %d bytes for a megabyte prefix", len(c))
		}
	}
}

// Input a front end handed over before the stop (a POST already answered)
// is played before Run returns, not dropped.
func TestStopStillPlaysQueuedInput(t *testing.T) {
	r := startGame(t, testStory())
	r.sync()
	release := make(chan struct{})
	r.g.inbox <- func() { <-release } // hold the loop while input queues up
	r.send("take lamp")
	r.stop()
	close(release)
	select {
	case <-r.done:
		r.done <- nil // for the cleanup
	case <-time.After(hangGuard):
		t.Fatal("Run did not return after the stop")
	}
	if r.g.st().Items["lamp"] != youHold {
		t.Fatalf("the command queued before the stop was dropped: lamp at %q", r.g.st().Items["lamp"])
	}
}

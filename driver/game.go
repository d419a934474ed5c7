package driver

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime/debug"
	"time"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// Defaults for Options fields left zero.
const (
	// defaultReplay keeps about a long evening's output for a tab that
	// reconnects, at a few hundred bytes per event.
	defaultReplay = 1024
	// defaultUndo is generous for a player and costs one small State copy each.
	defaultUndo = 30
	// inboxSize lets front ends queue input without waiting for the loop;
	// beyond it Send waits, which is the back-pressure a flood deserves.
	inboxSize = 64
	// subSlack is room in a subscriber's channel beyond a full replay, so a
	// reader that keeps up is never evicted by one long command.
	subSlack = 256
	// defaultPeriod is the timer tick when a story asks for timer ticks but
	// gives no usable period.
	defaultPeriod = 2 * time.Second
)

// Options configure a Game.
type Options struct {
	Seed         *uint64      // nil: the story's seed, else a random one (reported by Game.Seed and printed in the banner)
	DataDir      string       // saves under DataDir/saves/<story id>/, transcripts under DataDir/transcripts/
	Logger       *slog.Logger // nil: slog.Default()
	ReplayBuffer int          // events kept per session for resume; default 1024
	UndoLevels   int          // default 30

	// Disk quotas, per story folder in DataDir (quota.go): 0 takes the
	// default, a negative value means no limit.
	MaxSaves           int   // saves in DataDir/saves/<story id>/; default 20
	MaxSaveBytes       int64 // bytes of those saves together; default 4 MiB
	MaxTranscriptBytes int64 // bytes of one transcript; default 1 MiB
	MaxTranscripts     int   // the story's transcripts in DataDir/transcripts/; default 50

	// Hosted says the game is served to others (the web): no command may
	// stop the loop, only Run's context. Quit ends the player's game with
	// an ending that offers restart and undo, and the loop goes on.
	Hosted bool
}

// Game is one running story. Its world is owned by the goroutine running
// Run; every other goroutine reaches it through Session, whose methods are
// messages to that loop.
type Game struct {
	story      *story.Story
	opts       Options
	log        *slog.Logger
	seed       uint64
	randomSeed bool
	idx        keyIndex
	nouns      nounCache
	exits      map[string][]exit // location id → exits in display order
	verbs      map[string]verb
	parser     *parse.Parser
	clockStart time.Time
	minPerTick int
	timer      time.Duration // 0: command ticks

	st      *State
	undo    []*State
	confirm string // "quit" or "restart" while the question is open

	out       output
	replay    ring
	subs      map[int]*subscriber
	nextSub   int
	lastState *tio.State
	script    *transcript
	stopping  bool
	input     string   // the input being handled, for the log
	played    bool     // some input has been handled: the opening is no longer all there is
	arriving  int      // arrive calls in progress, to stop teleport loops
	newEnding string   // an ending reached by the current unit of work, not yet shown
	later     []func() // hooks (on_take, on_drop) waiting for the verb's own reply to be said
	choices   bool     // the unit of work opened a menu or question: show it after everything else

	inbox   chan func()
	done    chan struct{}
	started chan struct{}
	sess    *session
}

// New prepares a game of s and emits its opening (banner, intro, welcome,
// first look) as the session's first events, so a subscriber that asks for
// everything from seq 1 sees the whole game. Procedural stories are
// generated here from the seed.
func New(s *story.Story, opts Options) (*Game, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.ReplayBuffer <= 0 {
		opts.ReplayBuffer = defaultReplay
	}
	if opts.UndoLevels <= 0 {
		opts.UndoLevels = defaultUndo
	}
	opts.MaxSaves = quota(opts.MaxSaves, defaultMaxSaves)
	opts.MaxSaveBytes = quota(opts.MaxSaveBytes, defaultMaxSaveBytes)
	opts.MaxTranscriptBytes = quota(opts.MaxTranscriptBytes, defaultMaxTranscriptBytes)
	opts.MaxTranscripts = quota(opts.MaxTranscripts, defaultMaxTranscripts)
	g := &Game{opts: opts, log: opts.Logger, subs: map[int]*subscriber{},
		inbox: make(chan func(), inboxSize), done: make(chan struct{}), started: make(chan struct{})}
	switch {
	case opts.Seed != nil:
		g.seed = *opts.Seed
	case s.Config.Seed != nil:
		g.seed = *s.Config.Seed
	default:
		g.seed = rand.Uint64()
		g.randomSeed = true
	}
	s, err := s.Generate(g.seed) // the story itself unless it is procedural
	if err != nil {
		return nil, err
	}
	if s.Locations[s.Config.Start] == nil {
		return nil, fmt.Errorf("%w: %q", ErrNoStart, s.Config.Start)
	}
	g.story = s
	g.idx = indexStory(s)
	g.nouns = newNounCache(s)
	g.exits = exitOrder(s)
	g.verbs = verbTable()
	g.parser = parse.New()
	g.replay = newRing(opts.ReplayBuffer)
	g.minPerTick = max(s.Config.Clock.MinutesPerTick, 1)
	g.clockStart = parseClock(s.Config.Clock.Start)
	if s.Config.Tick.Method == "timer" {
		g.timer = defaultPeriod
		if d, err := time.ParseDuration(s.Config.Tick.Period); err == nil && d > 0 {
			g.timer = d
		}
	}
	g.sess = &session{g: g}
	g.st = g.freshState()
	g.atomically(func() error { g.opening(); return nil })
	return g, nil
}

func parseClock(s string) time.Time {
	if t, err := time.Parse("2006-01-02 15:04", s); err == nil {
		return t
	}
	return time.Date(1, 1, 1, 8, 0, 0, 0, time.UTC)
}

// Seed is the seed the world's generator started from.
func (g *Game) Seed() uint64 { return g.seed }

// Session is the one seat of an IF game: every subscriber sees the same game.
func (g *Game) Session() tio.Session { return g.sess }

// Run is the loop that owns the world. It returns nil when ctx ends or,
// unless the game is hosted, when the player quits; either way the
// session closes.
func (g *Game) Run(ctx context.Context) error {
	select {
	case <-g.started:
		return ErrRunning
	default:
		close(g.started)
	}
	defer g.shutdown()
	var tick <-chan time.Time
	if g.timer > 0 {
		t := time.NewTicker(g.timer)
		defer t.Stop()
		tick = t.C
	}
	for !g.stopping {
		select {
		case <-ctx.Done():
			g.drainInbox()
			return nil
		case f := <-g.inbox:
			g.guard(f)
		case <-tick:
			g.guard(g.timerTick)
		}
	}
	return nil
}

// Done is closed once Run has returned: the loop is gone and the session
// answers nothing more. A server's health check watches it.
func (g *Game) Done() <-chan struct{} { return g.done }

// guard runs one message of the loop. Commands already recover inside
// atomically; this catches a bug in anything else (a completion, a
// subscription), so that it costs one answer and not every player's game.
func (g *Game) guard(f func()) {
	defer func() {
		if r := recover(); r != nil {
			g.log.Error("game loop message failed", "panic", r, "stack", string(debug.Stack()))
		}
	}()
	f()
}

// drainInbox runs what was queued before the loop was told to stop: input a
// front end already accepted (a POST answered 200) is played, not dropped.
// It takes at most one inbox's worth, so a flood cannot keep it going.
func (g *Game) drainInbox() {
	for range cap(g.inbox) {
		select {
		case f := <-g.inbox:
			g.guard(f)
		default:
			return
		}
	}
}

// shutdown closes every stream after the events already queued in it, so
// a reader sees the ending and then the close.
func (g *Game) shutdown() {
	close(g.done)
	for id, s := range g.subs {
		close(s.ch)
		delete(g.subs, id)
	}
	if g.script != nil {
		g.script.close()
		g.script = nil
	}
}

// freshState is the world as the story declares it, before the first move.
func (g *Game) freshState() *State {
	s := g.story
	st := &State{Location: s.Config.Start, Verbosity: "verbose"}
	st.fillNil()
	st.RNG.PCG = *rand.NewPCG(g.seed, g.seed^0x9e3779b97f4a7c15)
	for _, id := range s.Order.Items {
		it := s.Items[id]
		at := it.At
		if at == "" {
			at = nowhere
		}
		st.Items[id] = at
		if it.Container != nil {
			st.Boxes[id] = Box{Open: it.Container.Open, Locked: it.Container.Locked}
		}
	}
	for _, id := range s.Config.Player.Inventory {
		st.Items[id] = player
	}
	for _, id := range s.Order.Doors {
		state := s.Doors[id].State
		if state == "" {
			state = "closed"
		}
		st.Doors[id] = state
	}
	for _, id := range s.Order.NPCs {
		at := s.NPCs[id].At
		if at == "" {
			at = nowhere
		}
		st.NPCs[id] = at
	}
	for _, id := range s.Order.Events {
		if ev := s.Events[id]; ev.AtTurn > 0 {
			st.Queue = append(st.Queue, Scheduled{Event: id, At: ev.AtTurn})
		}
	}
	sortQueue(st.Queue)
	if p := s.Config.Player.Stats; p != nil {
		st.HP, st.MaxHP = p.HP, p.HP
		st.Attack, st.Defence = p.Attack, p.Defence
		st.Level, st.XP, st.Gold = max(p.Level, 1), p.XP, p.Gold
	}
	return st
}

// Where things can be besides a location, container or NPC.
const (
	player  = "player"
	nowhere = "nowhere"
)

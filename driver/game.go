package driver

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime/debug"
	"slices"
	"strings"
	"time"

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
	// subSlack is room in a subscriber's channel beyond the replay it
	// starts with (the stream sizes that part), so a reader that keeps up
	// is never evicted by one long command. A reader further behind is
	// cut off and resumes from the ring; a bigger slack would cost every
	// idle tab its slots (256 events are ~20 KB; a ring's worth was 100).
	subSlack = 256
	// defaultPeriod is the timer tick when a story asks for timer ticks but
	// gives no usable period.
	defaultPeriod = 2 * time.Second
	// defaultIdle logs out a MUD player who has typed nothing for half an
	// hour, as Tale does: long enough for a phone call, short enough that
	// the room does not fill with statues.
	defaultIdle = 30 * time.Minute
	// defaultLinkDead is the grace after a connection drops: a reload or a
	// train tunnel, not a night.
	defaultLinkDead = 60 * time.Second
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

	// Mode is ModeIF ("" too) or ModeMUD: many players in one world.
	Mode string
	// IdleTimeout logs out a MUD player who has sent nothing for this
	// long; 0 takes the default, a negative value never logs anyone out.
	IdleTimeout time.Duration
	// LinkDeadGrace is how long a MUD player whose last reader went away
	// stays in the world, link-dead, for the same seat to take back; 0
	// takes the default (60 s), a negative value means until idle logout.
	LinkDeadGrace time.Duration

	// Hosted says the game is served to others (the web): no command may
	// stop the loop, only Run's context. Quit ends the player's game with
	// an ending that offers restart and undo, and the loop goes on.
	Hosted bool

	// Narrator, when set, retells texts with a language model
	// (narration.go); nil is no narration, and the game plays exactly
	// as it does without one. Each player can turn it off.
	Narrator Narrator

	// Journal makes the game durable (journal.go): everything that changes
	// it is appended before it is done, with a snapshot every
	// SnapshotEvery entries (0: 100). nil keeps nothing, as a terminal
	// game does.
	Journal       Journal
	SnapshotEvery int
}

// World is one running story: the loop goroutine that owns everything
// (contract 1), the story and what is worked out from it once, the state
// every player shares, and the players. Every other goroutine reaches it
// through a player's session, whose methods are messages to the loop.
type World struct {
	played
	base       *story.Story // as loaded: a procedural story is generated from it for each seed
	opts       Options
	log        *slog.Logger
	seed       uint64
	randomSeed bool
	verbs      map[string]verb
	timer      time.Duration // 0: command ticks

	dur       durability  // what the journal holds (journal.go)
	world     *WorldState // committed; a turn replaces it, never changes it in place
	players   []*player   // in the order they joined, so every walk over them is deterministic
	stopping  bool
	narr      narrations // requests to the model in flight (narration.go)
	scopeBuf  scopeBufs  // reused by each scope (scope.go)
	statusBuf statusBufs // reused by each status (look.go)
	pubRoom   viewRoom   // the view publishTo reads a player's state through (output.go)
	scopeRoom viewRoom   // the view scopeOf reads a player's scope through (scope.go)
	eager     eagerMaps  // the maps a turn copies as it starts (cow.go)
	spare     *turn      // the last command's turn, empty, for the next (recycle)
	noRecycle bool       // a test's reference: a new turn for every command

	// inPlace counts changes made to the committed state in place, which
	// only tests make (harness_test.go's st and tn) to set a scene: each
	// makes what is cached by map identity stale (scopecache.go, noted).
	inPlace uint64
	noted   notedMaps // the maps noteHandled last found all noted (thingstate.go)

	inbox   chan func()
	done    chan struct{}
	started chan struct{}
}

// played is the story being played (a procedural story as its seed
// generated it) and what is worked out from it once. A restore from
// another seed switches all of it together (useWorld). What only
// commands need is worked out on first use, through its method: the
// first screen (the opening's look) needs none of it but one room's
// exits, and start-up is what a player waits for before anything shows.
type played struct {
	story      *story.Story
	keys       keyIndex            // idx: built on first use
	nounsMade  *nounCache          // nouns: built on first use
	exitsMade  map[string][]exit   // exitsAt: location id → exits in display order, each on first use
	doorsMade  map[string][]string // doorRooms: door id → the locations it joins, on first use
	clockStart time.Time
	minPerTick int
	hasClock   bool     // story.yaml declares a clock: the status line shows the time
	exitsCut   exitsCut // the last exit list cut by hidden exits (exitsOf)
	clockAt    clockAt  // the last clock text (clock)
}

// playing works out what a world needs from the story it plays.
func playing(s *story.Story) played {
	return played{story: s, exitsMade: map[string][]exit{},
		minPerTick: max(s.Config.Clock.MinutesPerTick, 1),
		clockStart: parseClock(s.Config.Clock.Start),
		hasClock:   s.Config.Clock.Start != "" && s.Config.Clock.Start != story.DefaultClockStart}
}

// Game is an IF game: a world with exactly one player, who is seated
// before the loop starts so that the opening is the session's first
// events.
type Game struct {
	*World
	seat *session
}

// New prepares a game of s and emits its opening (banner, intro, welcome,
// first look) as the session's first events, so a subscriber that asks for
// everything from seq 1 sees the whole game. Procedural stories are
// generated here from the seed.
func New(s *story.Story, opts Options) (*Game, error) {
	w, err := NewWorld(s, opts)
	if err != nil {
		return nil, err
	}
	return &Game{World: w, seat: w.seat(w.addPlayer(ifPlayer, w.story.Config.Player.Name))}, nil
}

// NewWorld prepares a world of s with nobody in it yet; players come with
// Join once Run is going.
func NewWorld(s *story.Story, opts Options) (*World, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.ReplayBuffer <= 0 {
		opts.ReplayBuffer = defaultReplay
	}
	if opts.UndoLevels <= 0 {
		opts.UndoLevels = defaultUndo
	}
	switch opts.Mode {
	case "":
		opts.Mode = ModeIF
	case ModeIF, ModeMUD:
	default:
		return nil, fmt.Errorf("%w: %q", ErrBadMode, opts.Mode)
	}
	if opts.IdleTimeout == 0 {
		opts.IdleTimeout = defaultIdle
	}
	if opts.LinkDeadGrace == 0 {
		opts.LinkDeadGrace = defaultLinkDead
	}
	if opts.SnapshotEvery <= 0 {
		opts.SnapshotEvery = defaultSnapshotEvery
	}
	opts.MaxSaves = quota(opts.MaxSaves, DefaultMaxSaves)
	opts.MaxSaveBytes = quota(opts.MaxSaveBytes, DefaultMaxSaveBytes)
	opts.MaxTranscriptBytes = quota(opts.MaxTranscriptBytes, DefaultMaxTranscriptBytes)
	opts.MaxTranscripts = quota(opts.MaxTranscripts, DefaultMaxTranscripts)
	w := &World{opts: opts, log: opts.Logger, narr: newNarrations(opts.Narrator), eager: defaultEager,
		inbox: make(chan func(), inboxSize), done: make(chan struct{}), started: make(chan struct{})}
	switch {
	case opts.Seed != nil:
		w.seed = *opts.Seed
	case s.Config.Seed != nil:
		w.seed = *s.Config.Seed
	default:
		w.seed = rand.Uint64()
		w.randomSeed = true
	}
	if err := offers(s, opts.Mode); err != nil {
		return nil, err
	}
	w.base = s
	gen, err := w.generate(w.seed)
	if err != nil {
		return nil, err
	}
	if gen.Locations[gen.Config.Start] == nil {
		return nil, fmt.Errorf("%w: %q", ErrNoStart, gen.Config.Start)
	}
	w.played = playing(gen)
	w.verbs = verbTable()
	// A shared world's clock is always the ticker: with many players,
	// time passing with each one's commands would run at their sum.
	if s.Config.Tick.Method == "timer" || w.mud() {
		w.timer = defaultPeriod
		if d, err := time.ParseDuration(s.Config.Tick.Period); err == nil && d > 0 {
			w.timer = d
		}
	}
	w.world = w.freshWorld()
	return w, nil
}

// offers refuses a mode the story does not list in its modes (default:
// IF only), naming the story and what it offers.
// Offers reports, as a sentence for the operator, whether story s may be
// played in mode: its story.yaml lists the modes it is written for.
func Offers(s *story.Story, mode string) error { return offers(s, mode) }

func offers(s *story.Story, mode string) error {
	modes := s.Config.Modes
	if len(modes) == 0 {
		modes = []string{ModeIF}
	}
	if slices.Contains(modes, mode) {
		return nil
	}
	return fmt.Errorf("%w: %q (%s) lists modes [%s] in its story.yaml, not %s",
		ErrModeNotOffered, s.Config.Name, s.ID, strings.Join(modes, ", "), mode)
}

func parseClock(s string) time.Time {
	if t, err := time.Parse("2006-01-02 15:04", s); err == nil {
		return t
	}
	return time.Date(1, 1, 1, 8, 0, 0, 0, time.UTC)
}

// Seed is the seed the world's generator started from.
func (w *World) Seed() uint64 { return w.seed }

// Session is the one seat of an IF game: every subscriber sees the same game.
func (g *Game) Session() tio.Session { return g.seat }

// Run is the loop that owns the world. It returns nil when ctx ends or,
// unless the game is hosted, when the player quits; either way every
// session closes.
func (w *World) Run(ctx context.Context) error {
	select {
	case <-w.started:
		return ErrRunning
	default:
		close(w.started)
	}
	defer w.shutdown()
	var tick <-chan time.Time
	if w.timer > 0 {
		t := time.NewTicker(w.timer)
		defer t.Stop()
		tick = t.C
	}
	var housekeep <-chan time.Time
	if w.mud() {
		t := time.NewTicker(housekeepPeriod)
		defer t.Stop()
		housekeep = t.C
	}
	for !w.stopping {
		select {
		case <-ctx.Done():
			w.drainInbox()
			return nil
		case f := <-w.inbox:
			w.guard(f)
		case <-tick:
			w.guard(w.timerTick)
		case now := <-housekeep:
			w.guard(func() { w.housekeep(now) })
		case ev := <-w.narr.results:
			w.guard(func() { w.narrated(ev) })
		}
		w.guard(w.snapshotIfDue)
	}
	return nil
}

// Done is closed once Run has returned: the loop is gone and the session
// answers nothing more. A server's health check watches it.
func (w *World) Done() <-chan struct{} { return w.done }

// guard runs one message of the loop. Commands already recover inside
// atomically; this catches a bug in anything else (a completion, a
// subscription), so that it costs one answer and not every player's game.
func (w *World) guard(f func()) {
	defer func() {
		if r := recover(); r != nil {
			w.log.Error("game loop message failed", "panic", r, "stack", string(debug.Stack()))
		}
	}()
	f()
}

// drainInbox runs what was queued before the loop was told to stop: input a
// front end already accepted (a POST answered 200) is played, not dropped.
// It takes at most one inbox's worth, so a flood cannot keep it going.
func (w *World) drainInbox() {
	for range cap(w.inbox) {
		select {
		case f := <-w.inbox:
			w.guard(f)
		default:
			return
		}
	}
}

// shutdown closes every stream after the events already queued in it, so
// a reader sees the ending and then the close.
func (w *World) shutdown() {
	close(w.done)
	for _, p := range w.players {
		p.close()
	}
}

// freshWorld is the shared state as the story declares it, before the
// first move. Items the story starts "at" the player are put nowhere here:
// each player's freshPlayer takes its own.
func (w *World) freshWorld() *WorldState {
	s := w.story
	st := &State{WorldState: &WorldState{}, PlayerState: &PlayerState{}}
	st.fillNil()
	ws := st.WorldState
	ws.RNG.PCG = *rand.NewPCG(w.seed, w.seed^0x9e3779b97f4a7c15)
	for _, id := range s.Order.Items {
		it := s.Items[id]
		at := it.At
		if at == "" || at == atPlayer {
			at = nowhere
		}
		ws.Items[id] = at
		if it.Container != nil {
			ws.Boxes[id] = Box{Open: it.Container.Open, Locked: it.Container.Locked}
		}
	}
	for _, id := range s.Order.Doors {
		state := s.Doors[id].State
		if state == "" {
			state = "closed"
		}
		ws.Doors[id] = state
	}
	for _, id := range s.Order.NPCs {
		at := s.NPCs[id].At
		if at == "" {
			at = nowhere
		}
		ws.NPCs[id] = at
	}
	for _, id := range s.Order.Events {
		if ev := s.Events[id]; ev.AtTurn > 0 && !w.mine(s.EventScope(id)) {
			ws.Queue = append(ws.Queue, Scheduled{Event: id, At: ev.AtTurn})
		}
	}
	sortQueue(ws.Queue)
	return ws
}

// freshPlayer is a player as the story declares one, before its first
// move; it gives the player the story's starting inventory in ws.
func (w *World) freshPlayer(ws *WorldState, holder string) *PlayerState {
	s := w.story
	ps := &PlayerState{Location: s.Config.Start, Verbosity: "verbose",
		Worn: map[string]bool{}, Visited: map[string]bool{}}
	// In a shared world a starting thing is only handed out while it is
	// still where the story put it: a second player does not take the
	// first one's lamp out of their hands.
	give := func(id string) {
		if !w.mud() || ws.Items[id] == w.startAt(id) {
			ws.Items[id] = holder
		}
	}
	for _, id := range s.Order.Items {
		if s.Items[id].At == atPlayer {
			give(id)
		}
	}
	for _, id := range s.Config.Player.Inventory {
		give(id)
	}
	for _, id := range s.Order.Events {
		if ev := s.Events[id]; ev.AtTurn > 0 && w.mine(s.EventScope(id)) {
			ps.Mine.Queue = append(ps.Mine.Queue, Scheduled{Event: id, At: ev.AtTurn})
		}
	}
	sortQueue(ps.Mine.Queue)
	if p := s.Config.Player.Stats; p != nil {
		ps.HP, ps.MaxHP = p.HP, p.HP
		ps.Attack, ps.Defence = p.Attack, p.Defence
		ps.Level, ps.XP, ps.Gold = max(p.Level, 1), p.XP, p.Gold
	}
	return ps
}

// freshState is the game as the story declares it for p alone: the world
// afresh with p in it (restart in IF mode).
func (w *World) freshState(p *player) *State {
	ws := w.freshWorld()
	return &State{WorldState: ws, PlayerState: w.freshPlayer(ws, p.holder)}
}

// Where things can be besides a location, container or NPC. "player" is
// the story format's word for whoever acts; in the State an item a player
// holds is at that player's holder id, "player:<id>", so that several
// players can hold things.
const (
	atPlayer     = "player"
	nowhere      = "nowhere"
	holderPrefix = "player:"
)

// generate is the story to play for seed: the loaded story itself unless
// it is procedural, and then what its generator makes of it, always from
// the story as loaded (a generated story is no generator's input).
func (w *World) generate(seed uint64) (*story.Story, error) {
	return w.base.Generate(seed)
}

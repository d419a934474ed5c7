package host

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/store"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// Store is what the host needs of the store; *store.Store has it.
type Store interface {
	CreateGame(ctx context.Context, g store.Game) (store.Game, error)
	GamesOf(ctx context.Context, owner, story string) ([]store.Game, error)
	Append(ctx context.Context, gameID string, e store.Entry) error
	PutSnapshot(ctx context.Context, gameID string, n int64, data []byte) error
	Replay(ctx context.Context, gameID string) (store.Replay, error)
	Compact(ctx context.Context, gameID string) (int64, error)
	Game(ctx context.Context, id string) (store.Game, error)
}

// Options configure a Host.
type Options struct {
	Store  Store
	Story  *story.Story
	Driver driver.Options // for every game; Hosted, Seed and Journal are set per game
	// IdleUnload is how long a game nobody is attached to stays loaded;
	// 0 takes the default.
	IdleUnload time.Duration
	Logger     *slog.Logger
	// Narrator, when set, is called as each game loads to give it its own
	// narrator (one world's door to a shared model engine) and the func
	// that closes it, called once the game's loop has ended. owner is the
	// game's owner: a model's budget is per player, and in IF hosting
	// every game's one player has the same id. nil: no narration.
	Narrator func(owner string) (driver.Narrator, func())
}

// defaultIdleUnload keeps a game loaded across a reload or a short break
// (no replay at all), and frees its memory within minutes of the player
// leaving.
const defaultIdleUnload = 5 * time.Minute

// ErrStoryChanged means the owner's game was played with another version
// of the story: its journal would not replay the same game.
var ErrStoryChanged = errors.New("this game was played with another version of the story")

// ErrClosed means the host has been closed.
var ErrClosed = errors.New("host: closed")

// Host keeps the loaded games of one story.
type Host struct {
	opts   Options
	log    *slog.Logger
	mu     sync.Mutex
	games  map[string]*game // by owner
	closed bool
}

// game is one owner's loaded (or loading, or unloading) game.
type game struct {
	owner    string
	id       string
	g        *driver.Game
	ready    chan struct{} // closed when the load finished (err says how)
	err      error
	done     chan struct{} // closed when the game's loop has returned
	stop     context.CancelFunc
	attached int
	idle     *time.Timer
	stopping bool // unloading: wait for done, then load afresh
}

// New makes a host; it loads nothing until Open.
func New(opts Options) (*Host, error) {
	if opts.Store == nil || opts.Story == nil {
		return nil, errors.New("host: Options.Store and Options.Story are required")
	}
	if opts.IdleUnload <= 0 {
		opts.IdleUnload = defaultIdleUnload
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	return &Host{opts: opts, log: opts.Logger, games: map[string]*game{}}, nil
}

// Attachment is one connection's hold on an owner's game.
type Attachment struct {
	h    *Host
	gm   *game
	once sync.Once
}

// Session is the game's one seat.
func (a *Attachment) Session() tio.Session { return a.gm.g.Session() }

// GameID is the game's id in the store.
func (a *Attachment) GameID() string { return a.gm.id }

// Release ends this hold; the game is unloaded once nobody holds it for
// Options.IdleUnload. Releasing twice is harmless.
func (a *Attachment) Release() { a.once.Do(func() { a.h.release(a.gm) }) }

// Open attaches to owner's game, loading it (or creating it, on a first
// visit) when it is not loaded.
func (h *Host) Open(ctx context.Context, owner string) (*Attachment, error) {
	for {
		h.mu.Lock()
		if h.closed {
			h.mu.Unlock()
			return nil, ErrClosed
		}
		gm := h.games[owner]
		switch {
		case gm == nil:
			gm = &game{owner: owner, ready: make(chan struct{}), done: make(chan struct{}), attached: 1}
			h.games[owner] = gm
			h.mu.Unlock()
			h.load(ctx, gm)
		case gm.stopping:
			h.mu.Unlock()
			select {
			case <-gm.done:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		default:
			gm.attached++
			if gm.idle != nil {
				gm.idle.Stop()
			}
			h.mu.Unlock()
		}
		select {
		case <-gm.ready:
		case <-ctx.Done():
			h.release(gm)
			return nil, ctx.Err()
		}
		if gm.err != nil {
			return nil, gm.err
		}
		return &Attachment{h: h, gm: gm}, nil
	}
}

// load reads the owner's game from the store (or creates it) and starts
// its loop. A failed load leaves no trace, so the next Open tries again.
func (h *Host) load(ctx context.Context, gm *game) {
	defer close(gm.ready)
	gm.err = h.start(ctx, gm)
	if gm.err != nil {
		h.mu.Lock()
		delete(h.games, gm.owner)
		h.mu.Unlock()
		close(gm.done)
	}
}

func (h *Host) start(ctx context.Context, gm *game) error {
	st, s := h.opts.Store, h.opts.Story
	var rp store.Replay
	gs, err := st.GamesOf(ctx, gm.owner, s.ID)
	if err != nil {
		return err
	}
	if len(gs) == 0 {
		seed := rand.Uint64()
		if s.Config.Seed != nil {
			seed = *s.Config.Seed
		}
		if rp.Game, err = st.CreateGame(ctx, store.Game{Owner: gm.owner, Story: s.ID,
			StoryVersion: s.Config.Version, Mode: driver.ModeIF, Seed: seed}); err != nil {
			return err
		}
	} else if rp, err = st.Replay(ctx, gs[0].ID); err != nil {
		return err
	}
	if rp.StoryVersion != s.Config.Version {
		return fmt.Errorf("%w: game %s was played with version %q, this is %q", ErrStoryChanged, rp.ID, rp.StoryVersion, s.Config.Version)
	}
	gm.id = rp.ID
	opts := h.opts.Driver
	seed := rp.Seed
	opts.Seed, opts.Hosted, opts.Mode = &seed, true, driver.ModeIF
	opts.Journal = &journal{h: h, gm: gm}
	r := driver.Resume{Snapshot: rp.Snapshot, SnapshotN: rp.SnapshotN}
	for _, e := range rp.Tail {
		r.Tail = append(r.Tail, driver.Entry{N: e.N, Kind: string(e.Kind), Text: e.Text, Player: e.Player})
	}
	closeNarrator := func() {}
	if h.opts.Narrator != nil {
		opts.Narrator, closeNarrator = h.opts.Narrator(gm.owner)
	}
	g, err := driver.RebuildGame(s, opts, r)
	if err != nil {
		closeNarrator()
		return fmt.Errorf("game %s: %w", rp.ID, err)
	}
	gm.g = g
	runCtx, stop := context.WithCancel(context.Background())
	gm.stop = stop
	go func() {
		defer close(gm.done)
		defer closeNarrator()
		if err := g.Run(runCtx); err != nil {
			h.log.Error("game loop ended", "game", gm.id, "err", err)
		}
	}()
	return nil
}

func (h *Host) release(gm *game) {
	h.mu.Lock()
	defer h.mu.Unlock()
	gm.attached--
	if gm.attached > 0 || gm.stopping || h.closed {
		return
	}
	if gm.idle != nil {
		gm.idle.Stop()
	}
	gm.idle = time.AfterFunc(h.opts.IdleUnload, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if gm.attached == 0 {
			h.unloadLocked(gm)
		}
	})
}

// unloadLocked stops gm's loop; the game leaves the map once the loop has
// returned, so it is never loaded twice. h.mu is held.
func (h *Host) unloadLocked(gm *game) {
	if gm.stopping || gm.stop == nil {
		return
	}
	gm.stopping = true
	gm.stop()
	go func() {
		<-gm.done
		h.mu.Lock()
		if h.games[gm.owner] == gm {
			delete(h.games, gm.owner)
		}
		h.mu.Unlock()
	}()
}

// Evict unloads owner's game now, held or not, and returns once its loop
// has ended; the next Open loads it afresh from the store. A guest's game
// that has just become an account's (store.UpgradeGuest) is evicted so
// that only the account's copy ever runs: two copies of one game would
// both write to its journal. An owner with no game loaded is no error.
func (h *Host) Evict(ctx context.Context, owner string) error {
	h.mu.Lock()
	gm := h.games[owner]
	if gm == nil {
		h.mu.Unlock()
		return nil
	}
	if gm.idle != nil {
		gm.idle.Stop()
	}
	h.mu.Unlock()
	select {
	case <-gm.ready: // a load in progress is let finish, then stopped
	case <-ctx.Done():
		return ctx.Err()
	}
	h.mu.Lock()
	h.unloadLocked(gm)
	h.mu.Unlock()
	select {
	case <-gm.done:
	case <-ctx.Done():
		return ctx.Err()
	}
	// The map entry goes on unloadLocked's goroutine; once done is closed
	// an Open waits for it no more, but Loaded should not count the game.
	h.mu.Lock()
	if h.games[owner] == gm {
		delete(h.games, owner)
	}
	h.mu.Unlock()
	return nil
}

// Loaded counts the games in memory.
func (h *Host) Loaded() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.games)
}

// Close stops every game and waits for their loops; every entry already
// appended is in the store whether or not Close runs.
func (h *Host) Close() {
	h.mu.Lock()
	h.closed = true
	var wait []chan struct{}
	for _, gm := range h.games {
		if gm.idle != nil {
			gm.idle.Stop()
		}
		select {
		case <-gm.ready:
			h.unloadLocked(gm)
		default: // a load in progress ends by itself; its loop is stopped below
		}
		wait = append(wait, gm.done)
	}
	h.mu.Unlock()
	for _, d := range wait {
		<-d
	}
}

// journal writes a game's entries and snapshots to the store.
type journal struct {
	h  *Host
	gm *game
}

func (j *journal) Append(ctx context.Context, e driver.Entry) error {
	err := j.h.opts.Store.Append(ctx, j.gm.id, store.Entry{N: e.N, Kind: store.Kind(e.Kind), Text: e.Text, Player: e.Player})
	if errors.Is(err, store.ErrConflict) {
		// Another process appended to this game: it is being played there.
		// This copy is stale; unload it, and the next Open loads the truth.
		j.h.log.Error("game is being played in another process; unloading this copy", "game", j.gm.id, "owner", j.gm.owner, "err", err)
		j.h.mu.Lock()
		j.h.unloadLocked(j.gm)
		j.h.mu.Unlock()
	}
	return err
}

// Last is the newest entry the store holds (driver.JournalEnd): an append
// that timed out after the store committed it is played, not refused.
func (j *journal) Last(ctx context.Context) (int64, error) {
	return lastEntry(ctx, j.h.opts.Store, j.gm.id)
}

func lastEntry(ctx context.Context, st Store, gameID string) (int64, error) {
	g, err := st.Game(ctx, gameID)
	return g.Turns, err
}

func (j *journal) Snapshot(ctx context.Context, n int64, data []byte) error {
	st := j.h.opts.Store
	if err := st.PutSnapshot(ctx, j.gm.id, n, data); err != nil {
		return err
	}
	if _, err := st.Compact(ctx, j.gm.id); err != nil {
		j.h.log.Warn("journal compaction failed; replay reads a longer tail", "game", j.gm.id, "err", err)
	}
	return nil
}

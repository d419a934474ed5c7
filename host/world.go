package host

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/store"
	"github.com/tale-if/tale/story"
)

// A durable shared world (MUD mode): one game of the story in the store,
// owned by worldOwner, journaled and snapshotted like a hosted IF game
// (every input, tick, join, leave, link-dead and return), rebuilt from
// the store at start with driver.RebuildWorld. The players who were in it
// come back link-dead and take their seats back when they connect again
// (Join, JoinAccount).
//
// The characters of accounts are kept between visits (driver/character.go):
// as an account's player leaves, its character goes to the store's
// characters table under (account id, story id), and its things stay out
// of everyone's reach at its holder in the world; the next login seats it
// from there. Keyed by story, not by game, a character outlives its world:
// when the story's version changes, the old world (whose journal would
// not replay the same) is left in the store, a new one starts, and each
// character comes back into it with what this version still has.
//
//	w, err := host.OpenWorld(ctx, host.WorldOptions{Store: st, Story: s, Driver: opts})
//	go w.Run(ctx)
//	seat, err := w.JoinAccount(ctx, accountID, name) // or w.Join(ctx, guestName)

// WorldStore is what a durable world needs of the store; *store.Store
// has it.
type WorldStore interface {
	Store // what every durable game needs
	AccountByName(ctx context.Context, name string) (store.Account, error)
	PutCharacter(ctx context.Context, accountID, world string, data []byte) error
	Character(ctx context.Context, accountID, world string) ([]byte, error)
}

// worldOwner owns a story's shared world in the games table: no account
// id or guest id is ever this word (they are random ids).
const worldOwner = "mud"

// WorldOptions configure OpenWorld.
type WorldOptions struct {
	Store  WorldStore
	Story  *story.Story
	Driver driver.Options // Mode, Seed and Journal are set by OpenWorld
	Logger *slog.Logger
}

// World is a story's durable shared world.
type World struct {
	*driver.World
	id    string // its game id in the store
	story string
	st    WorldStore
	log   *slog.Logger
}

// GameID is the world's game id in the store.
func (w *World) GameID() string { return w.id }

// OpenWorld rebuilds the story's shared world from the store, or starts
// it on a first run or when the story's version changed. Run it with Run.
func OpenWorld(ctx context.Context, o WorldOptions) (*World, error) {
	if o.Store == nil || o.Story == nil {
		return nil, errors.New("host: WorldOptions.Store and WorldOptions.Story are required")
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	s, st := o.Story, o.Store
	w := &World{story: s.ID, st: st, log: o.Logger}
	gs, err := st.GamesOf(ctx, worldOwner, s.ID)
	if err != nil {
		return nil, err
	}
	var rp store.Replay
	if len(gs) > 0 && gs[0].StoryVersion == s.Config.Version {
		if rp, err = st.Replay(ctx, gs[0].ID); err != nil {
			return nil, err
		}
	} else {
		if len(gs) > 0 {
			o.Logger.Warn("the story's version changed: a new world starts; characters come back into it",
				"story", s.ID, "was", gs[0].StoryVersion, "now", s.Config.Version, "old world", gs[0].ID)
		}
		seed := rand.Uint64()
		if s.Config.Seed != nil {
			seed = *s.Config.Seed
		}
		if rp.Game, err = st.CreateGame(ctx, store.Game{Owner: worldOwner, Story: s.ID,
			StoryVersion: s.Config.Version, Mode: driver.ModeMUD, Seed: seed}); err != nil {
			return nil, err
		}
	}
	w.id = rp.ID
	opts := o.Driver
	seed := rp.Seed
	opts.Seed, opts.Mode = &seed, driver.ModeMUD
	opts.Journal = &worldJournal{w: w}
	r := driver.Resume{Snapshot: rp.Snapshot, SnapshotN: rp.SnapshotN}
	for _, e := range rp.Tail {
		r.Tail = append(r.Tail, driver.Entry{N: e.N, Kind: string(e.Kind), Text: e.Text, Player: e.Player})
	}
	if w.World, err = driver.RebuildWorld(s, opts, r); err != nil {
		return nil, fmt.Errorf("world %s: %w", rp.ID, err)
	}
	return w, nil
}

// JoinAccount seats the account's character: back in its seat when it is
// in the world, else from the character the store kept at its last
// leave, else (a first visit) at the story's start.
func (w *World) JoinAccount(ctx context.Context, accountID, name string) (driver.Seat, error) {
	data, err := w.st.Character(ctx, accountID, w.story)
	if errors.Is(err, store.ErrNotFound) {
		data, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	return w.JoinCharacter(ctx, name, data)
}

// worldJournal writes the world's entries and snapshots to the store and
// keeps its accounts' characters (driver.Characters).
type worldJournal struct{ w *World }

var (
	_ driver.Characters = (*worldJournal)(nil)
	_ driver.JournalEnd = (*worldJournal)(nil)
)

// Last is the newest entry the store holds (driver.JournalEnd).
func (j *worldJournal) Last(ctx context.Context) (int64, error) {
	return lastEntry(ctx, j.w.st, j.w.id)
}

func (j *worldJournal) Append(ctx context.Context, e driver.Entry) error {
	err := j.w.st.Append(ctx, j.w.id, store.Entry{N: e.N, Kind: store.Kind(e.Kind), Text: e.Text, Player: e.Player})
	if errors.Is(err, store.ErrConflict) {
		// Another process appended: the data dir lock should make that
		// impossible, so say loudly that this copy is stale.
		j.w.log.Error("the world is being played in another process; this copy refuses input", "world", j.w.id, "err", err)
	}
	return err
}

func (j *worldJournal) Snapshot(ctx context.Context, n int64, data []byte) error {
	if err := j.w.st.PutSnapshot(ctx, j.w.id, n, data); err != nil {
		return err
	}
	if _, err := j.w.st.Compact(ctx, j.w.id); err != nil {
		j.w.log.Warn("journal compaction failed; replay reads a longer tail", "world", j.w.id, "err", err)
	}
	return nil
}

func (j *worldJournal) KeepCharacter(ctx context.Context, id string, data []byte) error {
	a, err := j.account(id)
	if err != nil {
		return err
	}
	return j.w.st.PutCharacter(ctx, a.ID, j.w.story, data)
}

// account is the account whose name is the player id.
func (j *worldJournal) account(id string) (store.Account, error) {
	ctx, cancel := context.WithTimeout(context.Background(), characterTimeout)
	defer cancel()
	return j.w.st.AccountByName(ctx, id)
}

// characterTimeout bounds a look-up of the accounts on the world's loop:
// past it the store is in trouble, and the loop must go on.
const characterTimeout = 5 * time.Second

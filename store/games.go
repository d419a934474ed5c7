package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Game is one game of a story, for one owner (IF) or a shared world (MUD).
type Game struct {
	ID           string // set by CreateGame when empty
	Owner        string // account id or guest id
	Story        string
	StoryVersion string // a replay into another version is refused by the driver
	Mode         string // "if" or "mud"; the store does not interpret it
	Seed         uint64
	Turns        int64 // n of the newest journal entry: the inputs accepted so far
	Created      time.Time
	Updated      time.Time
}

// Kind says how an input reached the game.
type Kind string

// The journal's kinds of input.
const (
	Line   Kind = "line"   // a typed command
	Choice Kind = "choice" // a pick from a menu of choices
	Tick   Kind = "tick"   // a tick of the game's timer (timer stories, MUD worlds)
	Join   Kind = "join"   // MUD: a player joined (Player; Text is the name as given)
	Leave  Kind = "leave"  // MUD: a player left (Player; Text says why)
	Away   Kind = "away"   // MUD: a player's connection dropped (link-dead)
	Back   Kind = "back"   // MUD: a link-dead player's connection came back
	// Narration is a language model's narration as one player was shown
	// it; Text is the event as JSON (package driver reads it).
	Narration Kind = "narration"
)

// kinds are the journal's kinds, as the schema's CHECK lists them.
var kinds = map[Kind]bool{Line: true, Choice: true, Tick: true, Join: true, Leave: true, Away: true, Back: true, Narration: true}

// Entry is one accepted input, numbered from 1 in the order the game
// applied it.
type Entry struct {
	N      int64
	Kind   Kind
	Text   string
	Player string // MUD: the player id that sent it; "" in IF mode
}

// CreateGame stores a new game with an empty journal and returns it with
// its id and times filled in.
func (s *Store) CreateGame(ctx context.Context, g Game) (Game, error) {
	if g.ID == "" {
		g.ID = NewID()
	}
	g.Created = s.now().Truncate(time.Millisecond)
	g.Updated, g.Turns = g.Created, 0
	_, err := s.exec(ctx, `INSERT INTO games (id, owner, story, story_version, mode, seed, turns, created_ms, updated_ms)
		VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7)`,
		g.ID, g.Owner, g.Story, g.StoryVersion, g.Mode, int64(g.Seed), ms(g.Created))
	if err != nil {
		return Game{}, err
	}
	return g, nil
}

const gameColumns = `id, owner, story, story_version, mode, seed, turns, created_ms, updated_ms`

type scanner interface{ Scan(...any) error }

func scanGame(r scanner) (Game, error) {
	var g Game
	var seed, created, updated int64
	if err := r.Scan(&g.ID, &g.Owner, &g.Story, &g.StoryVersion, &g.Mode, &seed, &g.Turns, &created, &updated); err != nil {
		return Game{}, notFound(err)
	}
	g.Seed, g.Created, g.Updated = uint64(seed), fromMS(created), fromMS(updated)
	return g, nil
}

// Game returns the game with that id, or ErrNotFound.
func (s *Store) Game(ctx context.Context, id string) (Game, error) {
	return scanGame(s.read.QueryRowContext(ctx, `SELECT `+gameColumns+` FROM games WHERE id = $1`, id))
}

// GamesOf lists an owner's games of a story ("" for every story), the
// most recently played first.
func (s *Store) GamesOf(ctx context.Context, owner, story string) ([]Game, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+gameColumns+` FROM games
		WHERE owner = $1 AND ($2 = '' OR story = $2) ORDER BY updated_ms DESC, id`, owner, story)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var gs []Game
	for rows.Next() {
		g, err := scanGame(rows)
		if err != nil {
			return nil, err
		}
		gs = append(gs, g)
	}
	return gs, rows.Err()
}

// DeleteGame removes a game with its journal and snapshots.
func (s *Store) DeleteGame(ctx context.Context, id string) error {
	return mustAffect(s.exec(ctx, `DELETE FROM games WHERE id = $1`, id))
}

// Append adds e to the game's journal; e.N must be the game's Turns + 1.
// When Append returns nil the entry is committed (see "Durability" in the
// package doc): call it before the reply to the input is published. An
// e.N that is not the next number returns ErrConflict and writes nothing —
// the journal is being written by someone else, or the caller lost count.
func (s *Store) Append(ctx context.Context, gameID string, e Entry) error {
	if !kinds[e.Kind] {
		return fmt.Errorf("store: journal entry kind %q is not one the journal keeps", e.Kind)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		// The guarded update is the fence: it changes the row only when the
		// journal ends at N-1, and (on PostgreSQL) locks it until commit.
		res, err := tx.ExecContext(ctx, `UPDATE games SET turns = $2, updated_ms = $3 WHERE id = $1 AND turns = $2 - 1`,
			gameID, e.N, ms(s.now()))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return s.whyNot(ctx, tx, gameID, e.N)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO journal (game_id, n, kind, text, player) VALUES ($1, $2, $3, $4, $5)`,
			gameID, e.N, string(e.Kind), e.Text, e.Player)
		return s.mapErr(err)
	})
}

// whyNot explains a guarded update that changed nothing.
func (s *Store) whyNot(ctx context.Context, tx *sql.Tx, gameID string, n int64) error {
	var turns int64
	err := tx.QueryRowContext(ctx, `SELECT turns FROM games WHERE id = $1`, gameID).Scan(&turns)
	if err != nil {
		return notFound(err)
	}
	return fmt.Errorf("%w: game %s: entry %d, but the journal ends at %d", ErrConflict, gameID, n, turns)
}

// PutSnapshot stores the game's state after journal entry n. n must not be
// past the journal's end: a snapshot of inputs not yet journaled could not
// be rebuilt by replay after a crash.
func (s *Store) PutSnapshot(ctx context.Context, gameID string, n int64, data []byte) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var turns int64
		if err := tx.QueryRowContext(ctx, `SELECT turns FROM games WHERE id = $1`, gameID).Scan(&turns); err != nil {
			return notFound(err)
		}
		if n < 0 || n > turns {
			return fmt.Errorf("%w: game %s: snapshot at %d, but the journal ends at %d", ErrConflict, gameID, n, turns)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO snapshots (game_id, n, data) VALUES ($1, $2, $3)
			ON CONFLICT (game_id, n) DO UPDATE SET data = excluded.data`, gameID, n, data)
		return err
	})
}

// Replay is what rebuilds a game: its row, the newest snapshot (nil when
// there is none: start from the story and the seed), and the journal
// entries after the snapshot, in order.
type Replay struct {
	Game
	Snapshot  []byte
	SnapshotN int64 // the journal entry the snapshot follows; 0 without one
	Tail      []Entry
}

// Replay reads a game back, all from one consistent point in time.
func (s *Store) Replay(ctx context.Context, gameID string) (Replay, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return Replay{}, err
	}
	defer tx.Rollback()
	var r Replay
	if r.Game, err = scanGame(tx.QueryRowContext(ctx, `SELECT `+gameColumns+` FROM games WHERE id = $1`, gameID)); err != nil {
		return Replay{}, err
	}
	err = tx.QueryRowContext(ctx, `SELECT n, data FROM snapshots WHERE game_id = $1 ORDER BY n DESC LIMIT 1`, gameID).
		Scan(&r.SnapshotN, &r.Snapshot)
	if err != nil && err != sql.ErrNoRows {
		return Replay{}, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT n, kind, text, player FROM journal WHERE game_id = $1 AND n > $2 ORDER BY n`,
		gameID, r.SnapshotN)
	if err != nil {
		return Replay{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var e Entry
		var kind string
		if err := rows.Scan(&e.N, &kind, &e.Text, &e.Player); err != nil {
			return Replay{}, err
		}
		e.Kind = Kind(kind)
		r.Tail = append(r.Tail, e)
	}
	return r, rows.Err()
}

// Compact drops the journal entries and snapshots older than the newest
// snapshot: Replay never reads them again. It returns the number of
// journal entries dropped.
func (s *Store) Compact(ctx context.Context, gameID string) (int64, error) {
	var dropped int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int64
		err := tx.QueryRowContext(ctx, `SELECT n FROM snapshots WHERE game_id = $1 ORDER BY n DESC LIMIT 1`, gameID).Scan(&n)
		if err == sql.ErrNoRows {
			return nil // nothing to stand on
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM journal WHERE game_id = $1 AND n <= $2`, gameID, n)
		if err != nil {
			return err
		}
		if dropped, err = res.RowsAffected(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM snapshots WHERE game_id = $1 AND n < $2`, gameID, n)
		return err
	})
	return dropped, err
}

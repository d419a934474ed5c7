package driver

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// A snapshot is the save format (save.go) — the header and the State,
// here the world with the first player's own part, so an IF snapshot
// reads as a save — plus what a rebuilt game needs that a save leaves
// out: every player, each with its event numbering and newest events, its
// parser, undo stack and open question. With them a game rebuilt from a
// snapshot and the entries after it is the game that never stopped, down
// to the seq of its next event.
type snapshotFile struct {
	saveFile
	Players    []savedPlayer `json:"players"`
	Narrations uint64        `json:"narrations,omitempty"` // the newest narration request id
}

type savedPlayer struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	State    *PlayerState  `json:"state"`
	Seq      uint64        `json:"seq"`              // the newest event's number
	Recent   []tio.Event   `json:"recent,omitempty"` // the newest events, for readers resuming across the snapshot
	Status   *tio.State    `json:"status,omitempty"` // the last state event sent, so the next is sent only on change
	Played   bool          `json:"played,omitempty"`
	Confirm  string        `json:"confirm,omitempty"`
	Undo     []*State      `json:"undo,omitempty"`
	Parser   *parse.Parser `json:"parser"`
	LinkDead bool          `json:"link_dead,omitempty"`
	// Character: joined as a kept character (character.go), whose things
	// leave with it; a replay after the snapshot must know it as live did.
	Character bool `json:"character,omitempty"`
	// NarrationOff is the player's "narration off", which a rebuild keeps.
	NarrationOff bool `json:"narration_off,omitempty"`
}

// snapshotEvents is how many of each player's newest events a snapshot
// keeps: a reader that had read up to a little before the snapshot (a
// reply in flight when the process died) resumes without a resync.
const snapshotEvents = 64

// snapshot serialises the game; it runs on the loop.
func (w *World) snapshot() ([]byte, error) {
	sf := snapshotFile{saveFile: saveFile{Format: saveFormat, Story: w.story.ID,
		StoryVersion: w.story.Config.Version, Seed: w.seed, State: &State{WorldState: w.world, PlayerState: &PlayerState{}}},
		Narrations: w.narr.last}
	for i, p := range w.players {
		if i == 0 {
			sf.State.PlayerState = p.own
		}
		undo := p.undo
		if w.mud() {
			// A shared world refuses undo (mudRefusals), and each undo point holds
			// the whole world: ten players' thirty points made a snapshot ten
			// times the size, and a restart ten times slower to read it.
			undo = nil
		}
		sf.Players = append(sf.Players, savedPlayer{ID: p.id, Name: p.name, State: p.own,
			Seq: p.events.LastSeq(), Recent: p.events.Recent(snapshotEvents), Status: p.lastState,
			Played: p.played, Confirm: p.confirm, Undo: undo, Parser: p.parser, LinkDead: p.linkDead(),
			Character: p.character, NarrationOff: p.narrationOff})
	}
	return json.Marshal(sf)
}

// Resume is a durable game as its journal holds it (the store's Replay):
// the newest snapshot, if any, the entry it follows, and the entries after.
type Resume struct {
	Snapshot  []byte
	SnapshotN int64
	Tail      []Entry
}

// ErrBadSnapshot means a snapshot could not be read back, or was made by
// another story or version.
var ErrBadSnapshot = errors.New("the game's snapshot cannot be restored")

// RebuildGame makes an IF game as it was after the journal's last entry:
// from the snapshot, or from the opening, then every entry of the tail
// played through the same code as live input, into the player's event
// stream but to nobody (Run has not started, nobody can subscribe yet), so
// the events are numbered as they were and the newest are there for a
// reader resuming by seq. opts must be those of the game that wrote the
// journal (seed, mode, story version); opts.Journal is not written to
// while rebuilding.
func RebuildGame(s *story.Story, opts Options, r Resume) (*Game, error) {
	if r.Snapshot == nil {
		if r.SnapshotN != 0 {
			return nil, fmt.Errorf("%w: entry %d has no snapshot data", ErrBadSnapshot, r.SnapshotN)
		}
		w, err := NewWorld(s, opts)
		if err != nil {
			return nil, err
		}
		// The opening is played again, as New plays it. After it the
		// journal holds its narration, if any was shown, so the model is
		// not asked; an empty journal is a game that has shown nothing
		// more than the opening, which may ask afresh.
		w.dur.replaying = len(r.Tail) > 0
		g := &Game{World: w, seat: w.seat(w.addPlayer(ifPlayer, w.story.Config.Player.Name))}
		return g, g.replay(r)
	}
	w, err := NewWorld(s, opts)
	if err != nil {
		return nil, err
	}
	if w.mud() {
		return nil, fmt.Errorf("%w: RebuildGame is for IF games; use RebuildWorld", ErrBadMode)
	}
	if err := w.restore(r.Snapshot); err != nil {
		return nil, err
	}
	if len(w.players) != 1 {
		return nil, fmt.Errorf("%w: an IF game with %d players", ErrBadSnapshot, len(w.players))
	}
	return &Game{World: w, seat: w.seat(w.players[0])}, w.replay(r)
}

// RebuildWorld is RebuildGame for a shared world. The players in it when
// the journal ends are back in it, link-dead until their readers take
// their seats back with World.Rejoin.
func RebuildWorld(s *story.Story, opts Options, r Resume) (*World, error) {
	w, err := NewWorld(s, opts)
	if err != nil {
		return nil, err
	}
	if r.Snapshot != nil {
		if err := w.restore(r.Snapshot); err != nil {
			return nil, err
		}
	}
	return w, w.replay(r)
}

// restore loads a snapshot into a world nobody has joined yet.
func (w *World) restore(data []byte) error {
	var sf snapshotFile
	if err := json.Unmarshal(data, &sf); err != nil {
		return fmt.Errorf("%w: %v", ErrBadSnapshot, err)
	}
	switch {
	case sf.Format != saveFormat:
		return fmt.Errorf("%w: format %d", ErrBadSnapshot, sf.Format)
	case sf.Story != w.story.ID || sf.StoryVersion != w.story.Config.Version:
		return fmt.Errorf("%w: made by %q version %q", ErrBadSnapshot, sf.Story, sf.StoryVersion)
	case sf.State == nil:
		return fmt.Errorf("%w: no state", ErrBadSnapshot)
	}
	if sf.Seed != w.seed && w.story.Config.Generator != nil {
		// A restore switched the game to another seed's world (save.go).
		gen, err := w.story.Generate(sf.Seed)
		if err != nil {
			return fmt.Errorf("%w: seed %d: %v", ErrBadSnapshot, sf.Seed, err)
		}
		w.useWorld(&worldOf{story: gen, seed: sf.Seed})
	}
	sf.State.fillNil()
	w.world = sf.State.WorldState
	w.narr.last = sf.Narrations
	for _, sp := range sf.Players {
		p := w.newPlayer(sp.ID, sp.Name)
		st := &State{WorldState: w.world, PlayerState: sp.State}
		st.fillNil()
		p.own = st.PlayerState
		p.events.Restore(sp.Seq, sp.Recent)
		p.lastState, p.played, p.confirm = sp.Status, sp.Played, sp.Confirm
		p.narrationOff, p.character = sp.NarrationOff, sp.Character
		for _, u := range sp.Undo {
			u.fillNil()
		}
		p.undo = sp.Undo
		if sp.Parser != nil {
			p.parser = sp.Parser
		}
		p.lastInput = time.Now() // idle logout counts from the rebuild
		if sp.LinkDead {
			p.deadSince = time.Now()
		}
		w.players = append(w.players, p)
	}
	return nil
}

// replay plays the tail's entries, after the snapshot, through the code
// live ones take.
func (w *World) replay(r Resume) error {
	w.dur.n, w.dur.snapN = r.SnapshotN, r.SnapshotN
	w.dur.replaying = true
	defer func() { w.dur.replaying = false }()
	for _, e := range r.Tail {
		if e.N != w.dur.n+1 {
			return fmt.Errorf("%w: entry %d follows %d", ErrBadJournal, e.N, w.dur.n)
		}
		if err := w.apply(e); err != nil {
			return err
		}
		w.dur.n = e.N
	}
	return nil
}

// ErrBadJournal means a journal cannot be replayed: a gap, or an entry
// that names nobody in the world.
var ErrBadJournal = errors.New("the game's journal cannot be replayed")

// apply does what one entry records.
func (w *World) apply(e Entry) error {
	if e.Kind == EntryTick {
		w.timerTick()
		return nil
	}
	if e.Kind == EntryJoin {
		w.addPlayer(e.Player, displayName(e.Text))
		return nil
	}
	p := w.journalPlayer(e.Player)
	if p == nil {
		return fmt.Errorf("%w: entry %d (%s) names player %q, who is not in the world", ErrBadJournal, e.N, e.Kind, e.Player)
	}
	switch e.Kind {
	case EntryLine:
		w.handleInput(p, tio.Input{Kind: tio.InputLine, Line: e.Text})
	case EntryChoice:
		w.handleInput(p, tio.Input{Kind: tio.InputChoice, ChoiceID: e.Text})
	case EntryLeave:
		w.depart(p, e.Text)
	case EntryAway:
		w.goAway(p, time.Now())
	case EntryBack:
		w.comeBack(p)
	case EntryNarration:
		return w.replayNarration(p, e)
	default:
		return fmt.Errorf("%w: entry %d of unknown kind %q", ErrBadJournal, e.N, e.Kind)
	}
	return nil
}

// journalPlayer is the player an entry names: in IF mode the one there is.
func (w *World) journalPlayer(id string) *player {
	if !w.mud() {
		if len(w.players) == 0 {
			return nil
		}
		return w.players[0]
	}
	for _, p := range w.players {
		if p.id == id {
			return p
		}
	}
	return nil
}

package driver

import (
	"context"
	"errors"
	"time"

	"github.com/tale-if/tale/tio"
)

// Durability (contract 8, "acknowledged is kept").
//
// A game with Options.Journal writes down everything that changes it,
// in the order the loop does it, before doing it: every input a player
// sends (lines and menu picks, meta commands too), every tick of the
// timer, and in a shared world every join, leave, link-dead and return.
// The rule is "journal every message that can change the world or number
// an event", not "every command that changes state": a look changes
// nothing but numbers events, and a resuming client asks by event number,
// so replay must reproduce the numbering as well as the State. What is
// not journaled changes neither: subscriptions, completions, Sync, and the
// opening of an IF game (the story and the seed give it).
//
// Write-ahead: the entry is appended (durable when Append returns) before
// its turn runs, so the reply a player reads is always backed by an entry.
// When Append fails the input is not played: the player reads msgNotKept
// and nothing else happens. That sentence is itself an event no entry
// accounts for, so the game snapshots at the next chance (dirty) to record
// the numbering. A crash after the append and before the reply replays the
// input on rebuild, and its reply is among the events a resuming reader
// gets: nothing is lost and nothing is played twice.
//
// Every SnapshotEvery entries the loop writes a snapshot (snapshot.go):
// the save format's JSON plus what a rebuilt game needs beyond a save
// (each player's event numbering and newest events, parser, undo, open
// question), so a reload replays only the entries after it.

// Journal is where a durable game writes down what it does; the host
// implements it on the store. Both calls are durable when they return nil.
type Journal interface {
	// Append adds e, whose N is the previous entry's + 1. An error refuses
	// the entry and the game does not do it.
	Append(ctx context.Context, e Entry) error
	// Snapshot stores the game's state after entry n (snapshot.go).
	Snapshot(ctx context.Context, n int64, state []byte) error
}

// Entry is one thing a game did, numbered from 1 in the order it did it.
type Entry struct {
	N      int64
	Kind   string // one of the Entry* kinds
	Text   string // the line, the choice id, the joining name or why a player left
	Player string // the player's id in a shared world; "" in IF mode
}

// The kinds of entry (the store's journal kinds have the same names).
const (
	EntryLine   = "line"   // a typed line
	EntryChoice = "choice" // a pick from a menu
	EntryTick   = "tick"   // a tick of the timer
	EntryJoin   = "join"   // MUD: a player joined; Text is the name as given
	EntryLeave  = "leave"  // MUD: a player left; Text is one of the leave* reasons
	EntryAway   = "away"   // MUD: a player's last reader went (link-dead)
	EntryBack   = "back"   // MUD: a link-dead player has a reader again
	// EntryNarration is a model's narration as one player was shown it
	// (narration.go): Text is the event's tio.Narration as JSON. Replay
	// shows it again from the entry and never asks the model.
	EntryNarration = "narration"
)

// msgNotKept is what a player reads when their input could not be written
// down: it was not played, so trying again is safe.
const msgNotKept = "The game could not be saved just now; nothing happened. Try again."

// ErrNotKept is Join's and Leave's error when the journal refused the entry.
var ErrNotKept = errors.New("the game could not be saved just now; nothing happened")

const (
	// defaultSnapshotEvery keeps a reload to at most a hundred replayed
	// entries (a few milliseconds) while a snapshot, a few KB to a few
	// hundred, is written once per hundred commands.
	defaultSnapshotEvery = 100
	// journalTimeout bounds one write: past it the store is in trouble, and
	// the player is better told so than left waiting.
	journalTimeout = 10 * time.Second
)

// durability is the loop's count of what the journal holds.
type durability struct {
	n         int64 // the newest entry's N
	snapN     int64 // the entry the newest snapshot follows
	dirty     bool  // an event was published that no entry accounts for
	replaying bool  // rebuilding: entries come from the journal, not to it
}

// journaled appends an entry for what the loop is about to do and says
// whether to go ahead. Without a journal, and while replaying, it always
// does.
func (w *World) journaled(kind, player, text string) bool {
	n, err := w.appendEntry(kind, player, text)
	if err != nil {
		w.log.Error("journal append failed; not played", "kind", kind, "player", player, "n", n, "err", err)
		return false
	}
	return true
}

// appendEntry appends the next entry (numbered n) unless there is no
// journal or the world is replaying; the caller decides what a refusal
// costs.
func (w *World) appendEntry(kind, player, text string) (n int64, err error) {
	j := w.opts.Journal
	if j == nil || w.dur.replaying {
		return w.dur.n, nil
	}
	if !w.mud() {
		player = ""
	}
	e := Entry{N: w.dur.n + 1, Kind: kind, Text: text, Player: player}
	ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
	defer cancel()
	if err := j.Append(ctx, e); err != nil {
		return e.N, err
	}
	w.dur.n = e.N
	return e.N, nil
}

// journalInput journals a player's input; when that fails the player reads
// msgNotKept instead of a reply.
func (w *World) journalInput(p *player, in tio.Input) bool {
	var kind, text string
	switch in.Kind {
	case tio.InputLine:
		kind, text = EntryLine, in.Line
	case tio.InputChoice:
		kind, text = EntryChoice, in.ChoiceID
	default:
		return true // handleInput ignores it: nothing to replay
	}
	if w.journaled(kind, p.id, text) {
		return true
	}
	handling{World: w, p: p}.atomically(func(tn *turn) error { tn.say(msgNotKept); return nil })
	w.dur.dirty = true
	return false
}

// snapshotIfDue writes a snapshot when SnapshotEvery entries have passed
// since the last, or when events were published that no entry accounts
// for. A failed snapshot is only logged: the journal still holds every
// entry, so the next one tries again.
func (w *World) snapshotIfDue() {
	j := w.opts.Journal
	if j == nil || w.dur.replaying || (!w.dur.dirty && w.dur.n-w.dur.snapN < int64(w.opts.SnapshotEvery)) {
		return
	}
	data, err := w.snapshot()
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
		err = j.Snapshot(ctx, w.dur.n, data)
		cancel()
	}
	if err != nil {
		w.log.Error("snapshot failed; the journal still holds everything", "n", w.dur.n, "err", err)
		return
	}
	w.dur.snapN, w.dur.dirty = w.dur.n, false
}

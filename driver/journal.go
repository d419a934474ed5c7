package driver

import (
	"context"
	"errors"
	"fmt"
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
// An Append that times out may have been committed all the same (the
// store wrote it, the answer came too late). Its fate is then asked of the
// journal (JournalEnd): committed, the input is played as if the append
// had returned nil; not committed, the player reads msgNotKept as for any
// refusal. When even that cannot be told, the player reads msgFateUnknown,
// the entry is kept pending, and the next append settles it first: a
// committed one is played then (its reply comes before the next one's, at
// the same point a replay plays it), one that was not is said so.
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

// JournalEnd is what a Journal may also do: say the number of its newest
// entry, so that an Append that timed out can be settled (kept or not)
// instead of reported as refused when the store did commit it.
type JournalEnd interface {
	Last(ctx context.Context) (int64, error)
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

// msgFateUnknown is what a player reads when the journal could not say
// whether their input was written down: the next command settles it.
const msgFateUnknown = "The game could not tell whether that was saved just now. If it was, its reply comes before your next command's; if not, you will be told so then."

// msgNotKeptAfterAll settles a msgFateUnknown that was not written down.
const msgNotKeptAfterAll = "Your last command was not saved after all: nothing happened. Try it again."

// errFateUnknown: an append failed and whether it was committed is not
// known yet; the entry is pending until the next append settles it.
var errFateUnknown = errors.New("whether the entry was committed is not known")

// errUnsettled: an earlier entry's fate is still unknown, so this one was
// not even tried (its number depends on that fate).
var errUnsettled = errors.New("an earlier entry's fate is not known yet; not tried")

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
	n         int64  // the newest entry's N
	snapN     int64  // the entry the newest snapshot follows
	dirty     bool   // an event was published that no entry accounts for
	replaying bool   // rebuilding: entries come from the journal, not to it
	pending   *Entry // an append of unknown fate, settled before the next
}

// The fate of an append that failed.
type fate int

const (
	fateNotKept fate = iota // the journal does not have it: nothing happened
	fateKept                // the journal has it: play it
	fateUnknown             // the journal cannot say yet
)

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
	if w.dur.pending != nil && !w.settlePending() {
		return w.dur.n + 1, errUnsettled
	}
	e := Entry{N: w.dur.n + 1, Kind: kind, Text: text, Player: player}
	ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
	err = j.Append(ctx, e)
	cancel()
	if err == nil {
		w.dur.n = e.N
		return e.N, nil
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		return e.N, err // refused: the journal said no, and wrote nothing
	}
	switch w.fateOf(e) {
	case fateKept:
		w.log.Warn("a journal append timed out but was committed; playing it", "kind", kind, "player", player, "n", e.N)
		w.dur.n = e.N
		return e.N, nil
	case fateUnknown:
		w.dur.pending = &e
		return e.N, fmt.Errorf("%w: %w", errFateUnknown, err)
	}
	return e.N, err
}

// fateOf asks the journal whether e, whose append failed, is in it.
func (w *World) fateOf(e Entry) fate {
	je, ok := w.opts.Journal.(JournalEnd)
	if !ok {
		return fateNotKept // a journal that cannot say is taken at its word
	}
	ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
	defer cancel()
	last, err := je.Last(ctx)
	switch {
	case err != nil:
		w.log.Error("cannot tell whether a journal entry was committed", "n", e.N, "err", err)
		return fateUnknown
	case last == e.N:
		return fateKept
	case last == e.N-1:
		return fateNotKept
	}
	w.log.Error("the journal ends elsewhere than this game: another process writes it", "n", e.N, "last", last)
	return fateUnknown
}

// settlePending settles the pending entry before another is appended, and
// says whether the loop may go on appending: a committed entry is played
// now, where a replay plays it; the player of one that was not is told.
func (w *World) settlePending() bool {
	e := *w.dur.pending
	switch w.fateOf(e) {
	case fateUnknown:
		return false
	case fateKept:
		w.dur.pending = nil
		w.dur.replaying = true // played from the journal: not appended again
		err := w.apply(e)
		w.dur.replaying = false
		w.dur.n = e.N
		if err != nil {
			w.log.Error("a committed entry of unknown fate cannot be played", "n", e.N, "err", err)
		}
		return true
	}
	w.dur.pending = nil
	if p := w.journalPlayer(e.Player); p != nil && (e.Kind == EntryLine || e.Kind == EntryChoice) {
		handling{World: w, p: p}.atomically(func(tn *turn) error { tn.say(msgNotKeptAfterAll); return nil })
		w.dur.dirty = true
	}
	return true
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
	n, err := w.appendEntry(kind, p.id, text)
	if err == nil {
		return true
	}
	w.log.Error("journal append failed; not played", "kind", kind, "player", p.id, "n", n, "err", err)
	msg := msgNotKept
	if errors.Is(err, errFateUnknown) {
		msg = msgFateUnknown
	}
	handling{World: w, p: p}.atomically(func(tn *turn) error { tn.say(msg); return nil })
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

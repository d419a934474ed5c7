package driver

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// msgInternal is all a player learns of a bug; the detail goes to the log.
const msgInternal = "Something went wrong with that command; nothing happened. (The error was logged.)"

const msgOver = "The story is over. You can <bright>RESTART</bright>, <bright>RESTORE</bright> a saved game, <bright>UNDO</bright> your last move, or <bright>QUIT</bright>."

// msgOverHosted is msgOver where quitting ends only the game, not the
// program, so it is no way out of an ending.
const msgOverHosted = "The story is over. You can <bright>RESTART</bright>, <bright>RESTORE</bright> a saved game, or <bright>UNDO</bright> your last move."

// refusal is a handler's way to say the command could not be done. Its
// text is shown, the world stays as it was, no time passes and nothing is
// kept for undo.
type refusal string

func (r refusal) Error() string { return string(r) }

// asRefusal is errors.As for a refusal. errors.As takes its target's
// address, which puts it on the heap: three allocations for every command.
func asRefusal(err error) (refusal, bool) {
	for err != nil {
		switch e := err.(type) {
		case refusal:
			return e, true
		case interface{ As(any) bool }, interface{ Unwrap() []error }:
			var r refusal // rare: let errors.As do it all
			ok := errors.As(err, &r)
			return r, ok
		case interface{ Unwrap() error }:
			err = e.Unwrap()
		default:
			return "", false
		}
	}
	return "", false
}

func refuse(format string, a ...any) error {
	if len(a) == 0 {
		return refusal(format)
	}
	return refusal(fmt.Sprintf(format, a...))
}

// turn is one unit of work (a command, a tick, an answer, the opening),
// made fresh for each (in the last one's emptied room: recycle). It
// works on its own copy of the world and of each player's state it
// touches (copied on write: a map when the turn first writes it, through
// writableWorld and writablePlayer; cow.go), and collects its own output
// per player, so that a command applies completely or not at all
// (contract 6): when it fails, the turn is dropped, and nothing of it
// reaches the world or any player. Handlers take the turn; through it they reach the world
// (shared state, story, verbs) and the player who acts.
//
// The embedded player and st are whose eyes the turn sees through: the
// actor, or, inside as, another player the turn does something to (a
// monster's blow, a world tick's news).
type turn struct {
	*World
	*player // whose eyes: tn.st's player part, tn.out's reader

	actor     *player                // who acts; nil in a world turn (MUD ticks)
	st        *State                 // the working copy: the world's part and the player's own
	out       *output                // what the turn shows *player, published only when it is done
	outs      byPlayer[*output]      // every player's output in this turn
	shown     []*player              // the players of outs, in the order first shown something
	own       byPlayer[*PlayerState] // working copies of other players' state the turn changed
	after     []func()               // what happens once the turn is published (a player leaving)
	effects   []func()               // changes to players outside State (undo, transcript, question), made at commit
	dropped   []func()               // undoes side effects outside the world (an opened file) when the turn is dropped
	later     []func()               // hooks (on_take, on_drop) waiting for the verb's own reply to be said
	speech    bool                   // only words for the others: their status is unchanged, not recomputed
	choices   bool                   // the turn opened a menu or question: show it after everything else
	newEnding string                 // an ending the turn reached, not yet shown
	arriving  int                    // arrive calls in progress, to stop teleport loops
	input     string                 // the input being handled, for the log
	ownTurns  bool                   // the handler passed its game time itself (wait N): no turn follows
	asks      []narrationAsk         // what could be retold, submitted after commit (narration.go)

	// Room for what every command's turn makes, in the turn's own
	// allocation: its State, its player's output with its first events
	// and paragraphs, and the list of players shown something. Events are
	// published by value, so nothing outlives the turn in this room.
	stBuf     State
	outBuf    output
	shownBuf  [1]*player
	eventsBuf [eventsRoom]tio.Event
	parasBuf  [parasRoom]string
	cow       cow // which maps of its working state the turn has copied (cow.go)
}

// newTurn starts a turn of p on a copy of the committed state.
func (w *World) newTurn(p *player, input string) *turn {
	tn := w.spare // empty
	if tn != nil {
		w.spare = nil
	} else {
		tn = new(turn)
	}
	tn.World, tn.player, tn.actor, tn.input = w, p, p, input
	tn.stBuf = tn.cow.forkBoth(w.world, p.own, tn.eager)
	tn.st = &tn.stBuf
	tn.own.set(p, tn.st.PlayerState)
	// As outFor would make it, in the turn's own room.
	tn.out = &tn.outBuf
	tn.out.paras = tn.parasBuf[:0]
	tn.out.events = tn.eventsBuf[:0]
	tn.outs.set(p, tn.out)
	tn.shown = append(tn.shownBuf[:0], p)
	return tn
}

// recycle keeps tn, committed and published, as the next command's
// turn: a turn is the biggest thing a command allocated, and the
// collector's work (a quarter of a command's CPU) grows with what is
// allocated. Nothing keeps a turn once it is published: its events went
// out by value, its states are their own allocations (forkBoth), and
// every closure it held ran in commit. It is emptied here, so the spare
// keeps nothing of the world alive.
func (w *World) recycle(tn *turn) {
	if w.noRecycle {
		return
	}
	*tn = turn{}
	w.spare = tn
}

// eventsRoom is the events a turn's own output has room for: its text,
// the state publishTo puts before it and a menu after it.
const eventsRoom = 3

// parasRoom is the paragraphs a turn's own output has room for: the
// reply, and a line of news after it (an NPC arriving, a timed event).
const parasRoom = 2

// worldTurn starts a turn nobody takes: a MUD tick. It sees through
// nobody's eyes until as gives it someone's.
func (w *World) worldTurn() *turn {
	tn := &turn{World: w, out: &output{}, input: "tick"}
	tn.st = &State{WorldState: tn.cow.forkWorld(w.world, tn.eager.world)}
	return tn
}

// view is a turn that only looks: on the committed state itself, never
// committed. Snapshots and completion read through it.
func (w *World) view(p *player) *turn {
	tn := &turn{World: w, player: p, actor: p} // one allocation: its state and output in its own room
	tn.stBuf = State{WorldState: w.world, PlayerState: p.own}
	tn.st, tn.out = &tn.stBuf, &tn.outBuf
	return tn
}

// viewRoom is the state and output of a view that lives only while it
// reads, as every command's scope and status do. Such a view is a turn
// on the caller's stack, which costs nothing to make or drop: no method
// of a view keeps the turn itself, only what it points to, so what it
// points to must be on the heap (here, in the world), while the turn's
// own half kilobyte, emptied with a write barrier per pointer while the
// collector runs, is not. The caller empties the room after, so that it
// keeps nothing of the world alive.
type viewRoom struct {
	st  State
	out output
}

// viewOn makes v, on the caller's stack, a view of p through r.
func (w *World) viewOn(v *turn, r *viewRoom, p *player) {
	r.st = State{WorldState: w.world, PlayerState: p.own}
	r.out = output{}
	*v = turn{World: w, player: p, actor: p, st: &r.st, out: &r.out}
}

// as runs f through p's eyes: what f says goes to p, what it changes of
// a player's own state is p's (a working copy, committed with the turn).
func (tn *turn) as(p *player, f func()) {
	if p == tn.player {
		f()
		return
	}
	prevP, prevOwn, prevOut := tn.player, tn.st.PlayerState, tn.out
	tn.player, tn.out = p, tn.outFor(p)
	tn.st = &State{WorldState: tn.st.WorldState, PlayerState: tn.stateOf(p)}
	defer func() {
		tn.own.set(p, tn.st.PlayerState)
		tn.player, tn.out = prevP, prevOut
		tn.st = &State{WorldState: tn.st.WorldState, PlayerState: prevOwn}
	}()
	f()
}

// stateOf is p's working state in this turn, copied on first use.
func (tn *turn) stateOf(p *player) *PlayerState {
	if ps := tn.own.get(p); ps != nil {
		return ps
	}
	ps := tn.cow.forkPlayer(p.own, tn.eager.player)
	tn.own.set(p, ps)
	return ps
}

// onCommit defers a change to a player outside its State until the turn
// is committed, so a failing turn leaves it undone too.
func (tn *turn) onCommit(f func()) { tn.effects = append(tn.effects, f) }

// afterPublish runs f once the turn's events are out.
func (tn *turn) afterPublish(f func()) { tn.after = append(tn.after, f) }

// onDrop undoes, when the turn is dropped, a side effect it could not
// defer (a transcript file it opened).
func (tn *turn) onDrop(f func()) { tn.dropped = append(tn.dropped, f) }

// drop throws the turn away.
func (tn *turn) drop() {
	for _, f := range tn.dropped {
		f()
	}
}

// handling is one input of one player being worked through: a typed line
// can be several commands, each its own turn.
type handling struct {
	*World
	p     *player
	input string
}

// atomically runs f as one turn and publishes what it showed. A panic or
// a handler's error drops that turn and publishes, instead, a fresh turn
// that tells the player one sentence; the detail goes to the log.
func (h handling) atomically(f func(*turn) error) error {
	before := &State{WorldState: h.world, PlayerState: h.p.own}
	return h.atomicallyFrom(before, f)
}

// atomicallyFrom is atomically for a turn whose state before is already
// known (a command keeps it for undo).
func (h handling) atomicallyFrom(before *State, f func(*turn) error) (err error) {
	tn := h.newTurn(h.p, h.input)
	defer func() {
		if r := recover(); r != nil {
			h.log.Error("command failed", "input", h.input, "panic", r, "stack", string(debug.Stack()))
			err = errPanic
			tn.drop()
			tn = h.newTurn(h.p, h.input)
			tn.say(msgInternal)
		}
		tn.commit()
		h.recycle(tn)
	}()
	err = f(tn)
	if _, refused := asRefusal(err); err != nil && !refused {
		// A handler's own error is a bug like a panic, and ends the same way.
		h.log.Error("command failed", "input", h.input, "err", err)
		tn.drop()
		tn = h.newTurn(h.p, h.input)
		tn.say(msgInternal)
		return err
	}
	tn.closeEnding()
	return err
}

var errPanic = errors.New("panic in handler")

// handleInput is where every line and menu pick of a player starts.
func (w *World) handleInput(p *player, in tio.Input) {
	if p.left {
		return // queued before it left
	}
	if !w.journalInput(p, in) {
		return
	}
	p.played = true
	if w.mud() {
		p.lastInput = time.Now() // the wall clock, for idle logout, which only MUD mode has (mud.go)
	}
	switch in.Kind {
	case tio.InputChoice:
		p.record(in.ChoiceID)
		handling{w, p, "choice " + in.ChoiceID}.pick(in.ChoiceID)
	case tio.InputLine:
		line := cleanLine(in.Line)
		p.record(line)
		handling{w, p, line}.line(line)
	}
}

// cleanLine bounds a line and repairs its encoding, so no input can cost
// more than a page of work or put invalid UTF-8 into an event.
func cleanLine(s string) string {
	if len(s) > tio.MaxLineBytes {
		s = s[:tio.MaxLineBytes]
		for !utf8.ValidString(s) && len(s) > tio.MaxLineBytes-utf8.UTFMax {
			s = s[:len(s)-1]
		}
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.TrimSpace(strings.ReplaceAll(s, "\n", " "))
}

// pick answers the open question or menu by choice id.
func (h handling) pick(id string) {
	if h.p.confirm != "" {
		h.answer(id == "yes")
		return
	}
	if h.p.own.Menu != nil {
		h.atomicCommand(func(tn *turn) error { return tn.choose(id) }, false)
		return
	}
	h.atomically(func(tn *turn) error { tn.say("There is nothing to choose from just now."); return nil })
}

// line runs a typed line: the answer to an open question, a menu number,
// or commands (several when the player chained them).
func (h handling) line(line string) {
	p := h.p
	if p.confirm != "" {
		if yes, ok := yesNo(line); ok {
			h.answer(yes)
			return
		}
		p.confirm = "" // any other command drops the question
	}
	if p.own.Menu != nil {
		if n, err := strconv.Atoi(line); err == nil {
			h.atomicCommand(func(tn *turn) error { return tn.choose(strconv.Itoa(n)) }, false)
			return
		}
	}
	if h.mudLine(line) || h.narrationLine(line) {
		return
	}
	for range maxChain {
		res := p.parser.Parse(line, h.scopeOf(p))
		rest := res.Rest
		switch {
		case res.Command != nil:
			c, meta := res.Command, res.Meta
			if v, ok := h.verbs[c.Verb]; ok && v.meta {
				meta = true
			}
			notices := res.Notices
			h.atomicCommand(func(tn *turn) error {
				for _, n := range notices {
					tn.say(n)
				}
				return tn.execute(c, meta)
			}, meta)
		case res.Question != "":
			h.atomically(func(tn *turn) error { tn.say(res.Question); return nil })
		default:
			msg := res.Error
			h.atomically(func(tn *turn) error { tn.say(msg); return nil })
			return
		}
		if rest == "" || p.own.Ended != "" || p.confirm != "" || h.stopping {
			return
		}
		line = rest
	}
}

// maxChain bounds "a then b then c …" so one line cannot run forever.
const maxChain = 16

func yesNo(s string) (yes, ok bool) {
	switch strings.ToLower(strings.Trim(s, " .!")) {
	case "y", "yes", "yeah", "yep", "sure", "ok", "okay":
		return true, true
	case "n", "no", "nope":
		return false, true
	}
	return false, false
}

// atomicCommand wraps a command: the undo point, the tick that follows a
// command taking time, and the rules that run after every turn.
func (h handling) atomicCommand(f func(*turn) error, meta bool) {
	before := &State{WorldState: h.world, PlayerState: h.p.own} // committed, so never changed
	err := h.atomicallyFrom(before, func(tn *turn) error {
		err := f(tn)
		if r, ok := asRefusal(err); ok {
			tn.refused()
			tn.say(string(r))
			return err
		}
		if err != nil || meta {
			return err
		}
		tn.noteHandled() // before the tick, which may take it away again
		if !tn.ownTurns {
			tn.st.Turns++
			if tn.timer == 0 || tn.mud() {
				tn.tick() // in MUD mode, playerTick: the world's clock is the ticker
			}
			tn.afterTurn()
		}
		if !tn.mud() {
			tn.announceScore(before.Score)
		}
		return nil
	})
	// A refused command is still a move the player made: "undo" right
	// after "The door is locked." takes back that attempt (nothing
	// changes), not the move before it, as in Inform.
	// "The story is over." is not such a move.
	_, refused := asRefusal(err)
	refusedMove := refused && before.Ended == ""
	// A shared world refuses undo, so it keeps no points: each would hold
	// the whole world as it was.
	if (err == nil || refusedMove) && !meta && !h.mud() {
		h.p.keepUndo(before, h.opts.UndoLevels)
	}
}

// keepUndo adds an undo point, forgetting the oldest beyond the limit.
func (p *player) keepUndo(st *State, levels int) {
	p.undo = append(p.undo, st)
	if len(p.undo) > levels {
		p.undo = p.undo[1:]
	}
}

// refused undoes what a refused command did to the world and the player
// and drops the hooks and menus it set off; what it said stays.
func (tn *turn) refused() {
	tn.cow = cow{}
	tn.st = &State{WorldState: tn.cow.forkWorld(tn.world, tn.eager.world), PlayerState: tn.cow.forkPlayer(tn.player.own, tn.eager.player)}
	tn.own.reset()
	tn.own.set(tn.actor, tn.st.PlayerState)
	tn.drop()
	tn.effects, tn.dropped = nil, nil
	for p, o := range tn.outs.all() {
		if p != tn.actor {
			*o = output{} // the others saw nothing of it
		}
	}
	tn.later = nil
	tn.choices = false
	tn.asks = nil
}

// execute dispatches one parsed command.
func (tn *turn) execute(c *parse.Command, meta bool) error {
	v, known := tn.verbs[c.Verb]
	if r := mudRefusals[c.Verb]; r != "" && tn.mud() {
		return refusal(r)
	}
	if tn.st.Ended != "" && !(known && v.meta) {
		if tn.mud() {
			return refusal(msgOverMUD)
		}
		if tn.opts.Hosted {
			return refusal(msgOverHosted)
		}
		return refusal(msgOver)
	}
	if tn.st.Menu != nil && c.Verb != "talk" {
		tn.st.Menu = nil // another command closes the conversation
	}
	if !c.Social {
		if done, err := tn.storyAction(c); done {
			return err
		}
	}
	if c.Social {
		return tn.social(c)
	}
	if !known {
		// A story verb with no action that applies here: on this thing
		// it means nothing, or its condition failed with no refusal.
		word := markup.Escape(strings.ToLower(c.Verb))
		switch {
		case len(c.Objects) > 0 && !hasVerb(tn.resolve(c.Objects[0]).actions(), c):
			return refuse("You can't %s %s.", word, tn.resolve(c.Objects[0]).the())
		case len(c.Objects) == 0 && !hasVerb(tn.locActions(), c) && !tn.nouns().placeVerbs[strings.ToLower(c.Verb)]:
			return refuse("What do you want to %s?", word)
		}
		return refuse("Nothing happens.")
	}
	if err := v.do(tn, c); err != nil {
		return err
	}
	tn.runLater(0) // hooks the handler set off and did not run itself
	return nil
}

// timerTick is one tick of real time in a timer story. The world's time
// passes once; until phase 2 of issue 10 routes what a tick shows to
// whoever perceives it, it runs as a turn of the first player still
// playing, which in IF mode is the only one.
func (w *World) timerTick() {
	if !w.journaled(EntryTick, "", "") {
		return // the world waits for the next tick
	}
	if w.mud() {
		w.worldAtomically("tick", (*turn).worldTick)
		return
	}
	for _, p := range w.players {
		if p.own.Ended != "" {
			continue
		}
		handling{World: w, p: p}.atomically(func(tn *turn) error {
			tn.tick()
			tn.afterTurn()
			return nil
		})
		return
	}
}

// record writes typed input to the transcript, directly above its reply
// as on the screen: "> take lamp" then "Taken.", with no blank between.
func (p *player) record(s string) {
	if p.script != nil {
		p.script.command(s)
	}
}

package driver

import (
	"strings"
	"time"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/stream"
)

// ifPlayer is the id of the one player of an IF game; it shows in saves
// as the holder "player:you".
const ifPlayer = "you"

// player is one person in a world: what is theirs alone (PlayerState),
// the parser and conversation state that make "it" and "which do you
// mean?" work, the open yes/no question, undo, the transcript, and the
// event stream its session reads. Only the world's loop touches it.
type player struct {
	id     string
	name   string       // as the player gave it; text, never markup
	holder string       // where the world's Items put what this player holds
	own    *PlayerState // committed; a turn replaces it, never changes it in place

	parser  *parse.Parser // pronouns, the pending "which do you mean?"
	undo    []*State      // world and player before each move, newest last
	confirm string        // "quit" or "restart" while the question is open
	script  *transcript
	played  bool // some input has been handled: the opening is no longer all there is

	events    *stream.Stream
	lastState *tio.State    // the newest KindState published, to send one only on change
	gone      chan struct{} // closed when the player leaves or the world stops: its session is over
	left      bool          // out of the world: no turn shows it anything any more
	lastInput time.Time     // wall clock of the last input, for idle logout (MUD)
	deadSince time.Time     // wall clock when its last reader went; zero while it has one (MUD)

	character bool // an account's kept character: its things leave with it (character.go)

	narrationOff bool   // said "narration off" (narration.go)
	narrGen      uint64 // counts the player's foreground narrations: an older one's answer is stale
}

// addPlayer seats a new player at the story's start, or a kept character
// where it was (text is the join entry's: joinText), and emits its
// opening into its stream. It runs on the loop (or before Run starts).
func (w *World) addPlayer(id, text string) *player {
	name, saved, character := strings.Cut(text, joinSep)
	p := w.newPlayer(id, name)
	p.character = character
	ws := w.world.Clone() // committed state is never changed in place
	var lost []string
	if saved != "" {
		p.own, lost = w.restoreCharacter(ws, p.holder, saved)
	} else {
		p.own = w.freshPlayer(ws, p.holder)
	}
	w.world = ws
	w.players = append(w.players, p)
	if w.mud() {
		p.lastInput = time.Now()
		handling{World: w, p: p}.atomically(func(tn *turn) error { tn.joinOpening(); tn.lostThings(lost); return nil })
		return p
	}
	handling{World: w, p: p}.atomically(func(tn *turn) error { tn.opening(); return nil })
	return p
}

// newPlayer is a player with its parser and empty event stream, not yet
// in the world.
func (w *World) newPlayer(id, name string) *player {
	p := &player{id: id, name: name, holder: holderPrefix + id, parser: parse.New(), gone: make(chan struct{})}
	p.events = stream.New(stream.Options{Ring: w.opts.ReplayBuffer, Slack: subSlack,
		Look: func() []tio.Event { return w.view(p).look() }, Run: w.post})
	return p
}

// close ends the player's streams and transcript, as the world stops or
// the player leaves.
func (p *player) close() {
	close(p.gone)
	p.events.Close()
	if p.script != nil {
		p.script.close()
		p.script = nil
	}
}

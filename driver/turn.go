package driver

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
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

func refuse(format string, a ...any) error {
	if len(a) == 0 {
		return refusal(format)
	}
	return refusal(fmt.Sprintf(format, a...))
}

// atomically runs one unit of work (a command, a tick) so that it applies
// completely or not at all (contract 6): a panic restores the state from
// before, throws away the unit's output and tells the player one sentence.
func (g *Game) atomically(f func() error) error {
	return g.atomicallyFrom(g.st.Clone(), f)
}

// atomicallyFrom is atomically with the snapshot already taken (a command
// takes one anyway, for undo).
func (g *Game) atomicallyFrom(snap *State, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			g.st = snap
			g.discard()
			g.log.Error("command failed", "input", g.input, "panic", r, "stack", string(debug.Stack()))
			g.newEnding = ""
			g.arriving = 0
			g.say(msgInternal)
			err = errPanic
		}
		g.commit()
	}()
	err = f()
	var r refusal
	if err != nil && !errors.As(err, &r) {
		// A handler's own error is a bug like a panic, and ends the same way.
		g.st = snap
		g.discard()
		g.newEnding = ""
		g.log.Error("command failed", "input", g.input, "err", err)
		g.say(msgInternal)
		return err
	}
	g.showEnding()
	return err
}

var errPanic = errors.New("panic in handler")

// handleInput is where every line and menu pick starts.
func (g *Game) handleInput(in tio.Input) {
	g.played = true
	switch in.Kind {
	case tio.InputChoice:
		g.input = "choice " + in.ChoiceID
		g.record(in.ChoiceID)
		g.pick(in.ChoiceID)
	case tio.InputLine:
		line := cleanLine(in.Line)
		g.input = line
		g.record(line)
		g.line(line)
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
func (g *Game) pick(id string) {
	if g.confirm != "" {
		g.answer(id == "yes")
		return
	}
	if g.st.Menu != nil {
		g.atomicCommand(func() error { return g.choose(id) }, false)
		return
	}
	g.atomically(func() error { g.say("There is nothing to choose from just now."); return nil })
}

// line runs a typed line: the answer to an open question, a menu number,
// or commands (several when the player chained them).
func (g *Game) line(line string) {
	if g.confirm != "" {
		if yes, ok := yesNo(line); ok {
			g.answer(yes)
			return
		}
		g.confirm = "" // any other command drops the question
	}
	if g.st.Menu != nil {
		if n, err := strconv.Atoi(line); err == nil {
			g.atomicCommand(func() error { return g.choose(strconv.Itoa(n)) }, false)
			return
		}
	}
	for range maxChain {
		res := g.parser.Parse(line, g.scope())
		rest := res.Rest
		switch {
		case res.Command != nil:
			c, meta := res.Command, res.Meta
			if v, ok := g.verbs[c.Verb]; ok && v.meta {
				meta = true
			}
			notices := res.Notices
			g.atomicCommand(func() error {
				for _, n := range notices {
					g.say(n)
				}
				return g.execute(c, meta)
			}, meta)
		case res.Question != "":
			g.atomically(func() error { g.say(res.Question); return nil })
		default:
			msg := res.Error
			g.atomically(func() error { g.say(msg); return nil })
			return
		}
		if rest == "" || g.st.Ended != "" || g.confirm != "" || g.stopping {
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
func (g *Game) atomicCommand(f func() error, meta bool) {
	before := g.st.Clone()
	err := g.atomicallyFrom(before, func() error {
		err := f()
		var r refusal
		if errors.As(err, &r) {
			// Nothing the refused command did stays; what it said does.
			g.st = before.Clone()
			g.later = g.later[:0]
			g.choices = false
			g.say(string(r))
			return err
		}
		if err != nil || meta {
			return err
		}
		g.st.Turns++
		if g.timer == 0 {
			g.tick()
		}
		g.afterTurn()
		return nil
	})
	// A refused command is still a move the player made: "undo" right
	// after "The door is locked." takes back that attempt (nothing
	// changes), not the move before it, as in Inform.
	// "The story is over." is not such a move.
	var r refusal
	refusedMove := errors.As(err, &r) && before.Ended == ""
	if (err == nil || refusedMove) && !meta {
		g.keepUndo(before)
	}
}

// keepUndo adds an undo point, forgetting the oldest beyond the limit.
func (g *Game) keepUndo(st *State) {
	g.undo = append(g.undo, st)
	if len(g.undo) > g.opts.UndoLevels {
		g.undo = g.undo[1:]
	}
}

// execute dispatches one parsed command.
func (g *Game) execute(c *parse.Command, meta bool) error {
	v, known := g.verbs[c.Verb]
	if g.st.Ended != "" && !(known && v.meta) {
		if g.opts.Hosted {
			return refusal(msgOverHosted)
		}
		return refusal(msgOver)
	}
	if g.st.Menu != nil && c.Verb != "talk" {
		g.st.Menu = nil // another command closes the conversation
	}
	if !c.Social {
		if done, err := g.storyAction(c); done {
			return err
		}
	}
	if c.Social {
		return g.social(c)
	}
	if !known {
		// A story verb with no action that applies here: on this thing
		// it means nothing, or its condition failed with no refusal.
		word := markup.Escape(strings.ToLower(c.Verb))
		switch {
		case len(c.Objects) > 0 && !hasVerb(g.resolve(c.Objects[0]).actions(), c):
			return refuse("You can't %s %s.", word, g.resolve(c.Objects[0]).the())
		case len(c.Objects) == 0 && !hasVerb(g.locActions(), c) && !g.nouns.placeVerbs[strings.ToLower(c.Verb)]:
			return refuse("What do you want to %s?", word)
		}
		return refuse("Nothing happens.")
	}
	g.later = g.later[:0]
	if err := v.do(g, c); err != nil {
		return err
	}
	g.runLater(0) // hooks the handler set off and did not run itself
	return nil
}

// timerTick is one tick of real time in a timer story.
func (g *Game) timerTick() {
	if g.st.Ended != "" {
		return
	}
	g.atomically(func() error {
		g.tick()
		g.afterTurn()
		return nil
	})
}

// record writes typed input to the transcript.
func (g *Game) record(s string) {
	if g.script != nil {
		g.script.typed(s)
	}
}

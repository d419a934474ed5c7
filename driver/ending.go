package driver

import (
	"fmt"
)

// The question Inform asks at an ending, so the player knows the game is
// not gone: what a front end shows next is an input line, not an exit.
const (
	askAfterEnding = "Would you like to <bright>RESTART</bright>, <bright>RESTORE</bright> a saved game, <bright>UNDO</bright> your last move, or <bright>QUIT</bright>?"
	// In a hosted game quitting ends only this game, so it is no way out.
	askAfterEndingHosted = "Would you like to <bright>RESTART</bright>, <bright>RESTORE</bright> a saved game, or <bright>UNDO</bright> your last move?"
)

// closeEnding shows an ending reached in this turn in the order a
// player reads it: the ending's words, the ending itself (where a front
// end puts its banner, "*** Drowned ***"), then the final score and the
// question of what to do now, which is left just above the input line
// that answers it.
func (tn *turn) closeEnding() {
	if tn.newEnding == "" {
		return
	}
	tn.showEnding()
	if tn.mud() {
		return // a MUD player who has fallen wakes again; the others play on
	}
	if line := tn.finalScore(); line != "" {
		tn.say(line)
	}
	if tn.opts.Hosted {
		tn.say(askAfterEndingHosted)
	} else {
		tn.say(askAfterEnding)
	}
}

// finalScore is Inform's last word on a story with a score: "You scored 48
// out of 50, in 42 turns." A story without a score has none.
func (tn *turn) finalScore() string {
	max := tn.story.Config.MaxScore
	if max <= 0 {
		return ""
	}
	return fmt.Sprintf("You scored %d out of %d, in %d %s.", tn.score(), max, tn.st.Turns, turnsWord(tn.st.Turns))
}

func turnsWord(n int) string {
	if n == 1 {
		return "turn"
	}
	return "turns"
}

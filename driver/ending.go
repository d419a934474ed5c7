package driver

import (
	"fmt"

	"github.com/tale-if/tale/tio"
)

// The question Inform asks at an ending, so the player knows the game is
// not gone: what a front end shows next is an input line, not an exit.
const (
	askAfterEnding = "Would you like to <bright>RESTART</bright>, <bright>RESTORE</bright> a saved game, <bright>UNDO</bright> your last move, or <bright>QUIT</bright>?"
	// In a hosted game quitting ends only this game, so it is no way out.
	askAfterEndingHosted = "Would you like to <bright>RESTART</bright>, <bright>RESTORE</bright> a saved game, or <bright>UNDO</bright> your last move?"
)

// closeEnding shows an ending reached in this turn, followed by the final
// score and the question of what to do now, in that order before the
// KindEnd, so that the last thing a front end reads is still that the
// story is over.
func (tn *turn) closeEnding() {
	if tn.newEnding == "" {
		return
	}
	tn.showEnding()
	if tn.mud() {
		return // a MUD player who has fallen wakes again; the others play on
	}
	evs := tn.out.events
	if n := len(evs); n > 0 && evs[n-1].Kind == tio.KindEnd {
		end := evs[n-1]
		evs = evs[:n-1]
		if n > 1 && evs[n-2].Kind == tio.KindText {
			// One reply, one text event: the ending's words and these.
			tn.out.paras = append([]string{evs[n-2].Text}, tn.out.paras...)
			evs = evs[:n-2]
		}
		tn.out.events = evs
		defer tn.emit(end)
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

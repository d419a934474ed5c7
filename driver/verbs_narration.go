package driver

import "strings"

// Words of the narration command.
const (
	msgNoNarration  = "There is no narration in this game: it was started without a language model (tale --llm-url)."
	msgNarrationOn  = "Narration is on: after the story's own words, a language model may retell them, marked as its own. It never changes the game. (NARRATION OFF to stop.)"
	msgNarrationOff = "Narration is off: you read the story as its author wrote it. (NARRATION ON to hear the model again.)"
	msgNarrationHow = "Say NARRATION ON or NARRATION OFF."
)

// narrationLine handles "narration", "narration on" and "narration off":
// each player's own choice, out of the world (no game time, no undo
// point). It is read before the parser, as the MUD words are, so no
// story vocabulary can take the word.
func (h handling) narrationLine(line string) bool {
	verb, rest, _ := strings.Cut(strings.ToLower(strings.TrimSpace(line)), " ")
	if verb != "narration" && verb != "narrate" {
		return false
	}
	h.atomicCommand(func(tn *turn) error {
		p := tn.player
		switch strings.TrimSpace(rest) {
		case "":
			switch {
			case tn.narr.n == nil:
				tn.say(msgNoNarration)
			case p.narrationOff:
				tn.say(msgNarrationOff)
			default:
				tn.say(msgNarrationOn)
			}
		case "on":
			if tn.narr.n == nil {
				return refusal(msgNoNarration)
			}
			tn.onCommit(func() { p.narrationOff = false })
			tn.say(msgNarrationOn)
		case "off":
			if tn.narr.n == nil {
				return refusal(msgNoNarration)
			}
			tn.onCommit(func() {
				p.narrationOff = true
				tn.forget(func(pn *pendingNarration) bool { return pn.p == p })
			})
			tn.say(msgNarrationOff)
		default:
			return refusal(msgNarrationHow)
		}
		return nil
	}, true)
	return true
}

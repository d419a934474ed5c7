package driver

import (
	"fmt"

	"github.com/tale-if/tale/driver/parse"
)

// doWait lets one tick pass. With command ticks the tick follows every
// command anyway; a timer story ticks here as well, so waiting always
// moves the world on.
// reply makes a handler for verbs that mean nothing unless the story gives
// them meaning (its Actions run first): one text alone, one with an
// object ("%s" is the object). An empty alone asks for an object; an
// empty withObj refuses one.
func reply(alone, withObj string) handler {
	return func(tn *turn, c *parse.Command) error {
		if len(c.Objects) == 0 {
			if alone == "" {
				return refuse("What do you want to %s?", verbWord(c.Verb))
			}
			tn.say(alone)
			return nil
		}
		if withObj == "" {
			return refusal(alone)
		}
		tn.say(capital(fmt.Sprintf(withObj, tn.resolve(c.Objects[0]).the())))
		return nil
	}
}

// doManipulate is push, pull and turn without a story action.
func doManipulate(tn *turn, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to %s?", verbWord(c.Verb))
	}
	t := tn.resolve(c.Objects[0])
	switch {
	case t.npc != nil:
		return refuse("%s might not like that.", capital(t.the()))
	case t.item != nil && t.item.Fixed, t.door != nil, t.detail != nil:
		tn.say(capital(t.the()) + " won't budge.")
	default:
		tn.say("Nothing obvious happens.")
	}
	return nil
}

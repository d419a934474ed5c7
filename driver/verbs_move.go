package driver

import (
	"strings"

	"github.com/tale-if/tale/driver/parse"
)

func doGo(tn *turn, c *parse.Command) error {
	name := c.Direction
	if name == "" && len(c.Objects) > 0 {
		t := tn.resolve(c.Objects[0])
		switch {
		case t.exit != nil:
			name = t.exit.name
		case t.door != nil:
			name = "door:" + t.door.ID
		default:
			return refuse("You can't go through %s.", t.the())
		}
	}
	if name == "" {
		return refuse("Which way do you want to go?")
	}
	ex, ok := tn.findExit(name)
	if !ok {
		return refuse("You can't go that way.")
	}
	return tn.travel(ex)
}

// travel takes the player through an exit: doors and conditions first,
// then the exit's message, the move, followers, and the arrival.
func (tn *turn) travel(ex exit) error {
	if ex.Door != "" {
		if d := tn.story.Doors[ex.Door]; d != nil {
			switch tn.st.Doors[d.ID] {
			case "closed":
				return refuse("%s is closed.", capital(theDoor(d)))
			case "locked":
				return refuse("%s is locked.", capital(theDoor(d)))
			}
		}
	}
	if !tn.holds(ex.If) {
		if ex.Blocked != "" {
			return refusal(ex.Blocked)
		}
		return refuse("You can't go that way.")
	}
	if tn.story.Locations[ex.To] == nil {
		return refuse("You can't go that way.")
	}
	tn.say(ex.Message)
	from := tn.st.Location
	tn.st.Location = ex.To
	tn.announceMove(from, ex)
	tn.follow(from)
	tn.arrive()
	return nil
}

func doEnter(tn *turn, c *parse.Command) error {
	if c.Direction == "" && len(c.Objects) == 0 {
		cc := *c // the parser keeps c for "again"
		cc.Direction = "in"
		c = &cc
	}
	if c.Direction == "" {
		if t := tn.resolve(c.Objects[0]); t.exit == nil && t.door == nil {
			return refuse("%s", notEnterable(c, t))
		}
	}
	return doGo(tn, c)
}

// notEnterable is Inform's answer to entering, sitting, standing or
// lying on something that is no way anywhere: there are no seats in
// Tale's world model, so nothing can be got into or onto.
func notEnterable(c *parse.Command, t thing) string {
	switch {
	case t.npc != nil || t.other != nil:
		return capital(t.the()) + " would hardly welcome that."
	case t.self:
		return "That would be a neat trick."
	}
	switch verb, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(c.Line)), " "); verb {
	case "sit":
		return "That's not something you can sit down on."
	case "stand":
		return "That's not something you can stand on."
	case "lie":
		return "That's not something you can lie down on."
	}
	return "That's not something you can enter."
}

func doExit(tn *turn, c *parse.Command) error {
	if c.Direction == "" && len(c.Objects) == 0 {
		cc := *c
		cc.Direction = "out"
		c = &cc
	}
	return doGo(tn, c)
}

// doClimb climbs up when there is a way up, the one thing climbing does:
// "climb stairs" or "climb ladder" (scenery, or the way itself) goes up,
// but climbing a person or a thing one could carry goes nowhere.
func doClimb(tn *turn, c *parse.Command) error {
	if len(c.Objects) > 0 {
		t := tn.resolve(c.Objects[0])
		switch {
		case t.exit != nil || t.door != nil:
			return doGo(tn, c)
		case t.npc != nil || t.other != nil || t.self || t.item != nil && !t.item.Fixed:
			return refuse("Climbing %s would achieve nothing.", t.the())
		}
	}
	if ex, ok := tn.findExit("up"); ok {
		return tn.travel(ex)
	}
	if len(c.Objects) > 0 {
		return refuse("Climbing %s would achieve nothing.", tn.resolve(c.Objects[0]).the())
	}
	return refuse("You can't go that way.")
}

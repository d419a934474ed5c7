package driver

import (
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
	return doGo(tn, c)
}

func doExit(tn *turn, c *parse.Command) error {
	if c.Direction == "" && len(c.Objects) == 0 {
		cc := *c
		cc.Direction = "out"
		c = &cc
	}
	return doGo(tn, c)
}

// doClimb climbs up when there is a way up, the one thing climbing does.
func doClimb(tn *turn, c *parse.Command) error {
	if ex, ok := tn.findExit("up"); ok {
		return tn.travel(ex)
	}
	if len(c.Objects) > 0 {
		return refuse("Climbing %s would achieve nothing.", tn.resolve(c.Objects[0]).the())
	}
	return refuse("You can't go that way.")
}

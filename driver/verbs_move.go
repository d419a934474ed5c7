package driver

import (
	"github.com/tale-if/tale/driver/parse"
)

func doGo(g *Game, c *parse.Command) error {
	name := c.Direction
	if name == "" && len(c.Objects) > 0 {
		t := g.resolve(c.Objects[0])
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
	ex, ok := g.findExit(name)
	if !ok {
		return refuse("You can't go that way.")
	}
	return g.travel(ex)
}

// travel takes the player through an exit: doors and conditions first,
// then the exit's message, the move, followers, and the arrival.
func (g *Game) travel(ex exit) error {
	if ex.Door != "" {
		if d := g.story.Doors[ex.Door]; d != nil {
			switch g.st.Doors[d.ID] {
			case "closed":
				return refuse("%s is closed.", capital(theDoor(d)))
			case "locked":
				return refuse("%s is locked.", capital(theDoor(d)))
			}
		}
	}
	if !g.holds(ex.If) {
		if ex.Blocked != "" {
			return refusal(ex.Blocked)
		}
		return refuse("You can't go that way.")
	}
	if g.story.Locations[ex.To] == nil {
		return refuse("You can't go that way.")
	}
	g.say(ex.Message)
	from := g.st.Location
	g.st.Location = ex.To
	g.follow(from)
	g.arrive()
	return nil
}

func doEnter(g *Game, c *parse.Command) error {
	if c.Direction == "" && len(c.Objects) == 0 {
		cc := *c // the parser keeps c for "again"
		cc.Direction = "in"
		c = &cc
	}
	return doGo(g, c)
}

func doExit(g *Game, c *parse.Command) error {
	if c.Direction == "" && len(c.Objects) == 0 {
		cc := *c
		cc.Direction = "out"
		c = &cc
	}
	return doGo(g, c)
}

// doClimb climbs up when there is a way up, the one thing climbing does.
func doClimb(g *Game, c *parse.Command) error {
	if ex, ok := g.findExit("up"); ok {
		return g.travel(ex)
	}
	if len(c.Objects) > 0 {
		return refuse("Climbing %s would achieve nothing.", g.resolve(c.Objects[0]).the())
	}
	return refuse("You can't go that way.")
}

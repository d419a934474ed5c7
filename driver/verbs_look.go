package driver

import (
	"fmt"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story/dungeon"
	"github.com/tale-if/tale/tio/markup"
)

func doLook(g *Game, c *parse.Command) error {
	if len(c.Objects) > 0 || c.Direction != "" {
		return doExamine(g, c)
	}
	g.say(g.describe(true))
	g.st.Visited[g.st.Location] = true
	return nil
}

func doExamine(g *Game, c *parse.Command) error {
	if len(c.Objects) == 0 {
		if c.Direction != "" {
			if ex, ok := g.findExit(c.Direction); ok {
				g.say(g.describeExit(ex))
				return nil
			}
			return refuse("You see nothing special in that direction.")
		}
		return refuse("What do you want to examine?")
	}
	for _, n := range c.Objects {
		t := g.resolve(n)
		switch {
		case t.item != nil:
			g.say(g.describeItem(t))
		case t.door != nil:
			text := t.door.Description
			if text == "" {
				text = "You see nothing special about " + t.the() + "."
			}
			g.say(text + " " + capital(t.the()) + " is " + g.st.Doors[t.door.ID] + ".")
		case t.npc != nil:
			text := t.npc.Description
			if text == "" {
				text = "You see nothing special about " + t.the() + "."
			}
			if g.fighter(t.npc) {
				text += " " + capital(t.the()) + " " + g.condition(t.npc) + "."
			}
			g.say(text)
		case t.detail != nil:
			g.say(t.detail.Text)
		case t.exit != nil:
			g.say(g.describeExit(*t.exit))
		case t.self:
			p := g.story.Config.Player
			text := p.Description
			if text == "" {
				text = "As good-looking as ever."
			}
			if p.Name != "" {
				text = "You are <player>" + markup.Escape(p.Name) + "</player>. " + text
			}
			g.say(text)
		default:
			return refuse("You can't see any such thing.")
		}
	}
	return nil
}

// describeItem is an item's description with what shows of its state:
// open or closed, what it holds, whether the player wears it.
func (g *Game) describeItem(t thing) string {
	it := t.item
	parts := []string{it.Description}
	if it.Description == "" {
		parts[0] = "You see nothing special about " + t.the() + "."
	}
	if it.Container != nil && (it.Container.Openable || !it.Container.Open) {
		parts = append(parts, capital(t.the())+" "+isAre(it)+" "+g.openState(it.ID)+".")
	}
	if g.st.Worn[it.ID] {
		parts = append(parts, "You are wearing "+pronoun("n", it.Plural)+".")
	}
	if g.combat() {
		switch {
		case it.Weapon != nil:
			parts = append(parts, fmt.Sprintf("<dim>(weapon: damage %d, %+d to hit)</dim>", it.Weapon.Damage, it.Weapon.Bonus))
		case it.Armour != nil:
			parts = append(parts, fmt.Sprintf("<dim>(armour: defence %+d)</dim>", it.Armour.Defence))
		case it.Heal > 0 && (it.Edible || it.Drinkable):
			parts = append(parts, fmt.Sprintf("<dim>(heals %d)</dim>", it.Heal))
		}
		if g.weapon() == it {
			parts = append(parts, "You are wielding "+pronoun("n", it.Plural)+".")
		}
	}
	out := strings.Join(parts, " ")
	if s := g.describeContents(it.ID); s != "" {
		out += "\n\n" + s
	} else if (it.Container != nil || it.Supporter) && g.seeInside(it.ID) {
		word := "in"
		if it.Supporter && it.Container == nil {
			word = "on"
		}
		out += " There is nothing " + word + " " + pronoun("n", it.Plural) + "."
	}
	return out
}

func (g *Game) describeExit(ex exit) string {
	text := ex.Description
	if text == "" {
		text = "You could go <exit>" + ex.name + "</exit> from here."
	}
	if ex.Door != "" {
		if d := g.story.Doors[ex.Door]; d != nil {
			text += " " + capital(theDoor(d)) + " is " + g.st.Doors[d.ID] + "."
		}
	}
	return text
}

func doRead(g *Game, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to read?")
	}
	t := g.resolve(c.Objects[0])
	if t.item == nil || t.item.Text == "" {
		return refuse("There is nothing written on %s.", t.the())
	}
	g.say(t.item.Text)
	return nil
}

func doSearch(g *Game, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to search?")
	}
	t := g.resolve(c.Objects[0])
	if t.item == nil || (t.item.Container == nil && !t.item.Supporter) {
		g.say("You find nothing of interest.")
		return nil
	}
	if !g.seeInside(t.item.ID) {
		return refuse("%s %s closed.", capital(t.the()), isAre(t.item))
	}
	if s := g.describeContents(t.item.ID); s != "" {
		g.say(s)
		return nil
	}
	g.say("There is nothing in " + t.the() + ".")
	return nil
}

// doMap draws the explored level in a generated dungeon, and elsewhere
// lists the places visited so far, in story order.
func doMap(g *Game, _ *parse.Command) error {
	if _, ok := dungeon.LayoutOf(g.st.Location); ok && g.story.Config.Generator != nil {
		m := dungeon.RenderMap(g.story, g.st.Location, func(id string) bool { return g.st.Visited[id] })
		g.say("<monospaced>" + markup.Escape(m) + "</monospaced>")
		g.say("<dim>" + markup.Escape("@ you, > stair down, < stair up, + door, ? not yet explored") + "</dim>")
		return nil
	}
	var names []string
	for _, id := range g.story.Order.Locations {
		if g.st.Visited[id] {
			names = append(names, "<location>"+g.story.Locations[id].Name+"</location>")
		}
	}
	if len(names) == 0 {
		g.say("You haven't been anywhere yet.")
		return nil
	}
	g.say("You have been to " + listAnd(names) + ".")
	return nil
}

package driver

import (
	"fmt"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/story/dungeon"
	"github.com/tale-if/tale/tio/markup"
)

func doLook(tn *turn, c *parse.Command) error {
	if len(c.Objects) > 0 || c.Direction != "" {
		return doExamine(tn, c)
	}
	text := tn.describe(true)
	tn.say(text)
	if !tn.dark() {
		tn.writablePlayer(cpVisited).Visited[tn.st.Location] = true
		tn.narrate(narrate.Room, text, "", nil)
	}
	return nil
}

func doExamine(tn *turn, c *parse.Command) error {
	if len(c.Objects) == 0 {
		if c.Direction != "" {
			if ex, ok := tn.findExit(c.Direction); ok {
				tn.say(tn.describeExit(ex))
				return nil
			}
			return refuse("You see nothing special in that direction.")
		}
		return refuse("What do you want to examine?")
	}
	said := len(tn.out.paras)
	defer func() {
		// What examining showed, retold: the handler's own words only,
		// not a hook's or a refusal's.
		if len(c.Objects) == 1 && len(tn.out.paras) == said+1 {
			tn.narrate(narrate.Examine, tn.out.paras[said], "", nil)
		}
	}()
	for _, n := range c.Objects {
		t := tn.resolve(n)
		switch {
		case t.item != nil:
			tn.say(tn.describeItem(t))
		case t.door != nil:
			text := tn.vary(t.door.Description)
			if text == "" {
				text = "You see nothing special about " + t.the() + "."
			}
			tn.say(text + " " + capital(t.the()) + " is " + tn.st.Doors[t.door.ID] + ".")
		case t.npc != nil:
			text := tn.vary(t.npc.Description)
			if text == "" {
				text = "You see nothing special about " + t.the() + "."
			}
			if tn.fighter(t.npc) {
				text += " " + capital(t.the()) + " " + tn.condition(t.npc) + "."
			}
			tn.say(text)
		case t.detail != nil:
			tn.say(tn.vary(t.detail.Text))
		case t.exit != nil:
			tn.say(tn.describeExit(*t.exit))
		case t.self:
			p := tn.story.Config.Player
			text := tn.vary(p.Description)
			if text == "" {
				text = "As good-looking as ever."
			}
			if p.Name != "" {
				text = "You are <player>" + markup.Escape(p.Name) + "</player>. " + text
			}
			tn.say(text)
		default:
			return refuse("You can't see any such thing.")
		}
	}
	return nil
}

// describeItem is an item's description with what shows of its state:
// open or closed, what it holds, whether the player wears it.
func (tn *turn) describeItem(t thing) string {
	it := t.item
	parts := []string{tn.vary(it.Description)}
	if it.Description == "" {
		parts[0] = "You see nothing special about " + t.the() + "."
	}
	if it.Container != nil && (it.Container.Openable || !it.Container.Open) {
		parts = append(parts, capital(t.the())+" "+isAre(it)+" "+tn.openState(it.ID)+".")
	}
	if tn.st.Worn[it.ID] {
		parts = append(parts, "You are wearing "+pronoun("n", it.Plural)+".")
	}
	if tn.combat() {
		switch {
		case it.Weapon != nil:
			parts = append(parts, fmt.Sprintf("<dim>(weapon: damage %d, %+d to hit)</dim>", it.Weapon.Damage, it.Weapon.Bonus))
		case it.Armour != nil:
			parts = append(parts, fmt.Sprintf("<dim>(armour: defence %+d)</dim>", it.Armour.Defence))
		case it.Heal > 0 && (it.Edible || it.Drinkable):
			parts = append(parts, fmt.Sprintf("<dim>(heals %d)</dim>", it.Heal))
		}
		if tn.weapon() == it {
			parts = append(parts, "You are wielding "+pronoun("n", it.Plural)+".")
		}
	}
	out := strings.Join(parts, " ")
	if s := tn.describeContents(it.ID); s != "" {
		out += "\n\n" + s
	} else if (it.Container != nil || it.Supporter) && tn.seeInside(it.ID) {
		word := "in"
		if it.Supporter && it.Container == nil {
			word = "on"
		}
		out += " There is nothing " + word + " " + pronoun("n", it.Plural) + "."
	}
	return out
}

func (tn *turn) describeExit(ex exit) string {
	text := tn.vary(ex.Description)
	if text == "" {
		text = "You could go <exit>" + ex.name + "</exit> from here."
	}
	if ex.Door != "" {
		if d := tn.story.Doors[ex.Door]; d != nil {
			text += " " + capital(theDoor(d)) + " is " + tn.st.Doors[d.ID] + "."
		}
	}
	return text
}

func doRead(tn *turn, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to read?")
	}
	t := tn.resolve(c.Objects[0])
	if t.item == nil || t.item.Text == "" {
		return refuse("There is nothing written on %s.", t.the())
	}
	if tn.dark() {
		return refuse("It is too dark to read.")
	}
	tn.say(tn.vary(t.item.Text))
	return nil
}

func doSearch(tn *turn, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to search?")
	}
	t := tn.resolve(c.Objects[0])
	if t.item == nil || (t.item.Container == nil && !t.item.Supporter) {
		tn.say("You find nothing of interest.")
		return nil
	}
	if !tn.seeInside(t.item.ID) {
		return refuse("%s %s closed.", capital(t.the()), isAre(t.item))
	}
	if s := tn.describeContents(t.item.ID); s != "" {
		tn.say(s)
		return nil
	}
	tn.say("There is nothing in " + t.the() + ".")
	return nil
}

// doMap draws the explored level in a generated dungeon, and elsewhere
// lists the places visited so far, in story order.
func doMap(tn *turn, _ *parse.Command) error {
	if _, ok := dungeon.LayoutOf(tn.st.Location); ok && tn.story.Config.Generator != nil {
		m := dungeon.RenderMap(tn.story, tn.st.Location, func(id string) bool { return tn.st.Visited[id] })
		tn.say("<monospaced>" + markup.Escape(m) + "</monospaced>")
		tn.say("<dim>" + markup.Escape("@ you, > stair down, < stair up, + door, ? not yet explored") + "</dim>")
		return nil
	}
	var names []string
	for _, id := range tn.story.Order.Locations {
		if tn.st.Visited[id] {
			names = append(names, "<location>"+tn.story.Locations[id].Name+"</location>")
		}
	}
	if len(names) == 0 {
		tn.say("You haven't been anywhere yet.")
		return nil
	}
	tn.say("You have been to " + listAnd(names) + ".")
	return nil
}

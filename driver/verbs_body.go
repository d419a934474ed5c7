package driver

import "github.com/tale-if/tale/driver/parse"

// heldItem resolves the first object as an item the player holds, taking
// it first when it lies within reach.
func (g *Game) heldItem(c *parse.Command) (thing, error) {
	if len(c.Objects) == 0 {
		return thing{}, refuse("What do you want to %s?", verbWord(c.Verb))
	}
	t := g.resolve(c.Objects[0])
	if t.item == nil {
		return t, refuse("You can't %s %s.", verbWord(c.Verb), t.the())
	}
	if !g.carried(t.item.ID) {
		if _, err := g.take(t, ""); err != nil {
			return t, err
		}
		g.say("(first taking " + t.the() + ")")
	}
	return t, nil
}

func doEat(g *Game, c *parse.Command) error {
	if len(c.Objects) > 0 && !g.resolve(c.Objects[0]).edible() {
		return refuse("That's plainly inedible.")
	}
	t, err := g.heldItem(c)
	if err != nil {
		return err
	}
	g.consume(t)
	g.say("You eat " + t.the() + ". Not bad.")
	return nil
}

func doDrink(g *Game, c *parse.Command) error {
	if len(c.Objects) > 0 && !g.resolve(c.Objects[0]).drinkable() {
		return refuse("There's nothing suitable to drink there.")
	}
	t, err := g.heldItem(c)
	if err != nil {
		return err
	}
	g.consume(t)
	g.say("You drink " + t.the() + ".")
	return nil
}

func (t thing) edible() bool    { return t.item != nil && t.item.Edible }
func (t thing) drinkable() bool { return t.item != nil && t.item.Drinkable }

// consume removes what was eaten or drunk and heals, up to the player's
// starting health when the story has stats.
func (g *Game) consume(t thing) {
	g.st.Items[t.item.ID] = nowhere
	delete(g.st.Worn, t.item.ID)
	if t.item.Heal > 0 {
		g.st.HP += t.item.Heal
		if s := g.story.Config.Player.Stats; s != nil && s.HP > 0 {
			g.st.HP = min(g.st.HP, s.HP)
		}
	}
}

func doWear(g *Game, c *parse.Command) error {
	if len(c.Objects) > 0 {
		if t := g.resolve(c.Objects[0]); t.item == nil || !(t.item.Wearable || t.item.Armour != nil) {
			return refuse("You can't wear that.")
		} else if g.st.Worn[t.item.ID] {
			return refuse("You're already wearing %s.", t.the())
		}
	}
	t, err := g.heldItem(c)
	if err != nil {
		return err
	}
	g.st.Worn[t.item.ID] = true
	g.say("You put on " + t.the() + ".")
	return nil
}

func doRemove(g *Game, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to take off?")
	}
	t := g.resolve(c.Objects[0])
	if t.item == nil || !g.st.Worn[t.item.ID] {
		return refuse("You're not wearing that.")
	}
	delete(g.st.Worn, t.item.ID)
	g.say("You take off " + t.the() + ".")
	return nil
}

func doWield(g *Game, c *parse.Command) error {
	if len(c.Objects) > 0 {
		if t := g.resolve(c.Objects[0]); t.item == nil || t.item.Weapon == nil {
			return refuse("That's no weapon.")
		}
	}
	t, err := g.heldItem(c)
	if err != nil {
		return err
	}
	g.say("You hold " + t.the() + " at the ready.")
	return nil
}

package driver

import (
	"fmt"

	"github.com/tale-if/tale/driver/parse"
)

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
	if g.consume(t) {
		g.say("You eat " + t.the() + ". You feel better. " + g.hpNote())
		return nil
	}
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
	if g.consume(t) {
		g.say("You drink " + t.the() + ". You feel better. " + g.hpNote())
		return nil
	}
	g.say("You drink " + t.the() + ".")
	return nil
}

func (t thing) edible() bool    { return t.item != nil && t.item.Edible }
func (t thing) drinkable() bool { return t.item != nil && t.item.Drinkable }

// consume uses up what was eaten or drunk (it goes nowhere) and heals by
// the item's Heal, up to the player's maximum. healed reports whether the
// story has hit points and the item heals.
func (g *Game) consume(t thing) (healed bool) {
	g.st.Items[t.item.ID] = nowhere
	g.letGo(t.item.ID)
	if t.item.Heal <= 0 || g.st.MaxHP <= 0 {
		return false
	}
	g.st.HP = min(g.st.HP+t.item.Heal, g.st.MaxHP)
	return true
}

// letGo forgets that an item is worn or wielded; it has left the hands.
func (g *Game) letGo(id string) {
	delete(g.st.Worn, id)
	if g.st.Wielded == id {
		g.st.Wielded = ""
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
	if old := g.armour(); t.item.Armour != nil && old != nil {
		// One suit of armour at a time.
		delete(g.st.Worn, old.ID)
		g.say("(first taking off " + theItem(old) + ")")
	}
	g.st.Worn[t.item.ID] = true
	msg := "You put on " + t.the() + "."
	if t.item.Armour != nil && g.combat() {
		msg += fmt.Sprintf(" Your defence is now %d.", g.defence())
	}
	g.say(msg)
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
		t := g.resolve(c.Objects[0])
		if t.item == nil || t.item.Weapon == nil {
			return refuse("That's no weapon.")
		}
		if g.weapon() == t.item {
			return refuse("You are already wielding %s.", t.the())
		}
	}
	t, err := g.heldItem(c)
	if err != nil {
		return err
	}
	g.st.Wielded = t.item.ID
	g.say("You hold " + t.the() + " at the ready.")
	return nil
}

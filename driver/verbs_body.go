package driver

import (
	"fmt"

	"github.com/tale-if/tale/driver/parse"
)

// heldItem resolves the first object as an item the player holds, taking
// it first when it lies within reach.
func (tn *turn) heldItem(c *parse.Command) (thing, error) {
	if len(c.Objects) == 0 {
		return thing{}, refuse("What do you want to %s?", verbWord(c.Verb))
	}
	t := tn.resolve(c.Objects[0])
	if t.item == nil {
		return t, refuse("You can't %s %s.", verbWord(c.Verb), t.the())
	}
	if !tn.carried(t.item.ID) {
		if _, err := tn.take(t, ""); err != nil {
			return t, err
		}
		tn.say("(first taking " + t.the() + ")")
	}
	return t, nil
}

func doEat(tn *turn, c *parse.Command) error {
	if len(c.Objects) > 0 && !tn.resolve(c.Objects[0]).edible() {
		return refuse("That's plainly inedible.")
	}
	t, err := tn.heldItem(c)
	if err != nil {
		return err
	}
	if tn.consume(t) {
		tn.say("You eat " + t.the() + ". You feel better. " + tn.hpNote())
		return nil
	}
	tn.say("You eat " + t.the() + ". Not bad.")
	return nil
}

func doDrink(tn *turn, c *parse.Command) error {
	if len(c.Objects) > 0 && !tn.resolve(c.Objects[0]).drinkable() {
		return refuse("There's nothing suitable to drink there.")
	}
	t, err := tn.heldItem(c)
	if err != nil {
		return err
	}
	if tn.consume(t) {
		tn.say("You drink " + t.the() + ". You feel better. " + tn.hpNote())
		return nil
	}
	tn.say("You drink " + t.the() + ".")
	return nil
}

func (t thing) edible() bool    { return t.item != nil && t.item.Edible }
func (t thing) drinkable() bool { return t.item != nil && t.item.Drinkable }

// consume uses up what was eaten or drunk (it goes nowhere) and heals by
// the item's Heal, up to the player's maximum. healed reports whether the
// story has hit points and the item heals.
func (tn *turn) consume(t thing) (healed bool) {
	tn.writableWorld(cwItems).Items[t.item.ID] = nowhere
	tn.letGo(t.item.ID)
	if t.item.Heal <= 0 || tn.st.MaxHP <= 0 {
		return false
	}
	tn.st.HP = min(tn.st.HP+t.item.Heal, tn.st.MaxHP)
	return true
}

// letGo forgets that an item is worn or wielded; it has left the hands.
func (tn *turn) letGo(id string) {
	if tn.st.Worn[id] {
		delete(tn.writablePlayer(cpWorn).Worn, id)
	}
	if tn.st.Wielded == id {
		tn.st.Wielded = ""
	}
}

func doWear(tn *turn, c *parse.Command) error {
	if len(c.Objects) > 0 {
		if t := tn.resolve(c.Objects[0]); t.item == nil || !(t.item.Wearable || t.item.Armour != nil) {
			return refuse("You can't wear that.")
		} else if tn.st.Worn[t.item.ID] {
			return refuse("You're already wearing %s.", t.the())
		}
	}
	t, err := tn.heldItem(c)
	if err != nil {
		return err
	}
	if old := tn.armour(); t.item.Armour != nil && old != nil {
		// One suit of armour at a time.
		delete(tn.writablePlayer(cpWorn).Worn, old.ID)
		tn.say("(first taking off " + theItem(old) + ")")
	}
	tn.writablePlayer(cpWorn).Worn[t.item.ID] = true
	msg := "You put on " + t.the() + "."
	if t.item.Armour != nil && tn.combat() {
		msg += fmt.Sprintf(" Your defence is now %d.", tn.defence())
	}
	tn.say(msg)
	return nil
}

func doRemove(tn *turn, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to take off?")
	}
	t := tn.resolve(c.Objects[0])
	if t.item == nil || !tn.st.Worn[t.item.ID] {
		return refuse("You're not wearing that.")
	}
	delete(tn.writablePlayer(cpWorn).Worn, t.item.ID)
	tn.say("You take off " + t.the() + ".")
	return nil
}

func doWield(tn *turn, c *parse.Command) error {
	if len(c.Objects) > 0 {
		t := tn.resolve(c.Objects[0])
		if t.item == nil || t.item.Weapon == nil {
			return refuse("That's no weapon.")
		}
		if tn.weapon() == t.item {
			return refuse("You are already wielding %s.", t.the())
		}
	}
	t, err := tn.heldItem(c)
	if err != nil {
		return err
	}
	tn.st.Wielded = t.item.ID
	tn.say("You hold " + t.the() + " at the ready.")
	return nil
}

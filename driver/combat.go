package driver

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/story"
)

// Combat exists in a story whose player has stats (story.Player.Stats);
// in any other story attack keeps its refusal. Every roll draws from the
// world's generator, so a seed and a list of commands always fight the
// same fight.
//
// To hit, the attacker rolls d20 + attack + weapon bonus and needs at
// least 10 + the defender's defence (the player's includes worn armour).
// Damage is the weapon's (unarmed: 2; a creature's natural weapons:
// attack/2) plus a roll in [0, attack/2], less half the defender's
// defence, and always at least 1.

const (
	unarmedDamage = 2
	hitTarget     = 10
)

// combat reports whether the story has fighting at all.
func (tn *turn) combat() bool { return tn.story.Config.Player.Stats != nil }

// fighter is an NPC the player can fight in this story.
func (tn *turn) fighter(n *story.NPC) bool { return n != nil && n.Stats != nil && tn.combat() }

// hostile is a fighter that attacks the player: hostile by nature, or
// since the player attacked it.
func (tn *turn) hostile(n *story.NPC) bool {
	return tn.fighter(n) && (n.Hostile || tn.st.Hostile[n.ID])
}

// foesAt are the hostile fighters in a location, in story order.
func (tn *turn) foesAt(loc string) []*story.NPC {
	var out []*story.NPC
	for _, id := range tn.npcsAt(loc) {
		if n := tn.story.NPCs[id]; tn.hostile(n) {
			out = append(out, n)
		}
	}
	return out
}

// npcHP is what an NPC has left of its hit points.
func (tn *turn) npcHP(n *story.NPC) int { return n.Stats.HP - tn.st.Wounds[n.ID] }

// weapon is the wielded weapon, nil when the player fights bare-handed
// (or has let go of it since).
func (tn *turn) weapon() *story.Item {
	it := tn.item(tn.st.Wielded)
	if it == nil || it.Weapon == nil || !tn.carried(it.ID) {
		return nil
	}
	return it
}

// armour is the worn armour, or nil.
func (tn *turn) armour() *story.Item {
	for _, id := range tn.story.Order.Items {
		if it := tn.item(id); tn.st.Worn[id] && it.Armour != nil && tn.carried(id) {
			return it
		}
	}
	return nil
}

// defence is the player's defence with armour.
func (tn *turn) defence() int {
	d := tn.st.Defence
	if a := tn.armour(); a != nil {
		d += a.Armour.Defence
	}
	return d
}

// hits rolls d20 + attack + bonus against 10 + defence.
func (tn *turn) hits(attack, bonus, defence int) bool {
	return tn.st.RNG.IntN(20)+1+attack+bonus >= hitTarget+defence
}

// damage rolls base + [0, attack/2] − defence/2, at least 1.
func (tn *turn) damage(base, attack, defence int) int {
	return max(1, base+tn.st.RNG.IntN(max(attack, 0)/2+1)-defence/2)
}

// hpNote is the player's hit points as every combat message shows them.
func (tn *turn) hpNote() string { return fmt.Sprintf("<dim>(HP %d/%d)</dim>", tn.st.HP, tn.st.MaxHP) }

// condition is how hurt an NPC looks: "is badly hurt".
func (tn *turn) condition(n *story.NPC) string {
	hp, full := tn.npcHP(n), max(n.Stats.HP, 1)
	switch {
	case hp >= full:
		return "is unhurt"
	case hp*4 > full*3:
		return "is barely scratched"
	case hp*2 > full:
		return "is hurt"
	case hp*4 > full:
		return "is badly hurt"
	}
	return "is nearly dead"
}

// doAttack is attack/kill/hit X [with Y].
func doAttack(tn *turn, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to attack?")
	}
	t := tn.resolve(c.Objects[0])
	if !tn.fighter(t.npc) {
		return refusal("Violence isn't the answer to this one.")
	}
	w := tn.weapon()
	if c.Second != nil {
		with := tn.resolve(*c.Second)
		switch {
		case with.item == nil || with.item.Weapon == nil:
			return refuse("You can't fight with %s.", with.the())
		case !tn.carried(with.item.ID):
			return refuse("You aren't holding %s.", with.the())
		}
		if w != with.item {
			tn.st.Wielded = with.item.ID
			tn.say("(first wielding " + with.the() + ")")
		}
		w = with.item
	}
	tn.strike(t.npc, w)
	return nil
}

// strike is one blow of the player's at n.
func (tn *turn) strike(n *story.NPC, w *story.Item) {
	if !n.Hostile {
		tn.writableWorld(cwHostile).Hostile[n.ID] = true
	}
	name := theNPC(n)
	bonus, base := 0, unarmedDamage
	if w != nil {
		bonus, base = w.Weapon.Bonus, w.Weapon.Damage
	}
	if !tn.hits(tn.st.Attack, bonus, n.Stats.Defence) {
		tn.tellOthers(tn.player.the() + " swings at " + name + " and misses.")
		if w != nil {
			tn.say("You swing " + theItem(w) + " at " + name + " and miss.")
		} else {
			tn.say("You swing at " + name + " and miss.")
		}
		return
	}
	tn.writableWorld(cwWounds).Wounds[n.ID] += tn.damage(base, tn.st.Attack, n.Stats.Defence)
	blow := "You hit " + name
	if w != nil {
		blow += " with " + theItem(w)
	} else {
		blow = "You punch " + name
	}
	if tn.npcHP(n) <= 0 {
		tn.tellOthers(tn.player.the() + " strikes " + name + " down.")
		tn.kill(n, blow+".")
		return
	}
	tn.tellOthers(tn.player.the() + " hits " + name + ".")
	text := blow + ". " + capital(name) + " " + tn.condition(n) + "."
	tn.say(text)
	tn.narrate(narrate.Action, text, "", nil)
}

// kill ends an NPC, after the blow that did it: the NPC leaves the world,
// what it carried falls where it stood, and the player gains its
// experience.
func (tn *turn) kill(n *story.NPC, blow string) {
	at := tn.st.NPCs[n.ID]
	ws := tn.writableWorld(cwNPCs | cwWounds | cwHostile | cwItems)
	ws.NPCs[n.ID] = nowhere
	delete(ws.Wounds, n.ID)
	delete(ws.Hostile, n.ID)
	text := blow + " " + capital(theNPC(n)) + " dies."
	var dropped []string
	for _, id := range tn.contents(n.ID) {
		ws.Items[id] = at
		dropped = append(dropped, aItem(tn.item(id)))
	}
	if len(dropped) > 0 {
		text += " It drops " + listAnd(dropped) + "."
	}
	if xp := n.Stats.XP; xp > 0 {
		tn.st.XP += xp
		text += fmt.Sprintf(" You gain %d experience.", xp)
	}
	tn.say(text)
	tn.levelUp()
}

// nextLevel is the experience at which a player of level l reaches l+1:
// each level takes level × 20 more than the one before.
func nextLevel(l int) int { return 10 * l * (l + 1) }

// Level-up gains.
const (
	levelHP     = 5
	levelAttack = 1
)

func (tn *turn) levelUp() {
	for tn.st.XP >= nextLevel(tn.st.Level) {
		tn.st.Level++
		tn.st.MaxHP += levelHP
		tn.st.HP += levelHP
		tn.st.Attack += levelAttack
		tn.say(fmt.Sprintf("<bright>You are now level %d.</bright> %s", tn.st.Level, tn.hpNote()))
	}
}

// monstersAttack lets every hostile fighter in the player's location
// strike once, in story order, until the player falls.
func (tn *turn) monstersAttack() {
	from := tn.st.Location
	for _, n := range tn.foesAt(from) {
		if !tn.strikesGoOn(from) {
			return
		}
		tn.monsterStrike(n)
	}
}

// monsterStrike is one blow of n's at the player.
func (tn *turn) monsterStrike(n *story.NPC) {
	name := capital(theNPC(n))
	def := tn.defence()
	if !tn.hits(n.Stats.Attack, 0, def) {
		tn.say(name + " attacks you and misses.")
		tn.tellOthers(name + " attacks " + tn.player.the() + " and misses.")
		return
	}
	tn.tellOthers(name + " hits " + tn.player.the() + ".")
	tn.st.HP -= tn.damage(n.Stats.Attack/2, n.Stats.Attack, def)
	if tn.st.HP <= 0 {
		tn.st.HP = 0
		tn.say(name + " hits you. " + tn.hpNote())
		tn.die()
		return
	}
	tn.say(name + " hits you. " + tn.hpNote())
}

// die ends the story with its lose ending.
func (tn *turn) die() {
	if tn.mud() {
		tn.respawn()
		return
	}
	tn.say("You fall, and do not get up.")
	tn.tellOthers(tn.player.the() + " falls, and does not get up.")
	tn.reachEnding(tn.deathEnding())
}

// deathEnding is the story's lose ending: "death" if it is one, else the
// first lose ending by id, else "death" (shown by its id alone).
func (tn *turn) deathEnding() string {
	ends := tn.story.Config.Endings
	if e := ends["death"]; e != nil && e.Kind == "lose" {
		return "death"
	}
	ids := make([]string, 0, len(ends))
	for id, e := range ends {
		if e != nil && e.Kind == "lose" {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	if len(ids) > 0 {
		return ids[0]
	}
	return "death"
}

// deathNote follows the ending text when the player has fallen.
func (tn *turn) deathNote() string {
	if tn.mud() {
		return "Type <bright>quit</bright> to leave the game; the others play on."
	}
	// The ending's own question (ending.go) offers restart and undo; a
	// generated world adds which world a restart plays.
	if tn.story.Config.Generator != nil {
		return fmt.Sprintf("<bright>RESTART</bright> plays the same dungeon (seed %d) again.", tn.seed)
	}
	return ""
}

// doFlee runs through a random usable exit; the foes here each get a
// blow in first, and none of them follows.
func doFlee(tn *turn, _ *parse.Command) error {
	foes := tn.foesAt(tn.st.Location)
	if len(foes) == 0 {
		tn.say("There is nothing here to flee from.")
		return nil
	}
	ways := tn.usableExits()
	if len(ways) == 0 {
		return refuse("There is nowhere to run!")
	}
	from := tn.st.Location
	for _, n := range foes {
		if !tn.strikesGoOn(from) {
			return nil
		}
		tn.monsterStrike(n)
	}
	if !tn.strikesGoOn(from) {
		return nil // fallen: in a shared world, woken elsewhere
	}
	ex := ways[tn.st.RNG.IntN(len(ways))]
	tn.say("You flee " + going(ex.name) + ".")
	tn.say(ex.Message)
	tn.st.Location = ex.To
	tn.announceMove(from, ex)
	tn.arrive()
	return nil
}

// usableExits are the exits the player could take now: open, allowed and
// leading somewhere.
func (tn *turn) usableExits() []exit {
	var out []exit
	for _, ex := range tn.exitsOf(tn.st.Location) {
		if ex.Door != "" && tn.st.Doors[ex.Door] != "open" {
			continue
		}
		if !tn.holds(ex.If) || tn.story.Locations[ex.To] == nil {
			continue
		}
		out = append(out, ex)
	}
	return out
}

// going is "north", "up", "through the gate" after a verb of motion.
func going(name string) string {
	if slices.Contains(story.Directions, name) {
		return "<exit>" + name + "</exit>"
	}
	return "through the <exit>" + name + "</exit>"
}

// character is the line score adds in a story with combat.
func (tn *turn) character() string {
	st := tn.st
	parts := []string{fmt.Sprintf("HP %d/%d", st.HP, st.MaxHP),
		fmt.Sprintf("level %d", st.Level),
		fmt.Sprintf("XP %d (level %d at %d)", st.XP, st.Level+1, nextLevel(st.Level)),
		fmt.Sprintf("attack %d", st.Attack),
		fmt.Sprintf("defence %d", tn.defence())}
	if st.Gold > 0 {
		parts = append(parts, fmt.Sprintf("gold %d", st.Gold))
	}
	out := strings.Join(parts, ", ") + "."
	var gear []string
	if w := tn.weapon(); w != nil {
		gear = append(gear, "wielding "+theItem(w))
	}
	if a := tn.armour(); a != nil {
		gear = append(gear, "wearing "+theItem(a))
	}
	if len(gear) > 0 {
		out += " You are " + listAnd(gear) + "."
	}
	return out
}

package driver

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tale-if/tale/driver/parse"
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
func (g *Game) combat() bool { return g.story.Config.Player.Stats != nil }

// fighter is an NPC the player can fight in this story.
func (g *Game) fighter(n *story.NPC) bool { return n != nil && n.Stats != nil && g.combat() }

// hostile is a fighter that attacks the player: hostile by nature, or
// since the player attacked it.
func (g *Game) hostile(n *story.NPC) bool {
	return g.fighter(n) && (n.Hostile || g.st.Hostile[n.ID])
}

// foesAt are the hostile fighters in a location, in story order.
func (g *Game) foesAt(loc string) []*story.NPC {
	var out []*story.NPC
	for _, id := range g.npcsAt(loc) {
		if n := g.story.NPCs[id]; g.hostile(n) {
			out = append(out, n)
		}
	}
	return out
}

// npcHP is what an NPC has left of its hit points.
func (g *Game) npcHP(n *story.NPC) int { return n.Stats.HP - g.st.Wounds[n.ID] }

// weapon is the wielded weapon, nil when the player fights bare-handed
// (or has let go of it since).
func (g *Game) weapon() *story.Item {
	it := g.item(g.st.Wielded)
	if it == nil || it.Weapon == nil || !g.carried(it.ID) {
		return nil
	}
	return it
}

// armour is the worn armour, or nil.
func (g *Game) armour() *story.Item {
	for _, id := range g.story.Order.Items {
		if it := g.item(id); g.st.Worn[id] && it.Armour != nil && g.carried(id) {
			return it
		}
	}
	return nil
}

// defence is the player's defence with armour.
func (g *Game) defence() int {
	d := g.st.Defence
	if a := g.armour(); a != nil {
		d += a.Armour.Defence
	}
	return d
}

// hits rolls d20 + attack + bonus against 10 + defence.
func (g *Game) hits(attack, bonus, defence int) bool {
	return g.st.RNG.IntN(20)+1+attack+bonus >= hitTarget+defence
}

// damage rolls base + [0, attack/2] − defence/2, at least 1.
func (g *Game) damage(base, attack, defence int) int {
	return max(1, base+g.st.RNG.IntN(max(attack, 0)/2+1)-defence/2)
}

// hpNote is the player's hit points as every combat message shows them.
func (g *Game) hpNote() string { return fmt.Sprintf("<dim>(HP %d/%d)</dim>", g.st.HP, g.st.MaxHP) }

// condition is how hurt an NPC looks: "is badly hurt".
func (g *Game) condition(n *story.NPC) string {
	hp, full := g.npcHP(n), max(n.Stats.HP, 1)
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
func doAttack(g *Game, c *parse.Command) error {
	if len(c.Objects) == 0 {
		return refuse("What do you want to attack?")
	}
	t := g.resolve(c.Objects[0])
	if !g.fighter(t.npc) {
		return refusal("Violence isn't the answer to this one.")
	}
	w := g.weapon()
	if c.Second != nil {
		with := g.resolve(*c.Second)
		switch {
		case with.item == nil || with.item.Weapon == nil:
			return refuse("You can't fight with %s.", with.the())
		case !g.carried(with.item.ID):
			return refuse("You aren't holding %s.", with.the())
		}
		if w != with.item {
			g.st.Wielded = with.item.ID
			g.say("(first wielding " + with.the() + ")")
		}
		w = with.item
	}
	g.strike(t.npc, w)
	return nil
}

// strike is one blow of the player's at n.
func (g *Game) strike(n *story.NPC, w *story.Item) {
	if !n.Hostile {
		g.st.Hostile[n.ID] = true
	}
	name := theNPC(n)
	bonus, base := 0, unarmedDamage
	if w != nil {
		bonus, base = w.Weapon.Bonus, w.Weapon.Damage
	}
	if !g.hits(g.st.Attack, bonus, n.Stats.Defence) {
		if w != nil {
			g.say("You swing " + theItem(w) + " at " + name + " and miss.")
		} else {
			g.say("You swing at " + name + " and miss.")
		}
		return
	}
	g.st.Wounds[n.ID] += g.damage(base, g.st.Attack, n.Stats.Defence)
	blow := "You hit " + name
	if w != nil {
		blow += " with " + theItem(w)
	} else {
		blow = "You punch " + name
	}
	if g.npcHP(n) <= 0 {
		g.kill(n, blow+".")
		return
	}
	g.say(blow + ". " + capital(name) + " " + g.condition(n) + ".")
}

// kill ends an NPC, after the blow that did it: the NPC leaves the world,
// what it carried falls where it stood, and the player gains its
// experience.
func (g *Game) kill(n *story.NPC, blow string) {
	at := g.st.NPCs[n.ID]
	g.st.NPCs[n.ID] = nowhere
	delete(g.st.Wounds, n.ID)
	delete(g.st.Hostile, n.ID)
	text := blow + " " + capital(theNPC(n)) + " dies."
	var dropped []string
	for _, id := range g.contents(n.ID) {
		g.st.Items[id] = at
		dropped = append(dropped, aItem(g.item(id)))
	}
	if len(dropped) > 0 {
		text += " It drops " + listAnd(dropped) + "."
	}
	if xp := n.Stats.XP; xp > 0 {
		g.st.XP += xp
		text += fmt.Sprintf(" You gain %d experience.", xp)
	}
	g.say(text)
	g.levelUp()
}

// nextLevel is the experience at which a player of level l reaches l+1:
// each level takes level × 20 more than the one before.
func nextLevel(l int) int { return 10 * l * (l + 1) }

// Level-up gains.
const (
	levelHP     = 5
	levelAttack = 1
)

func (g *Game) levelUp() {
	for g.st.XP >= nextLevel(g.st.Level) {
		g.st.Level++
		g.st.MaxHP += levelHP
		g.st.HP += levelHP
		g.st.Attack += levelAttack
		g.say(fmt.Sprintf("<bright>You are now level %d.</bright> %s", g.st.Level, g.hpNote()))
	}
}

// monstersAttack lets every hostile fighter in the player's location
// strike once, in story order, until the player falls.
func (g *Game) monstersAttack() {
	for _, n := range g.foesAt(g.st.Location) {
		if g.st.Ended != "" {
			return
		}
		g.monsterStrike(n)
	}
}

// monsterStrike is one blow of n's at the player.
func (g *Game) monsterStrike(n *story.NPC) {
	name := capital(theNPC(n))
	def := g.defence()
	if !g.hits(n.Stats.Attack, 0, def) {
		g.say(name + " attacks you and misses.")
		return
	}
	g.st.HP -= g.damage(n.Stats.Attack/2, n.Stats.Attack, def)
	if g.st.HP <= 0 {
		g.st.HP = 0
		g.say(name + " hits you. " + g.hpNote())
		g.die()
		return
	}
	g.say(name + " hits you. " + g.hpNote())
}

// die ends the story with its lose ending.
func (g *Game) die() {
	g.say("You fall, and do not get up.")
	id := g.deathEnding()
	if g.st.Ended == "" {
		g.st.Ended = id
		g.newEnding = id
	}
}

// deathEnding is the story's lose ending: "death" if it is one, else the
// first lose ending by id, else "death" (shown by its id alone).
func (g *Game) deathEnding() string {
	ends := g.story.Config.Endings
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
func (g *Game) deathNote() string {
	again := "play again"
	if g.story.Config.Generator != nil {
		again = fmt.Sprintf("play the same dungeon (seed %d) again", g.seed)
	}
	return "Type <bright>RESTART</bright> to " + again + ", or <bright>UNDO</bright> to take back your last move."
}

// doFlee runs through a random usable exit; the foes here each get a
// blow in first, and none of them follows.
func doFlee(g *Game, _ *parse.Command) error {
	foes := g.foesAt(g.st.Location)
	if len(foes) == 0 {
		g.say("There is nothing here to flee from.")
		return nil
	}
	ways := g.usableExits()
	if len(ways) == 0 {
		return refuse("There is nowhere to run!")
	}
	for _, n := range foes {
		if g.st.Ended != "" {
			return nil
		}
		g.monsterStrike(n)
	}
	if g.st.Ended != "" {
		return nil
	}
	ex := ways[g.st.RNG.IntN(len(ways))]
	g.say("You flee " + going(ex.name) + ".")
	g.say(ex.Message)
	g.st.Location = ex.To
	g.arrive()
	return nil
}

// usableExits are the exits the player could take now: open, allowed and
// leading somewhere.
func (g *Game) usableExits() []exit {
	var out []exit
	for _, ex := range g.exitsOf(g.st.Location) {
		if ex.Door != "" && g.st.Doors[ex.Door] != "open" {
			continue
		}
		if !g.holds(ex.If) || g.story.Locations[ex.To] == nil {
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
func (g *Game) character() string {
	st := g.st
	parts := []string{fmt.Sprintf("HP %d/%d", st.HP, st.MaxHP),
		fmt.Sprintf("level %d", st.Level),
		fmt.Sprintf("XP %d (level %d at %d)", st.XP, st.Level+1, nextLevel(st.Level)),
		fmt.Sprintf("attack %d", st.Attack),
		fmt.Sprintf("defence %d", g.defence())}
	if st.Gold > 0 {
		parts = append(parts, fmt.Sprintf("gold %d", st.Gold))
	}
	out := strings.Join(parts, ", ") + "."
	var gear []string
	if w := g.weapon(); w != nil {
		gear = append(gear, "wielding "+theItem(w))
	}
	if a := g.armour(); a != nil {
		gear = append(gear, "wearing "+theItem(a))
	}
	if len(gear) > 0 {
		out += " You are " + listAnd(gear) + "."
	}
	return out
}

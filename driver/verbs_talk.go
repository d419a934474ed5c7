package driver

import (
	"strconv"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/driver/soul"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

func doSay(tn *turn, c *parse.Command) error {
	text := strings.TrimSpace(c.Text)
	if text == "" {
		return refuse("What do you want to say?")
	}
	if c.Second != nil {
		if t := tn.resolve(*c.Second); t.npc == nil && t.other == nil && !t.self {
			return refuse("You can only talk to someone who can hear you, not to %s.", t.the())
		}
	}
	said := tn.quote(markup.Escape(text))
	if c.Adverb == "loudly" && tn.mud() {
		tn.shout(said)
		return nil
	}
	tn.say(markup.Say.Mark("You say: " + said))
	tn.tellOthers(markup.Say.Mark(tn.player.the() + " says: " + said))
	tn.speech = true // unless a topic below does something
	// Saying a topic word to someone (or to the only person here) is
	// asking about it.
	var npc *story.NPC
	if c.Second != nil {
		npc = tn.resolve(*c.Second).npc
	} else if here := tn.npcsAt(tn.st.Location); len(here) == 1 {
		npc = tn.story.NPCs[here[0]]
	}
	if npc != nil {
		if t := tn.topic(npc, strings.ToLower(text)); t != nil {
			tn.say(t.Text)
			tn.apply(t.Do)
			tn.speech = false
		} else if c.Second != nil {
			// "maud, what of the storm?": spoken to her by name, she
			// may answer freely.
			tn.narrate(narrate.Dialogue, tn.placeFacts(), text, npc)
		}
	}
	return nil
}

// addressee is whom a conversation command speaks to: the person named,
// or else the only one here; nil when that is nobody (or not a person).
func (tn *turn) addressee(c *parse.Command) *story.NPC {
	switch {
	case len(c.Objects) > 0:
		return tn.resolve(c.Objects[0]).npc
	case c.Second != nil:
		return tn.resolve(*c.Second).npc
	}
	if here := tn.npcsAt(tn.st.Location); len(here) == 1 {
		return tn.story.NPCs[here[0]]
	}
	return nil
}

// doAsk answers "ask X about Y" and "tell X about Y" from the NPC's topics.
func doAsk(tn *turn, c *parse.Command) error {
	npc := tn.addressee(c)
	if npc == nil {
		return refuse("There is no one here to talk to about that.")
	}
	if c.Topic == "" {
		return refuse("What do you want to %s %s about?", verbWord(c.Verb), theNPC(npc))
	}
	if t := tn.topic(npc, strings.ToLower(c.Topic)); t != nil {
		tn.say(t.Text)
		tn.apply(t.Do)
		return nil
	}
	reply := npc.DefaultReply
	if reply == "" {
		reply = capital(theNPC(npc)) + " has nothing to say about that."
	}
	tn.say(reply)
	tn.narrate(narrate.Dialogue, tn.placeFacts(), c.Topic, npc)
	return nil
}

// topic finds the first topic whose words appear in what was said.
func (tn *turn) topic(n *story.NPC, said string) *story.Topic {
	padded := " " + strings.Join(strings.FieldsFunc(said, notWordRune), " ") + " "
	for _, t := range n.Topics {
		if !tn.holds(t.If) {
			continue
		}
		for _, a := range t.About {
			if strings.Contains(padded, " "+strings.ToLower(a)+" ") {
				return t
			}
		}
	}
	return nil
}

func notWordRune(r rune) bool {
	return !(r == '-' || r == '\'' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 127)
}

func doTalk(tn *turn, c *parse.Command) error {
	npc := tn.addressee(c)
	if npc == nil {
		return refuse("There is no one here to talk to.")
	}
	if npc.Talk == "" || npc.Menus[npc.Talk] == nil {
		reply := npc.DefaultReply
		if reply == "" {
			reply = capital(theNPC(npc)) + " has nothing to say."
		}
		tn.say(reply)
		return nil
	}
	if !tn.openMenu(npc, npc.Talk) {
		tn.say(capital(theNPC(npc)) + " has nothing more to say.")
	}
	return nil
}

// openMenu puts a conversation menu on screen with the options that apply
// now; false when none do.
func (tn *turn) openMenu(npc *story.NPC, id string) bool {
	m := npc.Menus[id]
	if m == nil {
		tn.st.Menu = nil
		return false
	}
	var shown []int
	for i, o := range m.Options {
		if tn.holds(o.If) && !(o.Once && tn.used(o)) {
			shown = append(shown, i)
		}
	}
	if len(shown) == 0 {
		tn.st.Menu = nil
		return false
	}
	tn.st.Menu = &Menu{NPC: npc.ID, ID: id, Shown: shown}
	tn.choices = true // shown last, after whatever else this turn says
	return true
}

// openChoices is the menu on screen as the front ends show it.
func (tn *turn) openChoices() *tio.Choices {
	if tn.confirm != "" {
		return confirmChoices(tn.confirm)
	}
	om := tn.st.Menu
	if om == nil {
		return nil
	}
	m := tn.story.NPCs[om.NPC].Menus[om.ID]
	ch := &tio.Choices{Prompt: tn.vary(m.Prompt)}
	for i, idx := range om.Shown {
		ch.Options = append(ch.Options, tio.Choice{ID: strconv.Itoa(i + 1), Text: m.Options[idx].Text})
	}
	return ch
}

// choose answers the open conversation menu.
func (tn *turn) choose(id string) error {
	om := tn.st.Menu
	n, err := strconv.Atoi(id)
	if om == nil || err != nil || n < 1 || n > len(om.Shown) {
		return refuse("Please choose one of the numbered options.")
	}
	npc := tn.story.NPCs[om.NPC]
	o := npc.Menus[om.ID].Options[om.Shown[n-1]]
	tn.st.Menu = nil
	if o.Once {
		tn.once(o)
	}
	tn.say("<dim>“" + o.Text + "”</dim>")
	tn.say(o.Reply)
	tn.apply(o.Do)
	if o.Next != "" && tn.st.Ended == "" {
		tn.openMenu(npc, o.Next)
	}
	return nil
}

// social runs a soul verb: "You smile." / "You wave at the old keeper."
// The target and the onlookers read it from their side.
func (tn *turn) social(c *parse.Command) error {
	var target soul.Who
	var other *player
	if len(c.Objects) > 0 {
		t := tn.resolve(c.Objects[0])
		switch {
		case t.npc != nil:
			target = soul.Who{Name: theNPC(t.npc), Gender: t.npc.Gender}
		case t.self:
			target = tn.playerWho()
		case t.other != nil:
			other = t.other
			target = soul.Who{Name: other.the(), Gender: "n", IsPlayer: true}
		default:
			target = soul.Who{Name: t.the(), Gender: "n"}
		}
	}
	msg, toTarget, toOthers := soul.Messages(c.Verb, c.Adverb, tn.playerWho(), target)
	if msg == "" {
		return refuse("That's not a verb I recognise.")
	}
	if v, ok := soul.Lookup(c.Verb); ok && v.Target == soul.NeedsTarget && target.Name == "" {
		return refusal(msg) // the question back: "Who do you want to hug?"
	}
	// The soul's words and the story's names take the game's quotes
	// ("the keeper's shoulder"); a player's name is theirs.
	tn.say(markup.Emote.Mark(tn.typeset(msg)))
	tn.speech = true
	for _, p := range tn.othersHere() {
		if p == other {
			tn.tell(p, markup.Emote.Mark(tn.typeset(toTarget)))
		} else {
			tn.tell(p, markup.Emote.Mark(tn.typeset(toOthers)))
		}
	}
	return nil
}

func (tn *turn) playerWho() soul.Who {
	p := tn.story.Config.Player
	if tn.mud() {
		return soul.Who{Name: tn.player.the(), Gender: "n", IsPlayer: true}
	}
	// A name is text, not markup (in MUD mode players choose their own).
	return soul.Who{Name: "<player>" + markup.Escape(p.Name) + "</player>", Gender: p.Gender, IsPlayer: true}
}

package driver

import (
	"strconv"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/driver/soul"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

func doSay(g *Game, c *parse.Command) error {
	text := strings.TrimSpace(c.Text)
	if text == "" {
		return refuse("What do you want to say?")
	}
	g.say("You say: “" + markup.Escape(text) + "”")
	// Saying a topic word to someone (or to the only person here) is
	// asking about it.
	var npc *story.NPC
	if c.Second != nil {
		npc = g.resolve(*c.Second).npc
	} else if here := g.npcsAt(g.st.Location); len(here) == 1 {
		npc = g.story.NPCs[here[0]]
	}
	if npc != nil {
		if t := g.topic(npc, strings.ToLower(text)); t != nil {
			g.say(t.Text)
			g.apply(t.Do)
		}
	}
	return nil
}

// addressee is whom a conversation command speaks to: the person named,
// or else the only one here; nil when that is nobody (or not a person).
func (g *Game) addressee(c *parse.Command) *story.NPC {
	switch {
	case len(c.Objects) > 0:
		return g.resolve(c.Objects[0]).npc
	case c.Second != nil:
		return g.resolve(*c.Second).npc
	}
	if here := g.npcsAt(g.st.Location); len(here) == 1 {
		return g.story.NPCs[here[0]]
	}
	return nil
}

// doAsk answers "ask X about Y" and "tell X about Y" from the NPC's topics.
func doAsk(g *Game, c *parse.Command) error {
	npc := g.addressee(c)
	if npc == nil {
		return refuse("There is no one here to talk to about that.")
	}
	if c.Topic == "" {
		return refuse("What do you want to %s %s about?", verbWord(c.Verb), theNPC(npc))
	}
	if t := g.topic(npc, strings.ToLower(c.Topic)); t != nil {
		g.say(t.Text)
		g.apply(t.Do)
		return nil
	}
	reply := npc.DefaultReply
	if reply == "" {
		reply = capital(theNPC(npc)) + " has nothing to say about that."
	}
	g.say(reply)
	return nil
}

// topic finds the first topic whose words appear in what was said.
func (g *Game) topic(n *story.NPC, said string) *story.Topic {
	padded := " " + strings.Join(strings.FieldsFunc(said, notWordRune), " ") + " "
	for _, t := range n.Topics {
		if !g.holds(t.If) {
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

func doTalk(g *Game, c *parse.Command) error {
	npc := g.addressee(c)
	if npc == nil {
		return refuse("There is no one here to talk to.")
	}
	if npc.Talk == "" || npc.Menus[npc.Talk] == nil {
		reply := npc.DefaultReply
		if reply == "" {
			reply = capital(theNPC(npc)) + " has nothing to say."
		}
		g.say(reply)
		return nil
	}
	if !g.openMenu(npc, npc.Talk) {
		g.say(capital(theNPC(npc)) + " has nothing more to say.")
	}
	return nil
}

// openMenu puts a conversation menu on screen with the options that apply
// now; false when none do.
func (g *Game) openMenu(npc *story.NPC, id string) bool {
	m := npc.Menus[id]
	if m == nil {
		g.st.Menu = nil
		return false
	}
	var shown []int
	for i, o := range m.Options {
		if g.holds(o.If) && !(o.Once && g.used(o)) {
			shown = append(shown, i)
		}
	}
	if len(shown) == 0 {
		g.st.Menu = nil
		return false
	}
	g.st.Menu = &Menu{NPC: npc.ID, ID: id, Shown: shown}
	g.choices = true // shown last, after whatever else this turn says
	return true
}

// openChoices is the menu on screen as the front ends show it.
func (g *Game) openChoices() *tio.Choices {
	if g.confirm != "" {
		return confirmChoices(g.confirm)
	}
	om := g.st.Menu
	if om == nil {
		return nil
	}
	m := g.story.NPCs[om.NPC].Menus[om.ID]
	ch := &tio.Choices{Prompt: m.Prompt}
	for i, idx := range om.Shown {
		ch.Options = append(ch.Options, tio.Choice{ID: strconv.Itoa(i + 1), Text: m.Options[idx].Text})
	}
	return ch
}

// choose answers the open conversation menu.
func (g *Game) choose(id string) error {
	om := g.st.Menu
	n, err := strconv.Atoi(id)
	if om == nil || err != nil || n < 1 || n > len(om.Shown) {
		return refuse("Please choose one of the numbered options.")
	}
	npc := g.story.NPCs[om.NPC]
	o := npc.Menus[om.ID].Options[om.Shown[n-1]]
	g.st.Menu = nil
	if o.Once {
		g.once(o)
	}
	g.say("<dim>“" + o.Text + "”</dim>")
	g.say(o.Reply)
	g.apply(o.Do)
	if o.Next != "" && g.st.Ended == "" {
		g.openMenu(npc, o.Next)
	}
	return nil
}

// social runs a soul verb: "You smile." / "You wave at the old keeper."
func (g *Game) social(c *parse.Command) error {
	var target soul.Who
	if len(c.Objects) > 0 {
		t := g.resolve(c.Objects[0])
		switch {
		case t.npc != nil:
			target = soul.Who{Name: theNPC(t.npc), Gender: t.npc.Gender}
		case t.self:
			target = g.playerWho()
		default:
			target = soul.Who{Name: t.the(), Gender: "n"}
		}
	}
	msg, _, _ := soul.Messages(c.Verb, c.Adverb, g.playerWho(), target)
	if msg == "" {
		return refuse("That's not a verb I recognise.")
	}
	if v, ok := soul.Lookup(c.Verb); ok && v.Target == soul.NeedsTarget && target.Name == "" {
		return refusal(msg) // the question back: "Who do you want to hug?"
	}
	g.say(msg)
	return nil
}

func (g *Game) playerWho() soul.Who {
	p := g.story.Config.Player
	// A name is text, not markup (in MUD mode players choose their own).
	return soul.Who{Name: "<player>" + markup.Escape(p.Name) + "</player>", Gender: p.Gender, IsPlayer: true}
}

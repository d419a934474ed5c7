package driver

import (
	"github.com/tale-if/tale/driver/parse"
)

// openable is a door or container as open/close/lock/unlock see it.
type openable struct {
	id, name string // name: "the <item>oak door</item>"
	key      string // item id of its key; "" cannot be locked by hand
	fixed    bool   // always open (a basket), or never opens
	plural   bool
}

func (g *Game) openableOf(c *parse.Command) (openable, error) {
	if len(c.Objects) == 0 {
		return openable{}, refuse("What do you want to %s?", verbWord(c.Verb))
	}
	t := g.resolve(c.Objects[0])
	switch {
	case t.door != nil:
		return openable{id: t.door.ID, name: t.the(), key: t.door.Key}, nil
	case t.item != nil && t.item.Container != nil:
		ct := t.item.Container
		return openable{id: t.item.ID, name: t.the(), key: ct.Key, plural: t.item.Plural,
			fixed: !ct.Openable && ct.Open}, nil
	case t.exit != nil && t.exit.Door != "":
		d := g.story.Doors[t.exit.Door]
		return openable{id: d.ID, name: theDoor(d), key: d.Key}, nil
	}
	return openable{}, refuse("That's not something you can %s.", verbWord(c.Verb))
}

func (o openable) is() string {
	if o.plural {
		return " are "
	}
	return " is "
}

func doOpen(g *Game, c *parse.Command) error {
	o, err := g.openableOf(c)
	if err != nil {
		return err
	}
	switch g.openState(o.id) {
	case "open":
		return refuse("%s%salready open.", capital(o.name), o.is())
	case "locked":
		return refuse("%s%slocked.", capital(o.name), o.is())
	}
	if o.fixed {
		return refuse("That's not something you can open.")
	}
	g.setOpen(o.id, "open")
	g.say("You open " + o.name + ".")
	if s := g.describeContents(o.id); s != "" {
		g.say(s)
	}
	return nil
}

func doClose(g *Game, c *parse.Command) error {
	o, err := g.openableOf(c)
	if err != nil {
		return err
	}
	if o.fixed {
		return refuse("That's not something you can close.")
	}
	if g.openState(o.id) != "open" {
		return refuse("%s%salready closed.", capital(o.name), o.is())
	}
	g.setOpen(o.id, "closed")
	g.say("You close " + o.name + ".")
	return nil
}

func doLock(g *Game, c *parse.Command) error {
	o, err := g.openableOf(c)
	if err != nil {
		return err
	}
	switch g.openState(o.id) {
	case "locked":
		return refuse("%s%salready locked.", capital(o.name), o.is())
	case "open":
		return refuse("You'll have to close %s first.", o.name)
	}
	note, err := g.keyFor(o, c)
	if err != nil {
		return err
	}
	g.setOpen(o.id, "locked")
	g.say(note)
	g.say("You lock " + o.name + ".")
	return nil
}

func doUnlock(g *Game, c *parse.Command) error {
	o, err := g.openableOf(c)
	if err != nil {
		return err
	}
	if g.openState(o.id) != "locked" {
		return refuse("%s%snot locked.", capital(o.name), o.is())
	}
	note, err := g.keyFor(o, c)
	if err != nil {
		return err
	}
	g.setOpen(o.id, "closed")
	g.say(note)
	g.say("You unlock " + o.name + ".")
	return nil
}

// keyFor checks the key the player named, or finds a carried one that
// fits and says which: "(with the brass key)".
func (g *Game) keyFor(o openable, c *parse.Command) (string, error) {
	if o.key == "" {
		return "", refuse("You see no way to lock or unlock %s.", o.name)
	}
	if c.Second != nil {
		t := g.resolve(*c.Second)
		switch {
		case t.item == nil || !g.carried(t.item.ID):
			return "", refuse("You aren't holding %s.", t.the())
		case t.item.ID != o.key:
			return "", refuse("%s doesn't fit %s.", capital(t.the()), o.name)
		}
		return "", nil
	}
	if g.carried(o.key) {
		return "(with " + theItem(g.item(o.key)) + ")", nil
	}
	return "", refuse("You have nothing that fits %s.", o.name)
}

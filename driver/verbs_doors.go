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

func (tn *turn) openableOf(c *parse.Command) (openable, error) {
	if len(c.Objects) == 0 {
		return openable{}, refuse("What do you want to %s?", verbWord(c.Verb))
	}
	t := tn.resolve(c.Objects[0])
	switch {
	case t.door != nil:
		return openable{id: t.door.ID, name: t.the(), key: t.door.Key}, nil
	case t.item != nil && t.item.Container != nil:
		ct := t.item.Container
		return openable{id: t.item.ID, name: t.the(), key: ct.Key, plural: t.item.Plural,
			fixed: !ct.Openable && ct.Open}, nil
	case t.exit != nil && t.exit.Door != "":
		d := tn.story.Doors[t.exit.Door]
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

func doOpen(tn *turn, c *parse.Command) error {
	o, err := tn.openableOf(c)
	if err != nil {
		return err
	}
	switch tn.openState(o.id) {
	case "open":
		return refuse("%s%salready open.", capital(o.name), o.is())
	case "locked":
		return refuse("%s%slocked.", capital(o.name), o.is())
	}
	if o.fixed {
		return refuse("That's not something you can open.")
	}
	tn.setOpen(o.id, "open")
	tn.announceOpen(o, "open")
	tn.say("You open " + o.name + ".")
	if s := tn.describeContents(o.id); s != "" {
		tn.say(s)
	}
	return nil
}

func doClose(tn *turn, c *parse.Command) error {
	o, err := tn.openableOf(c)
	if err != nil {
		return err
	}
	if o.fixed {
		return refuse("That's not something you can close.")
	}
	if tn.openState(o.id) != "open" {
		return refuse("%s%salready closed.", capital(o.name), o.is())
	}
	tn.setOpen(o.id, "closed")
	tn.announceOpen(o, "close")
	tn.say("You close " + o.name + ".")
	return nil
}

func doLock(tn *turn, c *parse.Command) error {
	o, err := tn.openableOf(c)
	if err != nil {
		return err
	}
	switch tn.openState(o.id) {
	case "locked":
		return refuse("%s%salready locked.", capital(o.name), o.is())
	case "open":
		return refuse("You'll have to close %s first.", o.name)
	}
	note, err := tn.keyFor(o, c)
	if err != nil {
		return err
	}
	tn.setOpen(o.id, "locked")
	tn.announceOpen(o, "lock")
	tn.say(note)
	tn.say("You lock " + o.name + ".")
	return nil
}

func doUnlock(tn *turn, c *parse.Command) error {
	o, err := tn.openableOf(c)
	if err != nil {
		return err
	}
	if tn.openState(o.id) != "locked" {
		return refuse("%s%snot locked.", capital(o.name), o.is())
	}
	note, err := tn.keyFor(o, c)
	if err != nil {
		return err
	}
	tn.setOpen(o.id, "closed")
	tn.announceOpen(o, "unlock")
	tn.say(note)
	tn.say("You unlock " + o.name + ".")
	return nil
}

// keyFor checks the key the player named, or finds a carried one that
// fits and says which: "(with the brass key)".
func (tn *turn) keyFor(o openable, c *parse.Command) (string, error) {
	if o.key == "" {
		return "", refuse("You see no way to lock or unlock %s.", o.name)
	}
	if c.Second != nil {
		t := tn.resolve(*c.Second)
		switch {
		case t.item == nil || !tn.carried(t.item.ID):
			return "", refuse("You aren't holding %s.", t.the())
		case t.item.ID != o.key:
			return "", refuse("%s doesn't fit %s.", capital(t.the()), o.name)
		}
		return "", nil
	}
	if tn.carried(o.key) {
		return "(with " + theItem(tn.item(o.key)) + ")", nil
	}
	return "", refuse("You have nothing that fits %s.", o.name)
}

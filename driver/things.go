package driver

import (
	"strconv"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
)

// thing is what a parsed noun refers to in this story. Exactly one of the
// pointers is set (or self is true).
type thing struct {
	item   *story.Item
	door   *story.Door
	npc    *story.NPC
	detail *story.Detail
	exit   *exit
	self   bool
	other  *player // another player
}

// resolve turns a noun from the parser back into the world's object.
func (tn *turn) resolve(n parse.Noun) thing {
	id := n.ID
	switch {
	case id == idSelf:
		return thing{self: true}
	case strings.HasPrefix(id, idPlayer):
		for _, p := range tn.othersHere() {
			if p.id == id[len(idPlayer):] {
				return thing{other: p}
			}
		}
		return thing{}
	case strings.HasPrefix(id, idItem):
		return thing{item: tn.story.Items[id[len(idItem):]]}
	case strings.HasPrefix(id, idDoor):
		return thing{door: tn.story.Doors[id[len(idDoor):]]}
	case strings.HasPrefix(id, idNPC):
		return thing{npc: tn.story.NPCs[id[len(idNPC):]]}
	case strings.HasPrefix(id, idDetail):
		return thing{detail: tn.detail(id[len(idDetail):])}
	case strings.HasPrefix(id, idExit):
		if ex, ok := tn.findExit(id[len(idExit):]); ok {
			return thing{exit: &ex}
		}
	}
	if n.Kind == parse.Exit {
		if ex, ok := tn.findExit(id); ok {
			return thing{exit: &ex}
		}
	}
	return thing{}
}

// detail finds "item:lamp:0" or "location:hall:2".
func (tn *turn) detail(ref string) *story.Detail {
	i := strings.LastIndexByte(ref, ':')
	if i < 0 {
		return nil
	}
	n, err := strconv.Atoi(ref[i+1:])
	if err != nil || n < 0 {
		return nil
	}
	var ds []*story.Detail
	owner := ref[:i]
	switch {
	case strings.HasPrefix(owner, idItem):
		if it := tn.story.Items[owner[len(idItem):]]; it != nil {
			ds = it.Details
		}
	case strings.HasPrefix(owner, "location:"):
		if l := tn.story.Locations[owner[len("location:"):]]; l != nil {
			ds = l.Details
		}
	}
	if n >= len(ds) {
		return nil
	}
	return ds[n]
}

// the is the thing's name with "the" and its tag, for any sentence.
func (t thing) the() string {
	switch {
	case t.item != nil:
		return theItem(t.item)
	case t.door != nil:
		return theDoor(t.door)
	case t.npc != nil:
		return theNPC(t.npc)
	case t.detail != nil && len(t.detail.Words) > 0:
		return "the " + t.detail.Words[0]
	case t.exit != nil:
		return "the way <exit>" + t.exit.name + "</exit>"
	case t.self:
		return "yourself"
	case t.other != nil:
		return t.other.the()
	}
	return "that"
}

// actions are the story's verbs defined on the thing.
func (t thing) actions() []*story.Action {
	switch {
	case t.item != nil:
		return t.item.Actions
	case t.door != nil:
		return t.door.Actions
	case t.npc != nil:
		return t.npc.Actions
	}
	return nil
}

// storyAction gives the story's own meaning of a verb precedence over the
// built-in one: the object's actions first, then the location's. done is
// false when the story has nothing to say and the built-in verb should run.
func (tn *turn) storyAction(c *parse.Command) (done bool, err error) {
	if len(c.Objects) == 1 && !c.All {
		if done, err := tn.tryActions(c, tn.resolve(c.Objects[0]).actions()); done {
			return true, err
		}
	}
	if loc := tn.story.Locations[tn.st.Location]; loc != nil && (len(c.Objects) == 0 || !tn.isKnownVerb(c.Verb)) {
		return tn.tryActions(c, loc.Actions)
	}
	return false, nil
}

func (tn *turn) isKnownVerb(v string) bool { _, ok := tn.verbs[v]; return ok }

func (tn *turn) tryActions(c *parse.Command, as []*story.Action) (bool, error) {
	for _, a := range as {
		if !actionFits(a.Verbs, c) || (a.Once && tn.used(a)) {
			continue
		}
		if !tn.holds(a.If) {
			if a.Refuse != "" {
				return true, refusal(a.Refuse) // varied when said, after the undo
			}
			continue // the next action with this verb may apply
		}
		if a.Once {
			tn.once(a)
		}
		tn.apply(a.Do)
		return true, nil
	}
	return false, nil
}

// locActions are the actions of the player's location.
func (tn *turn) locActions() []*story.Action {
	if loc := tn.story.Locations[tn.st.Location]; loc != nil {
		return loc.Actions
	}
	return nil
}

// hasVerb reports whether any of the actions is for the command's verb.
func hasVerb(as []*story.Action, c *parse.Command) bool {
	for _, a := range as {
		if actionFits(a.Verbs, c) {
			return true
		}
	}
	return false
}

// actionFits matches an action's verbs against the canonical verb and
// against the words typed: the story's "rub" must win even where the
// parser files "rub" under touch.
func actionFits(verbs []string, c *parse.Command) bool {
	typed := strings.ToLower(strings.TrimSpace(c.Line)) + " "
	for _, w := range verbs {
		if strings.EqualFold(w, c.Verb) || strings.HasPrefix(typed, strings.ToLower(w)+" ") {
			return true
		}
	}
	return false
}

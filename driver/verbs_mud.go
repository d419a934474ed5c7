package driver

import (
	"strings"

	"github.com/tale-if/tale/tio/markup"
)

// The commands players use to talk to each other take the rest of the
// line as it was typed: it is speech, not something to parse. They are
// caught before the parser (mudLine), as Tale does for say. What they say
// is marked up as speech (markup.Say and the rest), so no front end has
// to tell it from narration by its wording.

// mudLine runs line when it is one of the players' commands (who, tell,
// emote) and reports whether it was. tell to someone who is not a player
// falls through to the parser, where it asks an NPC about something.
func (h handling) mudLine(line string) bool {
	verb, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
	rest = strings.TrimSpace(rest)
	switch strings.ToLower(verb) {
	case "who":
		if !h.mud() {
			return false
		}
		h.atomically(func(tn *turn) error { tn.who(rest); return nil })
		return true
	case "emote", ":":
		if !h.mud() {
			return false
		}
		h.atomicCommand(func(tn *turn) error { return tn.emote(rest) }, true)
		return true
	case "shout", "yell", "scream":
		if !h.mud() || rest == "" {
			return false // the social verb: "You shout loudly."
		}
		h.atomicCommand(func(tn *turn) error { tn.shout(tn.quote(markup.Escape(rest))); return nil }, true)
		return true
	case "tell", "whisper":
		name, text, _ := strings.Cut(rest, " ")
		to := h.playerNamed(name)
		if to == nil || to == h.p {
			return false
		}
		h.atomicCommand(func(tn *turn) error { return tn.tellPlayer(to, strings.TrimSpace(text)) }, true)
		return true
	}
	return false
}

// playerNamed finds a player in the world by name, case-insensitively.
func (w *World) playerNamed(name string) *player {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, p := range w.players {
		if p.id == name && !p.left {
			return p
		}
	}
	return nil
}

func (tn *turn) emote(text string) error {
	if text == "" {
		return refuse("What do you want to do? (<bright>emote waves a paw</bright> shows the others “%s waves a paw”.)", tn.player.the())
	}
	tn.speech = true
	line := tn.player.the() + " " + markup.Escape(text)
	tn.say(markup.Emote.Mark("You emote: " + line))
	tn.tellOthers(markup.Emote.Mark(line))
	return nil
}

// tellPlayer says something to one player, wherever they are; nobody
// else hears it.
func (tn *turn) tellPlayer(to *player, text string) error {
	if text == "" {
		return refuse("What do you want to tell %s?", to.the())
	}
	tn.speech = true
	said := tn.quote(markup.Escape(text))
	tn.say(markup.Tell.Mark("You tell " + to.the() + ": " + said))
	tn.tell(to, markup.Tell.Mark(tn.player.the()+" tells you: "+said))
	return nil
}

// shout is said to the room and heard in the rooms next to it, from
// the direction it comes.
func (tn *turn) shout(said string) {
	tn.speech = true
	tn.say(markup.Shout.Mark("You shout: " + said))
	tn.tellOthers(markup.Shout.Mark(tn.player.the() + " shouts: " + said))
	here := tn.st.Location
	heard := map[string]bool{here: true}
	for _, ex := range tn.exitsAt(here) { // hidden or not, sound carries
		if heard[ex.To] || tn.story.Locations[ex.To] == nil {
			continue
		}
		heard[ex.To] = true
		// Where it comes from is part of hearing it: one utterance.
		tn.tellAt(ex.To, markup.Shout.Mark("Someone nearby shouts: "+said+" "+tn.typeset(fromWhere(tn.wayBack(ex.To, here)))), nil)
	}
}

// wayBack is the name of an exit of loc that leads to to, or "".
func (tn *turn) wayBack(loc, to string) string {
	for _, ex := range tn.exitsAt(loc) {
		if ex.To == to {
			return ex.name
		}
	}
	return ""
}

// fromWhere says where a sound comes from, through the exit of the
// listener's room that leads to it.
func fromWhere(way string) string {
	switch way {
	case "":
		return "You can't tell where it came from."
	case "up":
		return "The sound comes from above."
	case "down":
		return "The sound comes from below."
	case "in":
		return "The sound comes from inside."
	case "out":
		return "The sound comes from outside."
	}
	for _, d := range []string{"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"} {
		if way == d {
			return "The sound comes from the " + d + "."
		}
	}
	return "The sound comes through the " + way + "."
}

package driver

import (
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio/markup"
)

// The modes a world runs in (Options.Mode).
const (
	// ModeIF is one player in the world: undo, save and restore work, and
	// quit ends the game.
	ModeIF = "if"
	// ModeMUD is many players in one world: nothing one player does can
	// take back what another did (no undo, restore, save or restart), and
	// quit leaves the game while the world goes on.
	ModeMUD = "mud"
)

func (w *World) mud() bool { return w.opts.Mode == ModeMUD }

// mudRefusals are the IF commands a shared world cannot offer, with the
// sentence that says why.
var mudRefusals = map[string]string{
	"undo":    "There is no undo in a shared world: it would take back what the other players did too.",
	"restore": "You can't restore a saved game in a shared world: it would take the other players back in time too.",
	"save":    "Games can't be saved in a shared world; the world goes on without you when you leave.",
	"saves":   "There are no saved games in a shared world; the world goes on without you when you leave.",
	"restart": "You can't restart a shared world. Type <bright>quit</bright> to leave the game.",
}

// msgOverMUD is what a player whose story has ended reads in a shared
// world, where nothing can be taken back.
const msgOverMUD = "The story is over for you. Type <bright>quit</bright> to leave the game; the others play on."

// displayName is a joining player's name as others read it: as typed,
// with a capital first letter. It is text: every sentence escapes it.
func displayName(name string) string {
	r, n := utf8.DecodeRuneInString(name)
	if r == utf8.RuneError {
		return name
	}
	return string(unicode.ToUpper(r)) + name[n:]
}

// the is the player's name for a sentence others read: escaped, tagged.
func (p *player) the() string { return "<player>" + markup.Escape(p.name) + "</player>" }

// locOf is where p is in this turn (its working copy when the turn has
// moved it).
func (tn *turn) locOf(p *player) string {
	if p == tn.player {
		return tn.st.Location
	}
	if ps := tn.own.get(p); ps != nil {
		return ps.Location
	}
	return p.own.Location
}

// playersAt are the players in a location, in the order they joined,
// leaving out skip (nil: nobody).
func (tn *turn) playersAt(loc string, skip *player) []*player {
	var out []*player
	for _, p := range tn.World.players {
		if p != skip && !p.left && tn.locOf(p) == loc {
			out = append(out, p)
		}
	}
	return out
}

// othersHere are the other players where the turn's player is.
func (tn *turn) othersHere() []*player { return tn.playersAt(tn.st.Location, tn.player) }

// tellAt tells everyone in loc but skip.
func (tn *turn) tellAt(loc, text string, skip *player) {
	for _, p := range tn.playersAt(loc, skip) {
		tn.tell(p, text)
	}
}

// tellDeedAt tells everyone in loc but the turn's player what it did,
// which each of them may have narrated.
func (tn *turn) tellDeedAt(loc, text string) {
	for _, p := range tn.playersAt(loc, tn.player) {
		tn.tell(p, text)
		tn.narrateFor(p, narrate.Action, text, "", nil)
	}
}

// tellOthers tells the others where the turn's player is what they see
// it do.
func (tn *turn) tellOthers(text string) {
	if tn.player != nil {
		tn.tellAt(tn.st.Location, text, tn.player)
	}
}

// maxNamed is how many other players look and the state event name: a
// crowded room still reads as a sentence and its state stays small, and
// since the names are the first to have come (join order), more arriving
// does not change what everyone there is sent (no fan-out that grows
// with the square of the room).
const maxNamed = 10

// describePlayers is "Ann is here.", "Ann and Bob are here." or, in a
// crowd, "Ann, Bob, … and 48 others are here." for look.
func (tn *turn) describePlayers() string {
	others := tn.othersHere()
	if len(others) == 0 {
		return ""
	}
	names := make([]string, 0, min(len(others), maxNamed+1))
	for _, p := range others[:min(len(others), maxNamed)] {
		names = append(names, p.the())
	}
	if more := len(others) - maxNamed; more > 0 {
		word := numberWord(more) + " others"
		if more == 1 {
			word = "one other"
		}
		names = append(names, word)
	}
	if len(names) == 1 {
		return names[0] + " is here."
	}
	return listAnd(names) + " are here."
}

// playerNames are the first maxNamed other players here, as the state
// event lists them: plain names (a front end escapes them like any
// other text).
func (tn *turn) playerNames() []string {
	var out []string
	loc := tn.st.Location
	for _, p := range tn.World.players {
		if len(out) == maxNamed {
			break
		}
		if p != tn.player && !p.left && tn.locOf(p) == loc {
			out = append(out, p.name)
		}
	}
	return out
}

// announceMove tells those left behind and those arrived at that the
// turn's player went through ex from from.
func (tn *turn) announceMove(from string, ex exit) {
	name := tn.player.the()
	tn.tellDeedAt(from, name+" "+leaving(ex.name)+".")
	tn.tellDeedAt(ex.To, name+" "+arriving(ex.name)+".")
}

// startAt is where the story puts an item before anyone plays.
func (w *World) startAt(id string) string {
	at := w.story.Items[id].At
	if at == "" || at == atPlayer {
		return nowhere
	}
	return at
}

// joinOpening is a player's start in a world already going: the story's
// banner and intro, and a look, without running what arriving sets off
// (the world is not the player's to reset). The others there see the
// player appear.
func (tn *turn) joinOpening() {
	tn.banner()
	loc := tn.story.Locations[tn.st.Location]
	tn.say(tn.describe(true))
	tn.writablePlayer(cpVisited).Visited[loc.ID] = true
	tn.tellOthers(tn.player.the() + " appears.")
	if tn.st.Over != "" {
		tn.endFor(tn.st.Over) // the world's story ended before this player came
	}
}

// dropAll puts down where p stands everything p holds, as p leaves.
func (tn *turn) dropAll(p *player) []*story.Item {
	var out []*story.Item
	loc := tn.locOf(p)
	for _, id := range tn.story.Order.Items {
		if tn.st.Items[id] == p.holder {
			tn.writableWorld(cwItems).Items[id] = loc
			out = append(out, tn.item(id))
		}
	}
	return out
}

// leaveWorld takes p out of the world as one world turn: what a guest
// held falls where it stood, what a kept character holds leaves with it
// (character.go), and the others there read why it went.
func (w *World) leaveWorld(p *player, why string) {
	if p.left {
		return
	}
	keep := w.keeps(p)
	w.worldAtomically("leave "+p.id, func(tn *turn) {
		loc := tn.locOf(p)
		var dropped []*story.Item
		if !keep {
			dropped = tn.dropAll(p)
		}
		text := p.the() + " " + why
		if len(dropped) > 0 {
			names := make([]string, len(dropped))
			for i, it := range dropped {
				names[i] = aItem(it)
			}
			text += " " + capital(listAnd(names)) + " " + isAreN(len(dropped), dropped[0]) + " left behind."
		}
		tn.tellAt(loc, text, p)
	})
	if keep {
		w.keepCharacter(p)
	}
	w.leave(p)
}

// isAreN is "is" or "are" for what was listed.
func isAreN(n int, first *story.Item) string {
	if n > 1 || first.Plural {
		return "are"
	}
	return "is"
}

// who answers "who" and "who NAME".
func (tn *turn) who(name string) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name != "" {
		for _, p := range tn.World.players {
			if p.id == name && !p.left {
				if p == tn.player {
					tn.say("You are in " + tn.placeName(tn.st.Location) + ".")
					return
				}
				tn.say(p.the() + " is in " + tn.placeName(tn.locOf(p)) + ".")
				return
			}
		}
		tn.say("There is no player called <userinput>" + markup.Escape(name) + "</userinput> here.") // as typed: no typography
		return
	}
	var lines []string
	for _, p := range tn.World.players {
		if p.left {
			continue
		}
		line := p.the() + ": " + tn.placeName(tn.locOf(p))
		if p == tn.player {
			line += " (you)"
		}
		if p.linkDead() {
			line += " (link-dead)"
		}
		lines = append(lines, line)
	}
	n := len(lines)
	head := "There are " + numberWord(n) + " players in the world:"
	if n == 1 {
		head = "You are the only player in the world:"
	}
	tn.say(head + "<br>" + strings.Join(lines, "<br>"))
}

func (tn *turn) placeName(loc string) string {
	if l := tn.story.Locations[loc]; l != nil {
		return "<location>" + l.Name + "</location>"
	}
	return "nowhere"
}

// worldAtomically runs f as a world turn and commits it; a panic drops
// the turn whole and is logged, and the world goes on (contract 6).
func (w *World) worldAtomically(what string, f func(tn *turn)) {
	tn := w.worldTurn()
	defer func() {
		if r := recover(); r != nil {
			w.log.Error("world turn failed", "what", what, "panic", r, "stack", string(debug.Stack()))
			tn.drop()
			return
		}
		tn.commit()
	}()
	f(tn)
}

// housekeepPeriod is how often the loop looks for idle and link-dead
// players: their limits are minutes, so a second is precise enough.
const housekeepPeriod = time.Second

// housekeep logs out idle players and lets link-dead ones go after their
// grace. It reads the wall clock (now), which game state never does
// (contract 5): it only takes players out, never changes the world
// otherwise, so a replay of the same commands still plays the same.
func (w *World) housekeep(now time.Time) {
	for _, p := range slices.Clone(w.players) {
		if p.left {
			continue
		}
		idle := w.opts.IdleTimeout
		if idle > 0 && !p.lastInput.IsZero() && now.Sub(p.lastInput) >= idle {
			if w.journaled(EntryLeave, p.id, leaveIdle) {
				w.depart(p, leaveIdle)
			}
			continue
		}
		switch readers := p.events.Readers(); {
		case readers > 0 && !p.deadSince.IsZero():
			if w.journaled(EntryBack, p.id, "") {
				w.comeBack(p)
			}
		case readers > 0:
		case p.deadSince.IsZero():
			if w.journaled(EntryAway, p.id, "") {
				w.goAway(p, now)
			}
		case w.opts.LinkDeadGrace > 0 && now.Sub(p.deadSince) >= w.opts.LinkDeadGrace:
			if w.journaled(EntryLeave, p.id, leaveGone) {
				w.depart(p, leaveGone)
			}
		}
	}
}

func (p *player) linkDead() bool { return !p.deadSince.IsZero() }

// holderPlayer is the player whose holder id at is, or nil.
func (tn *turn) holderPlayer(at string) *player {
	for _, p := range tn.World.players {
		if p.holder == at && !p.left {
			return p
		}
	}
	return nil
}

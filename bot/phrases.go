package bot

import (
	"regexp"
	"strings"

	"github.com/tale-if/tale/tio"
)

// What the bot reads, in one place.
//
// The bot plays from what a player sees: the KindState snapshot (location
// name, exits, items, NPCs, inventory, turns, score), KindEnd, and the
// plain text of replies. Most decisions rest on the state alone; the few
// things only the text tells are matched by the phrases below, so the
// driver's messages and the bot can be kept in step from this table.
//
//	phrase          the driver says                               the bot concludes
//	--------------  --------------------------------------------  -----------------------------------------
//	reLocked        "The oak door is locked."                     that exit has a locked door: try "unlock <dir>"
//	reClosed        "The oak door is closed."                     that exit has a closed door: "open <dir>"
//	reNoWay         "You can't go that way."                      that exit leads nowhere (for now)
//	reNoKey         "You have nothing that fits the oak door."    no carried key fits; retry after new finds (any
//	                "The iron key doesn't fit the oak door."      other refusal of "unlock <dir>": the bot names
//	                                                              each key, "unlock <dir> with <key>")
//	reUnlocked      "You unlock the oak door."                    the door is now closed, not locked
//	reOpened        "You open the oak door."                      the door is open
//	reTooMuch       "You're carrying too much already."           drop something before taking more
//	reGuarded       "… You will have to deal with it first."      the hoard is guarded: fight first
//	reNoFight       "Violence isn't the answer to this one."      this NPC cannot be fought: leave it be (as
//	                "What do you want to attack?" / "can't attack"  for any refused "attack <npc>")
//	reWorn          "You put on the mail shirt."                  the item is worn
//	reWielded       "You hold the short sword at the ready."      the item is wielded
//	reAtYou         "The giant rat hits you. (HP 27/30)"          that kind of creature attacks: fight it first
//	                "The giant rat attacks you and misses."       (a sentence naming a creature seen in the
//	                "The cave bat follows you."                   status and saying "you"/"your")
//	reOwnAction     "You hit the giant rat." "(first taking …)"   not an attack on the bot
//	reNearlyDead    "The giant rat is nearly dead."               one more blow may do: finish it before healing
//
// Hit points are not read from text at all: the state event carries them.
//
// Refusals never pass game time, so "the turn counter did not move" is the
// bot's general sign that a command was refused; the phrases refine it.
var (
	reLocked   = regexp.MustCompile(`(?i)\bis locked\b`)
	reClosed   = regexp.MustCompile(`(?i)\bis closed\b`)
	reNoWay    = regexp.MustCompile(`(?i)can't go that way`)
	reNoKey    = regexp.MustCompile(`(?i)nothing that fits|doesn't fit|no key`)
	reUnlocked = regexp.MustCompile(`(?i)\byou unlock\b|\bis not locked\b|\bnot locked\b`)
	reOpened   = regexp.MustCompile(`(?i)\byou open\b|\balready open\b`)
	reTooMuch  = regexp.MustCompile(`(?i)carrying too much|too heavy|can't carry`)
	reGuarded  = regexp.MustCompile(`(?i)deal with it first|stands over|guards? the`)
	reNoFight  = regexp.MustCompile(`(?i)violence isn't the answer|what do you want to attack|can't attack|nothing (here )?to (attack|fight)`)
	reWorn     = regexp.MustCompile(`(?i)\byou put on\b|already wearing`)
	reWielded  = regexp.MustCompile(`(?i)at the ready|\byou wield\b|already wielding`)

	reNearlyDead = regexp.MustCompile(`(?i)\bis nearly dead\b|\bis barely standing\b`)
	reSentence   = regexp.MustCompile(`[.!?]\s+|\n`)
	reAtYou      = regexp.MustCompile(`(?i)\byou(r)?\b`)
	reOwnAction  = regexp.MustCompile(`^(?i)you\b|^\(`)
)

// The dungeon's own words: the hoard the story's intro names, and what an
// experienced delver knows of the things found down there (a ranking, not
// a peek: any item not listed is found out by trying to wear or wield it).
const hoardName = "abbey silver"

var (
	// weaponRank orders weapons, better last.
	weaponRank = map[string]int{
		"rusty dagger":       3,
		"short sword":        4,
		"flanged mace":       6,
		"knight's longsword": 7,
	}
	// armourRank orders armour, better last.
	armourRank = map[string]int{
		"leather jerkin":     1,
		"mail shirt":         2,
		"dented breastplate": 3,
	}
	// heals are the things to drink or eat when hurt, and how much each heals.
	drinks = map[string]int{"healing draught": 12}
	foods  = map[string]int{"heel of bread": 5, "wedge of cheese": 7}
	// treasure is only worth points: no need to try wearing it.
	treasure = map[string]bool{"handful of coins": true, "pewter chalice": true}
)

// stateHP reads hit points from the status snapshot, which carries them
// in a story with combat (MaxHP is 0 in one without).
func stateHP(st *tio.State) (hp, max int, ok bool) {
	if st == nil || st.MaxHP <= 0 {
		return 0, 0, false
	}
	return st.HP, st.MaxHP, true
}

// isKey says whether an item name is a key ("iron key").
func isKey(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), " key") || name == "key"
}

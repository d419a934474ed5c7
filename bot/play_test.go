package bot_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tale-if/tale/bot"
)

// twoLevels is a small dungeon: a loop and a locked door on level 1 whose
// key lies on this side of it, the stair down behind the door, and on
// level 2 a rat on the way to the lair where a wight guards the hoard.
// Level 2's stair foot shares a name with a level-1 room: names are only
// unique within a level.
//
//	level 1:  Foot ── Hall ══oak══ Vault (down)
//	           │        │
//	         Pantry ── Cross
//
//	level 2:  Hall (up)
//	           │
//	          Crypt ── Lair
func twoLevels() *fakeWorld {
	w := newFakeWorld()
	w.room("foot", "Foot of the Abbey Stair")
	w.room("hall", "Hall")
	w.room("vault", "Vault")
	w.room("pantry", "Pantry", "iron key", "short sword", "leather jerkin")
	w.room("cross", "Crossing")
	w.link("foot", "east", "hall", nil)
	w.link("hall", "east", "vault", &fDoor{name: "oak door", key: "iron key", state: "locked"})
	w.link("foot", "south", "pantry", nil)
	w.link("pantry", "east", "cross", nil)
	w.link("cross", "north", "hall", nil)

	w.room("top2", "Hall")
	w.room("crypt", "Crypt", "healing draught", "mail shirt")
	w.room("lair", "Lair", "abbey silver")
	w.link("vault", "down", "top2", nil)
	w.link("top2", "south", "crypt", nil)
	w.link("crypt", "east", "lair", nil)
	w.rooms["crypt"].npcs = []*fNPC{{name: "giant rat", hp: 5, hit: 2}}
	w.rooms["lair"].npcs = []*fNPC{{name: "barrow wight", hp: 20, hit: 3, guards: "abbey silver"}}
	return w
}

func play(t *testing.T, w *fakeWorld, opts bot.Options) (bot.Result, error, string) {
	t.Helper()
	var log bytes.Buffer
	opts.Log = &log
	res, err := bot.Play(context.Background(), w.open(), opts)
	return res, err, log.String()
}

func TestBotWinsFakeDungeon(t *testing.T) {
	w := twoLevels()
	res, err, log := play(t, w, bot.Options{})
	if err != nil || !res.Won || res.Ending != "victory" {
		t.Fatalf("Play = %+v, %v; transcript:\n%s", res, err, log)
	}
	if res.Commands != len(w.typed) {
		t.Errorf("Commands = %d, typed %d", res.Commands, len(w.typed))
	}
	if res.Turns != w.turns || res.Score != w.score {
		t.Errorf("Turns, Score = %d, %d; the world says %d, %d", res.Turns, res.Score, w.turns, w.score)
	}
	for _, line := range []string{"take iron key", "unlock east", "open east", "down",
		"attack giant rat", "attack barrow wight", "take abbey silver", "up", "wield short sword", "wear leather jerkin", "remove leather jerkin", "wear mail shirt"} {
		if !w.sent(line) {
			t.Errorf("never typed %q; transcript:\n%s", line, log)
		}
	}
	if len(w.worn) != 1 || w.worn[0] != "mail shirt" {
		t.Errorf("wearing %v, want only the mail shirt (one armour counts)", w.worn)
	}
	if !strings.Contains(log, "> unlock east") || !strings.Contains(log, "You unlock the oak door.") {
		t.Errorf("transcript lacks the unlocking:\n%s", log)
	}
}

// The hoard is carried home by the map: once it is taken, every move
// leads towards the start, none explores.
func TestBotWalksHomeWithTheHoard(t *testing.T) {
	w := twoLevels()
	res, err, log := play(t, w, bot.Options{})
	if !res.Won {
		t.Fatalf("Play = %+v, %v; transcript:\n%s", res, err, log)
	}
	i := strings.LastIndex(log, "> take abbey silver")
	var moves []string
	for _, line := range strings.Split(log[i:], "\n") {
		if m, ok := strings.CutPrefix(line, "> "); ok && m != "take abbey silver" && m != "score" {
			moves = append(moves, m)
		}
	}
	// Lair → Crypt → Hall(2) → up → Vault → Hall → Foot.
	want := []string{"west", "north", "up", "west", "west"}
	if strings.Join(moves, ",") != strings.Join(want, ",") {
		t.Errorf("way home = %v, want %v", moves, want)
	}
}

// Hit points need not show anywhere for the bot to explore and fight.
func TestBotWinsWithoutHitPoints(t *testing.T) {
	w := twoLevels()
	w.hpShown = false
	res, err, log := play(t, w, bot.Options{})
	if !res.Won {
		t.Fatalf("Play = %+v, %v; transcript:\n%s", res, err, log)
	}
}

// Low on health, the bot drinks before it fights on.
func TestBotDrinksWhenHurt(t *testing.T) {
	w := twoLevels()
	w.rooms["lair"].npcs[0].hp = 40
	w.rooms["lair"].npcs[0].hit = 4
	res, err, log := play(t, w, bot.Options{})
	if !res.Won {
		t.Fatalf("Play = %+v, %v; transcript:\n%s", res, err, log)
	}
	if !w.sent("drink healing draught") {
		t.Errorf("never drank; transcript:\n%s", log)
	}
}

func TestBotGivesUpWithinBudget(t *testing.T) {
	w := twoLevels()
	res, err, _ := play(t, w, bot.Options{MaxCommands: 5})
	if !errors.Is(err, bot.ErrGaveUp) || res.Won || res.Commands != 5 || len(w.typed) != 5 {
		t.Fatalf("Play = %+v, %v after %d lines; want a give-up after 5", res, err, len(w.typed))
	}
}

// When the key is nowhere to be found the bot does not hammer at the door.
func TestBotGivesUpWhenNothingIsLeft(t *testing.T) {
	w := twoLevels()
	w.rooms["pantry"].items = nil
	res, err, log := play(t, w, bot.Options{})
	if !errors.Is(err, bot.ErrGaveUp) || res.Won {
		t.Fatalf("Play = %+v, %v; transcript:\n%s", res, err, log)
	}
	if n := strings.Count(log, "> unlock east"); n != 1 {
		t.Errorf("tried the door %d times, want 1; transcript:\n%s", n, log)
	}
}

// The bot dies like anyone else, and says so.
func TestBotCanDie(t *testing.T) {
	w := twoLevels()
	w.rooms["crypt"].npcs[0] = &fNPC{name: "giant rat", hp: 500, hit: 9}
	w.rooms["crypt"].items = nil
	res, err, log := play(t, w, bot.Options{})
	if err != nil || res.Won || res.Ending != "death" {
		t.Fatalf("Play = %+v, %v; transcript:\n%s", res, err, log)
	}
}

// Where waiting heals, the bot rests when hurt instead of walking on.
func TestBotRestsWhenRestingHeals(t *testing.T) {
	w := twoLevels()
	w.regen = 1
	w.rooms["crypt"].items = nil // no potion
	w.rooms["crypt"].npcs[0] = &fNPC{name: "giant rat", hp: 30, hit: 4}
	res, err, log := play(t, w, bot.Options{})
	if !res.Won {
		t.Fatalf("Play = %+v, %v; transcript:\n%s", res, err, log)
	}
	if !w.sent("wait") {
		t.Errorf("never rested; transcript:\n%s", log)
	}
}

// A session whose replay no longer holds the opening answers Subscribe
// with a snapshot; the bot starts from that.
func TestBotStartsFromASnapshot(t *testing.T) {
	w := twoLevels()
	w.resync = true
	w.open()
	res, err := bot.Play(context.Background(), w, bot.Options{})
	if err != nil || !res.Won {
		t.Fatalf("Play = %+v, %v", res, err)
	}
}

// Losing a fight, the bot walks out (creatures strike where it arrives,
// not where it left), drinks in peace and comes back to finish it.
func TestBotStepsOutToHeal(t *testing.T) {
	w := twoLevels()
	w.rooms["pantry"].items = append(w.rooms["pantry"].items, "healing draught")
	w.rooms["crypt"].npcs[0] = &fNPC{name: "giant rat", hp: 25, hit: 5}
	res, err, log := play(t, w, bot.Options{})
	if !res.Won {
		t.Fatalf("Play = %+v, %v; transcript:\n%s", res, err, log)
	}
	fight := strings.Index(log, "> attack giant rat")
	out := strings.Index(log[fight:], "> north\n")
	drink := strings.Index(log[fight:], "> drink healing draught")
	dies := strings.Index(log[fight:], "The giant rat dies.")
	if out < 0 || drink < out || dies < drink {
		t.Errorf("want attack, north, drink, the rat dies, in that order; transcript:\n%s", log)
	}
	if strings.Contains(log[fight+drink:fight+drink+60], "hits you") {
		t.Errorf("drank under blows; transcript:\n%s", log)
	}
}

// A driver that wants the key named gets each key carried in turn.
func TestBotNamesKeysWhenAsked(t *testing.T) {
	w := twoLevels()
	w.namedKeys = true
	w.rooms["pantry"].items = append([]string{"bone key"}, w.rooms["pantry"].items...)
	res, err, log := play(t, w, bot.Options{})
	if !res.Won {
		t.Fatalf("Play = %+v, %v; transcript:\n%s", res, err, log)
	}
	if !w.sent("unlock east with bone key") || !w.sent("unlock east with iron key") {
		t.Errorf("did not name each key; transcript:\n%s", log)
	}
}

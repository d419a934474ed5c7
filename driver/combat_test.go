package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// arena is a small world with fighting: a camp with gear, a den with a
// hostile rat carrying a tooth, a hall with a peaceable beetle, and a
// cellar with a troll that hits hard.
func arena() *story.Story {
	s := &story.Story{
		ID: "arena",
		Config: story.Config{
			Name: "Arena", Version: "1", Start: "camp", Modes: []string{"if", "mud"},
			Typography: story.TypographyStraight, // about fighting, not quotes
			Player: story.Player{Name: "Wren", Gender: "f",
				Stats: &story.Stats{HP: 20, Attack: 3, Defence: 1, Level: 1}},
			Endings: map[string]*story.Ending{
				"death": {Kind: "lose", Title: "Dead", Text: "Your story ends here."},
				"won":   {Kind: "win", Title: "Won"},
			},
		},
		Locations: map[string]*story.Location{
			"camp": {Name: "Camp", Description: "A camp.", Exits: map[string]*story.Exit{
				"east": {To: "den"}, "north": {To: "hall"}, "down": {To: "cellar"}}},
			"den":    {Name: "Den", Description: "A den.", Exits: map[string]*story.Exit{"west": {To: "camp"}, "north": {To: "hall"}}},
			"hall":   {Name: "Hall", Description: "A hall.", Exits: map[string]*story.Exit{"south": {To: "camp"}}},
			"cellar": {Name: "Cellar", Description: "A cellar.", Exits: map[string]*story.Exit{"up": {To: "camp"}}},
		},
		Items: map[string]*story.Item{
			"sword":  {Name: "short sword", Aliases: []string{"sword"}, At: "camp", Weapon: &story.WeaponStats{Damage: 50, Bonus: 30}},
			"stick":  {Name: "stick", At: "camp", Weapon: &story.WeaponStats{Damage: 1}},
			"mail":   {Name: "mail shirt", Aliases: []string{"mail", "shirt"}, At: "camp", Wearable: true, Armour: &story.ArmourStats{Defence: 2}},
			"jerkin": {Name: "leather jerkin", Aliases: []string{"jerkin"}, At: "camp", Wearable: true, Armour: &story.ArmourStats{Defence: 1}},
			"potion": {Name: "healing draught", Aliases: []string{"draught"}, At: "camp", Drinkable: true, Heal: 10},
			"bread":  {Name: "bread", At: "camp", Edible: true, Heal: 5},
			"tooth":  {Name: "yellow tooth", Aliases: []string{"tooth"}, At: "rat"},
		},
		NPCs: map[string]*story.NPC{
			"rat": {Name: "giant rat", Aliases: []string{"rat"}, At: "den", Hostile: true,
				Stats: &story.Stats{HP: 6, Attack: 1, Defence: 0, XP: 25}},
			"beetle": {Name: "carrion beetle", Aliases: []string{"beetle"}, At: "hall",
				Stats: &story.Stats{HP: 500, Attack: 0, Defence: 0, XP: 1}},
			"troll": {Name: "troll", At: "cellar", Hostile: true,
				Stats: &story.Stats{HP: 500, Attack: 40, Defence: 0, XP: 100}},
			"keeper": {Name: "keeper", At: "hall"},
		},
	}
	fill(s)
	return s
}

func TestAttackKillsDropsItemsGivesXPAndLevels(t *testing.T) {
	h := newHarness(t, arena())
	h.do("take sword")
	h.expect("wield sword", "You hold the short sword at the ready.")
	h.expect("i", "short sword (wielded)")
	h.do("east")
	out := h.expect("attack rat", "You hit the giant rat with the short sword.", "The giant rat dies.",
		"It drops a yellow tooth.", "You gain 25 experience.", "You are now level 2.")
	if h.g.st().NPCs["rat"] != nowhere || h.where("tooth") != "den" {
		t.Errorf("after the kill: rat at %q, tooth at %q\n%s", h.g.st().NPCs["rat"], h.where("tooth"), out)
	}
	st := h.g.st()
	if st.XP != 25 || st.Level != 2 || st.MaxHP != 25 || st.Attack != 4 {
		t.Errorf("xp %d level %d max hp %d attack %d; want 25, 2, 25, 4", st.XP, st.Level, st.MaxHP, st.Attack)
	}
	h.expect("look", "yellow tooth")
	h.expect("attack rat", "You can't see any such thing here.")
	h.expect("score", "HP ", "/25", "level 2", "XP 25")
}

func TestAttackRefusals(t *testing.T) {
	h := newHarness(t, arena())
	h.do("north")
	h.expect("attack keeper", "Violence isn't the answer to this one.")
	h.expect("attack beetle with keeper", "You can't fight with the keeper.")
	// Without player stats a story has no combat at all.
	s := arena()
	s.Config.Player.Stats = nil
	h2 := newHarness(t, s)
	h2.do("east")
	h2.expect("attack rat", "Violence isn't the answer to this one.")
	h2.expect("score", "You have scored")
	if out := h2.do("score"); strings.Contains(out, "HP") {
		t.Errorf("score shows hit points without combat:\n%s", out)
	}
}

func TestAttackedNPCTurnsHostileAndStrikesBack(t *testing.T) {
	h := newHarness(t, arena())
	h.do("north")
	h.reject("wait", "beetle hits", "beetle attacks")
	h.g.story.NPCs["beetle"].Stats.Attack = 12 // the harness owns the story: hit every time, 7 to 13 damage
	h.expect("attack beetle", "The carrion beetle hits you.")
	if !h.g.st().Hostile["beetle"] {
		t.Error("an attacked NPC did not turn hostile")
	}
	h.expect("examine beetle", "The carrion beetle is")
}

func TestMonstersAttackOnTicks(t *testing.T) {
	h := newHarness(t, arena())
	h.do("east") // the rat strikes on the tick after the player arrives
	before := h.g.st().HP
	for range 5 {
		h.do("wait")
	}
	if h.g.st().HP >= before {
		t.Errorf("hp %d after five ticks with a hostile rat, was %d", h.g.st().HP, before)
	}
	h.g.st().HP = h.g.st().MaxHP
	out := h.do("wait")
	if !strings.Contains(out, "The giant rat hits you. (HP ") && !strings.Contains(out, "The giant rat attacks you and misses.") {
		t.Errorf("no attack on a tick:\n%s", out)
	}
	if st := h.g.tn().status(); st.HP != h.g.st().HP || st.MaxHP != 20 || st.Level != 1 {
		t.Errorf("status hp %d/%d level %d", st.HP, st.MaxHP, st.Level)
	}
}

func TestCombatIsDeterministic(t *testing.T) {
	play := func() string {
		h := newHarness(t, arena())
		var b strings.Builder
		for _, l := range []string{"take stick", "wield stick", "east", "attack rat", "attack rat", "attack rat", "wait", "attack rat", "attack rat", "west", "east", "attack rat"} {
			b.WriteString(h.do(l))
		}
		return b.String()
	}
	a, b := play(), play()
	if a != b {
		t.Errorf("the same seed and commands fought differently:\n%s\n----\n%s", a, b)
	}
	if !strings.Contains(a, "with the stick") {
		t.Errorf("the blows do not name the weapon:\n%s", a)
	}
}

func TestPlayerDeathUndoAndRestart(t *testing.T) {
	h := newHarness(t, arena())
	h.do("take draught")
	h.g.st().HP = 1
	h.g.st().Location = "cellar"
	h.g.play(tio.Line("wait"))
	evs := h.events()
	out := textOf(evs)
	for _, want := range []string{"The troll hits you.", "Your story ends here.", "Would you like to RESTART, RESTORE a saved game, UNDO your last move, or QUIT?"} {
		if !strings.Contains(out, want) {
			t.Errorf("death lacks %q:\n%s", want, out)
		}
	}
	var end *tio.Ending
	for _, ev := range evs {
		if ev.Kind == tio.KindEnd {
			end = ev.Ending
		}
	}
	if end == nil || end.ID != "death" || end.Won {
		t.Fatalf("ending %+v, want the lose ending death", end)
	}
	h.expect("drink draught", "The story is over.")
	h.expect("undo", "You take back your last move.", "Cellar")
	if h.g.st().Ended != "" || h.g.st().HP != 1 {
		t.Errorf("after undo: ended %q, hp %d", h.g.st().Ended, h.g.st().HP)
	}
	h.do("wait")                // dies again
	h.expect("restart", "Camp") // at an ending, restart answers its question: no "are you sure?"

	if h.g.st().HP != 20 || h.g.st().Location != "camp" || h.g.st().Ended != "" {
		t.Errorf("after restart: hp %d at %q ended %q", h.g.st().HP, h.g.st().Location, h.g.st().Ended)
	}
}

// dungeonStory is the bundled dungeon, read from its folder.
func dungeonStory(t *testing.T) *story.Story {
	t.Helper()
	s, err := story.Load(os.DirFS("../stories"), "dungeon")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDeathInTheDungeonRestartsTheSameDungeon(t *testing.T) {
	seed := uint64(7)
	h := newHarness(t, dungeonStory(t), func(o *Options) { o.Seed = &seed })
	evs, _ := h.g.you().events.After(0)
	opening := textOf(evs)
	firstLook := h.do("look")
	// Walk until a room with a monster, then let it win.
	var foe string
	for _, id := range h.g.story.Order.NPCs {
		if n := h.g.story.NPCs[id]; n.Hostile && n.Stats != nil {
			foe = id
			break
		}
	}
	h.g.st().Location = h.g.st().NPCs[foe]
	h.g.st().HP = 1
	h.g.st().Defence = -100
	out := h.do("wait")
	if !strings.Contains(out, "Another Bone in the Dark") && !strings.Contains(out, "The Undercroft keeps you") {
		t.Errorf("no death ending:\n%s", out)
	}
	if !strings.Contains(out, "RESTART plays the same dungeon (seed 7) again.") {
		t.Errorf("no restart note:\n%s", out)
	}
	again := h.do("restart")
	if !strings.Contains(opening, again[strings.Index(again, "Foot of the Abbey Stair"):]) {
		t.Errorf("restart opened another dungeon:\n%s\n----\nfirst:\n%s", again, opening)
	}
	if h.do("look") != firstLook {
		t.Error("the first room differs after a restart")
	}
}

func TestWieldWearRemoveEatDrink(t *testing.T) {
	h := newHarness(t, arena())
	h.expect("wield bread", "That's no weapon.")
	h.expect("wield sword", "(first taking the short sword)", "You hold the short sword at the ready.")
	h.expect("wield sword", "You are already wielding the short sword.")
	h.expect("wear bread", "You can't wear that.")
	h.expect("wear jerkin", "You put on the leather jerkin.", "Your defence is now 2.")
	h.expect("wear mail", "(first taking off the leather jerkin)", "You put on the mail shirt.", "Your defence is now 3.")
	h.expect("i", "mail shirt (worn)", "short sword (wielded)")
	if h.g.st().Worn["jerkin"] || h.g.tn().defence() != 3 {
		t.Errorf("worn %v, defence %d", h.g.st().Worn, h.g.tn().defence())
	}
	h.expect("take off mail", "You take off the mail shirt.")
	h.expect("remove mail", "You're not wearing that.")
	if h.g.tn().defence() != 1 {
		t.Errorf("defence %d without armour, want 1", h.g.tn().defence())
	}
	h.expect("drop sword", "Dropped.")
	if h.g.tn().weapon() != nil {
		t.Error("a dropped sword is still wielded")
	}
	h.reject("i", "(wielded)")

	h.g.st().HP = 3
	h.expect("drink draught", "You drink the healing draught. You feel better. (HP 13/20)")
	h.expect("eat bread", "You eat the bread. You feel better. (HP 18/20)")
	if h.where("potion") != nowhere || h.where("bread") != nowhere {
		t.Errorf("potion at %q, bread at %q: not used up", h.where("potion"), h.where("bread"))
	}
	h.g.st().Items["bread"] = youHold
	h.expect("eat bread", "(HP 20/20)") // never past the maximum
}

func TestAttackWithAWeapon(t *testing.T) {
	h := newHarness(t, arena())
	h.do("take sword")
	h.do("take stick")
	h.do("wield stick")
	h.do("east")
	h.expect("attack rat with sword", "(first wielding the short sword)", "You hit the giant rat with the short sword.")
	if h.g.st().Wielded != "sword" {
		t.Errorf("wielding %q after attacking with the sword", h.g.st().Wielded)
	}
	h.expect("attack rat with bread", "You can't see any such thing here.")
}

func TestFlee(t *testing.T) {
	h := newHarness(t, arena())
	h.expect("flee", "There is nothing here to flee from.")
	h.do("east")
	out := h.do("flee")
	if !strings.Contains(out, "The giant rat hits you.") && !strings.Contains(out, "The giant rat attacks you and misses.") {
		t.Errorf("the rat got no free blow:\n%s", out)
	}
	if !strings.Contains(out, "You flee") || h.g.st().Location == "den" {
		t.Errorf("still in the den after fleeing:\n%s", out)
	}
	if h.g.st().NPCs["rat"] != "den" {
		t.Errorf("the rat followed a fleeing player to %q", h.g.st().NPCs["rat"])
	}
}

func TestHostileMonstersMayFollow(t *testing.T) {
	followed := 0
	for seed := range uint64(20) {
		h := newHarness(t, arena(), func(o *Options) { o.Seed = &seed })
		h.do("east")
		out := h.do("west")
		if h.g.st().NPCs["rat"] == "camp" {
			followed++
			if !strings.Contains(out, "The giant rat follows you.") {
				t.Errorf("seed %d: the rat followed silently:\n%s", seed, out)
			}
		}
	}
	if followed == 0 || followed == 20 {
		t.Errorf("the rat followed in %d of 20 games; want some, not all", followed)
	}
}

func TestMapOfTheDungeon(t *testing.T) {
	seed := uint64(3)
	h := newHarness(t, dungeonStory(t), func(o *Options) { o.Seed = &seed })
	h.g.play(tio.Line("map"))
	evs := h.events()
	var text string
	for _, ev := range evs {
		if ev.Kind == tio.KindText {
			text += ev.Text
		}
	}
	if !strings.Contains(text, "<monospaced>") || !strings.Contains(text, "[@]") {
		t.Errorf("map is not a monospaced drawing:\n%s", text)
	}
	// Elsewhere the map is the list of places.
	h2 := newHarness(t, testStory())
	h2.expect("map", "You have been to Entrance Hall.")
}

func TestFightingFiguresSurviveSaveRestoreAndUndo(t *testing.T) {
	h := newHarness(t, arena())
	h.do("take sword")
	h.do("wield sword")
	h.do("wear mail")
	h.do("east")
	h.do("attack rat")
	h.g.st().HP = 7
	h.g.st().Wounds["troll"] = 3
	want := *h.g.st()
	h.expect("save fight", "Game saved.")
	h.do("west")
	h.do("drop sword")
	h.g.st().HP, h.g.st().XP = 1, 0
	h.expect("restore fight", "Game restored.")
	got := h.g.st()
	if got.HP != want.HP || got.MaxHP != want.MaxHP || got.Level != want.Level || got.XP != want.XP ||
		got.Attack != want.Attack || got.Wielded != "sword" || !got.Worn["mail"] || got.Wounds["troll"] != 3 {
		t.Errorf("restored %+v\nwant %+v", got, want)
	}
	h.do("wait")
	h.g.st().HP = 2
	h.do("undo")
	if h.g.st().HP != 7 {
		t.Errorf("undo left hp %d, want 7", h.g.st().HP)
	}
}

// A hostile wanderer in the player's room stays to fight.
func TestHostileWandererStaysToFight(t *testing.T) {
	s := arena()
	s.NPCs["rat"].Behaviour.Wander = &story.Wander{Every: 1}
	h := newHarness(t, s)
	h.g.st().HP, h.g.st().MaxHP = 1000, 1000
	h.do("east")
	for range 10 {
		h.do("wait")
		if at := h.g.st().NPCs["rat"]; at != "den" {
			t.Fatalf("the rat wandered off to %q mid-fight", at)
		}
	}
	h.do("west")
	moved := false
	for range 10 {
		h.do("wait")
		if h.g.st().NPCs["rat"] != h.g.st().Location && h.g.st().NPCs["rat"] != "den" {
			moved = true
		}
	}
	if !moved && h.g.st().NPCs["rat"] != h.g.st().Location {
		t.Error("the rat never wandered once the player left")
	}
}

// A save from before combat existed still restores into a story without it.
func TestFormatOneSaveWithoutCombat(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	h.expect("save old", "Game saved.")
	path := filepath.Join(h.g.opts.DataDir, "saves", "test", "old.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), fmt.Sprintf(`"format": %d`, saveFormat), `"format": 1`, 1))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	h.do("drop lamp")
	h.expect("restore old", "Game restored.")
	if h.where("lamp") != youHold {
		t.Error("the old save did not restore")
	}
}

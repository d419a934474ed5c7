package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
)

func TestUndoSeveralLevels(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	h.do("east")
	h.do("west")
	h.do("drop lamp")
	h.expect("undo", "You take back your last move.")
	if h.where("lamp") != youHold {
		t.Fatalf("undo 1: lamp at %q", h.where("lamp"))
	}
	h.do("undo")
	if h.g.st().Location != "kitchen" {
		t.Fatalf("undo 2: at %q", h.g.st().Location)
	}
	h.do("undo")
	h.do("undo")
	if h.g.st().Location != "hall" || h.where("lamp") != "hall" || h.g.st().Turns != 0 {
		t.Fatalf("undo 4: at %q, lamp %q, turns %d", h.g.st().Location, h.where("lamp"), h.g.st().Turns)
	}
	h.expect("undo", "There is nothing to undo.")
}

// "undo" after a refused move takes back that attempt, not the move
// before it, which the player did not ask to lose.
func TestUndoAfterARefusalKeepsTheMoveBefore(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	h.do("east")
	h.do("drop lamp")
	h.expect("down", "too dark to go down")
	h.expect("undo", "You take back your last move.")
	if h.where("lamp") != "kitchen" {
		t.Fatalf("undoing the refused move also undid the drop: lamp at %q", h.where("lamp"))
	}
	h.do("undo")
	if h.where("lamp") != youHold {
		t.Fatalf("the second undo should take back the drop: lamp at %q", h.where("lamp"))
	}
}

func TestUndoIsBounded(t *testing.T) {
	h := newHarness(t, testStory(), func(o *Options) { o.UndoLevels = 2 })
	for range 5 {
		h.do("wait")
	}
	h.do("undo")
	h.do("undo")
	h.expect("undo", "There is nothing to undo.")
	if h.g.st().Turns != 3 {
		t.Errorf("turns %d after two undos of five waits", h.g.st().Turns)
	}
}

func TestEndingThenUndo(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("west")
	h.g.play(tio.Line("gate"))
	evs := h.events()
	last := evs[len(evs)-2] // then the score and the question
	if last.Kind != tio.KindEnd || last.Ending.ID != "drowned" || last.Ending.Won || last.Ending.Title != "Drowned" {
		t.Fatalf("the ending event %+v", last)
	}
	h.expect("east", "The story is over.")
	h.expect("score", "You have scored 0 out of a possible 30")
	h.expect("undo", "Garden")
	h.expect("east", "Entrance Hall")
}

func TestWinningEnding(t *testing.T) {
	h := newHarness(t, testStory())
	h.g.st().Doors["oak"] = "open"
	h.do("north")
	h.do("take book")
	h.g.play(tio.Line("up"))
	evs := h.events()
	if e := evs[len(evs)-2]; e.Kind != tio.KindEnd || !e.Ending.Won { // then the score and the question
		t.Fatalf("the ending event %+v", e)
	}
	if !strings.Contains(textOf(evs), "You have won") {
		t.Errorf("ending text missing:\n%s", textOf(evs))
	}
}

func TestScoreAndHint(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("score", "You have scored 0 out of a possible 30, in 0 turns.")
	h.expect("hint", "Have you looked in the box?")
	h.g.st().Items["key"] = youHold
	h.expect("hint", "Try the door to the north.")
	s := testStory()
	s.Config.Hints = nil
	newHarness(t, s).expect("hint", "There are no hints for this story.")
}

func TestSaveRestoreRoundTrip(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	h.do("east")
	h.expect("save mygame", "Game saved.")
	path := filepath.Join(h.g.opts.DataDir, "saves", "test", "mygame.json")
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	h.do("west")
	h.do("drop lamp")
	h.expect("restore mygame", "Game restored.", "Kitchen")
	if h.g.st().Location != "kitchen" || h.where("lamp") != youHold || h.g.st().Turns != 2 {
		t.Errorf("restored: at %q lamp %q turns %d", h.g.st().Location, h.where("lamp"), h.g.st().Turns)
	}
	h.expect("save", "Game saved.")
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "default.json")); err != nil {
		t.Error(err)
	}
	h.expect("restore nothing", "There is no saved game called “nothing”.")
	h.expect("save my game", "A save name may use only")
}

func TestRestoreRefusals(t *testing.T) {
	h := newHarness(t, testStory())
	dir := filepath.Join(h.g.opts.DataDir, "saves", "test")
	h.do("save good")
	good, err := os.ReadFile(filepath.Join(dir, "good.json"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name+".json"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("other", strings.Replace(string(good), `"story": "test"`, `"story": "castle"`, 1))
	write("oldfmt", strings.Replace(string(good), fmt.Sprintf(`"format": %d`, saveFormat), `"format": 99`, 1))
	write("oldstory", strings.Replace(string(good), `"story_version": "1.0"`, `"story_version": "0.9"`, 1))
	write("corrupt", string(good[:len(good)/2]))
	write("badloc", strings.Replace(string(good), `"location": "hall"`, `"location": "moon"`, 1))
	h.do("take lamp")
	for name, want := range map[string]string{
		"other":    "belongs to another story",
		"oldfmt":   "incompatible version",
		"oldstory": "incompatible version",
		"corrupt":  "is damaged",
		"badloc":   "is damaged",
	} {
		h.expect("restore "+name, want)
		if h.where("lamp") != youHold {
			t.Errorf("restore %s changed the game", name)
		}
	}
}

func TestSavesDisabled(t *testing.T) {
	s := testStory()
	no := false
	s.Config.Savegames = &no
	newHarness(t, s).expect("save", "does not allow saved games")
}

func TestRestartAsksFirst(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("take lamp")
	h.g.play(tio.Line("restart"))
	evs := h.events()
	if !strings.Contains(textOf(evs), "Are you sure you want to restart") || choicesOf(evs) == nil {
		t.Fatalf("restart question: %s", textOf(evs))
	}
	h.expect("no", "carry on")
	if h.where("lamp") != youHold {
		t.Error("declined restart changed the game")
	}
	h.do("restart")
	h.g.play(tio.Pick("yes"))
	evs = h.events()
	if evs[0].Kind != tio.KindClear || !strings.Contains(textOf(evs), "The Test House") {
		t.Fatalf("restart did not clear and begin again: %+v", evs[0])
	}
	if h.where("lamp") != "hall" || h.g.st().Turns != 0 {
		t.Error("restart kept the old game")
	}
}

func TestTranscript(t *testing.T) {
	h := newHarness(t, testStory())
	h.expect("transcript on", "Writing a transcript to transcripts/test-1.txt in the data folder.")
	if out := h.do("transcript on"); strings.Contains(out, h.g.opts.DataDir) {
		t.Errorf("the server's own path must not be shown to players: %q", out)
	}
	h.do("take lamp")
	h.expect("transcript off", "Transcript written to")
	data, err := os.ReadFile(filepath.Join(h.g.opts.DataDir, "transcripts", "test-1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	// Each command sits on its reply, as on the screen.
	for _, want := range []string{"> take lamp\nTaken.\n", "> transcript off\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("transcript lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "<") {
		t.Errorf("transcript has markup:\n%s", text)
	}
}

// TestMetaCommandsTakeNoTurn: score, help, hint, pronouns and map are
// about the game, not in it: no turn, no game time, no undo point.
// Inventory is a move, as in Inform.
func TestMetaCommandsTakeNoTurn(t *testing.T) {
	h := newHarness(t, testStory())
	h.do("examine lamp")
	for _, c := range []struct{ line, want string }{
		{"score", "You have scored"},
		{"help", "Useful commands"},
		{"hint", "Have you looked in the box?"},
		{"pronouns", `“it” means the brass lamp`},
		{"map", "You have been to"},
	} {
		turns, ticks, undo := h.g.st().Turns, h.g.st().Ticks, len(h.g.you().undo)
		h.expect(c.line, c.want)
		if h.g.st().Turns != turns || h.g.st().Ticks != ticks || len(h.g.you().undo) != undo {
			t.Errorf("%s: turns %d→%d, ticks %d→%d, undo points %d→%d; want no change",
				c.line, turns, h.g.st().Turns, ticks, h.g.st().Ticks, undo, len(h.g.you().undo))
		}
	}
	for _, line := range []string{"inventory", "i"} {
		turns, ticks := h.g.st().Turns, h.g.st().Ticks
		h.expect(line, "You are empty-handed.")
		if h.g.st().Turns != turns+1 || h.g.st().Ticks != ticks+1 {
			t.Errorf("%s: turns %d→%d, ticks %d→%d; want one turn", line, turns, h.g.st().Turns, ticks, h.g.st().Ticks)
		}
	}
}

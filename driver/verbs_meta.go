package driver

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// opening is the start of a game: banner, intro, welcome, first look.
func (g *Game) opening() {
	c := g.story.Config
	g.say("<bright>" + c.Name + "</bright>")
	var credit []string
	if c.Version != "" {
		credit = append(credit, "Version "+c.Version)
	}
	if c.Author != "" {
		credit = append(credit, "by "+c.Author)
	}
	g.say(strings.Join(credit, " "))
	if g.randomSeed {
		g.say(fmt.Sprintf("Random seed %d — replay this game with --seed %d.", g.seed, g.seed))
	}
	g.say(c.Intro)
	g.say(c.Welcome)
	g.arrive()
}

func doScore(g *Game, _ *parse.Command) error {
	turns := "turns"
	if g.st.Turns == 1 {
		turns = "turn"
	}
	if max := g.story.Config.MaxScore; max > 0 {
		g.say(fmt.Sprintf("You have scored %d out of a possible %d, in %d %s.", g.st.Score, max, g.st.Turns, turns))
	} else {
		g.say(fmt.Sprintf("You have scored %d, in %d %s.", g.st.Score, g.st.Turns, turns))
	}
	if g.combat() {
		g.say(g.character())
	}
	return nil
}

const helpText = `You play by typing what you want to do, in plain English: <bright>look</bright>, <bright>examine lamp</bright>, <bright>take key</bright>, <bright>open door</bright>, <bright>unlock door with key</bright>, <bright>put coin in box</bright>, <bright>go north</bright> (or just <bright>n</bright>), <bright>ask keeper about lamp</bright>, <bright>talk to keeper</bright>.

Useful commands: <bright>inventory</bright> (i), <bright>wait</bright> (z), <bright>again</bright> (g), <bright>undo</bright>, <bright>save</bright> and <bright>restore</bright> [name], <bright>restart</bright>, <bright>score</bright>, <bright>hint</bright>, <bright>verbose</bright> / <bright>brief</bright> / <bright>superbrief</bright>, <bright>transcript on</bright> / <bright>off</bright>, <bright>quit</bright>.

You can chain commands with "then" or a full stop, and use <bright>it</bright>, <bright>him</bright>, <bright>her</bright> and <bright>them</bright> for what you just mentioned.`

const combatHelp = `Fighting: <bright>attack rat</bright> (or <bright>attack rat with sword</bright>), <bright>wield sword</bright>, <bright>wear mail</bright>, <bright>take off mail</bright>, <bright>drink potion</bright> and <bright>eat bread</bright> to heal, <bright>flee</bright> to run through a random open exit (whatever you flee from gets a blow in first). <bright>score</bright> shows your hit points, level and experience; <bright>map</bright> draws the places you have seen.`

func doHelp(g *Game, _ *parse.Command) error {
	g.say(helpText)
	if g.combat() {
		g.say(combatHelp)
	}
	return nil
}

func doHint(g *Game, _ *parse.Command) error {
	hints := g.story.Config.Hints
	if len(hints) == 0 {
		g.say("There are no hints for this story.")
		return nil
	}
	for _, h := range hints {
		if h != nil && g.holds(h.If) {
			g.say(h.Text)
			return nil
		}
	}
	g.say("There is no hint for this moment. Try looking around.")
	return nil
}

var verbosityText = map[string]string{
	"verbose":    "Now always giving long descriptions of locations.",
	"brief":      "Now giving long descriptions of locations only on your first visit.",
	"superbrief": "Now never giving long descriptions of locations.",
}

func verbosity(mode string) handler {
	return func(g *Game, _ *parse.Command) error {
		g.st.Verbosity = mode
		g.say(verbosityText[mode])
		return nil
	}
}

func doUndo(g *Game, _ *parse.Command) error {
	if len(g.undo) == 0 {
		return refuse("There is nothing to undo.")
	}
	g.st = g.undo[len(g.undo)-1]
	g.undo = g.undo[:len(g.undo)-1]
	g.newEnding = ""
	g.say("You take back your last move.")
	g.say(g.describe(true))
	return nil
}

// argument is the word after the verb ("save mygame", "transcript off"),
// wherever the parser put it.
func argument(c *parse.Command) string {
	for _, s := range []string{c.Text, c.Topic} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	if len(c.Objects) > 0 {
		return c.Objects[0].Name
	}
	if f := strings.Fields(c.Line); len(f) > 1 {
		return strings.Join(f[1:], " ")
	}
	return ""
}

func doSave(g *Game, c *parse.Command) error {
	name := argument(c)
	if err := g.saveGame(name); err != nil {
		return refusal(g.saveMessage(err, name))
	}
	g.say("Game saved.")
	return nil
}

func doRestore(g *Game, c *parse.Command) error {
	name := argument(c)
	st, err := g.loadGame(name)
	if err != nil {
		return refusal(g.saveMessage(err, name))
	}
	g.st = st
	g.undo = nil
	g.parser.Reset()
	g.say("Game restored.")
	g.say(g.describe(true))
	return nil
}

// saveMessage is the one sentence a player reads for a save problem.
func (g *Game) saveMessage(err error, name string) string {
	if name == "" {
		name = defaultSave
	}
	quoted := "“" + markup.Escape(name) + "”"
	switch {
	case errors.Is(err, ErrSavesDisabled):
		return "This story does not allow saved games."
	case errors.Is(err, ErrBadSaveName):
		return "A save name may use only letters, digits, hyphens and underscores."
	case errors.Is(err, ErrNoSave):
		return "There is no saved game called " + quoted + "."
	case errors.Is(err, ErrOtherStory):
		return "The saved game " + quoted + " belongs to another story, so it can't be restored here."
	case errors.Is(err, ErrSaveVersion):
		return "The saved game " + quoted + " was made by an incompatible version of this story or of Tale, so it can't be restored."
	case errors.Is(err, ErrCorruptSave):
		return "The saved game " + quoted + " is damaged and can't be restored. Nothing has changed."
	case errors.Is(err, ErrTooManySaves):
		return g.tooManySaves()
	case errors.Is(err, ErrSavesFull):
		return fmt.Sprintf("Your saved games take up %s, the most this game keeps, and this one would not fit. Save over one of them by its name (<bright>save NAME</bright>); nothing was saved this time.",
			sizeText(g.opts.MaxSaveBytes))
	case errors.Is(err, ErrSaveTooBig):
		return fmt.Sprintf("This game is too big to save: this game keeps at most %s of saves. Nothing was saved.",
			sizeText(g.opts.MaxSaveBytes))
	}
	g.log.Error("save or restore failed", "name", name, "err", err)
	return "The game could not be saved or restored: the file could not be written or read. (The error was logged.)"
}

// tooManySaves names the saves a player may save over: no command lists
// them, so this refusal is where a player learns what they are called.
func (g *Game) tooManySaves() string {
	var names []string
	if path, err := g.savePath(""); err == nil {
		saves, _ := savesIn(filepath.Dir(path))
		for _, s := range saves {
			names = append(names, "<bright>"+markup.Escape(s.name)+"</bright>")
		}
	}
	have := fmt.Sprintf("You have %d saved games, the most this game keeps", len(names))
	if len(names) != g.opts.MaxSaves {
		// The limit was lowered since, or the folder could not be read.
		have = fmt.Sprintf("This game keeps at most %d saved games", g.opts.MaxSaves)
	}
	if len(names) > 0 {
		have += ": " + listAnd(names)
	}
	return have + ". Save over one of them by its name (<bright>save NAME</bright>); nothing was saved this time."
}

func doTranscript(g *Game, c *parse.Command) error {
	switch strings.ToLower(argument(c)) {
	case "off":
		if g.script == nil {
			return refuse("No transcript is being written.")
		}
		path := g.script.path
		g.script.close()
		g.script = nil
		g.say("Transcript written to " + markup.Escape(g.shownPath(path)) + ".")
		return nil
	case "", "on":
		if g.script != nil {
			return refuse("A transcript is already being written to %s.", markup.Escape(g.shownPath(g.script.path)))
		}
		t, err := g.startTranscript()
		if errors.Is(err, ErrTooManyTranscripts) {
			return refuse("This game keeps at most %d transcripts of this story, and they have all been written (transcripts in the data folder). No new one was started.",
				g.opts.MaxTranscripts)
		}
		if err != nil {
			g.log.Error("transcript failed", "err", err)
			return refuse("The transcript could not be started. (The error was logged.)")
		}
		g.script = t
		g.say("Writing a transcript to " + markup.Escape(g.shownPath(t.path)) + ".")
		return nil
	}
	return refuse("Say <bright>transcript on</bright> or <bright>transcript off</bright>.")
}

// Questions that need a yes or no before anything happens, by what they
// confirm. The menu repeats the question so that a tab that joins while
// it is open (and never saw the text before it) still knows what it asks.
var confirmQuestions = map[string]string{
	"quit":    "Are you sure you want to quit?",
	"restart": "Are you sure you want to restart the story?",
}

func doQuit(g *Game, _ *parse.Command) error { return g.ask("quit") }

func doRestart(g *Game, _ *parse.Command) error { return g.ask("restart") }

func (g *Game) ask(what string) error {
	g.confirm = what
	g.say(confirmQuestions[what])
	g.choices = true
	return nil
}

func confirmChoices(what string) *tio.Choices {
	return &tio.Choices{Prompt: confirmQuestions[what], Options: []tio.Choice{{ID: "yes", Text: "Yes"}, {ID: "no", Text: "No"}}}
}

// answer settles the open yes/no question.
func (g *Game) answer(yes bool) {
	what := g.confirm
	g.confirm = ""
	g.atomically(func() error {
		switch {
		case !yes:
			g.say("Very well, carry on.")
		case what == "quit" && g.opts.Hosted:
			g.quitGame()
		case what == "quit":
			g.say("Goodbye.")
			g.emit(tio.Event{Kind: tio.KindEnd, Ending: quitEnding()})
			g.stopping = true
		case what == "restart":
			g.st = g.freshState()
			g.undo = nil
			g.newEnding = ""
			g.parser.Reset()
			g.emit(tio.Event{Kind: tio.KindClear})
			g.opening()
		}
		return nil
	})
}

// The quit ending: quitID is the Ending.ID front ends see (a terminal
// closes on it); quitEnded marks State.Ended, an id no story can declare
// (story ids have no spaces), so a story's own "quit" ending stays its own.
const (
	quitID    = "quit"
	quitEnded = "player quit"
)

func quitEnding() *tio.Ending { return &tio.Ending{ID: quitID, Title: "Quit"} }

// quitGame is quit in a hosted game: it ends this game like any other
// ending, which then offers restart and undo, and the loop goes on, so
// no player can end the game for good. Undo takes back the quit itself.
func (g *Game) quitGame() {
	g.keepUndo(g.st.Clone())
	g.st.Ended = quitEnded
	g.st.Menu = nil
	g.say("Goodbye.")
	g.say("Your game is over. Type <bright>RESTART</bright> to begin a new one, or <bright>UNDO</bright> to take back quitting.")
	g.emit(tio.Event{Kind: tio.KindEnd, Ending: quitEnding()})
}

func doPronouns(g *Game, c *parse.Command) error {
	text := strings.TrimSpace(c.Text)
	if text == "" {
		text = "At the moment, “it”, “him”, “her” and “them” mean nothing in particular."
	}
	g.say(markup.Escape(text))
	return nil
}

// verbWord is a canonical verb as a player would write it: "take off".
func verbWord(v string) string { return strings.ReplaceAll(v, "_", " ") }

// shownPath names a file in the data folder the way players see it:
// relative to that folder. A browser player has no business knowing the
// server's directory layout, and a terminal player knows where the data
// folder is (--data-dir, or the documented default).
func (g *Game) shownPath(path string) string {
	if rel, err := filepath.Rel(g.opts.DataDir, path); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel) + " in the data folder"
	}
	return filepath.Base(path)
}

package driver

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// opening is the start of a game: banner, intro, welcome, first look.
func (tn *turn) opening() {
	tn.banner()
	tn.arrive()
}

// banner is the story's title, credits, intro and welcome.
func (tn *turn) banner() {
	c := tn.story.Config
	tn.say("<bright>" + c.Name + "</bright>")
	var credit []string
	if c.Version != "" {
		credit = append(credit, "Version "+c.Version)
	}
	if c.Author != "" {
		credit = append(credit, "by "+c.Author)
	}
	tn.say(strings.Join(credit, " "))
	if tn.randomSeed {
		tn.say(fmt.Sprintf("Random seed %d — replay this game with --seed %d.", tn.seed, tn.seed))
	}
	tn.say(c.Intro)
	tn.say(c.Welcome)
}

func doScore(tn *turn, _ *parse.Command) error {
	turns := "turns"
	if tn.st.Turns == 1 {
		turns = "turn"
	}
	if max := tn.story.Config.MaxScore; max > 0 {
		tn.say(fmt.Sprintf("You have scored %d out of a possible %d, in %d %s.", tn.score(), max, tn.st.Turns, turns))
	} else {
		tn.say(fmt.Sprintf("You have scored %d, in %d %s.", tn.score(), tn.st.Turns, turns))
	}
	if tn.combat() {
		tn.say(tn.character())
	}
	return nil
}

const helpText = `You play by typing what you want to do, in plain English: <bright>look</bright>, <bright>examine lamp</bright>, <bright>take key</bright>, <bright>open door</bright>, <bright>unlock door with key</bright>, <bright>put coin in box</bright>, <bright>go north</bright> (or just <bright>n</bright>), <bright>ask keeper about lamp</bright>, <bright>talk to keeper</bright>.

Useful commands: <bright>inventory</bright> (i), <bright>wait</bright> (z), <bright>again</bright> (g), <bright>undo</bright>, <bright>save</bright> and <bright>restore</bright> [name], <bright>restart</bright>, <bright>score</bright>, <bright>hint</bright>, <bright>verbose</bright> / <bright>brief</bright> / <bright>superbrief</bright>, <bright>transcript on</bright> / <bright>off</bright>, <bright>quit</bright>.

You can chain commands with "then" or a full stop, and use <bright>it</bright>, <bright>him</bright>, <bright>her</bright> and <bright>them</bright> for what you just mentioned.`

const combatHelp = `Fighting: <bright>attack rat</bright> (or <bright>attack rat with sword</bright>), <bright>wield sword</bright>, <bright>wear mail</bright>, <bright>take off mail</bright>, <bright>drink potion</bright> and <bright>eat bread</bright> to heal, <bright>flee</bright> to run through a random open exit (whatever you flee from gets a blow in first). <bright>score</bright> shows your hit points, level and experience; <bright>map</bright> draws the places you have seen.`

func doHelp(tn *turn, _ *parse.Command) error {
	tn.say(helpText)
	if tn.combat() {
		tn.say(combatHelp)
	}
	return nil
}

func doHint(tn *turn, _ *parse.Command) error {
	hints := tn.story.Config.Hints
	if len(hints) == 0 {
		tn.say("There are no hints for this story.")
		return nil
	}
	for _, h := range hints {
		if h != nil && tn.holds(h.If) {
			tn.say(h.Text)
			return nil
		}
	}
	tn.say("There is no hint for this moment. Try looking around.")
	return nil
}

var verbosityText = map[string]string{
	"verbose":    "Now always giving long descriptions of locations.",
	"brief":      "Now giving long descriptions of locations only on your first visit.",
	"superbrief": "Now never giving long descriptions of locations.",
}

func verbosity(mode string) handler {
	return func(tn *turn, _ *parse.Command) error {
		tn.st.Verbosity = mode
		tn.say(verbosityText[mode])
		return nil
	}
}

func doUndo(tn *turn, _ *parse.Command) error {
	if len(tn.undo) == 0 {
		return refuse("There is nothing to undo.")
	}
	p, n := tn.player, len(tn.undo)-1
	st := tn.undo[n].Clone() // committed states are never changed in place
	tn.keepNotify(st)
	tn.st = st
	tn.onCommit(func() { p.undo = p.undo[:n] })
	tn.newEnding = ""
	tn.say("You take back your last move.")
	tn.say(tn.describe(true))
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

func doSave(tn *turn, c *parse.Command) error {
	name := argument(c)
	if err := tn.saveGame(name); err != nil {
		return refusal(tn.saveMessage(err, name))
	}
	tn.say("Game saved.")
	return nil
}

// doRestore restores a save by name; a bare "restore" lists the saves
// there are, since a name the player cannot see is no choice.
func doRestore(tn *turn, c *parse.Command) error {
	name := argument(c)
	if name == "" {
		return doSaves(tn, c)
	}
	st, other, err := tn.loadGame(name)
	if err != nil {
		return refusal(tn.saveMessage(err, name))
	}
	if other != nil {
		// A procedural game saved from another seed: its world is the
		// one that seed makes. Switched now, so the look below sees
		// it; switched back if the turn is dropped.
		tn.onDrop(tn.useWorld(other))
	}
	tn.st = st
	p := tn.player
	tn.onCommit(func() { p.undo = nil; p.parser.Reset() })
	tn.say("Game restored.")
	tn.say(tn.describe(true))
	return nil
}

// saveMessage is the one sentence a player reads for a save problem.
func (tn *turn) saveMessage(err error, name string) string {
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
		return tn.tooManySaves()
	case errors.Is(err, ErrSavesFull):
		return fmt.Sprintf("Your saved games take up %s, the most this game keeps, and this one would not fit. Save over one of them by its name (<bright>save NAME</bright>); nothing was saved this time.",
			sizeText(tn.opts.MaxSaveBytes))
	case errors.Is(err, ErrSaveTooBig):
		return fmt.Sprintf("This game is too big to save: this game keeps at most %s of saves. Nothing was saved.",
			sizeText(tn.opts.MaxSaveBytes))
	}
	tn.log.Error("save or restore failed", "name", name, "err", err)
	return "The game could not be saved or restored: the file could not be written or read. (The error was logged.)"
}

// tooManySaves names the saves a player may save over: no command lists
// them, so this refusal is where a player learns what they are called.
func (tn *turn) tooManySaves() string {
	var names []string
	if path, err := tn.savePath(""); err == nil {
		saves, _ := savesIn(filepath.Dir(path))
		for _, s := range saves {
			names = append(names, "<bright>"+markup.Escape(s.name)+"</bright>")
		}
	}
	have := fmt.Sprintf("You have %d saved games, the most this game keeps", len(names))
	if len(names) != tn.opts.MaxSaves {
		// The limit was lowered since, or the folder could not be read.
		have = fmt.Sprintf("This game keeps at most %d saved games", tn.opts.MaxSaves)
	}
	if len(names) > 0 {
		have += ": " + listAnd(names)
	}
	return have + ". Save over one of them by its name (<bright>save NAME</bright>); nothing was saved this time."
}

func doTranscript(tn *turn, c *parse.Command) error {
	switch strings.ToLower(argument(c)) {
	case "off":
		if tn.script == nil {
			return refuse("No transcript is being written.")
		}
		p, path := tn.player, tn.script.path
		tn.onCommit(func() { p.script.close(); p.script = nil })
		tn.say("Transcript written to " + markup.Escape(tn.shownPath(path)) + ".")
		return nil
	case "", "on":
		if tn.script != nil {
			return refuse("A transcript is already being written to %s.", markup.Escape(tn.shownPath(tn.script.path)))
		}
		t, err := tn.startTranscript()
		if errors.Is(err, ErrTooManyTranscripts) {
			return refuse("This game keeps at most %d transcripts of this story, and they have all been written (transcripts in the data folder). No new one was started.",
				tn.opts.MaxTranscripts)
		}
		if err != nil {
			tn.log.Error("transcript failed", "err", err)
			return refuse("The transcript could not be started. (The error was logged.)")
		}
		p := tn.player
		tn.onCommit(func() { p.script = t })
		tn.onDrop(func() { t.close(); os.Remove(t.path) })
		tn.say("Writing a transcript to " + markup.Escape(tn.shownPath(t.path)) + ".")
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

// At an ending, quit and restart answer the question the ending asked,
// so they are done at once, as in Inform; mid-game they ask first. A
// hosted game asks anyway: there a player's browser may be one of
// several tabs, and a restart loses the game for all of them.
func doQuit(tn *turn, _ *parse.Command) error {
	if tn.st.Ended != "" && !tn.mud() && !tn.opts.Hosted {
		tn.leaveGame()
		return nil
	}
	return tn.ask("quit")
}

func doRestart(tn *turn, _ *parse.Command) error {
	if tn.st.Ended != "" && !tn.mud() && !tn.opts.Hosted {
		tn.restartGame()
		return nil
	}
	return tn.ask("restart")
}

func (tn *turn) ask(what string) error {
	p := tn.player
	tn.onCommit(func() { p.confirm = what })
	tn.say(confirmQuestions[what])
	tn.choices = true
	return nil
}

func confirmChoices(what string) *tio.Choices {
	return &tio.Choices{Prompt: confirmQuestions[what], Options: []tio.Choice{{ID: "yes", Text: "Yes"}, {ID: "no", Text: "No"}}}
}

// answer settles the open yes/no question.
func (h handling) answer(yes bool) {
	p := h.p
	what := p.confirm
	p.confirm = ""
	h.atomically(func(tn *turn) error {
		switch {
		case !yes:
			tn.say("Very well, carry on.")
		case what == "quit" && tn.mud():
			tn.say("Goodbye.")
			tn.emit(tio.Event{Kind: tio.KindEnd, Ending: quitEnding()})
			tn.afterPublish(func() { tn.World.leaveWorld(p, "has left the game.") })
		case what == "quit" && tn.opts.Hosted:
			tn.quitGame()
		case what == "quit":
			tn.leaveGame()
		case what == "restart":
			tn.restartGame()
		}
		return nil
	})
}

// leaveGame ends the program's game: the front ends close on the quit
// ending.
func (tn *turn) leaveGame() {
	tn.say("Goodbye.")
	tn.emit(tio.Event{Kind: tio.KindEnd, Ending: quitEnding()})
	tn.onCommit(func() { tn.World.stopping = true })
}

// restartGame begins the story again from its opening.
func (tn *turn) restartGame() {
	p := tn.player
	tn.st = tn.freshState(p)
	tn.onCommit(func() { p.undo = nil; p.parser.Reset() })
	tn.newEnding = ""
	tn.emit(tio.Event{Kind: tio.KindClear})
	tn.opening()
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
func (tn *turn) quitGame() {
	p, before := tn.player, tn.st.Clone()
	tn.onCommit(func() { p.keepUndo(before, tn.opts.UndoLevels) })
	tn.st.Ended = quitEnded
	tn.st.Menu = nil
	tn.say("Goodbye.")
	tn.say("Your game is over. Type <bright>RESTART</bright> to begin a new one, or <bright>UNDO</bright> to take back quitting.")
	tn.emit(tio.Event{Kind: tio.KindEnd, Ending: quitEnding()})
}

func doPronouns(tn *turn, c *parse.Command) error {
	text := strings.TrimSpace(c.Text)
	if text == "" {
		text = "At the moment, “it”, “him”, “her” and “them” mean nothing in particular."
	}
	tn.say(markup.Escape(text))
	return nil
}

// verbWord is a canonical verb as a player would write it: "take off".
func verbWord(v string) string { return strings.ReplaceAll(v, "_", " ") }

// shownPath names a file in the data folder the way players see it:
// relative to that folder. A browser player has no business knowing the
// server's directory layout, and a terminal player knows where the data
// folder is (--data-dir, or the documented default).
func (tn *turn) shownPath(path string) string {
	if rel, err := filepath.Rel(tn.opts.DataDir, path); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel) + " in the data folder"
	}
	return filepath.Base(path)
}

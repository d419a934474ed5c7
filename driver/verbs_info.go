package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/tio/markup"
)

// doAbout is Inform's "about"/"credits"/"version": the story's title,
// author, version and licence, and the runtime that plays it.
func doAbout(tn *turn, _ *parse.Command) error {
	c := tn.story.Config
	head := "<bright>" + c.Name + "</bright>"
	if c.Author != "" {
		head += " by " + c.Author
	}
	tn.say(head)
	var facts []string
	if c.Version != "" {
		facts = append(facts, "Version "+c.Version+".")
	}
	if c.License != "" {
		facts = append(facts, "Licence: "+c.License+".")
	}
	if c.Description != "" {
		facts = append(facts, c.Description)
	}
	tn.say(strings.Join(facts, " "))
	if c.Generator != nil {
		tn.say(fmt.Sprintf("This world was made from seed %d.", tn.seed))
	}
	tn.say("Played with Tale, an interactive-fiction runtime. Type <bright>help</bright> for how to play.")
	return nil
}

// doExits names the ways out the player can see, as the room
// description ends.
func doExits(tn *turn, _ *parse.Command) error {
	tn.say(tn.describeExits())
	return nil
}

// maxWait bounds "wait N": time passes one turn at a time, each with its
// events, and a thousand is more than any story's clock needs.
const maxWait = 100

// doWait passes one turn, or N for "wait 3" / "wait 3 turns" (each a
// turn of its own, so timed events and NPCs act in every one). Waiting
// stops early when something happens worth a look: an ending, a menu,
// or any words besides the clock's.
func doWait(tn *turn, c *parse.Command) error {
	n := 1
	if text := strings.Fields(strings.ToLower(c.Text)); len(text) > 0 {
		v, err := strconv.Atoi(text[0])
		unit := ""
		if len(text) > 1 {
			unit = text[1]
		}
		if err != nil || v < 1 || len(text) > 2 || !slices.Contains([]string{"", "turn", "turns", "minute", "minutes", "moves", "move"}, unit) {
			return refuse("You can wait, or wait a number of turns: <bright>wait 5</bright>.")
		}
		if v > maxWait {
			return refuse("You can wait at most %d turns at a time.", maxWait)
		}
		n = v
	}
	tn.say("Time passes.")
	tn.ownTurns = true // each turn waited is counted here, with its tick
	for range n {
		before := len(tn.out.paras) + len(tn.out.events)
		tn.st.Turns++
		tn.tick()
		tn.afterTurn()
		if tn.st.Ended != "" || tn.choices || len(tn.out.paras)+len(tn.out.events) != before {
			return nil // something happened: let the player look
		}
	}
	return nil
}

func (tn *turn) notifyOff() bool { return tn.st.NotifyOff }

// keepNotify carries the notify setting over into st, a state the game
// goes back to (undo): it is the player's choice, not the story's, and
// taking back a move should not take it back too.
func (tn *turn) keepNotify(st *State) { st.NotifyOff = tn.st.NotifyOff }

// doNotify is Inform's "notify on"/"notify off": whether a change of
// score is announced.
func doNotify(tn *turn, c *parse.Command) error {
	tn.st.NotifyOff = strings.EqualFold(strings.TrimSpace(c.Text), "off")
	if tn.st.NotifyOff {
		tn.say("Score notification off.")
		return nil
	}
	tn.say("Score notification on.")
	return nil
}

// announceScore tells the player their score changed in this turn, as
// Inform does: "[Your score has gone up by 5 points.]".
func (tn *turn) announceScore(before int) {
	d := tn.score() - before
	if d == 0 || tn.notifyOff() {
		return
	}
	way := "up"
	if d < 0 {
		way, d = "down", -d
	}
	points := "points"
	if d == 1 {
		points = "point"
	}
	tn.say(fmt.Sprintf("[Your score has gone %s by %s %s.]", way, numberWord(d), points))
}

// doSaves lists the saved games of this story, newest first, with the
// turns each had been played.
func doSaves(tn *turn, _ *parse.Command) error {
	text, err := tn.savesList()
	if err != nil {
		return refusal(tn.saveMessage(err, ""))
	}
	tn.say(text)
	return nil
}

// savesList is what "saves" and a bare "restore" show.
func (tn *turn) savesList() (string, error) {
	path, err := tn.savePath("")
	if err != nil {
		return "", err
	}
	saves, err := savedGames(filepath.Dir(path))
	if err != nil {
		return "", err
	}
	if len(saves) == 0 {
		return "There are no saved games yet. Type <bright>save NAME</bright> to save one.", nil
	}
	lines := make([]string, len(saves))
	for i, s := range saves {
		line := "<bright>" + markup.Escape(s.name) + "</bright>"
		switch {
		case s.turns >= 0:
			line += fmt.Sprintf(" — %d %s, saved %s", s.turns, turnsWord(s.turns), s.when.Format("2 Jan 15:04"))
		default:
			line += " — saved " + s.when.Format("2 Jan 15:04")
		}
		lines[i] = line
	}
	return "Saved games:\n" + strings.Join(lines, "\n") + "\n\nType <bright>restore NAME</bright> to restore one.", nil
}

// savedGameInfo is a save as the list shows it.
type savedGameInfo struct {
	name  string
	turns int // -1 when the file could not be read
	when  time.Time
}

// savedGames reads the saves in dir, newest first. A save is read only
// for its turn count; one that cannot be read is still listed.
func savedGames(dir string) ([]savedGameInfo, error) {
	saves, err := savesIn(dir)
	if err != nil {
		return nil, err
	}
	var out []savedGameInfo
	for _, s := range saves {
		path := filepath.Join(dir, s.name+".json")
		info, err := os.Stat(path)
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, savedGameInfo{name: s.name, turns: turnsIn(path), when: info.ModTime()})
	}
	slices.SortFunc(out, func(a, b savedGameInfo) int {
		if c := b.when.Compare(a.when); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	return out, nil
}

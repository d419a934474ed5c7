package tui

import (
	"bytes"
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// burst types s the way a terminal without bracketed paste (or tmux
// send-keys -l) delivers it to Bubble Tea v1: runs of runes as one
// KeyRunes message each, spaces as KeySpace.
func (d *harness) burst(s string) {
	d.t.Helper()
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			d.send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
		}
		if w != "" {
			d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(w)})
		}
	}
}

func TestWordsNamedLikeKeysAreText(t *testing.T) {
	for _, line := range []string{"say end here", "say home", "say tab", "say up", "say down", "say pgup enter esc", "say f1 ctrl+c"} {
		d := newHarness(t, newFakeSession(), Options{}, 80, 24)
		d.command("look") // something in history for "up" to recall
		d.burst(line)
		if got := d.m.in.Value(); got != line {
			t.Errorf("burst %q: input line %q", line, got)
		}
		if d.m.showHelp || d.m.confirmQuit || d.quit {
			t.Errorf("burst %q acted as a key", line)
		}
	}
}

func TestBurstOfDigitsIsNotAMenuPick(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 80, 24)
	d.command("talk")
	d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("12")})
	if got := lines(d.f); got[len(got)-1] != "talk" {
		t.Fatalf("a burst of digits picked: %q", got)
	}
	if d.m.in.Value() != "12" {
		t.Fatalf("input line %q", d.m.in.Value())
	}
	// One typed "?" on an empty line is still help.
	d2 := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d2.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
	if !d2.m.showHelp {
		t.Fatal("? did not open the help")
	}
}

func TestMenuPickIsNotEchoed(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.command("talk")
	d.typeText("2")
	d.mustSee("You chose bridge.")
	if s := d.storyText(); strings.Contains(s, "May I cross the bridge?") {
		t.Fatalf("the pick was echoed:\n%s", s)
	}
}

func TestQuitEndingExitsAtOnce(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.command("quit")
	if !d.quit {
		t.Fatal("waited for a key after quitting")
	}
	if got := d.m.farewell(); got != "Goodbye.\n" {
		t.Fatalf("farewell %q", got)
	}
}

// At an ending the driver asks whether to restart, restore, undo or quit:
// the answer is typed, so the u of undo must not leave the game.
func TestStoryEndingTakesUndoAndLeavesItsLastWords(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 80, 24)
	d.command("win")
	d.command("undo")
	if d.quit {
		t.Fatal("typing at the ending left the game")
	}
	if got := lines(f); len(got) != 2 || got[1] != "undo" {
		t.Fatalf("sent %q, want win and undo", got)
	}
	d.mustNotSee("Press any key")
	d.press(tea.KeyCtrlC)
	d.typeText("y")
	// The story's last words are the ending's, whatever came after.
	if got, want := d.m.farewell(), "You have won.\n\n*** The End ***\n"; got != want {
		t.Fatalf("farewell %q, want %q", got, want)
	}
}

// The ending's banner stands under its words, and the score and the
// question come after it, just above the input line that answers.
func TestEndingBannerBeforeTheQuestion(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.command("win")
	s := d.storyText()
	words, banner, question := strings.Index(s, "You have won."), strings.Index(s, "*** The End ***"),
		strings.Index(s, "Would you like to RESTART or UNDO?")
	if words < 0 || banner < words || strings.Index(s, "You scored") < banner || question < banner {
		t.Fatalf("the ending reads out of order:\n%s", s)
	}
}

// A real program: after quit the alternate screen is gone, and the goodbye
// is left on the terminal below it.
func TestRunLeavesTheGoodbyeOnTheTerminal(t *testing.T) {
	var out bytes.Buffer
	err := Run(context.Background(), newFakeSession(), Options{
		Input:     strings.NewReader("quit\r"),
		Output:    &out,
		AltScreen: true,
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	s := out.String()
	leave := strings.LastIndex(s, "\x1b[?1049l")
	if leave < 0 || !strings.Contains(s[leave:], "Goodbye.\n") {
		t.Fatalf("no goodbye after leaving the alternate screen: %q", s)
	}
}

func TestHelpNamesDirectionsOneWay(t *testing.T) {
	for _, c := range commonCommands {
		if strings.Contains(c[0], "north") && strings.Contains(c[0], ", s") {
			t.Errorf("help mixes long and short directions: %q", c[0])
		}
	}
}

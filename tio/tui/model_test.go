package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

func TestCommandEchoesAboveItsReply(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.command("open mailbox")
	s := d.storyText()
	echo := strings.Index(s, "> open mailbox")
	reply := strings.Index(s, "Opening the small mailbox")
	if echo < 0 || reply < echo {
		t.Fatalf("want the command echoed above its reply:\n%s", s)
	}
	if got := lines(d.f); len(got) != 1 || got[0] != "open mailbox" {
		t.Fatalf("session got %q, want [open mailbox]", got)
	}
	if d.m.in.Value() != "" {
		t.Fatalf("input line not cleared: %q", d.m.in.Value())
	}
}

func TestStatusBarShowsStateEvents(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.command("north")
	top := strings.SplitN(d.screen(), "\n", 2)[0]
	for _, want := range []string{"Zork-ish", "North of House", "Score 0/10", "Turns 1", "9:00 am"} {
		if !strings.Contains(top, want) {
			t.Errorf("status bar %q lacks %q", top, want)
		}
	}
}

func TestHistoryKeepsTheDraft(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.command("look")
	d.command("open mailbox")
	d.typeText("exa")
	steps := []struct {
		key  tea.KeyType
		want string
	}{
		{tea.KeyUp, "open mailbox"},
		{tea.KeyUp, "look"},
		{tea.KeyUp, "look"}, // the oldest stays put
		{tea.KeyDown, "open mailbox"},
		{tea.KeyDown, "exa"}, // back to what was being typed
		{tea.KeyDown, "exa"},
	}
	for i, s := range steps {
		d.press(s.key)
		if got := d.m.in.Value(); got != s.want {
			t.Fatalf("step %d (%v): input %q, want %q", i, s.key, got, s.want)
		}
	}
}

func TestHistoryPersistsPerStoryAndBounded(t *testing.T) {
	dir := t.TempDir()
	opts := Options{StoryID: "demo", DataDir: dir}
	d := newHarness(t, newFakeSession(), opts, 80, 24)
	for i := range maxHistory + 5 {
		d.m.hist.add(fmt.Sprintf("cmd %d", i))
	}
	d.command("look")
	d.press(tea.KeyCtrlD) // quit on an empty line (asks first) saves
	d.typeText("y")
	if !d.quit {
		t.Fatal("Ctrl+D on an empty line did not quit")
	}
	b, err := os.ReadFile(filepath.Join(dir, "history", "demo.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != maxHistory || lines[len(lines)-1] != "look" {
		t.Fatalf("history file has %d lines ending %q; want %d ending \"look\"", len(lines), lines[len(lines)-1], maxHistory)
	}

	again := newHarness(t, newFakeSession(), opts, 80, 24)
	again.press(tea.KeyUp)
	if got := again.m.in.Value(); got != "look" {
		t.Fatalf("after a restart Up gives %q, want %q", got, "look")
	}
	other := newHarness(t, newFakeSession(), Options{StoryID: "other", DataDir: dir}, 80, 24)
	other.press(tea.KeyUp)
	if got := other.m.in.Value(); got != "" {
		t.Fatalf("another story recalls %q; history should be per story", got)
	}
}

func TestSecretLineIsMaskedAndNeverKept(t *testing.T) {
	dir := t.TempDir()
	d := newHarness(t, newFakeSession(), Options{StoryID: "demo", DataDir: dir}, 80, 24)
	d.command("password")
	d.typeText("xyzzy")
	d.mustNotSee("xyzzy")
	d.press(tea.KeyEnter)
	if got := lines(d.f); got[len(got)-1] != "xyzzy" {
		t.Fatalf("the secret was not sent: %q", got)
	}
	if strings.Contains(d.storyText(), "xyzzy") {
		t.Fatalf("the secret shows in the story:\n%s", d.storyText())
	}
	d.press(tea.KeyUp)
	if got := d.m.in.Value(); got != "password" {
		t.Fatalf("Up after a secret line gives %q, want the command before it", got)
	}
	d.press(tea.KeyDown)
	d.typeText("look")
	d.mustSee("> look") // the line after the secret is not masked
	d.press(tea.KeyEnter)
	d.m.finish()
	b, _ := os.ReadFile(filepath.Join(dir, "history", "demo.txt"))
	if strings.Contains(string(b), "xyzzy") {
		t.Fatalf("the secret was saved in history:\n%s", b)
	}
}

func TestCompletion(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.typeText("ta")
	d.press(tea.KeyTab)
	if got := d.m.in.Value(); got != "take leaflet" && got != "take leaflet " {
		// "ta" matches "take leaflet" and "talk": cycling starts at the first.
		t.Fatalf("Tab gave %q", got)
	}
	d.mustSee("talk")
	d.press(tea.KeyTab)
	if got := d.m.in.Value(); got != "talk" {
		t.Fatalf("second Tab gave %q, want talk", got)
	}
	d.press(tea.KeyTab)
	if got := d.m.in.Value(); got != "take leaflet" {
		t.Fatalf("third Tab gave %q, want to cycle back to take leaflet", got)
	}
	d.press(tea.KeyShiftTab)
	if got := d.m.in.Value(); got != "talk" {
		t.Fatalf("Shift+Tab gave %q, want talk", got)
	}

	d.press(tea.KeyCtrlU)
	d.typeText("inv")
	d.press(tea.KeyTab)
	if got := d.m.in.Value(); got != "inventory " {
		t.Fatalf("a unique prefix completed to %q, want %q", got, "inventory ")
	}
	d.mustNotSee("talk")
}

func TestFollowsNewTextOnlyAtTheBottom(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 60, 12)
	for i := range 30 {
		f.Emit(text(fmt.Sprintf("Paragraph %d of the story.", i)))
	}
	d.settle()
	d.mustSee("Paragraph 29")
	d.mustNotSee("new text below")

	d.press(tea.KeyPgUp)
	d.mustNotSee("Paragraph 29")
	before := d.screen()
	f.Emit(text("The clock strikes one."))
	d.settle()
	after := d.screen()
	if strings.Contains(after, "clock strikes") {
		t.Fatalf("the pane jumped to new text while the player was reading back:\n%s", after)
	}
	d.mustSee("new text below")
	if paneOf(before) != paneOf(after) {
		t.Fatalf("the text being read moved:\nbefore:\n%s\nafter:\n%s", before, after)
	}

	d.press(tea.KeyEnd)
	d.mustSee("The clock strikes one.")
	d.mustNotSee("new text below")
	f.Emit(text("The clock strikes two."))
	d.settle()
	d.mustSee("The clock strikes two.")
}

// paneOf is the story pane part of a screen: between the status bar and
// the rule.
func paneOf(screen string) string {
	lines := strings.Split(screen, "\n")
	return strings.Join(lines[1:len(lines)-2], "\n")
}

func TestMouseWheelScrolls(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 60, 12)
	for i := range 30 {
		f.Emit(text(fmt.Sprintf("Paragraph %d.", i)))
	}
	d.settle()
	d.send(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelUp})
	d.mustNotSee("Paragraph 29.")
	d.send(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	d.mustSee("Paragraph 29.")
}

func TestHomeReachesTheStartOfALongStory(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 60, 12)
	for i := range windowLines { // far more lines than the viewport window
		f.Emit(text(fmt.Sprintf("Paragraph %d.", i)))
	}
	d.settle()
	d.press(tea.KeyHome)
	d.mustSee("West of House")
	d.press(tea.KeyEnd)
	d.mustSee(fmt.Sprintf("Paragraph %d.", windowLines-1))
	// Paging up from the bottom crosses the window's edge without a jump.
	for range windowLines {
		d.press(tea.KeyPgUp)
	}
	d.mustSee("West of House")
}

func TestChoiceMenu(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.command("talk")
	d.mustSee("What do you say?")
	d.mustSee("1. Hello there.")
	d.press(tea.KeyDown)
	d.press(tea.KeyEnter)
	if got := lines(d.f); got[len(got)-1] != "pick:bridge" {
		t.Fatalf("arrows + Enter sent %q, want pick:bridge", got)
	}
	d.mustNotSee("What do you say?")
	d.mustSee("You chose bridge.")

	d.command("talk")
	d.typeText("3")
	if got := lines(d.f); got[len(got)-1] != "pick:bye" {
		t.Fatalf("key 3 sent %q, want pick:bye", got)
	}
	d.command("talk")
	d.typeText("7") // no seventh option: nothing happens
	if got := lines(d.f); got[len(got)-1] != "talk" {
		t.Fatalf("key 7 sent %q", got)
	}
	d.mustSee("What do you say?")
	d.command("look") // typing a command instead closes the menu
	if got := lines(d.f); got[len(got)-1] != "look" {
		t.Fatalf("typed command sent %q", got)
	}
	d.mustNotSee("What do you say?")
}

func TestHelpOverlay(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 30)
	d.press(tea.KeyF1)
	d.mustSee("Commands")
	d.mustSee("inventory")
	d.press(tea.KeyEsc)
	d.mustNotSee("Commands")
	d.typeText("?")
	d.mustSee("Commands")
	d.typeText("x")
	if d.m.in.Value() != "" {
		t.Fatal("the key that closed the help was typed into the line")
	}
	d.typeText("what?")
	d.mustNotSee("Commands")
	if d.m.in.Value() != "what?" {
		t.Fatalf("? inside a line should be typed, got %q", d.m.in.Value())
	}
}

func TestCtrlCAsksBeforeQuitting(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.press(tea.KeyCtrlC)
	d.mustSee("Quit? (y/n)")
	d.typeText("n")
	d.mustNotSee("Quit?")
	if d.quit {
		t.Fatal("quit after n")
	}
	d.press(tea.KeyCtrlC)
	d.typeText("y")
	if !d.quit {
		t.Fatal("did not quit after y")
	}
}

func TestCtrlDQuitsOnlyOnAnEmptyLine(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.typeText("lo")
	d.press(tea.KeyCtrlD)
	if d.quit {
		t.Fatal("Ctrl+D quit with text on the line")
	}
}

// Ctrl+D asks first, as Ctrl+C does: a stray key must not lose the game.
func TestCtrlDAsksBeforeQuitting(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.press(tea.KeyCtrlD)
	if d.quit {
		t.Fatal("Ctrl+D quit without asking")
	}
	d.mustSee("Quit? (y/n)")
	d.typeText("n")
	d.mustNotSee("Quit?")
	d.press(tea.KeyCtrlD)
	d.press(tea.KeyCtrlD)
	if !d.quit {
		t.Fatal("Ctrl+D twice did not quit")
	}
}

// The driver asks "Are you sure you want to quit?" in its text and again
// as its menu's prompt (for a reader who joins late): shown once.
func TestQuestionInTextAndMenuShowsOnce(t *testing.T) {
	f := newFake(tiotest.Options{})
	f.Emit(text("Are you sure you want to quit?"), tio.Event{Kind: tio.KindChoices, Choices: &tio.Choices{
		Prompt: "Are you sure you want to quit?", Options: []tio.Choice{{ID: "yes", Text: "Yes"}, {ID: "no", Text: "No"}}}})
	d := newHarness(t, f, Options{}, 80, 24)
	if n := strings.Count(d.screen(), "Are you sure you want to quit?"); n != 1 {
		t.Fatalf("the question shows %d times:\n%s", n, d.screen())
	}
	d.mustSee("Yes")
}

func TestEndingWaitsForAKey(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 80, 24)
	d.command("win")
	d.mustSee("You have won.")
	d.mustNotSee("Press any key to exit.") // the driver still takes undo
	f.Close()                              // the game loop stopped after the ending
	d.settle()
	d.mustSee("Press any key to exit.")
	d.settle()
	if d.quit {
		t.Fatal("quit before the player read the ending")
	}
	d.mustSee("You have won.")
	d.typeText("q")
	if !d.quit {
		t.Fatal("a key at the ending did not exit")
	}
}

func TestSessionClosingExits(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 80, 24)
	f.Close()
	d.settle()
	if !d.quit {
		t.Fatal("the TUI kept running after its session closed")
	}
}

func TestClear(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 80, 24)
	f.Emit(tio.Event{Kind: tio.KindClear})
	f.Emit(text("A fresh page."))
	d.settle()
	d.mustNotSee("West of House\n")
	d.mustSee("A fresh page.")
	f.Emit(text("<clear>Another page."))
	d.settle()
	d.mustNotSee("A fresh page.")
	d.mustSee("Another page.")
}

func TestEvictedSubscriberResumesWithoutLoss(t *testing.T) {
	f := newFake(tiotest.Options{SubBuffer: 3})
	d := newHarness(t, f, Options{}, 80, 200)
	// Nobody reads while these arrive, so the subscriber is cut off.
	for i := range 20 {
		f.Emit(text(fmt.Sprintf("Line %02d.", i)))
	}
	d.settle()
	s := d.storyText()
	for i := range 20 {
		if n := strings.Count(s, fmt.Sprintf("Line %02d.", i)); n != 1 {
			t.Fatalf("Line %02d shows %d times after resuming:\n%s", i, n, s)
		}
	}
}

func TestTypedMarkupIsNotInterpreted(t *testing.T) {
	d := newHarness(t, newFakeSession(), Options{}, 80, 24)
	d.command("<bright>x</bright>")
	d.mustSee("> <bright>x</bright>")
}

func TestResizeKeepsTheReadingPlace(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 80, 20)
	for i := range 200 {
		f.Emit(text(fmt.Sprintf("Paragraph %03d. %s", i, longParagraphs[i%len(longParagraphs)])))
	}
	d.settle()
	for range 10 {
		d.press(tea.KeyPgUp)
	}
	top := firstParagraphShown(t, d.screen())
	for _, w := range []int{50, 120, 80} {
		d.send(tea.WindowSizeMsg{Width: w, Height: 20})
		if got := firstParagraphShown(t, d.screen()); got != top && got != top+1 {
			t.Fatalf("at width %d the pane shows paragraph %d first, was reading %d", w, got, top)
		}
		d.mustNotSee("Paragraph 199.")
	}
}

func firstParagraphShown(t *testing.T, screen string) int {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		var n int
		if _, err := fmt.Sscanf(strings.TrimSpace(l), "Paragraph %d.", &n); err == nil {
			return n
		}
	}
	t.Fatalf("no paragraph start on screen:\n%s", screen)
	return 0
}

func TestHistorySurvivesAKilledTerminal(t *testing.T) {
	dir := t.TempDir()
	opts := Options{StoryID: "demo", DataDir: dir}
	d := newHarness(t, newFakeSession(), opts, 80, 24)
	d.command("open mailbox")
	// No quit: the terminal was closed under the game.
	again := newHarness(t, newFakeSession(), opts, 80, 24)
	again.press(tea.KeyUp)
	if got := again.m.in.Value(); got != "open mailbox" {
		t.Fatalf("after a kill Up gives %q, want %q", got, "open mailbox")
	}
}

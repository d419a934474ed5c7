package tui

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/tale-if/tale/tio/markup"
	"github.com/tale-if/tale/tio/tiotest"
)

// These tests run the model in a real Bubble Tea program (teatest) and
// compare the last screen with testdata/<TestName>.golden; regenerate with
// go test ./tio/tui -update. The screens are taken from the final model's
// View, colours stripped, so they do not depend on how the renderer
// happened to batch its frames. TestTeaStartupColours pins the theme too.

const termW, termH = 80, 24

// waitLimit only stops a broken test from hanging; it is not a speed goal.
const waitLimit = 10 * time.Second

func startTea(t *testing.T, f *tiotest.Session, opts Options, w, h int) (*teatest.TestModel, *model) {
	t.Helper()
	m := testModel(t, f, opts)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { tm.Quit() })
	return tm, m
}

func waitFor(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(what))
	}, teatest.WithDuration(waitLimit), teatest.WithCheckInterval(10*time.Millisecond))
}

func typeLine(tm *teatest.TestModel, s string) {
	tm.Type(s)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
}

// finalScreen quits and returns the last screen, colours stripped.
func finalScreen(t *testing.T, tm *teatest.TestModel) (string, *model) {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	m := tm.FinalModel(t, teatest.WithFinalTimeout(waitLimit)).(*model)
	return ansi.Strip(m.View()), m
}

func TestTeaStartup(t *testing.T) {
	tm, _ := startTea(t, newFakeSession(), Options{}, termW, termH)
	waitFor(t, tm, "Turns 0")
	screen, _ := finalScreen(t, tm)
	golden.RequireEqual(t, []byte(screen))
}

func TestTeaStartupColours(t *testing.T) {
	tm, _ := startTea(t, newFakeSession(), Options{}, termW, termH)
	waitFor(t, tm, "Turns 0")
	tm.Quit()
	m := tm.FinalModel(t, teatest.WithFinalTimeout(waitLimit)).(*model)
	golden.RequireEqualEscape(t, []byte(m.View()), true)
}

func TestTeaStartupNoColor(t *testing.T) {
	tm, _ := startTea(t, newFakeSession(), Options{NoColor: true}, termW, termH)
	waitFor(t, tm, "Turns 0")
	tm.Quit()
	m := tm.FinalModel(t, teatest.WithFinalTimeout(waitLimit)).(*model)
	for _, esc := range []string{"\x1b[38;", "\x1b[48;"} {
		if strings.Contains(m.View(), esc) {
			t.Fatalf("NO_COLOR screen has colour codes: %q", m.View())
		}
	}
}

func TestTeaCommand(t *testing.T) {
	tm, _ := startTea(t, newFakeSession(), Options{}, termW, termH)
	waitFor(t, tm, "Turns 0")
	typeLine(tm, "open mailbox")
	waitFor(t, tm, "reveals a")
	screen, _ := finalScreen(t, tm)
	golden.RequireEqual(t, []byte(screen))
}

func TestTeaHistoryRecall(t *testing.T) {
	tm, _ := startTea(t, newFakeSession(), Options{}, termW, termH)
	waitFor(t, tm, "Turns 0")
	typeLine(tm, "north")
	waitFor(t, tm, "north side")
	typeLine(tm, "open mailbox")
	waitFor(t, tm, "reveals a")
	tm.Type("exa")
	tm.Send(tea.KeyMsg{Type: tea.KeyUp})
	tm.Send(tea.KeyMsg{Type: tea.KeyUp})
	screen, m := finalScreen(t, tm)
	if got := m.in.Value(); got != "north" {
		t.Fatalf("two Ups recall %q, want north", got)
	}
	golden.RequireEqual(t, []byte(screen))
}

func TestTeaCompletionCycling(t *testing.T) {
	tm, _ := startTea(t, newFakeSession(), Options{}, termW, termH)
	waitFor(t, tm, "Turns 0")
	tm.Type("e")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	waitFor(t, tm, "examine") // the candidates line is up
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	screen, m := finalScreen(t, tm)
	if got := m.in.Value(); got != "enter" {
		t.Fatalf("second Tab shows %q, want enter", got)
	}
	golden.RequireEqual(t, []byte(screen))
}

func TestTeaChoiceMenu(t *testing.T) {
	tm, _ := startTea(t, newFakeSession(), Options{}, termW, termH)
	waitFor(t, tm, "Turns 0")
	typeLine(tm, "talk")
	waitFor(t, tm, "What do you say?")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	screen, _ := finalScreen(t, tm)
	golden.RequireEqual(t, []byte(screen))
}

func TestTeaPickByNumber(t *testing.T) {
	f := newFakeSession()
	tm, _ := startTea(t, f, Options{}, termW, termH)
	waitFor(t, tm, "Turns 0")
	typeLine(tm, "talk")
	waitFor(t, tm, "What do you say?")
	tm.Type("2")
	waitFor(t, tm, "You chose bridge.")
	screen, _ := finalScreen(t, tm)
	if strings.Contains(screen, "What do you say?") {
		t.Fatalf("the menu is still open after a pick:\n%s", screen)
	}
	golden.RequireEqual(t, []byte(screen))
}

var longParagraphs = []string{
	"The <location>Great Hall</location> is vast and cold. Banners hang from the rafters, their colours faded to the grey of old ash, and the long tables are set for a feast that nobody came to eat.",
	"A <living>ghost</living> drifts between the tables, counting the chairs under its breath: one, two, three, and then again from one, as if it always loses its place at four.",
	"Exits lead <exit>north</exit> to the kitchens and <exit>west</exit> to the gallery. On the high table lies a <item>silver bell</item>.",
}

func TestTeaResize(t *testing.T) {
	f := newFakeSession()
	for _, p := range longParagraphs {
		f.Emit(text(p))
	}
	tm, m := startTea(t, f, Options{}, termW, termH)
	waitFor(t, tm, "silver bell")
	for _, w := range []int{40, 100, 33} {
		tm.Send(tea.WindowSizeMsg{Width: w, Height: termH})
	}
	tm.Send(tea.WindowSizeMsg{Width: 50, Height: 30})
	waitFor(t, tm, "Turns 0") // a frame at the new size
	screen, m := finalScreen(t, tm)
	for i, line := range strings.Split(screen, "\n") {
		if w := ansi.StringWidth(line); w > 50 {
			t.Errorf("line %d is %d cells wide, wider than the window: %q", i, w, line)
		}
	}
	assertStoryIntact(t, m)
	golden.RequireEqual(t, []byte(screen))
}

// assertStoryIntact checks that the scrollback holds every word of every
// entry exactly once and in order: a reflow neither loses nor repeats text.
func assertStoryIntact(t *testing.T, m *model) {
	t.Helper()
	var want []string
	for _, e := range m.sb.entries {
		want = append(want, strings.Fields(markup.Strip(e.markup))...)
	}
	got := strings.Fields(ansi.Strip(strings.Join(m.sb.lines, "\n")))
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("story after reflow:\n%s\nwant the words:\n%s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

func TestTeaIdleEventArrives(t *testing.T) {
	f := newFakeSession()
	tm, _ := startTea(t, f, Options{}, termW, termH)
	waitFor(t, tm, "Turns 0")
	// No key is pressed: the game's own clock speaks.
	f.Emit(text("A clock chimes in the distance."))
	waitFor(t, tm, "A clock chimes")
	f.Emit(state("West of House", 7))
	waitFor(t, tm, "Turns 7")
	screen, _ := finalScreen(t, tm)
	golden.RequireEqual(t, []byte(screen))
}

func TestTeaQuitWithCtrlC(t *testing.T) {
	tm, _ := startTea(t, newFakeSession(), Options{}, termW, termH)
	waitFor(t, tm, "Turns 0")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	waitFor(t, tm, "Quit? (y/n)")
	tm.Type("y")
	tm.WaitFinished(t, teatest.WithFinalTimeout(waitLimit))
}

func TestTeaManyParagraphsReflow(t *testing.T) {
	f := newFakeSession()
	for i := range 300 {
		f.Emit(text(fmt.Sprintf("Paragraph %d: %s", i, longParagraphs[i%len(longParagraphs)])))
	}
	tm, _ := startTea(t, f, Options{}, termW, termH)
	waitFor(t, tm, "Paragraph 299")
	tm.Send(tea.WindowSizeMsg{Width: 45, Height: termH})
	tm.Send(tea.KeyMsg{Type: tea.KeyPgUp})
	tm.Send(tea.WindowSizeMsg{Width: 90, Height: termH})
	_, m := finalScreen(t, tm)
	assertStoryIntact(t, m)
}

func TestTeaHelp(t *testing.T) {
	tm, _ := startTea(t, newFakeSession(), Options{}, termW, termH)
	waitFor(t, tm, "Turns 0")
	tm.Send(tea.KeyMsg{Type: tea.KeyF1})
	waitFor(t, tm, "Commands")
	screen, _ := finalScreen(t, tm)
	golden.RequireEqual(t, []byte(screen))
}

package tui

import (
	"bytes"
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

// evil joins every hostile string, so one field carries them all.
func evil() string {
	var b strings.Builder
	for _, h := range tiotest.Hostile {
		b.WriteString(h.Text)
	}
	return b.String()
}

// hostileGame is a game (or a story, or another player) that puts escape
// sequences into every field the TUI shows.
func hostileGame() *tiotest.Session {
	bad := evil()
	f := tiotest.New(tiotest.Options{
		Info: tio.StoryInfo{ID: "evil", Name: "Evil" + bad},
		React: func(f *tiotest.Session, in tio.Input) {
			switch in.Line {
			case "talk":
				f.Emit(tio.Event{Kind: tio.KindChoices, Choices: &tio.Choices{
					Prompt:  "Ask" + bad,
					Options: []tio.Choice{{ID: "a", Text: "One" + bad}, {ID: "b", Text: "Two"}},
				}})
			case "win":
				f.Emit(tiotest.Text("Over."),
					tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "won", Title: "Won" + bad}})
			default:
				f.Emit(tiotest.Text("You hear: " + bad))
			}
		},
		Complete: func(prefix string) []string {
			return []string{prefix + "box" + bad, prefix + "bag" + bad}
		},
	})
	f.Emit(tiotest.Text("Hall"+bad), tiotest.State(tio.State{
		Story: "Evil" + bad, Location: "Hall" + bad, Clock: "9" + bad, Turns: 1,
		Exits: []string{"north" + bad}, Items: []string{"box" + bad},
	}))
	return f
}

func TestHostileFieldsNeverReachTheScreen(t *testing.T) {
	d := newHarness(t, hostileGame(), Options{}, 200, 30)
	m := d.m
	// Each part is checked on its own, so one part's failure does not
	// hide another's, and then the screen as a whole.
	check := func(part, s string) {
		t.Helper()
		if what := tiotest.ForeignControl(s); what != "" {
			t.Errorf("%s holds %s", part, what)
		}
		if what := tiotest.ForeignControl(m.View()); what != "" {
			t.Errorf("the screen, with the %s, holds %s", part, what)
		}
	}
	check("status bar", m.status.view(m.st, m.width))
	d.mustSee("Hallab[2Jgone]52;c;cm0gLXJmIH4Kx")

	d.command("say hi")
	check("story pane", m.sb.View())

	d.typeText("take ")
	d.press(tea.KeyTab)
	if !m.comp.active() {
		t.Fatal("no completions to show")
	}
	check("completions", m.comp.view(m.st, m.width))
	d.press(tea.KeyEsc)
	m.in.Reset()

	d.command("talk")
	if !m.menu.open() {
		t.Fatal("no menu")
	}
	check("menu", strings.Join(m.menu.view(m.st, m.width, false), "\n"))
	check("dimmed menu", strings.Join(m.menu.view(m.st, m.width, true), "\n"))

	d.command("win")
	if m.ended == nil {
		t.Fatal("no ending")
	}
	check("ending", m.bottomLine())
	check("farewell", m.farewell())
}

// The window title is an OSC sequence with the story's name inside: a
// name that ends it early would run whatever follows as a command.
func TestRunWindowTitleIsTheNameOnly(t *testing.T) {
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	err := Run(ctx, hostileGame(), Options{
		Input:  strings.NewReader("\x03y"), // Ctrl+C, then y
		Output: &out,
	})
	if err != nil || ctx.Err() != nil {
		t.Fatalf("Run: %v, %v", err, ctx.Err())
	}
	s := out.String()
	title := "\x1b]2;" + tio.Printable("Evil"+evil()) + "\a"
	if !strings.HasPrefix(s, title) {
		t.Fatalf("output does not start with the title %q: %q", title, s[:min(len(s), 80)])
	}
	rest := s[len(title):]
	for _, bad := range []string{"\x1b]", "\a", "\x00", "\u009b", "\u202e", "\x1b[2Jgone", "\x1b\\"} {
		if strings.Contains(rest, bad) {
			t.Errorf("the program wrote %q, which it never makes: %q", bad, rest)
		}
	}
}

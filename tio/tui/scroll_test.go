package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

// longReply is the demo game plus "read book", whose reply is twenty
// paragraphs: longer than any small terminal.
func longReply() *tiotest.Session {
	f := tiotest.New(tiotest.Options{Info: tio.StoryInfo{ID: "demo", Name: "Zork-ish", Mode: "if"},
		React: func(f *tiotest.Session, in tio.Input) {
			if in.Line != "read book" {
				demoReact(f, in)
				return
			}
			for i := range 20 {
				f.Emit(text(fmt.Sprintf("Page %d of the book.", i)))
			}
		}})
	f.Emit(text(westOfHouse), state("West of House", 0))
	return f
}

// After PgUp, a command brings the reply into view (Frotz, Lectrote), and
// while the player reads back the screen says so.
func TestCommandAfterPageUpJumpsToTheReply(t *testing.T) {
	f := newFakeSession()
	d := newHarness(t, f, Options{}, 60, 12)
	for i := range 30 {
		f.Emit(text(fmt.Sprintf("Paragraph %d of the story.", i)))
	}
	d.settle()
	d.mustNotSee("reading back")
	d.press(tea.KeyPgUp)
	d.mustSee("reading back")
	d.command("open mailbox")
	d.mustSee("Opening the small mailbox reveals a leaflet.")
	d.mustNotSee("reading back")
}

// A reply longer than the pane stops at [MORE]; any key shows the next
// pane, and the key is not typed.
func TestLongReplyPausesAtMore(t *testing.T) {
	f := longReply()
	d := newHarness(t, f, Options{}, 60, 10)
	d.command("read book")
	d.mustSee("> read book")
	d.mustSee("Page 0 of the book.")
	d.mustSee("[MORE]")
	d.mustNotSee("Page 19 of the book.")
	for range 20 {
		if !strings.Contains(d.screen(), "[MORE]") {
			break
		}
		d.typeText("x")
	}
	d.mustSee("Page 19 of the book.")
	d.mustNotSee("[MORE]")
	if v := d.m.in.Value(); v != "" {
		t.Errorf("keys pressed at [MORE] were typed: %q", v)
	}
	// Every page was on screen on the way.
	d.press(tea.KeyHome)
	d.command("look") // short replies never stop
	d.mustNotSee("[MORE]")
	d.mustSee("West of House")
}

// On a terminal tall enough for the reply there is no [MORE].
func TestShortReplyNeedsNoMore(t *testing.T) {
	d := newHarness(t, longReply(), Options{}, 60, 60)
	d.command("read book")
	d.mustSee("Page 19 of the book.")
	d.mustNotSee("[MORE]")
}

package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/tale-if/tale/tio"
)

// A story with combat shows hit points beside the score; one without
// shows none.
func TestStatusBarShowsHitPoints(t *testing.T) {
	st := newStyles(lipgloss.NewRenderer(nil), true)
	var b statusBar
	b.set(tio.State{Story: "The Undercroft", Location: "Damp Passage", Turns: 12, Score: 2, MaxScore: 112, HP: 23, MaxHP: 30, Level: 2})
	bar := ansi.Strip(b.view(st, 100))
	if !strings.Contains(bar, "HP 23/30") || !strings.Contains(bar, "Turns 12") {
		t.Errorf("status bar %q lacks the hit points or turns", bar)
	}
	b.set(tio.State{Story: "Gull Rock", Location: "Yard", Turns: 3})
	if bar := ansi.Strip(b.view(st, 100)); strings.Contains(bar, "HP") {
		t.Errorf("status bar %q shows hit points in a story without combat", bar)
	}
}

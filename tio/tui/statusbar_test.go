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

// TestStatusBarNarrow: as the bar narrows, the story's name goes first,
// then the clock, the score and the turns; hit points stay; only then is
// the location shortened. The bar always fills its width exactly.
func TestStatusBarNarrow(t *testing.T) {
	st := newStyles(lipgloss.NewRenderer(nil), true)
	lighthouse := tio.State{Story: "The Lighthouse at Gull Rock", Location: "The Lamp Room", Score: 0, MaxScore: 50, Turns: 9, Clock: "16:49"}
	dungeon := tio.State{Story: "The Undercroft", Location: "Damp Passage", Turns: 12, Score: 2, MaxScore: 112, HP: 23, MaxHP: 30}
	tests := []struct {
		state     tio.State
		width     int
		want, not []string
	}{
		{lighthouse, 80, []string{"The Lighthouse at Gull Rock", "The Lamp Room", "Score 0/50 · Turns 9 · 16:49"}, nil},
		{lighthouse, 50, []string{"The Lamp Room", "Score 0/50 · Turns 9 · 16:49"}, []string{"Gull Rock"}},
		{lighthouse, 30, []string{"The Lamp Room", "Turns 9"}, []string{"Gull Rock", "16:49", "Score"}},
		{lighthouse, 20, []string{"The Lamp Room"}, []string{"Gull Rock", "16:49", "Score", "Turns"}},
		{lighthouse, 10, []string{"The Lam…"}, []string{"Turns"}},

		{dungeon, 80, []string{"The Undercroft", "Damp Passage", "HP 23/30 · Score 2/112 · Turns 12"}, nil},
		{dungeon, 50, []string{"Damp Passage", "HP 23/30 · Score 2/112 · Turns 12"}, []string{"Undercroft"}},
		{dungeon, 36, []string{"Damp Passage", "HP 23/30 · Turns 12"}, []string{"Undercroft", "Score"}},
		{dungeon, 30, []string{"Damp Passage", "HP 23/30"}, []string{"Undercroft", "Score", "Turns"}},
		{dungeon, 20, []string{"Damp Pa…", "HP 23/30"}, []string{"Undercroft", "Score", "Turns", "Damp Passage"}},
	}
	for _, tc := range tests {
		var b statusBar
		b.set(tc.state)
		bar := ansi.Strip(b.view(st, tc.width))
		if w := lipgloss.Width(bar); w != tc.width {
			t.Errorf("%s@%d: bar %q is %d cells wide", tc.state.Story, tc.width, bar, w)
		}
		for _, s := range tc.want {
			if !strings.Contains(bar, s) {
				t.Errorf("%s@%d: bar %q lacks %q", tc.state.Story, tc.width, bar, s)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(bar, s) {
				t.Errorf("%s@%d: bar %q still shows %q", tc.state.Story, tc.width, bar, s)
			}
		}
	}
}

// Before the first state only the story's name is there to show; it is
// shortened, not dropped.
func TestStatusBarNameAlone(t *testing.T) {
	st := newStyles(lipgloss.NewRenderer(nil), true)
	b := statusBar{story: "The Lighthouse at Gull Rock"}
	if bar := ansi.Strip(b.view(st, 80)); !strings.Contains(bar, "The Lighthouse at Gull Rock") {
		t.Errorf("bar %q lacks the story's name", bar)
	}
	if bar := ansi.Strip(b.view(st, 12)); !strings.Contains(bar, "The Light…") {
		t.Errorf("narrow bar %q lacks the shortened name", bar)
	}
}

package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/tale-if/tale/tio"
)

// statusBar is the top line: the story, where the player is, and the
// numbers IF players glance at (score, turns, the game clock).
type statusBar struct {
	story string
	state tio.State
	known bool // a KindState has arrived

	// The bar changes once a turn but is drawn every frame; styling it
	// (colour conversion included) is most of a frame's cost.
	cached  string
	cachedW int
}

func (b *statusBar) set(s tio.State) {
	b.state, b.known, b.cached = s, true, ""
}

func (b *statusBar) view(st *styles, width int) string {
	if width <= 0 {
		return ""
	}
	if b.cached == "" || b.cachedW != width {
		b.cached, b.cachedW = b.render(st, width), width
	}
	return b.cached
}

func (b *statusBar) render(st *styles, width int) string {
	name := b.story
	if b.state.Story != "" {
		name = b.state.Story
	}
	left := st.StatusStory.Render(name)
	if b.state.Location != "" {
		left += st.StatusLocation.Render(b.state.Location)
	}
	var info []string
	if b.known {
		if b.state.MaxHP > 0 {
			info = append(info, fmt.Sprintf("HP %d/%d", b.state.HP, b.state.MaxHP))
		}
		if b.state.MaxScore > 0 {
			info = append(info, fmt.Sprintf("Score %d/%d", b.state.Score, b.state.MaxScore))
		} else if b.state.Score != 0 {
			info = append(info, fmt.Sprintf("Score %d", b.state.Score))
		}
		info = append(info, fmt.Sprintf("Turns %d", b.state.Turns))
	}
	if b.state.Clock != "" {
		info = append(info, b.state.Clock)
	}
	right := ""
	if len(info) > 0 {
		right = st.StatusInfo.Render(strings.Join(info, " · "))
	}
	// The location gives way before the numbers do: they are short and
	// change every turn, the name is also in the story text.
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 0 {
		left = ansi.Truncate(left, max(width-lipgloss.Width(right), 0), "…")
		gap = width - lipgloss.Width(left) - lipgloss.Width(right)
	}
	line := left + st.StatusBar.Render(strings.Repeat(" ", max(gap, 0))) + right
	return ansi.Truncate(line, width, "")
}

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

// set takes the fields the bar shows as printable text: they come from a
// story (or, in a shared world, from other players) and are drawn raw.
func (b *statusBar) set(s tio.State) {
	s.Story, s.Location, s.Clock = tio.Printable(s.Story), tio.Printable(s.Location), tio.Printable(s.Clock)
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
	place := b.state.Location
	if place == "" {
		// Nothing to say where the player is yet: the name takes its
		// place, and gives way last.
		place, name = name, ""
	}
	var hp, score, turns string
	if b.known {
		if b.state.MaxHP > 0 {
			hp = fmt.Sprintf("HP %d/%d", b.state.HP, b.state.MaxHP)
		}
		if b.state.MaxScore > 0 {
			score = fmt.Sprintf("Score %d/%d", b.state.Score, b.state.MaxScore)
		} else if b.state.Score != 0 {
			score = fmt.Sprintf("Score %d", b.state.Score)
		}
		turns = fmt.Sprintf("Turns %d", b.state.Turns)
	}
	clock := b.state.Clock

	block := func(style lipgloss.Style, text string) string {
		if text == "" {
			return ""
		}
		return style.Render(text)
	}
	info := func() string {
		var parts []string
		for _, p := range []string{hp, score, turns, clock} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		return block(st.StatusInfo, strings.Join(parts, " · "))
	}
	left := func() string { return block(st.StatusStory, name) + block(st.StatusLocation, place) }

	// When the bar is too narrow, things give way in this order: the
	// story's name (it is in the window title), the clock, the score,
	// the turns; hit points stay, they can decide the next move. Only
	// then is the location shortened: it says where the player is, and
	// the numbers are short.
	right := info()
	for _, drop := range []*string{&name, &clock, &score, &turns} {
		if lipgloss.Width(left())+lipgloss.Width(right) <= width {
			break
		}
		*drop = ""
		right = info()
	}
	l := left()
	if lipgloss.Width(l)+lipgloss.Width(right) > width && place != "" {
		pad := lipgloss.Width(block(st.StatusLocation, place)) - lipgloss.Width(place)
		room := width - lipgloss.Width(right) - pad
		if room > 0 {
			l = block(st.StatusLocation, ansi.Truncate(place, room, "…"))
		} else {
			l = ""
		}
	}
	gap := width - lipgloss.Width(l) - lipgloss.Width(right)
	line := l + st.StatusBar.Render(strings.Repeat(" ", max(gap, 0))) + right
	return ansi.Truncate(line, width, "")
}

package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/tale-if/tale/tio/markup"
)

// Colours come in light/dark pairs so the story reads on either kind of
// terminal; the renderer decides which half applies, so tests that pin the
// renderer's background never query the terminal.
var (
	colAccent   = lipgloss.AdaptiveColor{Light: "#5A3FD9", Dark: "#7D56F4"}
	colHighlite = lipgloss.AdaptiveColor{Light: "#D6336C", Dark: "#F25D94"}
	colOnAccent = lipgloss.AdaptiveColor{Light: "#FFFDF5", Dark: "#FFFDF5"}
	colBarBg    = lipgloss.AdaptiveColor{Light: "#E4E0F5", Dark: "#2E2A42"}
	colBarFg    = lipgloss.AdaptiveColor{Light: "#34305A", Dark: "#C9C4E8"}
	colMuted    = lipgloss.AdaptiveColor{Light: "#8A8699", Dark: "#6C6880"}
	colText     = lipgloss.AdaptiveColor{Light: "#1F1D2B", Dark: "#E8E6F0"}
	colGood     = lipgloss.AdaptiveColor{Light: "#0A8754", Dark: "#04B575"}
	colEcho     = lipgloss.AdaptiveColor{Light: "#5A3FD9", Dark: "#B4A0FF"}
)

// styles is every look the TUI has, built once from one renderer so no view
// reaches for lipgloss's global default (whose colour detection differs
// between a terminal and a test).
type styles struct {
	renderer *lipgloss.Renderer
	noColor  bool

	// Story text: every markup tag. The player's own commands take the
	// prompt's colour, so what was typed reads as typed.
	Markup markup.Theme

	// Status bar.
	StatusBar      lipgloss.Style
	StatusStory    lipgloss.Style
	StatusLocation lipgloss.Style
	StatusInfo     lipgloss.Style

	// Between the story and the input line.
	Rule     lipgloss.Style
	Hint     lipgloss.Style
	Cand     lipgloss.Style
	CandSel  lipgloss.Style
	Notice   lipgloss.Style
	ErrorMsg lipgloss.Style

	// Input line.
	Prompt      lipgloss.Style
	InputText   lipgloss.Style
	Placeholder lipgloss.Style
	Cursor      lipgloss.Style

	// Choice menu.
	MenuPrompt   lipgloss.Style
	MenuNumber   lipgloss.Style
	MenuItem     lipgloss.Style
	MenuSelected lipgloss.Style
	MenuDim      lipgloss.Style

	// Help overlay.
	HelpBox   lipgloss.Style
	HelpTitle lipgloss.Style
	HelpKey   lipgloss.Style
	HelpDesc  lipgloss.Style
}

// newStyles builds the theme. Without colour (NO_COLOR) the same layout
// stays legible through reverse video and bold alone.
func newStyles(r *lipgloss.Renderer, noColor bool) *styles {
	s := &styles{renderer: r, noColor: noColor}
	n := r.NewStyle
	if noColor {
		s.Markup = markup.PlainTheme()
		s.StatusBar = n().Reverse(true)
		s.StatusStory = n().Reverse(true).Bold(true).Padding(0, 1)
		s.StatusLocation = n().Reverse(true).Padding(0, 1)
		s.StatusInfo = n().Reverse(true).Padding(0, 1)
		s.Rule = n()
		s.Hint = n().Bold(true)
		s.Cand = n()
		s.CandSel = n().Reverse(true)
		s.Notice = n().Bold(true)
		s.ErrorMsg = n().Bold(true)
		s.Prompt = n().Bold(true)
		s.InputText = n()
		s.Placeholder = n()
		s.Cursor = n()
		s.MenuPrompt = n().Bold(true)
		s.MenuNumber = n()
		s.MenuItem = n()
		s.MenuSelected = n().Reverse(true)
		s.MenuDim = n()
		s.HelpBox = n().Border(lipgloss.NormalBorder()).Padding(0, 2)
		s.HelpTitle = n().Bold(true)
		s.HelpKey = n().Bold(true)
		s.HelpDesc = n()
		return s
	}
	s.Markup = markup.DefaultTheme(r)
	s.Markup.UserInput = n().Foreground(colEcho)
	s.StatusBar = n().Foreground(colBarFg).Background(colBarBg)
	s.StatusStory = n().Foreground(colOnAccent).Background(colAccent).Bold(true).Padding(0, 1)
	s.StatusLocation = n().Foreground(colText).Background(colBarBg).Bold(true).Padding(0, 1)
	s.StatusInfo = n().Foreground(colBarFg).Background(colBarBg).Padding(0, 1)
	s.Rule = n().Foreground(colMuted)
	s.Hint = n().Foreground(colHighlite).Bold(true)
	s.Cand = n().Foreground(colMuted)
	s.CandSel = n().Foreground(colOnAccent).Background(colAccent)
	s.Notice = n().Foreground(colHighlite).Bold(true)
	s.ErrorMsg = n().Foreground(colHighlite)
	s.Prompt = n().Foreground(colAccent).Bold(true)
	s.InputText = n().Foreground(colText)
	s.Placeholder = n().Foreground(colMuted)
	s.Cursor = n().Foreground(colAccent)
	s.MenuPrompt = n().Foreground(colText).Bold(true)
	s.MenuNumber = n().Foreground(colAccent)
	s.MenuItem = n().Foreground(colText)
	s.MenuSelected = n().Foreground(colOnAccent).Background(colAccent)
	s.MenuDim = n().Foreground(colMuted)
	s.HelpBox = n().Border(lipgloss.RoundedBorder()).BorderForeground(colAccent).Padding(0, 2)
	s.HelpTitle = n().Foreground(colHighlite).Bold(true)
	s.HelpKey = n().Foreground(colGood).Bold(true)
	s.HelpDesc = n().Foreground(colText)
	return s
}

// markup renders story markup to styled lines of at most width cells.
func (s *styles) markup(src string, width int) string {
	return strings.TrimSuffix(markup.ANSI(src, width, s.Markup), "\n")
}

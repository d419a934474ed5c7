package markup

import "github.com/charmbracelet/lipgloss"

// Theme says how [ANSI] shows each style flag, role and kind of speech.
// A theme from [DefaultTheme] or [PlainTheme] composes each combination
// it renders once and keeps it, also in its copies: set its styles before
// it first renders, or build a new one.
// When text carries several, their styles are layered with the role
// first, then the speech, then Location,
// Bright, Dim, Underline, Italic, Reverse and Monospaced: where two set the
// same property (a colour, say), the earlier one wins.
//
// The renderer bound to the first style that applies (lipgloss
// Renderer.NewStyle) decides the colour profile, so build every style of
// a theme from one renderer.
type Theme struct {
	Dim, Bright, Underline, Italic, Reverse, Location, Monospaced lipgloss.Style

	Exit, Item, Living, Player, UserInput lipgloss.Style

	Say, Tell, Shout, Emote lipgloss.Style

	// composed keeps the combinations ANSI has rendered with a theme from
	// DefaultTheme or PlainTheme (nil in a theme built by hand, which is
	// composed afresh at every call). Copies of the theme share it, so set
	// a theme's styles before it first renders.
	composed *composedStyles
}

// DefaultTheme is a restrained palette that reads on light and dark
// backgrounds: intensity and underline as the tags say, and one colour
// for each kind of thing a player can act on, and speech set apart from
// narration by a slant, a weight or a soft tint (a role's colour wins,
// so the names in it keep theirs). r decides the colour
// profile and whether the background is dark; nil means lipgloss's
// default renderer (stdout). Deciding the background may query the
// terminal, so call r.SetHasDarkBackground first when the answer is known
// or when something else is reading the terminal.
func DefaultTheme(r *lipgloss.Renderer) Theme {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	color := func(light, dark string) lipgloss.Style {
		return r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: light, Dark: dark})
	}
	return Theme{
		Dim:        r.NewStyle().Faint(true),
		Bright:     r.NewStyle().Bold(true),
		Underline:  r.NewStyle().Underline(true),
		Italic:     r.NewStyle().Italic(true),
		Reverse:    r.NewStyle().Reverse(true),
		Location:   color("#1c5d99", "#8cb8ff").Bold(true),
		Monospaced: r.NewStyle(), // a terminal is monospaced already
		Exit:       color("#2e7d32", "#8fd694"),
		Item:       color("#8a5a00", "#f2c96d"),
		Living:     color("#8e3a9d", "#e0a3f0"),
		Player:     color("#00727d", "#7fd8d8"),
		UserInput:  color("#5c5c5c", "#a8a8a8").Italic(true),
		Say:        r.NewStyle().Italic(true),
		Tell:       r.NewStyle().Italic(true).Faint(true),
		Shout:      r.NewStyle().Bold(true),
		Emote:      color("#5f5f87", "#b8b8dc"),
		composed:   new(composedStyles),
	}
}

// PlainTheme styles nothing: for NO_COLOR, and for terminals that cannot
// show styles. ANSI with it gives the same text as [Plain].
func PlainTheme() Theme { return Theme{composed: new(composedStyles)} }

// layers lists the theme's styles in the order they are layered. They
// are copies, so that a theme handed to ANSI by value can stay on its
// stack.
func (th *Theme) layers(st Style, r Role, k Speech) []lipgloss.Style {
	out := make([]lipgloss.Style, 0, 5)
	switch r {
	case Exit:
		out = append(out, th.Exit)
	case Item:
		out = append(out, th.Item)
	case Living:
		out = append(out, th.Living)
	case Player:
		out = append(out, th.Player)
	case UserInput:
		out = append(out, th.UserInput)
	}
	switch k {
	case Say:
		out = append(out, th.Say)
	case Tell:
		out = append(out, th.Tell)
	case Shout:
		out = append(out, th.Shout)
	case Emote:
		out = append(out, th.Emote)
	}
	for _, f := range [...]struct {
		flag  Style
		style *lipgloss.Style
	}{
		{Location, &th.Location},
		{Bright, &th.Bright},
		{Dim, &th.Dim},
		{Underline, &th.Underline},
		{Italic, &th.Italic},
		{Reverse, &th.Reverse},
		{Monospaced, &th.Monospaced},
	} {
		if st&f.flag != 0 {
			out = append(out, *f.style)
		}
	}
	return out
}

package markup

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// ANSI renders markup for a terminal: laid out like [Plain] (same words on
// the same lines, since styles take no room) with each span styled by th.
// Each span is styled on its own and ends with a reset, so a line can be
// cut or reordered without styles bleeding. With [PlainTheme], or a
// renderer whose profile is termenv.Ascii, the output has no escape codes.
func ANSI(s string, width int, th Theme) string {
	styles := styleCache{theme: &th}
	return render(s, width, func(b *strings.Builder, sp Span) {
		if st, ok := styles.get(sp.Style, sp.Role, sp.Speech); ok {
			b.WriteString(st.Render(sp.Text))
			return
		}
		b.WriteString(sp.Text)
	})
}

// styleCache composes each combination of style, role and speech once per
// call; composing and probing a lipgloss style costs far more than a
// lookup.
type styleCache struct {
	theme *Theme
	m     map[uint32]cachedStyle
}

type cachedStyle struct {
	style lipgloss.Style
	ok    bool
}

// get returns the style for st, r and k, and false when it changes nothing:
// then the text is written as it is, which also keeps lipgloss from
// turning tabs in monospaced art into spaces.
func (c *styleCache) get(st Style, r Role, k Speech) (lipgloss.Style, bool) {
	if st == 0 && r == None && k == NoSpeech {
		return lipgloss.Style{}, false
	}
	key := uint32(st)<<16 | uint32(k)<<8 | uint32(r)
	if cs, ok := c.m[key]; ok {
		return cs.style, cs.ok
	}
	var cs cachedStyle
	for i, l := range c.theme.layers(st, r, k) {
		if i == 0 {
			cs.style = *l
		} else {
			cs.style = cs.style.Inherit(*l)
		}
	}
	const probe = "x"
	cs.ok = cs.style.Render(probe) != probe
	if c.m == nil {
		c.m = make(map[uint32]cachedStyle)
	}
	c.m[key] = cs
	return cs.style, cs.ok
}

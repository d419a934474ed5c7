package markup

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
)

// ANSI renders markup for a terminal: laid out like [Plain] (same words on
// the same lines, since styles take no room) with each span styled by th.
// Each span is styled on its own and ends with a reset, so a line can be
// cut or reordered without styles bleeding. With [PlainTheme], or a
// renderer whose profile is termenv.Ascii, the output has no escape codes.
func ANSI(s string, width int, th Theme) string {
	styles := th.composed
	if styles == nil {
		styles = new(composedStyles) // a theme built by hand: composed afresh for this call
	}
	return render(s, width, func(b *strings.Builder, sp Span) {
		styles.get(&th, sp.Style, sp.Role, sp.Speech).write(b, sp.Text)
	})
}

// composedStyles holds each combination of style, role and speech a theme
// has rendered, composed once: composing and probing a lipgloss style, and
// lipgloss's Render itself, convert the theme's colours to the terminal's
// palette every time, which cost tens of µs a reply.
type composedStyles struct {
	mu sync.Mutex
	m  map[uint32]*composedStyle
}

// composedStyle is one combination. When styling a text with it is the
// same as writing on, the text and off — or, for a style lipgloss applies
// rune by rune (underline, strike-through), each rune between on and off,
// a space between spaceOn and off — the spans are written that way;
// otherwise lipgloss renders them.
type composedStyle struct {
	style   lipgloss.Style
	changes bool // false: the text is written as it is
	direct  bool // the on/off form gives what style.Render gives
	perRune bool
	on, off string
	spaceOn string
}

func (c *composedStyles) get(th *Theme, st Style, r Role, k Speech) *composedStyle {
	key := uint32(st)<<16 | uint32(k)<<8 | uint32(r)
	c.mu.Lock()
	defer c.mu.Unlock()
	if cs, ok := c.m[key]; ok {
		return cs
	}
	cs := compose(th, st, r, k)
	if c.m == nil {
		c.m = make(map[uint32]*composedStyle)
	}
	c.m[key] = cs
	return cs
}

// unstyled is the combination that changes nothing.
var unstyled = &composedStyle{}

func compose(th *Theme, st Style, r Role, k Speech) *composedStyle {
	if st == 0 && r == None && k == NoSpeech {
		return unstyled
	}
	cs := new(composedStyle)
	for i, l := range th.layers(st, r, k) {
		if i == 0 {
			cs.style = l
		} else {
			cs.style = cs.style.Inherit(l)
		}
	}
	const probe = "x"
	out := cs.style.Render(probe)
	// A style that changes nothing leaves the text as it is, which also
	// keeps lipgloss from turning tabs in monospaced art into spaces.
	if cs.changes = out != probe; !cs.changes {
		return cs
	}
	cs.on, cs.off, _ = strings.Cut(out, probe)
	if space := cs.style.Render(" "); space != " " {
		cs.spaceOn, _, _ = strings.Cut(space, " ")
	}
	for _, perRune := range []bool{false, true} {
		cs.perRune = perRune
		if cs.matchesLipgloss() {
			cs.direct = true
			break
		}
	}
	return cs
}

// directProbes are texts the direct form must style exactly as lipgloss
// does before it is trusted: spaces inside and around words, runes of
// several bytes and of two cells. Tabs, carriage returns and line breaks,
// which lipgloss rewrites, always go through lipgloss.
var directProbes = []string{"x", "ab", "a b", " ", "  ab  c ", "é ü", "日本", ""}

func (cs *composedStyle) matchesLipgloss() bool {
	var b strings.Builder
	for _, p := range directProbes {
		b.Reset()
		cs.writeDirect(&b, p)
		if b.String() != cs.style.Render(p) {
			return false
		}
	}
	return true
}

func (cs *composedStyle) write(b *strings.Builder, text string) {
	switch {
	case !cs.changes:
		b.WriteString(text)
	case !cs.direct || strings.ContainsAny(text, "\t\r\n"):
		b.WriteString(cs.style.Render(text))
	default:
		cs.writeDirect(b, text)
	}
}

func (cs *composedStyle) writeDirect(b *strings.Builder, text string) {
	if !cs.perRune {
		b.WriteString(cs.on)
		b.WriteString(text)
		b.WriteString(cs.off)
		return
	}
	for len(text) > 0 {
		r, n := utf8.DecodeRuneInString(text)
		on := cs.on
		if unicode.IsSpace(r) {
			on = cs.spaceOn
		}
		if on == "" {
			b.WriteString(text[:n])
		} else {
			b.WriteString(on)
			b.WriteString(text[:n]) // valid UTF-8: the parser replaces what is not
			b.WriteString(cs.off)
		}
		text = text[n:]
	}
}

package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// maxMenuRows caps how much of the screen a menu may take, so the story
// above it stays in sight; longer menus scroll with the selection.
const maxMenuRows = 9

// menu is an open choice menu (a conversation, a yes/no question).
type menu struct {
	choices *tio.Choices
	sel     int
}

func (m *menu) open() bool { return m.choices != nil && len(m.choices.Options) > 0 }

func (m *menu) set(c *tio.Choices) { m.choices, m.sel = c, 0 }

func (m *menu) close() { m.choices, m.sel = nil, 0 }

func (m *menu) move(d int) {
	n := len(m.choices.Options)
	m.sel = (m.sel + d + n) % n
}

// byNumber returns the option a digit key names (1 is the first).
func (m *menu) byNumber(s string) (tio.Choice, bool) {
	if len(s) != 1 || s[0] < '1' || s[0] > '9' {
		return tio.Choice{}, false
	}
	i := int(s[0] - '1')
	if i >= len(m.choices.Options) {
		return tio.Choice{}, false
	}
	return m.choices.Options[i], true
}

// view renders the menu as whole lines, the prompt first. dim is set while
// the player types a command instead: the menu stays readable but is
// plainly not what the keys drive.
func (m *menu) view(st *styles, width int, dim bool) []string {
	var out []string
	if p := strings.TrimSpace(m.choices.Prompt); p != "" {
		out = append(out, " "+st.MenuPrompt.Render(oneLine(p, max(width-2*margin, 1))))
	}
	opts := m.choices.Options
	first := 0
	if len(opts) > maxMenuRows {
		first = min(max(0, m.sel-maxMenuRows/2), len(opts)-maxMenuRows)
		opts = opts[first : first+maxMenuRows]
	}
	for j, c := range opts {
		i := first + j
		num := "  "
		if i < 9 {
			num = fmt.Sprintf("%d.", i+1)
		}
		text := oneLine(c.Text, max(width-8, 1))
		switch {
		case dim:
			out = append(out, "   "+st.MenuDim.Render(num+" "+text))
		case i == m.sel:
			out = append(out, " "+st.MenuSelected.Render("› "+num+" "+text+" "))
		default:
			out = append(out, "   "+st.MenuNumber.Render(num)+" "+st.MenuItem.Render(text))
		}
	}
	return out
}

// oneLine renders markup as plain text on one line of at most width cells
// (0: no limit), so the menu's own styles are not fought by the story's.
func oneLine(src string, width int) string {
	s := strings.Join(strings.Fields(markup.Strip(src)), " ")
	if width <= 0 {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

package tui

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tale-if/tale/tio"
)

// completion is the Tab state: the candidates for what the player had typed
// and which one the input line shows now. Any other edit ends it.
type completion struct {
	cands []string
	idx   int
}

// completionsMsg carries the session's answer for prefix.
type completionsMsg struct {
	prefix string
	cands  []string
	err    error
}

// completeCmd asks the session off the event loop: Complete is a query to
// the driver and may wait its turn there.
func completeCmd(ctx context.Context, sess tio.Session, prefix string) tea.Cmd {
	return func() tea.Msg {
		c, err := sess.Complete(ctx, prefix)
		return completionsMsg{prefix: prefix, cands: c, err: err}
	}
}

func (c *completion) active() bool { return len(c.cands) > 1 }

func (c *completion) reset() { *c = completion{} }

// cycling reports whether value is the candidate Tab put there last, so a
// further Tab moves on instead of asking again.
func (c *completion) cycling(value string) bool {
	return c.active() && value == c.cands[c.idx]
}

func (c *completion) step(d int) string {
	n := len(c.cands)
	c.idx = (c.idx + d + n) % n
	return c.cands[c.idx]
}

// view is the candidates line: every candidate, the current one marked,
// scrolled so the current one is always on screen.
func (c *completion) view(st *styles, width int) string {
	parts := make([]string, len(c.cands))
	for i, cand := range c.cands {
		if i == c.idx {
			parts[i] = st.CandSel.Render(" " + cand + " ")
		} else {
			parts[i] = st.Cand.Render(" " + cand + " ")
		}
	}
	first := 0
	for first < c.idx && ansi.StringWidth(strings.Join(parts[first:c.idx+1], " ")) > width-2 {
		first++
	}
	line := " " + strings.Join(parts[first:], " ")
	if first > 0 {
		line = st.Cand.Render("…") + line
	}
	return ansi.Truncate(line, width, st.Cand.Render("…"))
}

// tab completes the input line: the first Tab asks the session, further
// Tabs cycle through the candidates it gave (Shift+Tab goes back).
func (m *model) tab(d int) tea.Cmd {
	v := m.in.Value()
	if m.comp.cycling(v) {
		m.setInput(m.comp.step(d))
		return nil
	}
	m.comp.reset()
	return completeCmd(m.ctx, m.sess, v)
}

// onCompletions applies the session's answer, unless the player has typed
// on since asking. A unique candidate is taken with a space after it, ready
// for the next word; several fill in the first and show the rest.
func (m *model) onCompletions(msg completionsMsg) {
	if msg.err != nil || msg.prefix != m.in.Value() || len(msg.cands) == 0 {
		return
	}
	// Candidates are the story's names, shown as they are on the
	// candidates line.
	for i, c := range msg.cands {
		msg.cands[i] = tio.Printable(c)
	}
	if len(msg.cands) == 1 {
		c := msg.cands[0]
		if !strings.HasSuffix(c, " ") {
			c += " "
		}
		m.setInput(c)
		return
	}
	m.comp = completion{cands: msg.cands}
	m.setInput(msg.cands[0])
}

package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/tale-if/tale/tio"
)

// model is the whole TUI. Only Bubble Tea's event loop touches it.
type model struct {
	ctx  context.Context
	sess tio.Session
	st   *styles
	keys keyMap

	width, height int
	rule          string // the plain rule, drawn for ruleW columns
	ruleW         int

	status statusBar
	sb     scrollback
	in     textinput.Model
	hist   *history
	comp   completion
	menu   menu

	sub     *tio.Subscription
	lastSeq uint64
	outbox  []tio.Input
	sending bool

	noEcho      bool                 // the next line is secret
	showHelp    bool                 // the help overlay covers the story
	confirmQuit bool                 // "Quit? (y/n)" is up
	ended       *tio.Ending          // the story is over; the driver still takes undo, restart, restore and quit
	gone        bool                 // the session closed after an ending: any key leaves
	lastText    string               // the newest text event, left on the terminal at exit
	endWords    string               // the text shown just before the ending: the story's last words
	narr        map[uint64]narrating // narrations being streamed, by id (narration.go)
	hideMark    bool                 // Options.HideNarrationMark
	done        bool                 // history saved, subscription cancelled
	err         error                // why the TUI could not run
}

// settings are what tests pin and a terminal decides.
type settings struct {
	renderer *lipgloss.Renderer
	blink    bool
}

func newModel(ctx context.Context, sess tio.Session, opts Options, set settings) *model {
	st := newStyles(set.renderer, opts.NoColor)
	m := &model{
		ctx:  ctx,
		sess: sess,
		st:   st,
		keys: defaultKeyMap(),
		sb:   newScrollback(st.markup),
		in:   newInput(st, set.blink),
		hist: loadHistory(historyPath(opts.DataDir, opts.StoryID)),
		narr: map[uint64]narrating{},

		hideMark: opts.HideNarrationMark,
	}
	m.status.story = tio.Printable(sess.Info().Name) // also the window title
	return m
}

func (m *model) Init() tea.Cmd {
	cmds := []tea.Cmd{subscribeCmd(m.ctx, m.sess, 0)}
	if m.in.Cursor.Mode() == cursor.CursorBlink {
		cmds = append(cmds, textinput.Blink)
	}
	return tea.Batch(cmds...)
}

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.sb.flush()
	m.in.Placeholder = m.placeholder()
	return m, cmd
}

// placeholder is the empty input line's hint for what the keys do now.
func (m *model) placeholder() string {
	switch {
	case m.noEcho:
		return secretPlaceholder
	case m.menu.open():
		return menuPlaceholder
	}
	return placeholder
}

func (m *model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.in.Width = max(msg.Width-lipgloss.Width(m.in.Prompt)-1, 1)
		m.layout()
		return nil
	case subscribedMsg:
		return m.onSubscribed(msg)
	case eventsMsg:
		return m.onEvents(msg)
	case sentMsg:
		return m.onSent(msg)
	case completionsMsg:
		m.onCompletions(msg)
		return nil
	case tea.KeyMsg:
		return m.onKey(msg)
	case tea.MouseMsg:
		if !m.showHelp {
			m.sb.scroll(msg, m.keys)
		}
		return nil
	}
	// The rest (the cursor's blink) belongs to the input line.
	var cmd tea.Cmd
	m.in, cmd = m.in.Update(msg)
	return cmd
}

func (m *model) onKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.gone:
		return m.quit()
	case m.confirmQuit:
		if s := msg.String(); s == "y" || s == "Y" || key.Matches(msg, k.Quit) || key.Matches(msg, k.QuitEmpty) {
			return m.quit()
		}
		m.confirmQuit = false
		return nil
	case m.showHelp:
		m.showHelp = false
		return nil
	case m.sb.more && !key.Matches(msg, k.Quit):
		m.sb.continueMore() // any key, as at Frotz's [MORE]; never typed
		return nil
	}
	if !isKey(msg) {
		// Typed text, not a key: "end", "home", "up" or "tab" typed in one
		// burst (a paste without bracketed paste, tmux send-keys) reads as
		// one KeyRunes message whose String is the word itself.
		return m.typeInto(msg)
	}
	empty := m.in.Value() == ""
	switch {
	case key.Matches(msg, k.Quit):
		m.confirmQuit = true
		return nil
	case key.Matches(msg, k.Help), empty && msg.String() == "?":
		m.showHelp = true
		return nil
	case empty && key.Matches(msg, k.QuitEmpty):
		m.confirmQuit = true // as Ctrl+C: a stray Ctrl+D must not lose the game
		return nil
	case m.sb.scroll(msg, k):
		return nil
	}
	if m.menu.open() && empty {
		switch {
		case key.Matches(msg, k.MenuUp):
			m.menu.move(-1)
			return nil
		case key.Matches(msg, k.MenuDown):
			m.menu.move(1)
			return nil
		case key.Matches(msg, k.Submit):
			return m.pick(m.menu.choices.Options[m.menu.sel])
		case key.Matches(msg, k.MenuNumber):
			if c, ok := m.menu.byNumber(msg.String()); ok {
				return m.pick(c)
			}
			return nil
		}
	}
	switch {
	case key.Matches(msg, k.Close):
		if m.comp.active() {
			m.comp.reset()
		} else if m.menu.open() {
			m.menu.close()
			m.layout()
		}
		return nil
	case key.Matches(msg, k.Complete):
		return m.tab(1)
	case key.Matches(msg, k.CompPrev):
		return m.tab(-1)
	case key.Matches(msg, k.HistPrev):
		if v, ok := m.hist.prev(m.in.Value()); ok && !m.noEcho {
			m.setInput(v)
			m.comp.reset()
		}
		return nil
	case key.Matches(msg, k.HistNext):
		if v, ok := m.hist.next(); ok && !m.noEcho {
			m.setInput(v)
			m.comp.reset()
		}
		return nil
	case key.Matches(msg, k.Submit):
		return m.submit()
	}
	return m.typeInto(msg)
}

// isKey reports whether msg may be a key binding: a named key (Enter,
// Home, F1, Ctrl+C …) or a single typed character ("?", a menu number).
// Several runes at once, or a paste, are always text.
func isKey(msg tea.KeyMsg) bool {
	return msg.Type != tea.KeyRunes || (len(msg.Runes) == 1 && !msg.Paste)
}

// typeInto hands msg to the input line. A burst of runes goes in one rune
// at a time, since the line's own bindings would read "end" or "home" as
// keys too.
func (m *model) typeInto(msg tea.KeyMsg) tea.Cmd {
	before := m.in.Value()
	var cmd tea.Cmd
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		for _, r := range msg.Runes {
			// Only the last Cmd counts: each restarts the cursor's blink.
			m.in, cmd = m.in.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		}
	} else {
		m.in, cmd = m.in.Update(msg)
	}
	if m.in.Value() != before {
		m.comp.reset()
	}
	return cmd
}

// quit ends the program after saving what must outlive it.
func (m *model) quit() tea.Cmd {
	m.finish()
	return tea.Quit
}

// finish saves the history and lets go of the session. It is safe to call
// more than once (the model quits, then Run makes sure).
func (m *model) finish() {
	if m.done {
		return
	}
	m.done = true
	_ = m.hist.compact() // losing recall is no reason to fail the game
	if m.sub != nil {
		m.sub.Cancel()
	}
}

// lowerRows is how many lines sit between the story pane and the bottom:
// the rule, an open menu, the input line.
func (m *model) lowerRows() int {
	n := 2
	if m.menu.open() {
		if strings.TrimSpace(m.menu.choices.Prompt) != "" {
			n++
		}
		n += min(len(m.menu.choices.Options), maxMenuRows)
	}
	return n
}

// layout gives the story pane what the status bar and the lower rows leave.
func (m *model) layout() {
	if m.width == 0 {
		return
	}
	m.sb.setSize(m.width, max(m.height-1-m.lowerRows(), 1))
}

func (m *model) View() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(m.status.view(m.st, m.width))
	b.WriteByte('\n')
	if m.showHelp {
		b.WriteString(helpView(m.st, m.keys, m.width, m.sb.vp.Height))
	} else {
		b.WriteString(m.sb.View())
	}
	b.WriteByte('\n')
	b.WriteString(m.separator())
	if m.menu.open() {
		for _, l := range m.menu.view(m.st, m.width, m.in.Value() != "") {
			b.WriteByte('\n')
			b.WriteString(ansi.Truncate(l, m.width, ""))
		}
	}
	b.WriteByte('\n')
	b.WriteString(m.bottomLine())
	return b.String()
}

// separator is the line above the input: the completions while Tab is
// cycling, the "new text below" hint while the player reads back, or a rule.
func (m *model) separator() string {
	if m.showHelp {
		return m.ruleWith(" any key to go back ")
	}
	if m.comp.active() {
		return m.comp.view(m.st, m.width)
	}
	if m.sb.more {
		return m.ruleWith(" [MORE] any key ")
	}
	if m.sb.newBelow {
		return m.ruleWith(" ↓ new text below · End ")
	}
	if !m.sb.atBottom() {
		return m.ruleWith(" ↑ reading back · End returns ")
	}
	if m.ruleW != m.width {
		m.rule, m.ruleW = m.st.Rule.Render(strings.Repeat("─", m.width)), m.width
	}
	return m.rule
}

// ruleWith is the rule with a hint near its right end.
func (m *model) ruleWith(hint string) string {
	rule := strings.Repeat("─", max(m.width-lipgloss.Width(hint)-2, 0))
	return ansi.Truncate(m.st.Rule.Render(rule)+m.st.Hint.Render(hint)+m.st.Rule.Render("──"), m.width, "")
}

func (m *model) bottomLine() string {
	switch {
	case m.ended != nil && m.ended.ID == quitEnding:
		return "" // leaving at once: no key to press
	case m.gone:
		msg := "Press any key to exit."
		if title := oneLine(m.ended.Title, 0); title != "" {
			msg = title + " · " + msg
		}
		return ansi.Truncate(" "+m.st.Notice.Render(msg), m.width, "…")
	case m.confirmQuit:
		return " " + m.st.Notice.Render("Quit? (y/n)")
	}
	return ansi.Truncate(m.in.View(), m.width, "")
}

// fitHeight pads or cuts s to exactly h lines.
func fitHeight(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

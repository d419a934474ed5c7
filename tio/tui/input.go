package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// secretEcho stands in for a secret line in the story pane: the same
// length whatever was typed, so not even that leaks.
const secretEcho = "••••••"

// placeholder shows on the empty input line: where to type, and where help is.
const placeholder = "type a command · F1 for help"

// menuPlaceholder says how to answer an open menu, and that typing a
// command instead is fine.
const menuPlaceholder = "↑/↓ enter or a number to choose · or type a command"

// secretPlaceholder reassures the player typing a password.
const secretPlaceholder = "secret: not shown, not kept"

func newInput(st *styles, blink bool) textinput.Model {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = placeholder
	in.CharLimit = tio.MaxLineBytes
	in.PromptStyle = st.Prompt
	in.TextStyle = st.InputText
	in.PlaceholderStyle = st.Placeholder
	in.CompletionStyle = st.Placeholder
	in.Cursor.Style = st.Cursor
	in.Cursor.TextStyle = st.InputText
	in.EchoCharacter = '•'
	if !blink {
		in.Cursor.SetMode(cursor.CursorStatic)
	}
	in.Focus()
	return in
}

// sentMsg reports one Send done.
type sentMsg struct{ err error }

// send queues input for the session. One Send is in flight at a time so
// commands typed quickly reach the driver in the order they were typed
// (commands run as concurrent Cmds have no order).
func (m *model) send(in tio.Input) tea.Cmd {
	m.outbox = append(m.outbox, in)
	if m.sending {
		return nil
	}
	return m.nextSend()
}

func (m *model) nextSend() tea.Cmd {
	if len(m.outbox) == 0 {
		m.sending = false
		return nil
	}
	in := m.outbox[0]
	m.outbox = m.outbox[1:]
	m.sending = true
	ctx, sess := m.ctx, m.sess
	return func() tea.Msg { return sentMsg{err: sess.Send(ctx, in)} }
}

func (m *model) onSent(msg sentMsg) tea.Cmd {
	if msg.err != nil {
		if errors.Is(msg.err, tio.ErrSessionClosed) || m.ctx.Err() != nil {
			m.outbox = nil
			m.sending = false
			return m.sessionGone()
		}
		m.sb.add(entry{markup: "<dim>(not sent: " + markup.Escape(msg.err.Error()) + ")</dim>"})
	}
	return m.nextSend()
}

// submit sends the input line as a command and echoes it into the story.
func (m *model) submit() tea.Cmd {
	line := m.in.Value()
	if strings.TrimSpace(line) == "" && !m.noEcho {
		return nil
	}
	shown := line
	if m.noEcho {
		shown = secretEcho
		m.noEcho = false
		m.in.EchoMode = textinput.EchoNormal
		m.hist.reset()
	} else {
		m.hist.add(line)
	}
	m.sb.command()
	m.sb.add(entry{markup: echoMarkup(shown), echo: true})
	m.in.Reset()
	m.comp.reset()
	if m.menu.open() {
		m.menu.close()
		m.layout()
	}
	return m.send(tio.Line(line))
}

// pick answers the open menu. The pick is not echoed: the driver's reply
// begins with what was said, and an echo would show it twice.
func (m *model) pick(c tio.Choice) tea.Cmd {
	m.sb.command()
	m.menu.close()
	m.layout()
	return m.send(tio.Pick(c.ID))
}

// echoMarkup is how a typed command shows in the story: escaped, so a
// player can never inject a tag.
func echoMarkup(line string) string {
	return "<userinput>&gt; " + markup.Escape(line) + "</userinput>"
}

func (m *model) setInput(v string) {
	m.in.SetValue(v)
	m.in.CursorEnd()
}

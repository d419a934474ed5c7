package tui

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// maxBatch is how many already-queued events one message carries: a burst
// (a long replay, a chatty NPC) is laid out once per batch instead of once
// per event, while a single reader still keeps them in order.
const maxBatch = 64

// subscribedMsg is the outcome of (re)subscribing to the session.
type subscribedMsg struct {
	sub *tio.Subscription
	err error
}

// eventsMsg carries events in stream order. closed says the subscription's
// channel was closed after them.
type eventsMsg struct {
	sub    *tio.Subscription
	events []tio.Event
	closed bool
}

func subscribeCmd(ctx context.Context, sess tio.Session, since int64) tea.Cmd {
	return func() tea.Msg {
		sub, err := sess.Subscribe(ctx, since)
		return subscribedMsg{sub: sub, err: err}
	}
}

// waitForEvent blocks until the session has something to say, so text that
// arrives while the player sits idle (a timer, an NPC) shows at once. Update
// re-arms it after every message; there is never more than one in flight.
func waitForEvent(sub *tio.Subscription) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-sub.Events
		if !ok {
			return eventsMsg{sub: sub, closed: true}
		}
		batch := []tio.Event{ev}
		for len(batch) < maxBatch {
			select {
			case ev, ok := <-sub.Events:
				if !ok {
					return eventsMsg{sub: sub, events: batch, closed: true}
				}
				batch = append(batch, ev)
			default:
				return eventsMsg{sub: sub, events: batch}
			}
		}
		return eventsMsg{sub: sub, events: batch}
	}
}

func (m *model) onSubscribed(msg subscribedMsg) tea.Cmd {
	if msg.err != nil {
		if errors.Is(msg.err, tio.ErrSessionClosed) || m.ctx.Err() != nil {
			return m.sessionGone()
		}
		m.err = msg.err
		return m.quit()
	}
	m.sub = msg.sub
	return waitForEvent(msg.sub)
}

func (m *model) onEvents(msg eventsMsg) tea.Cmd {
	if msg.sub != m.sub {
		return nil // a subscription we already left
	}
	for _, ev := range msg.events {
		if !ev.Snapshot && ev.Seq != 0 && ev.Seq <= m.lastSeq {
			continue // already shown before a resubscribe
		}
		m.lastSeq = max(m.lastSeq, ev.Seq)
		m.apply(ev)
	}
	if m.ended != nil && m.ended.ID == quitEnding {
		// The player said quit and yes: the goodbye needs no key press.
		return m.quit()
	}
	if !msg.closed {
		return waitForEvent(msg.sub)
	}
	m.sub = nil
	if msg.sub.Evicted() {
		// We fell behind; the replay buffer still has what we missed.
		return subscribeCmd(m.ctx, m.sess, int64(m.lastSeq))
	}
	return m.sessionGone()
}

// quitEnding is the ID of the ending the driver gives a confirmed quit.
const quitEnding = "quit"

// farewell is what stays in the terminal after the alternate screen is
// gone: the story's last words and the ending's title, as plain text.
// It is empty unless the story ended (a quit included).
func (m *model) farewell() string {
	if m.ended == nil {
		return ""
	}
	width := m.width
	if width <= 0 {
		width = 80
	}
	var b strings.Builder
	if s := markup.Plain(m.endWords, width); s != "" {
		b.WriteString(strings.TrimRight(s, "\n") + "\n")
	}
	if m.ended.ID != quitEnding {
		b.WriteString("\n*** " + endTitle(*m.ended) + " ***\n")
	}
	return b.String()
}

// endTitle is an ending's title as plain text, "The End" when it has none.
func endTitle(e tio.Ending) string {
	if t := markup.Strip(e.Title); t != "" {
		return t
	}
	return "The End"
}

// sessionGone handles the end of the event stream: at an ending the last
// words stay up until a key is pressed, otherwise the program ends.
func (m *model) sessionGone() tea.Cmd {
	if m.ended != nil {
		m.gone = true
		m.in.Blur()
		return nil
	}
	return m.quit()
}

// apply shows one event.
func (m *model) apply(ev tio.Event) {
	switch ev.Kind {
	case tio.KindText:
		if markup.HasClear(ev.Text) {
			m.sb.clear()
			clear(m.narr)
		}
		if markup.Strip(ev.Text) != "" { // a bare <clear> adds no blank paragraph
			m.sb.add(entry{markup: ev.Text})
			m.lastText = ev.Text
		}
	case tio.KindState:
		if ev.State != nil {
			m.status.set(*ev.State)
		}
	case tio.KindChoices:
		if ev.Choices != nil && len(ev.Choices.Options) > 0 {
			m.menu.set(withoutRepeatedPrompt(ev.Choices, m.lastText))
			m.layout()
		}
	case tio.KindImage:
		if ev.Image != nil && ev.Image.Alt != "" {
			m.sb.add(entry{markup: "<dim>[picture: " + markup.Escape(ev.Image.Alt) + "]</dim>"})
		}
	case tio.KindNarration:
		m.narration(ev.Narration)
	case tio.KindClear:
		m.sb.clear()
		clear(m.narr)
		m.ended = nil // a restart: a new story begins
	case tio.KindNoEcho:
		m.noEcho = true
		m.in.EchoMode = textinput.EchoPassword
		m.hist.reset()
	case tio.KindEnd:
		end := tio.Ending{}
		if ev.Ending != nil {
			end = *ev.Ending
		}
		// The input stays: the driver asks next whether to restart,
		// restore, undo or quit, and the answer is typed. The banner
		// stands where the driver put the ending, under its words and
		// above that question.
		m.ended = &end
		m.endWords = m.lastText
		if end.ID != quitEnding {
			m.sb.add(entry{markup: "<bright>*** " + markup.Escape(endTitle(end)) + " ***</bright>"})
		}
		m.menu.close()
		m.comp.reset()
		m.confirmQuit, m.showHelp = false, false
		m.layout()
	}
}

// withoutRepeatedPrompt drops a menu's prompt when the text just shown
// ended with it: the driver repeats a question in its menu for a reader
// who joins late ("Are you sure you want to quit?"), and a player who saw
// the text should not read it twice.
func withoutRepeatedPrompt(ch *tio.Choices, lastText string) *tio.Choices {
	p := strings.TrimSpace(markup.Strip(ch.Prompt))
	if p == "" || !strings.HasSuffix(strings.TrimSpace(markup.Strip(lastText)), p) {
		return ch
	}
	c := *ch
	c.Prompt = ""
	return &c
}

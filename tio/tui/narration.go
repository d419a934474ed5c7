package tui

import (
	"slices"

	"github.com/tale-if/tale/tio"
)

// narrationMark starts a model-written paragraph: small, and with the dim
// italic around it enough to tell the model's words from the author's
// without shouting. Options.HideNarrationMark leaves both off.
const narrationMark = "✎ "

// narrating is a narration being shown: its entry in the scrollback and
// the text of its pieces so far.
type narrating struct {
	entry int
	text  string
}

// narration shows one KindNarration event: a piece is appended to its
// narration's entry (made on the first), a final replaces the pieces, and
// an empty final takes them back (the authored text stands alone).
func (m *model) narration(n *tio.Narration) {
	if n == nil {
		return
	}
	cur, shown := m.narr[n.ID]
	text := n.Text
	if !n.Final {
		text = cur.text + n.Text
	}
	switch {
	case !shown && text != "":
		m.sb.add(entry{markup: m.narrationMarkup(text)})
		cur = narrating{entry: len(m.sb.entries) - 1}
	case shown && text == "":
		m.sb.remove(cur.entry)
		for id, o := range m.narr {
			if o.entry > cur.entry {
				o.entry--
				m.narr[id] = o
			}
		}
	case shown:
		m.sb.replace(cur.entry, entry{markup: m.narrationMarkup(text)})
	}
	cur.text = text
	if n.Final || text == "" {
		delete(m.narr, n.ID) // nothing more comes for it
		return
	}
	m.narr[n.ID] = cur
}

// narrationMarkup is the model's text (already escaped by the driver:
// it carries no tag of the model's) in the narration's look.
func (m *model) narrationMarkup(text string) string {
	if m.hideMark {
		return text
	}
	return "<dim><it>" + narrationMark + text + "</it></dim>"
}

// replace changes entry i in place and lays out again what follows it.
func (s *scrollback) replace(i int, e entry) {
	if i < 0 || i >= len(s.entries) {
		return
	}
	s.entries[i] = e
	s.relayoutFrom(i)
}

// remove takes entry i out.
func (s *scrollback) remove(i int) {
	if i < 0 || i >= len(s.entries) {
		return
	}
	s.entries = slices.Delete(s.entries, i, i+1)
	s.relayoutFrom(i)
}

// relayoutFrom lays out entries i and after again; flush hands the result
// to the viewport, following it if the player was at the bottom.
func (s *scrollback) relayoutFrom(i int) {
	if !s.pending {
		s.pending, s.pendingFollow = true, s.atBottom()
	}
	if s.width == 0 || i > len(s.starts) {
		return
	}
	if i < len(s.starts) {
		s.lines, s.starts = s.lines[:s.starts[i]], s.starts[:i]
	}
	for j := i; j < len(s.entries); j++ {
		s.layoutEntry(j)
	}
	s.win = min(s.win, max(len(s.lines)-1, 0))
	s.unread = min(s.unread, len(s.lines))
}

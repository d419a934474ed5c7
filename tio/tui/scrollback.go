package tui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// windowLines is how many rendered lines the viewport holds below the
// window's top: many screens' worth, so scrolling feels continuous, yet
// fixed, so handing the viewport new content costs the same after ten
// thousand paragraphs as after ten. The window grows back toward the
// start of the story only when the player scrolls up to its edge.
const windowLines = 1000

// margin is the blank column on each side of the story text.
const margin = 1

// entry is one piece of the story: an event's markup or a command echo.
// Its rendering is cached for the last two widths, so a resize back and
// forth (a tiling window manager, a split pane) does not re-render.
type entry struct {
	markup string
	echo   bool
	cache  [2]rendered
}

type rendered struct {
	width int
	lines []string
}

// scrollback is the story pane: every entry since the last clear, laid out
// at the current width, shown through a bubbles viewport.
type scrollback struct {
	vp     viewport.Model
	render func(src string, width int) string

	entries []entry
	starts  []int    // starts[i] is the line where entry i begins
	lines   []string // every entry rendered at width, in order
	width   int
	win     int // lines[win:] is what the viewport holds

	// newBelow is set when text arrived while the player was reading back.
	newBelow bool

	// unread is the first line the player has not had on screen since
	// their last command (-1 before any): following new text never
	// scrolls past it. A reply longer than the pane stops there with
	// more set, the [MORE] of Frotz and Lectrote, until a key is pressed.
	unread int
	more   bool

	// A burst of entries is laid out as it comes but handed to the viewport
	// once (flush); follow is decided by where the player was before it.
	pending       bool
	pendingFollow bool

	// The pane is drawn every frame but changes far less often (not on a
	// keystroke); the last drawing is kept with what it was drawn from.
	version int // bumped whenever the viewport's content changes
	drawn   string
	drawnAt paneKey
}

type paneKey struct{ version, yOffset, width, height int }

func newScrollback(render func(string, int) string) scrollback {
	vp := viewport.New(0, 0)
	// Only paging: every printable key belongs to the input line, and
	// Home/End/wheel are handled here so the window can follow.
	vp.KeyMap = viewport.KeyMap{
		PageDown: key.NewBinding(key.WithKeys("pgdown")),
		PageUp:   key.NewBinding(key.WithKeys("pgup")),
	}
	vp.MouseWheelEnabled = true
	return scrollback{vp: vp, render: render, unread: -1}
}

// atBottom is true when the pane follows new text.
func (s *scrollback) atBottom() bool {
	return s.win+s.vp.YOffset >= len(s.lines)-s.vp.Height
}

// add appends an entry and follows it if the player was at the bottom;
// otherwise the view stays put and the "new text below" hint goes up.
func (s *scrollback) add(e entry) {
	if !s.pending {
		s.pending, s.pendingFollow = true, s.atBottom()
	}
	s.entries = append(s.entries, e)
	if s.width > 0 {
		s.layoutEntry(len(s.entries) - 1)
	}
}

// flush hands what add laid out to the viewport. The model calls it once
// per message, before anything looks at the viewport.
func (s *scrollback) flush() {
	if !s.pending {
		return
	}
	s.pending = false
	if s.width > 0 {
		s.refresh(s.pendingFollow)
	}
}

// clear empties the pane.
func (s *scrollback) clear() {
	s.entries, s.starts, s.lines = nil, nil, nil
	s.win, s.newBelow, s.pending = 0, false, false
	s.more = false
	if s.unread >= 0 {
		s.unread = 0
	}
	s.vp.SetContent("")
	s.vp.GotoTop()
	s.version++
}

// setSize resizes the pane. A new width reflows every entry and keeps the
// paragraph that was at the top of the pane in view.
func (s *scrollback) setSize(width, height int) {
	s.flush()
	follow := s.atBottom()
	s.vp.Height = max(height, 0)
	if width == s.width {
		if follow {
			s.vp.GotoBottom()
			s.newBelow = false
		} else {
			s.vp.SetYOffset(s.vp.YOffset)
		}
		return
	}
	anchor, within := s.topEntry()
	s.vp.Width = max(width, 0)
	s.width = width
	s.lines, s.starts = s.lines[:0], s.starts[:0]
	for i := range s.entries {
		s.layoutEntry(i)
	}
	if follow || anchor >= len(s.entries) {
		s.refresh(true)
		return
	}
	top := s.starts[anchor] + within
	if anchor+1 < len(s.starts) {
		top = min(top, s.starts[anchor+1]-1)
	}
	s.win = max(0, top-windowLines)
	s.setContent()
	s.vp.SetYOffset(top - s.win)
}

// topEntry is the entry at the top of the pane and how many lines of it
// are scrolled past.
func (s *scrollback) topEntry() (int, int) {
	top := s.win + s.vp.YOffset
	i := sort.SearchInts(s.starts, top+1) - 1
	if i < 0 {
		return 0, 0
	}
	return i, top - s.starts[i]
}

// layoutEntry appends entry i's lines. A blank line separates entries,
// except that a command's echo sits directly on its reply.
func (s *scrollback) layoutEntry(i int) {
	s.starts = append(s.starts, len(s.lines))
	if i > 0 && !s.entries[i-1].echo {
		s.lines = append(s.lines, "")
	}
	s.lines = append(s.lines, s.entries[i].linesAt(s.width, s.render)...)
}

func (e *entry) linesAt(width int, render func(string, int) string) []string {
	for _, c := range e.cache {
		if c.width == width && c.lines != nil {
			return c.lines
		}
	}
	text := render(e.markup, max(width-2*margin, 1))
	lines := strings.Split(text, "\n")
	pad := strings.Repeat(" ", margin)
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	e.cache[1] = e.cache[0]
	e.cache[0] = rendered{width: width, lines: lines}
	return lines
}

// refresh hands the viewport its window after lines were added.
func (s *scrollback) refresh(follow bool) {
	if follow && s.unread >= 0 && len(s.lines)-s.unread > s.vp.Height && s.vp.Height > 0 {
		// Going to the bottom would scroll unread text past the top.
		s.win = min(s.win, s.unread)
		s.setContent()
		s.vp.SetYOffset(s.unread - s.win)
		s.more, s.newBelow = true, false
		return
	}
	if follow {
		if len(s.lines)-s.win > 2*windowLines {
			s.win = len(s.lines) - windowLines
		}
		s.setContent()
		s.vp.GotoBottom()
		s.newBelow = false
		s.seenAll()
		return
	}
	off := s.vp.YOffset
	s.setContent()
	s.vp.SetYOffset(off)
	s.newBelow = true
}

func (s *scrollback) setContent() {
	s.vp.SetContent(strings.Join(s.lines[s.win:], "\n"))
	s.version++
}

// seenAll notes that everything so far has been on screen.
// A command's echo counts as unread until its reply is shown under it,
// so a long reply begins at the top of the pane with what was asked.
func (s *scrollback) seenAll() {
	s.more = false
	if s.unread < 0 {
		return
	}
	s.unread = len(s.lines)
	if n := len(s.entries); n > 0 && s.entries[n-1].echo {
		s.unread = s.starts[n-1]
		if n > 1 {
			s.unread++ // the blank line before the echo
		}
	}
}

// toEnd shows the end of the story, as the End key does.
func (s *scrollback) toEnd() {
	s.flush()
	s.win = max(0, len(s.lines)-windowLines)
	s.setContent()
	s.vp.GotoBottom()
	s.newBelow = false
	s.seenAll()
}

// command is called as the player sends a command: the pane jumps to the
// end (a player who paged back and typed wants the reply, as in Frotz),
// and the reply is read from there, a pane at a time.
func (s *scrollback) command() {
	s.toEnd()
	s.unread = len(s.lines) + 1 // after the blank line the echo will bring
	if len(s.entries) == 0 {
		s.unread = 0
	}
}

// continueMore answers [MORE]: the next pane of the reply, keeping its
// last line on screen for context.
func (s *scrollback) continueMore() {
	s.vp.ScrollDown(max(s.vp.Height-1, 1))
	s.unread = s.win + s.vp.YOffset
	if s.atBottom() {
		s.seenAll()
		s.newBelow = false
		return
	}
	// The rest may be longer than a pane again.
	if len(s.lines)-s.unread <= s.vp.Height {
		s.vp.GotoBottom()
		s.seenAll()
		s.newBelow = false
	}
}

// growUp brings earlier lines into the window when the player scrolls near
// its top, keeping the same text on screen.
func (s *scrollback) growUp(need int) {
	if s.win == 0 || s.vp.YOffset >= need {
		return
	}
	shift := min(s.win, windowLines)
	off := s.vp.YOffset
	s.win -= shift
	s.setContent()
	s.vp.SetYOffset(off + shift)
}

// scroll handles the pane's keys and the mouse wheel; it reports whether
// msg was one of them.
func (s *scrollback) scroll(msg tea.Msg, k keyMap) bool {
	s.flush()
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.PageUp):
			s.growUp(s.vp.Height)
			s.vp.PageUp()
		case key.Matches(msg, k.PageDown):
			s.vp.PageDown()
		case key.Matches(msg, k.Top):
			s.win = 0
			s.setContent()
			s.vp.GotoTop()
		case key.Matches(msg, k.Bottom):
			s.toEnd()
		default:
			return false
		}
	case tea.MouseMsg:
		if msg.Action != tea.MouseActionPress {
			return false
		}
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			s.growUp(s.vp.MouseWheelDelta)
			s.vp.ScrollUp(s.vp.MouseWheelDelta)
		case tea.MouseButtonWheelDown:
			s.vp.ScrollDown(s.vp.MouseWheelDelta)
		default:
			return false
		}
	default:
		return false
	}
	if s.atBottom() {
		s.newBelow = false
		s.seenAll()
	}
	return true
}

func (s *scrollback) View() string {
	k := paneKey{s.version, s.vp.YOffset, s.vp.Width, s.vp.Height}
	if s.drawn == "" || k != s.drawnAt {
		s.drawn, s.drawnAt = s.vp.View(), k
	}
	return s.drawn
}

package markup

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Lines lays a paragraph out as lines of spans, each at most width cells
// wide as a terminal shows them (a CJK character or an emoji takes two).
// Lines break at spaces, and the space at a break is dropped. A word wider
// than a line is cut between characters, the only way to show it whole.
// A hard break (<br>, a "\n" in the text) always ends a line, and is not
// part of any line. width <= 0 means no wrapping: one line per hard
// break. Mono paragraphs are split at their own line breaks and never
// wrapped.
//
// Width is measured as lipgloss measures it, so a TUI laying out the same
// text agrees with what Lines returns.
func Lines(p Paragraph, width int) [][]Span {
	if p.Mono {
		return splitLines(p.Spans)
	}
	hard := false
	for _, s := range p.Spans {
		if strings.IndexByte(s.Text, '\n') >= 0 {
			hard = true
			break
		}
	}
	if width <= 0 {
		if hard {
			return splitLines(p.Spans)
		}
		return [][]Span{p.Spans}
	}
	// Most paragraphs have no hard break, and looking for one byte is
	// much faster than looking for either of two.
	next := func(s string) int { return strings.IndexByte(s, ' ') }
	if hard {
		next = func(s string) int { return strings.IndexAny(s, " \n") }
	}
	w := wrapper{width: width, spans: p.Spans}
	for si, s := range p.Spans {
		at := 0
		for {
			i := next(s.Text[at:])
			if i < 0 {
				w.addFrag(frag{si, at, len(s.Text)})
				break
			}
			w.addFrag(frag{si, at, at + i})
			w.endWord()
			if s.Text[at+i] == '\n' {
				w.hardBreak()
			} else {
				w.sep = frag{si, at + i, at + i + 1}
			}
			at += i + 1
		}
	}
	w.endWord()
	w.newLine()
	if len(w.lines) == 0 {
		return [][]Span{nil}
	}
	return w.lines
}

func splitLines(spans []Span) [][]Span {
	var lines [][]Span
	var line []Span
	for _, s := range spans {
		text := s.Text
		for {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				break
			}
			if i > 0 {
				line = append(line, Span{text[:i], s.Style, s.Role, s.Speech})
			}
			lines = append(lines, line)
			line = nil
			text = text[i+1:]
		}
		if text != "" {
			line = append(line, Span{text, s.Style, s.Role, s.Speech})
		}
	}
	return append(lines, line)
}

// frag is a piece of spans[span].Text. Wrapping works on pieces so that
// neighbours from one span can be joined again by slicing, not copying:
// a styled line then has one escape sequence per style change, not per
// word.
type frag struct{ span, start, end int }

type wrapper struct {
	spans []Span
	width int
	lines [][]Span
	line  []Span
	lineW int
	last  frag   // where the line's last span came from, to extend it
	word  []frag // the pieces of the word being read, split by style
	wordW int
	sep   frag // the space before word, styled as the text it came from
}

func (w *wrapper) text(f frag) string { return w.spans[f.span].Text[f.start:f.end] }

func (w *wrapper) addFrag(f frag) {
	if f.start == f.end {
		return
	}
	w.word = append(w.word, f)
	w.wordW += ansi.StringWidth(w.text(f))
}

// put appends f to the line, extending the last span when f continues it.
func (w *wrapper) put(f frag) {
	if n := len(w.line); n > 0 && w.last.span == f.span && w.last.end == f.start {
		w.last.end = f.end
		w.line[n-1].Text = w.text(w.last)
		return
	}
	s := w.spans[f.span]
	w.line = append(w.line, Span{w.text(f), s.Style, s.Role, s.Speech})
	w.last = f
}

func (w *wrapper) endWord() {
	if len(w.word) == 0 {
		return
	}
	switch {
	case w.lineW > 0 && w.lineW+1+w.wordW <= w.width:
		w.put(w.sep)
		for _, f := range w.word {
			w.put(f)
		}
		w.lineW += 1 + w.wordW
	case w.wordW <= w.width:
		w.newLine()
		for _, f := range w.word {
			w.put(f)
		}
		w.lineW = w.wordW
	default:
		w.newLine()
		w.cut()
	}
	w.word, w.wordW = w.word[:0], 0
}

// cut spreads a word too long for any line over as many lines as it
// takes, breaking between grapheme clusters so no character is torn.
func (w *wrapper) cut() {
	for _, f := range w.word {
		text := w.spans[f.span].Text
		start := f.start
		for i := f.start; i < f.end; {
			g, _ := ansi.FirstGraphemeCluster(text[i:f.end], ansi.GraphemeWidth)
			// StringWidth, not the cluster's own width: the two differ
			// for a few scripts, and lipgloss measures with StringWidth.
			gw := ansi.StringWidth(g)
			if w.lineW > 0 && w.lineW+gw > w.width {
				if i > start {
					w.put(frag{f.span, start, i})
				}
				w.newLine()
				start = i
			}
			w.lineW += gw
			i += len(g)
		}
		if start < f.end {
			w.put(frag{f.span, start, f.end})
		}
	}
}

// hardBreak ends the line even when it is empty: two breaks in a row
// leave an empty line, as they do in HTML.
func (w *wrapper) hardBreak() {
	w.lines = append(w.lines, w.line)
	w.line, w.lineW = nil, 0
}

func (w *wrapper) newLine() {
	if len(w.line) > 0 {
		w.lines = append(w.lines, w.line)
	}
	w.line, w.lineW = nil, 0
}

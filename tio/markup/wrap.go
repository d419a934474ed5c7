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
	hard := hasBreak(p.Spans)
	if width <= 0 {
		if hard {
			return splitLines(p.Spans)
		}
		return [][]Span{p.Spans}
	}
	w := wrapper{width: width}
	w.wrap(p.Spans, hard)
	if len(w.lines) == 0 {
		return [][]Span{nil}
	}
	return w.lines
}

// wrap lays spans out as Lines does a paragraph that is not Mono, at a
// width > 0; hard says some span holds a "\n".
func (w *wrapper) wrap(spans []Span, hard bool) {
	w.spans = spans
	// Most paragraphs have no hard break, and looking for one byte is
	// much faster than looking for either of two.
	next := func(s string) int { return strings.IndexByte(s, ' ') }
	if hard {
		next = func(s string) int { return strings.IndexAny(s, " \n") }
	}
	for si, s := range spans {
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
}

// wrapNarrow appends the lines Lines makes of a paragraph's text at
// width > 0, each ended by "\n", when every character of the text is one
// cell and a grapheme of its own (ascii: and one byte), and the only
// "\n" are hard breaks. It gives the wrapper's result a line at a time
// rather than a word at a time: a line ends at the last space that leaves
// it at most width long, at a hard break within that, or, when the first
// word alone is too long, after width cells of it (the rest of the word
// then starts a line like any word that fits).
func wrapNarrow(out []byte, text string, width int, ascii bool) []byte {
	for {
		fit, window := min(width, len(text)), min(width+1, len(text))
		if !ascii {
			fit = runesIn(text, width)
			window = fit + runesIn(text[fit:], 1)
		}
		if fit == len(text) {
			break
		}
		line := text[:window]
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			out = append(append(out, text[:i]...), '\n')
			text = text[i+1:]
			continue
		}
		if i := strings.LastIndexByte(line, ' '); i > 0 {
			out = append(append(out, text[:i]...), '\n')
			text = text[i+1:]
			continue
		}
		out = append(append(out, text[:fit]...), '\n')
		text = text[fit:]
	}
	// What is left fits: one line, or a line per hard break.
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return append(append(out, text...), '\n')
		}
		out = append(append(out, text[:i]...), '\n')
		text = text[i+1:]
	}
}

// runesIn is the length in bytes of the first n characters of s, or of
// s when it has fewer.
func runesIn(s string, n int) int {
	for i := 0; i < len(s); i++ {
		if s[i]&0xc0 != 0x80 { // the first byte of a character
			if n == 0 {
				return i
			}
			n--
		}
	}
	return len(s)
}

// hasBreak reports a hard line break in spans.
func hasBreak(spans []Span) bool {
	for _, s := range spans {
		if strings.IndexByte(s.Text, '\n') >= 0 {
			return true
		}
	}
	return false
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
	// With out set the wrapper writes plain text instead of collecting
	// lines (Plain's case, where styles and roles are dropped anyway):
	// each line's text, then "\n". lineHas and nLines stand in for
	// len(line) and len(lines).
	out     *[]byte
	lineHas bool
	nLines  int
	last    frag   // where the line's last span came from, to extend it
	word    []frag // the pieces of the word being read, split by style
	wordW   int
	sep     frag // the space before word, styled as the text it came from
}

func (w *wrapper) text(f frag) string { return w.spans[f.span].Text[f.start:f.end] }

func (w *wrapper) addFrag(f frag) {
	if f.start == f.end {
		return
	}
	w.word = append(w.word, f)
	w.wordW += cells(w.text(f))
}

// put appends f to the line, extending the last span when f continues it.
func (w *wrapper) put(f frag) {
	if w.out != nil {
		*w.out = append(*w.out, w.text(f)...)
		w.lineHas = true
		return
	}
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
	if w.out != nil {
		*w.out = append(*w.out, '\n')
		w.nLines++
		w.lineHas, w.lineW = false, 0
		return
	}
	w.lines = append(w.lines, w.line)
	w.line, w.lineW = nil, 0
}

func (w *wrapper) newLine() {
	if w.out != nil {
		if w.lineHas {
			*w.out = append(*w.out, '\n')
			w.nLines++
		}
		w.lineHas, w.lineW = false, 0
		return
	}
	if len(w.line) > 0 {
		w.lines = append(w.lines, w.line)
	}
	w.line, w.lineW = nil, 0
}

// cells is ansi.StringWidth without its parser for the common case:
// printable ASCII is one cell a byte.
func cells(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

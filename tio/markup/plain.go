package markup

import (
	"strings"
	"sync"
	"unsafe"
)

// Plain renders markup as plain text for pipes, logs and screen readers:
// no escape codes, lines word-wrapped at width cells (0: no wrapping, one
// line per paragraph), paragraphs separated by one blank line, monospaced
// blocks verbatim. Non-empty output ends with "\n"; text with nothing to
// show gives "".
func Plain(s string, width int) string {
	// Every reply on the console comes through here: the parse, its
	// spans and the text laid out are kept in pooled buffers, so the
	// result string is the one allocation.
	r := plainPool.Get().(*plainRenderer)
	out := r.render(s, width)
	if cap(r.p.buf) <= maxPooled && cap(r.out) <= maxPooled {
		plainPool.Put(r)
	}
	return out
}

// maxPooled bounds the buffers a pooled renderer keeps, so one huge text
// does not hold its memory for good.
const maxPooled = 64 << 10

var plainPool = sync.Pool{New: func() any { return new(plainRenderer) }}

// plainRenderer is Parse and the wrapper with buffers that outlive a call.
type plainRenderer struct {
	p     parser
	spans []Span
	w     wrapper
	out   []byte
}

func (r *plainRenderer) render(s string, width int) string {
	p := &r.p
	p.reset()
	p.run(s)
	p.endPara() // as finish does, without building the paragraphs
	if len(p.paras) == 0 {
		return ""
	}
	// The text is read in place from p.buf, which is not written again
	// before it is dropped. A paragraph's spans cover one stretch of it.
	buf := unsafe.String(unsafe.SliceData(p.buf), len(p.buf))
	r.out = r.out[:0]
	for i, rp := range p.paras {
		if i > 0 {
			r.out = append(r.out, '\n')
		}
		text := buf[p.spans[rp.first].start:p.spans[rp.last-1].end]
		switch {
		case rp.mono || width <= 0:
			// Unwrapped, a paragraph is its lines, each ended by "\n":
			// its text as it is, and one "\n" more.
			r.out = append(append(r.out, text...), '\n')
		case !p.wide:
			r.out = wrapNarrow(r.out, text, width, !p.beyondASCII)
		default:
			r.wrap(buf, rp, width)
		}
	}
	return string(r.out)
}

// wrap lays out a paragraph that may hold characters of any width, with
// the wrapper Lines uses, span by span: widths are measured per span as
// Lines measures them.
func (r *plainRenderer) wrap(buf string, rp rawPara, width int) {
	r.spans = r.spans[:0]
	for _, sp := range r.p.spans[rp.first:rp.last] {
		r.spans = append(r.spans, Span{Text: buf[sp.start:sp.end]})
	}
	r.w = wrapper{width: width, out: &r.out, word: r.w.word[:0]}
	r.w.wrap(r.spans, hasBreak(r.spans))
	if r.w.nLines == 0 {
		r.out = append(r.out, '\n') // Lines' one empty line
	}
}

// Strip is the text of s without tags, entities decoded, paragraphs
// separated by a blank line, and no final newline: the words a player
// reads, for search, logs and tests.
func Strip(s string) string {
	return strings.TrimSuffix(Plain(s, 0), "\n")
}

// render lays s out as lines and hands each span of each line to span.
func render(s string, width int, span func(*strings.Builder, Span)) string {
	paras, _ := Parse(s)
	if len(paras) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, p := range paras {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, line := range Lines(p, width) {
			for _, sp := range line {
				span(&b, sp)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

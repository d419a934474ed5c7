package markup

import "strings"

// Plain renders markup as plain text for pipes, logs and screen readers:
// no escape codes, lines word-wrapped at width cells (0: no wrapping, one
// line per paragraph), paragraphs separated by one blank line, monospaced
// blocks verbatim. Non-empty output ends with "\n"; text with nothing to
// show gives "".
func Plain(s string, width int) string {
	if width <= 0 {
		return render(s, width, func(b *strings.Builder, sp Span) { b.WriteString(sp.Text) })
	}
	// The common case, every reply on the console: wrapped text written
	// as it is laid out, without building lines of spans to throw away.
	paras, _ := Parse(s)
	if len(paras) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	w := wrapper{width: width, out: &b}
	for i, p := range paras {
		if i > 0 {
			b.WriteByte('\n')
		}
		if p.Mono {
			for _, line := range splitLines(p.Spans) {
				for _, sp := range line {
					b.WriteString(sp.Text)
				}
				b.WriteByte('\n')
			}
			continue
		}
		w.nLines = 0
		w.wrap(p.Spans, hasBreak(p.Spans))
		if w.nLines == 0 {
			b.WriteByte('\n') // Lines' one empty line
		}
	}
	return b.String()
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

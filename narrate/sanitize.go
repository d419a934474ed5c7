package narrate

import (
	"strings"
	"unicode/utf8"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

const (
	// MaxTextBytes bounds a narration's text (before escaping): a room
	// rewrite is a paragraph or two, an answer a few sentences. Past it the
	// model is rambling, and a front end should not draw more for it.
	MaxTextBytes = 2000
	// maxRawBytes bounds the model text kept while streaming: enough that
	// stripped escape sequences and markup cannot starve the text of
	// MaxTextBytes, small enough that re-cleaning it per piece is cheap.
	maxRawBytes = 4 * MaxTextBytes
	// ellipsis ends a text cut at MaxTextBytes, so the cut reads as one.
	ellipsis = "…"
)

// Sanitize makes model output safe to show (contract 9): terminal escape
// sequences (CSI, OSC and the rest) and every other control character
// ([tio.IsControl]) are removed, line breaks become "\n" and at most one
// blank line separates paragraphs, a run of spaces and tabs is one
// space, the text is cut to
// MaxTextBytes at a word (ending in "…"), and what is left is escaped with
// [markup.Escape], so a "<bright>" the model wrote shows as those
// characters and never as a tag. The result is markup that means only
// text.
//
// Sanitize is a prefix-keeping function while its input is under the
// bound: if a is a prefix of b, Sanitize(a) is a prefix of Sanitize(b)
// (up to trailing space). That is what lets partial text be streamed.
func Sanitize(raw string) string {
	return markup.Escape(clean(raw))
}

// clean is Sanitize without the escaping.
func clean(raw string) string {
	s, _ := cleanCut(raw)
	return s
}

// cleanCut is clean, and whether the text reached the bound (then it is
// cut and ends with the ellipsis, and more raw text would change nothing).
func cleanCut(raw string) (string, bool) {
	full := len(raw) >= maxRawBytes
	raw = cut(raw, maxRawBytes)
	var b strings.Builder
	b.Grow(len(raw))
	newlines := 0  // line breaks seen since the last text
	space := false // a space seen since the last text
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRuneInString(raw[i:])
		switch {
		case r == 0x1b || r == 0x9b:
			i += escapeLen(raw[i:])
			continue
		case r == '\r' || r == '\n' || r == 0x85 || r == 0x2028 || r == 0x2029:
			if r == '\r' && strings.HasPrefix(raw[i+n:], "\n") {
				n++
			}
			newlines++
		case r == '\t' || r == ' ':
			space = true
		case r == utf8.RuneError && n == 1, tio.IsControl(r):
			// dropped: invalid bytes and controls carry no text
		default:
			// Spaces and breaks are written only before more text, so the
			// text never ends in them and a run of them is one.
			if b.Len() > 0 {
				if newlines > 0 {
					b.WriteString("\n\n"[:min(newlines, 2)])
				} else if space {
					b.WriteByte(' ')
				}
			}
			newlines, space = 0, false
			b.WriteString(raw[i : i+n])
		}
		i += n
	}
	s := b.String()
	if len(s) > MaxTextBytes {
		return atWord(s, MaxTextBytes-len(ellipsis)) + ellipsis, true
	}
	return s, full
}

// escapeLen is the length of the escape sequence at the start of s (which
// starts with ESC or the C1 CSI): CSI runs to its final byte, OSC, DCS,
// SOS, PM and APC to BEL or ST, anything else is ESC and one character.
// An unfinished sequence runs to the end of s.
func escapeLen(s string) int {
	if s[0] == 0xc2 { // U+009B, two bytes
		return 2 + csiLen(s[2:])
	}
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiLen(s[2:])
	case ']', 'P', 'X', '^', '_':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	_, n := utf8.DecodeRuneInString(s[1:])
	return 1 + n
}

// csiLen is the length of a CSI's parameters and final byte (0x40–0x7e).
func csiLen(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1
		}
		if s[i] < 0x20 || s[i] > 0x7e {
			return i
		}
	}
	return len(s)
}

// cut is the longest prefix of s of at most n bytes that ends on a rune.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// atWord cuts s to at most n bytes, at the last space if there is one in
// the last quarter, else at a rune.
func atWord(s string, n int) string {
	s = cut(s, n)
	if i := strings.LastIndexAny(s, " \n"); i > len(s)*3/4 {
		s = s[:i]
	}
	return strings.TrimRight(s, " \n")
}

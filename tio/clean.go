package tio

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// IsControl reports whether r must never reach a terminal, a page or a
// file as it is: a C0 control (tab and line feed included, so callers
// that keep them as layout test for them first), DEL, a C1 control
// (U+009B alone starts a CSI on many terminals), or a bidirectional
// override or isolate, which can make text read as something it is not.
//
// This one predicate is the rule for every untrusted string: input lines
// ([CleanLine]), the markup parser's text, and the one-line fields a front
// end prints ([Printable]).
func IsControl(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// isLineBreak reports whether r ends a line somewhere (a terminal, a
// text editor, a JSON-reading client). A line of input or of a status bar
// is one line, so each becomes a space instead.
func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029
}

// maxScan is how much of a line CleanLine reads. Past four lines' worth,
// nothing could reach the result unless nearly all of it were control
// characters, which is garbage; cleaning it all would cost in proportion.
const maxScan = 4 * MaxLineBytes

// CleanLine makes one line of player input safe for the game and for
// everyone who sees it: invalid UTF-8 becomes U+FFFD, line breaks become
// spaces (a CR LF pair one space), tab stays, every other control
// character ([IsControl]) is dropped, the text is normalised to NFC so
// that "e" + U+0301 and "é" are the same word, and the result is cut to
// at most [MaxLineBytes] without splitting a character. CleanLine is
// idempotent.
func CleanLine(s string) string {
	s = strip(cutRunes(s, maxScan), '\t')
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return bound(s)
}

// Printable makes a string from a story or another player safe to print
// as one line of a screen (a status bar, a window title, a menu, an
// ending): like [CleanLine], but a tab is a space too, since its width
// is the terminal's guess, and nothing is normalised or cut: what to
// show of it is the caller's layout.
func Printable(s string) string { return strip(s, ' ') }

// strip repairs s and drops its control characters; a tab becomes tab.
// It returns s itself when there is nothing to change, the common case.
func strip(s string, tab rune) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || IsControl(r) || isLineBreak(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r' && strings.HasPrefix(s[i+n:], "\n"):
			// The "\n" of a CR LF pair stands for both.
		case isLineBreak(r):
			b.WriteByte(' ')
		case r == '\t':
			b.WriteRune(tab)
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case IsControl(r):
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// bound cuts an NFC string to MaxLineBytes at a normalisation boundary,
// so that what is left is still NFC (cutting inside a run of combining
// marks could leave a different character than the one typed). A
// boundary comes at least every 31 characters (norm's stream-safe
// limit), so little is lost; without one, it cuts between runes.
func bound(s string) string {
	if len(s) <= MaxLineBytes {
		return s
	}
	s = cutRunes(s, MaxLineBytes)
	if b := norm.NFC.LastBoundary([]byte(s)); b > 0 {
		s = s[:b]
	}
	return s
}

// cutRunes is the longest prefix of s of at most n bytes that does not
// split a UTF-8 sequence.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

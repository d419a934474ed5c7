package markup

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tale-if/tale/tio"
)

// Typography is a game's one quote style (story.yaml's typography).
type Typography uint8

const (
	// Curly turns straight quotes into curly ones by their place: it's
	// becomes it’s, "hi" becomes “hi”, 'hi' becomes ‘hi’.
	Curly Typography = iota
	// Straight turns every curly quote into a straight one.
	Straight
)

// The curly quotes, each three bytes of UTF-8 that start with curlyLead.
const (
	lsquo     = "\u2018" // ‘
	rsquo     = "\u2019" // ’, also the apostrophe
	ldquo     = "\u201c" // “
	rdquo     = "\u201d" // ”
	curlyLead = "\xe2\x80"
)

// Quote puts s between double quotes of style t: the quotes around what
// a player says. Typeset leaves speech as it is written, so these are
// the quotes a player reads there.
func (t Typography) Quote(s string) string {
	if t == Straight {
		return `"` + s + `"`
	}
	return ldquo + s + rdquo
}

// maxLooseTag bounds how far Typeset looks for the '>' of something that
// looks like a tag but is none ("<a href='x'>"), so a stray '<' in a
// long text costs a bounded look-ahead.
const maxLooseTag = 80

// Typeset gives markup s the quotes of style t. Curly turns a straight
// apostrophe inside or after a word into ’ and other straight quotes
// into opening or closing ones by what comes before and after them;
// Straight makes every curly quote straight. What is shown as written is
// left alone: tags (and anything that looks like one), monospaced text,
// and whatever a player typed, which the driver marks with <player>,
// <userinput> and the speech tags (<say> <tell> <shout> <emote>). Only
// quote characters ever change, so the result parses into the same
// paragraphs and spans as s, and typesetting it again changes nothing.
//
// Text without a quote to change is returned as it is, without
// allocating: that is most replies.
func Typeset(s string, t Typography) string {
	if nextQuote(s, 0, t) < 0 {
		return s
	}
	ts := typesetter{src: s, t: t, prev: ' '}
	return ts.run()
}

// TypesetText is Typeset for plain text, in which nothing is a tag: a
// status line's names, a menu's labels.
func TypesetText(s string, t Typography) string {
	if nextQuote(s, 0, t) < 0 {
		return s
	}
	ts := typesetter{src: s, t: t, prev: ' ', plain: true}
	return ts.run()
}

// nextQuote is where the first quote that style t may change starts in
// s[from:], as an index into s, or -1.
func nextQuote(s string, from int, t Typography) int {
	if t == Straight {
		for i := from; ; i += 2 {
			j := strings.Index(s[i:], curlyLead)
			if j < 0 {
				return -1
			}
			i += j
			if i+2 < len(s) && isCurlyTail(s[i+2]) {
				return i
			}
		}
	}
	return earlier(indexFrom(s, from, '\''), indexFrom(s, from, '"'))
}

// indexFrom is strings.IndexByte from s[from:], as an index into s.
func indexFrom(s string, from int, c byte) int {
	if i := strings.IndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

// earlier is the smaller of two indexes where -1 means none.
func earlier(a, b int) int {
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	}
	return min(a, b)
}

// nextStraight is where the next straight quote at or after from is. It
// keeps where each of the two is next, so that text with many of one and
// none of the other is not searched to its end for each quote.
func (ts *typesetter) nextStraight(from int) int {
	if ts.apos >= 0 && ts.apos < from {
		ts.apos = indexFrom(ts.src, from, '\'')
	}
	if ts.dq >= 0 && ts.dq < from {
		ts.dq = indexFrom(ts.src, from, '"')
	}
	return earlier(ts.apos, ts.dq)
}

// ordinary marks the bytes that are plain ASCII text to Typeset: no tag,
// white space, control character, quote or start of a longer character.
var ordinary = func() (t [256]bool) {
	for c := 0x21; c < 0x7f; c++ {
		t[c] = c != '<' && c != '\'' && c != '"'
	}
	return t
}()

// skipPlain is the end of the run of ordinary text at s[i:]: ordinary
// bytes, and single spaces and line breaks between two of them, which
// can neither end a paragraph nor leave white space pending. (Not at the
// run's start: white space before it, say before a tag, may be pending.)
func skipPlain(s string, i int) int {
	start := i
	for i < len(s) {
		switch c := s[i]; {
		case ordinary[c]:
			i++
		case (c == ' ' || c == '\n' || c == '\t') && i > start && i+1 < len(s) && ordinary[s[i+1]]:
			i += 2
		default:
			return i
		}
	}
	return i
}

func isCurlyTail(c byte) bool { return c == 0x98 || c == 0x99 || c == 0x9c || c == 0x9d }

// typesetter walks markup as Parse does, keeping only what decides
// whether text is protected (monospace, open <player> <userinput> and
// speech tags, which end with their paragraph) and the character before
// the one being read.
type typesetter struct {
	src   string
	t     Typography
	plain bool
	out   strings.Builder
	done  int // src[:done] is in out

	prev rune // the last character of text read, ' ' at a paragraph's start

	mono     bool
	roles    [UserInput + 1]int // open protected roles, by role
	speeches [Emote + 1]int     // open speech tags, by kind
	loose    int                // the end of a tag-like run of text being read, or 0
	nojump   int                // jump declined the text before this
	apos, dq int                // the next ' and " (Curly), -1 for none

	// White space outside monospace, held as Parse holds it: a run with
	// two line breaks ends the paragraph once something follows.
	ws   bool
	wsNL int
}

func (ts *typesetter) protected() bool {
	return ts.mono || ts.roles[Player] > 0 || ts.roles[UserInput] > 0 ||
		ts.speeches[Say] > 0 || ts.speeches[Tell] > 0 || ts.speeches[Shout] > 0 || ts.speeches[Emote] > 0
}

// run typesets src, copying it to out only once a quote changes, and
// reading no further than the last quote.
func (ts *typesetter) run() string {
	s := ts.src
	ts.apos, ts.dq = indexFrom(s, 0, '\''), indexFrom(s, 0, '"')
	next := nextQuote(s, 0, ts.t)
	for i := 0; next >= 0; {
		if i < next && i >= ts.nojump && !ts.plain && !ts.protected() {
			if j := ts.jump(i, next); j > i {
				i = j
				continue
			}
		}
		if j := skipPlain(s, i); j > i {
			// A run of ordinary text: one character decides what follows.
			ts.settle()
			ts.prev = rune(s[j-1])
			i = j
			continue
		}
		c := s[i]
		switch {
		case c == '<' && !ts.plain && ts.loose <= i:
			if t, n := lookTag(s[i:]); n > 0 {
				ts.tag(t)
				i += n
				continue
			}
			if end := looseTag(s[i:]); end > 0 {
				ts.loose = i + end
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			ts.space(c, s, i)
			i++
			continue
		case c < 0x20 || c == 0x7f:
			i++ // Parse drops it: no text, no change of state
			continue
		case c == '\'' || c == '"':
			ts.settle()
			if ts.t == Curly && ts.free(i) {
				q := ts.curl(c, s, i+1)
				ts.replace(i, 1, q)
				ts.prev, _ = utf8.DecodeRuneInString(q)
			} else {
				ts.prev = rune(c)
			}
			if ts.t == Curly {
				next = ts.nextStraight(i + 1)
			}
			i++
			continue
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && tio.IsControl(r) {
				i += n
				continue
			}
			ts.settle()
			ts.prev = r
			if ts.t == Straight && i == next {
				if ts.free(i) {
					q := `"`
					if r == '\u2018' || r == '\u2019' {
						q = "'"
					}
					ts.replace(i, n, q)
					ts.prev = rune(q[0])
				}
				next = nextQuote(s, i+n, ts.t)
			}
			i += n
			continue
		}
		ts.settle()
		ts.prev = rune(c)
		i++
	}
	if ts.done == 0 {
		return s // every quote was in protected text
	}
	ts.out.WriteString(s[ts.done:])
	return ts.out.String()
}

// minJump is the shortest stretch of text jump takes at once: below it,
// reading byte by byte costs less than looking ahead.
const minJump = 16

// jump reads the text from src[i] to the next tag or the quote at next
// in one step, while nothing is protected: then nothing in it matters but
// how it ends (its last character, and white space left pending). It
// returns where it stopped, or i when the stretch is short or ends in a
// way it leaves to the byte-by-byte reading.
func (ts *typesetter) jump(i, next int) int {
	s := ts.src
	end := next
	if k := strings.IndexByte(s[i:next], '<'); k >= 0 {
		end = i + k
	}
	if end-i < minJump {
		return i
	}
	k := end // the trailing white space (and dropped controls) is s[k:end]
	for k > i && (s[k-1] <= ' ' || s[k-1] == 0x7f) {
		k--
	}
	r, _ := utf8.DecodeLastRuneInString(s[i:k])
	if k == i || r >= utf8.RuneSelf && r != utf8.RuneError && tio.IsControl(r) {
		// Not again before end: looking again from each byte of a long
		// run of white space would cost its length squared.
		ts.nojump = end
		return i
	}
	// A paragraph may end in the stretch, which resets nothing that is
	// open: nothing is.
	ts.ws, ts.wsNL, ts.prev = false, 0, r
	for j := k; j < end; j++ {
		switch s[j] {
		case ' ', '\t', '\n', '\r':
			if !ts.ws {
				ts.ws, ts.prev = true, ' '
			}
			if s[j] == '\n' || s[j] == '\r' && (j+1 == len(s) || s[j+1] != '\n') {
				ts.wsNL++
			}
		}
	}
	return end
}

// free reports whether the text at src[i] may change.
func (ts *typesetter) free(i int) bool { return ts.loose <= i && !ts.protected() }

// replace puts q in place of src[i:i+n].
func (ts *typesetter) replace(i, n int, q string) {
	if ts.done == 0 {
		ts.out.Grow(len(ts.src) + 2*len(q)) // one allocation for the usual few quotes
	}
	ts.out.WriteString(ts.src[ts.done:i])
	ts.out.WriteString(q)
	ts.done = i + n
}

// looseTag is the length of a run that looks like a tag but is none
// ("<a href='x'>"): '<', a letter or '/', and a '>' before any '<' or
// line break. Its text is shown as written. 0 when s starts no such run.
func looseTag(s string) int {
	if len(s) < 3 || !(s[1] == '/' || s[1] >= 'a' && s[1] <= 'z' || s[1] >= 'A' && s[1] <= 'Z') {
		return 0
	}
	for i := 2; i < len(s) && i < maxLooseTag; i++ {
		switch s[i] {
		case '>':
			return i + 1
		case '<', '\n', '\r':
			return 0
		}
	}
	return 0
}

// tag applies a known tag as Parse does, as far as protection goes.
func (ts *typesetter) tag(t tag) {
	ts.endSpace()
	wasMono := ts.mono
	switch t.op {
	case opStyleOn:
		ts.mono = ts.mono || t.style&Monospaced != 0
	case opStyleOff:
		ts.mono = ts.mono && t.style&Monospaced == 0
	case opReset:
		ts.mono = false
	case opBreak:
		if !ts.mono {
			ts.ws = false // Parse drops white space beside a break
		}
		ts.prev = '\n'
	case opRoleOn:
		ts.roles[t.role]++
	case opRoleOff:
		if ts.roles[t.role] > 0 {
			ts.roles[t.role]--
		}
	case opSpeechOn:
		ts.speeches[t.speech]++
	case opSpeechOff:
		if ts.speeches[t.speech] > 0 {
			ts.speeches[t.speech]--
		}
	}
	if wasMono != ts.mono {
		ts.endPara()
	}
}

func (ts *typesetter) space(c byte, s string, i int) {
	ts.prev = ' '
	if ts.mono || ts.plain {
		return
	}
	if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
		return // the '\n' of "\r\n" counts once
	}
	if !ts.ws {
		ts.ws, ts.wsNL = true, 0
	}
	if c == '\n' || c == '\r' {
		ts.wsNL++
	}
}

// endSpace ends the paragraph at a blank line when something follows it.
func (ts *typesetter) endSpace() {
	if ts.ws && ts.wsNL >= 2 {
		ts.endPara()
	}
}

func (ts *typesetter) endPara() {
	ts.ws = false
	ts.roles, ts.speeches = [UserInput + 1]int{}, [Emote + 1]int{}
	ts.prev = ' '
}

// settle reads one character of text, which settles pending white
// space: a blank line before it ends the paragraph.
func (ts *typesetter) settle() {
	if !ts.mono && !ts.plain {
		ts.endSpace()
		ts.ws = false
	}
}

// curl is the curly quote for the straight quote c, read after ts.prev
// and before the text from src[next:].
func (ts *typesetter) curl(c byte, src string, next int) string {
	after := ts.peek(src, next)
	opening := opensQuote(ts.prev) && !unicode.IsSpace(after) && after != 0
	if c == '"' {
		if opening {
			return ldquo
		}
		return rdquo
	}
	// An apostrophe in or after a word (it's, the dogs'), a closing
	// quote, and the elided digits of ’90s are all ’.
	if opening && !unicode.IsDigit(after) {
		return lsquo
	}
	return rsquo
}

// opensQuote reports whether a quote after r opens: at the start of a
// paragraph, after white space, an opening bracket, quote or a dash.
func opensQuote(r rune) bool {
	switch r {
	case ' ', '\n', '(', '[', '{', '\u2018', '\u201c', '\u2014', '\u2013', '-', '/':
		return true
	}
	return unicode.IsSpace(r)
}

// peek is the first character of text from src[i:], past tags, or 0 at
// the end (' ' for white space).
func (ts *typesetter) peek(src string, i int) rune {
	for i < len(src) {
		c := src[i]
		if c == '<' && !ts.plain {
			if _, n := lookTag(src[i:]); n > 0 {
				i += n
				continue
			}
		}
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				return ' '
			}
			if c < 0x20 || c == 0x7f {
				i++
				continue
			}
			return rune(c)
		}
		r, _ := utf8.DecodeRuneInString(src[i:])
		return r
	}
	return 0
}

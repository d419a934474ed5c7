package markup

import (
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/tale-if/tale/tio"
)

// Span is a run of text with one style, one role and one kind of speech.
type Span struct {
	Text   string
	Style  Style
	Role   Role
	Speech Speech
}

// Paragraph is one block of text.
//
// In a normal paragraph the text is reflowable: white space has been
// collapsed to single spaces, with none at either end, so a renderer only
// has to break lines at spaces. The one exception is a hard line break
// (<br>), which is a "\n" that a renderer must break the line at: it has no
// space beside it and is never first or last (two in a row leave an empty
// line). A Mono paragraph keeps its spaces, tabs and "\n" line breaks
// exactly and must not be reflowed; only blank lines before its first and
// after its last line are dropped.
//
// Consecutive spans of one role belong to one element: <exit>north
// <bright>gate</bright></exit> is two spans that together name "north gate".
// (Two elements of one role with nothing at all between them merge.)
// Consecutive spans of one kind of speech are one utterance in the same way.
type Paragraph struct {
	Spans []Span
	Mono  bool
}

// Text is the paragraph's text without styles.
func (p Paragraph) Text() string {
	if len(p.Spans) == 1 {
		return p.Spans[0].Text
	}
	var b strings.Builder
	for _, s := range p.Spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// HasClear reports whether s asks for the screen to be cleared before it
// is shown. It is cheap: "<clear>" can only ever be the tag, because text
// that means the characters is written &lt;clear&gt;.
func HasClear(s string) bool { return strings.Contains(s, "<clear>") }

// Parse splits markup into paragraphs of styled spans. clear reports a
// <clear> tag anywhere in s; it applies to the text as a whole (clear the
// screen, then show all of it). Parse never fails: whatever is not markup
// is text. Styles carry on across paragraph breaks until closed; roles and
// speech end at the end of their paragraph.
func Parse(s string) (paras []Paragraph, clear bool) {
	// Sized once from what bounds them: a span starts at a tag or at a
	// paragraph, so growing by append (most of Parse's allocations) is
	// left for unusual text.
	tags := strings.Count(s, "<")
	p := parser{buf: make([]byte, 0, len(s)), spans: make([]rawSpan, 0, tags+firstParas),
		paras: make([]rawPara, 0, firstParas)}
	p.run(s)
	return p.finish(), p.clear
}

// reset readies p to parse another text, keeping the room it has grown,
// for a caller that reads the result before the next parse (Plain).
func (p *parser) reset() {
	*p = parser{buf: p.buf[:0], spans: p.spans[:0], paras: p.paras[:0],
		roles: p.roles[:0], speeches: p.speeches[:0]}
}

// firstParas is the room Parse makes for paragraphs: a reply rarely has
// more.
const firstParas = 8

// rawSpan locates a span's text in parser.buf, so that all the text of a
// document shares one allocation.
type rawSpan struct {
	start, end int
	style      Style
	role       Role
	speech     Speech
}

type rawPara struct {
	first, last int // spans[first:last]
	mono        bool
}

type parser struct {
	buf   []byte
	spans []rawSpan
	paras []rawPara

	paraFirst int // first span of the paragraph being built
	paraStart int // where its text starts in buf

	open       bool // a span is open at spanAt with spanSty/spanRole/spanSpeech
	spanAt     int
	spanSty    Style
	spanRole   Role
	spanSpeech Speech

	style    Style
	roles    []Role   // open semantic tags, innermost last
	speeches []Speech // open speech tags, innermost last

	// A run of white space outside monospaced text is held back until the
	// next text shows whether it is a soft space, a paragraph break, or
	// nothing (at the start or end of a paragraph).
	ws       bool
	wsNL     int
	wsStyle  Style
	wsRole   Role
	wsSpeech Speech
	clear    bool

	// Plain lays text out fast when every character is one cell and a
	// character of its own (see narrow): wide reports one that is not,
	// whose width takes measuring, and beyondASCII one past ASCII, so
	// that cells are not bytes.
	wide, beyondASCII bool

	// Hard line breaks (<br>) are held back the same way: they count
	// only when text follows in the same paragraph, and white space on
	// either side of them is dropped.
	brk      int
	brStyle  Style
	brRole   Role
	brSpeech Speech
}

func (p *parser) role() Role {
	if len(p.roles) == 0 {
		return None
	}
	return p.roles[len(p.roles)-1]
}

func (p *parser) speech() Speech {
	if len(p.speeches) == 0 {
		return NoSpeech
	}
	return p.speeches[len(p.speeches)-1]
}

func (p *parser) mono() bool { return p.style&Monospaced != 0 }

func (p *parser) run(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '<':
			if n := p.tryTag(s[i:]); n > 0 {
				i += n
				continue
			}
		case c == '&':
			if r, n := entity(s[i:]); n > 0 {
				p.text(r)
				i += n
				continue
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.space(c, s, i)
			i++
			continue
		case c < 0x20 || c == 0x7f:
			i++ // control characters would reach the terminal as commands
			continue
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			p.beyondASCII = true
			p.wide = p.wide || !narrow(r)
			switch {
			case r == utf8.RuneError && n == 1:
				p.text("\uFFFD")
			case tio.IsControl(r): // C1 (U+009B is a CSI) and bidi overrides
			default:
				p.text(s[i : i+n])
			}
			i += n
			continue
		}
		// Any other byte, a '<' that is no tag or an '&' that is no
		// entity: literal text, with the ordinary bytes after it, so
		// that a sentence costs one call and not one a byte. A single
		// space between two of them goes along: text would write it
		// just so, in the style of the text around it.
		j := i + 1
		for j < len(s) {
			if plainByte[s[j]] {
				j++
			} else if s[j] == ' ' && j+1 < len(s) && plainByte[s[j+1]] {
				j += 2
			} else {
				break
			}
		}
		p.text(s[i:j])
		i = j
	}
}

// narrow reports a character that is one cell and never joins another
// into one: Latin-1 letters and signs, and the dashes, ellipsis and curly
// quotes Typeset writes into most replies.
func narrow(r rune) bool {
	switch {
	case r >= '¡' && r <= 'ÿ' && r != '\u00ad': // a soft hyphen takes no cell
		return true
	case r >= '–' && r <= '”', r == '…':
		return true
	}
	return false
}

// plainByte marks the bytes that are text as they are and need no look:
// printable ASCII but for space and the two that may start markup.
var plainByte = func() (t [256]bool) {
	for c := '!'; c <= '~'; c++ {
		t[c] = c != '<' && c != '&'
	}
	return t
}()

// tryTag applies the tag at the start of s and returns its length, or 0
// when s does not start with a known tag.
func (p *parser) tryTag(s string) int {
	t, n := lookTag(s)
	if n == 0 {
		return 0
	}
	p.endSpace()
	wasMono := p.mono()
	switch t.op {
	case opStyleOn:
		p.style |= t.style
	case opStyleOff:
		p.style &^= t.style
	case opReset:
		p.style = 0
	case opNormal:
		p.style &^= Dim | Bright
	case opClear:
		p.clear = true
	case opBreak:
		p.lineBreak()
	case opRoleOn:
		p.roles = append(p.roles, t.role)
	case opRoleOff:
		for j := len(p.roles) - 1; j >= 0; j-- {
			if p.roles[j] == t.role {
				p.roles = append(p.roles[:j], p.roles[j+1:]...)
				break
			}
		}
	case opSpeechOn:
		p.speeches = append(p.speeches, t.speech)
	case opSpeechOff:
		for j := len(p.speeches) - 1; j >= 0; j-- {
			if p.speeches[j] == t.speech {
				p.speeches = append(p.speeches[:j], p.speeches[j+1:]...)
				break
			}
		}
	}
	if wasMono != p.mono() {
		// A monospaced block is a paragraph of its own, whichever way
		// the boundary is crossed.
		p.endPara()
	}
	return n
}

// lookTag reads the known tag at the start of s (which starts with '<')
// and its length, or a length of 0 when s does not start with one: the
// one definition of a tag, for Parse and Typeset alike.
func lookTag(s string) (tag, int) {
	end := strings.IndexByte(s[1:min(len(s), maxTagLen+2)], '>')
	if end < 0 {
		return tag{}, 0
	}
	t, ok := tagTable.find(s[1 : 1+end])
	if !ok {
		return tag{}, 0
	}
	return t, end + 2
}

// tagSlots is the size of tagTable: a power of two at least twice the
// number of tags, so a probe rarely goes past its first slot.
const tagSlots = 128

// tagTable holds the tags map in open addressing with a hash of the
// name's length and ends: every tag of every text is looked up, and
// this costs a few nanoseconds where hashing the whole string costs
// tens.
var tagTable = func() (t tagIndex) {
	for name, tg := range tags {
		h := tagHash(name)
		for t[h].name != "" {
			h = (h + 1) & (tagSlots - 1)
		}
		t[h] = tagSlot{name, tg}
	}
	return t
}()

type tagSlot struct {
	name string
	tag  tag
}

type tagIndex [tagSlots]tagSlot

func tagHash(name string) int {
	if name == "" {
		return 0
	}
	return int(uint(len(name)*37+int(name[0])*7+int(name[len(name)-1])) & (tagSlots - 1))
}

func (t *tagIndex) find(name string) (tag, bool) {
	if name == "" {
		return tag{}, false
	}
	for h := tagHash(name); t[h].name != ""; h = (h + 1) & (tagSlots - 1) {
		if t[h].name == name {
			return t[h].tag, true
		}
	}
	return tag{}, false
}

// lineBreak handles <br>: a line break kept as it is in monospaced text,
// a pending hard break in a paragraph that has text before it.
func (p *parser) lineBreak() {
	if p.mono() {
		p.write("\n")
		return
	}
	p.ws = false // a space before a break would end a line
	if len(p.buf) == p.paraStart {
		return // nothing to break from at the start of a paragraph
	}
	if p.brk == 0 {
		p.brStyle, p.brRole, p.brSpeech = p.style, p.role(), p.speech()
	}
	p.brk++
}

func entity(s string) (string, int) {
	switch {
	case strings.HasPrefix(s, "&lt;"):
		return "<", 4
	case strings.HasPrefix(s, "&gt;"):
		return ">", 4
	case strings.HasPrefix(s, "&amp;"):
		return "&", 5
	}
	return "", 0
}

func (p *parser) space(c byte, s string, i int) {
	if c == '\r' {
		if i+1 < len(s) && s[i+1] == '\n' {
			return // the '\n' of "\r\n" counts once
		}
		c = '\n'
	}
	if p.mono() {
		p.write(string(c))
		return
	}
	if !p.ws {
		p.ws, p.wsNL, p.wsStyle, p.wsRole, p.wsSpeech = true, 0, p.style, p.role(), p.speech()
	}
	if c == '\n' {
		p.wsNL++
	}
}

// endSpace settles a pending run of white space when something that is
// not white space follows. A blank line ends the paragraph here, before
// the tag that follows can open a role in the next one.
func (p *parser) endSpace() {
	if p.ws && p.wsNL >= 2 {
		p.ws = false
		p.endPara()
	}
}

// text writes visible text, after the soft space that precedes it if any.
func (p *parser) text(t string) {
	if p.mono() {
		p.write(t)
		return
	}
	p.endSpace()
	switch {
	case p.brk > 0:
		// White space after a break is dropped like the space before.
		p.ws = false
		p.writeAs(strings.Repeat("\n", p.brk), p.style&p.brStyle, p.joinRole(p.brRole), p.joinSpeech(p.brSpeech))
		p.brk = 0
	case p.ws:
		p.ws = false
		if len(p.buf) > p.paraStart {
			// A space is styled only if the text on both sides is:
			// "<ul>a </ul>b" must not underline the gap, nor make it
			// part of the exit in "<exit>north </exit>and".
			p.writeAs(" ", p.style&p.wsStyle, p.joinRole(p.wsRole), p.joinSpeech(p.wsSpeech))
		}
	}
	p.write(t)
}

// joinRole is the role of a gap (a space, a break) between text written
// in role r and the text that follows: r while it is still open, so the
// gap stays inside its element, and None once it has closed.
func (p *parser) joinRole(r Role) Role {
	if slices.Contains(p.roles, r) {
		return r
	}
	return None
}

// joinSpeech is joinRole for speech: a space inside an utterance is
// part of it.
func (p *parser) joinSpeech(k Speech) Speech {
	if slices.Contains(p.speeches, k) {
		return k
	}
	return NoSpeech
}

func (p *parser) write(t string) { p.writeAs(t, p.style, p.role(), p.speech()) }

func (p *parser) writeAs(t string, st Style, r Role, k Speech) {
	if !p.open || st != p.spanSty || r != p.spanRole || k != p.spanSpeech {
		p.closeSpan()
		p.open, p.spanAt, p.spanSty, p.spanRole, p.spanSpeech = true, len(p.buf), st, r, k
	}
	// Resliced in place when there is room, which stores no pointer:
	// a parser that lives on the heap (Plain's) then pays no GC write
	// barrier a word.
	if n := len(p.buf); n+len(t) <= cap(p.buf) {
		p.buf = p.buf[:n+len(t)]
		copy(p.buf[n:], t)
		return
	}
	p.buf = append(p.buf, t...)
}

func (p *parser) closeSpan() {
	if p.open && len(p.buf) > p.spanAt {
		p.spans = append(p.spans, rawSpan{p.spanAt, len(p.buf), p.spanSty, p.spanRole, p.spanSpeech})
	}
	p.open = false
}

// endPara closes the paragraph being built. The mono flag is taken from
// the spans, not the current style, because endPara also runs right after
// the tag that switched monospace on or off.
func (p *parser) endPara() {
	p.closeSpan()
	p.ws, p.brk = false, 0
	p.roles, p.speeches = p.roles[:0], p.speeches[:0]
	first := p.paraFirst
	p.paraFirst, p.paraStart = len(p.spans), len(p.buf)
	if first == len(p.spans) {
		return
	}
	mono := p.spans[first].style&Monospaced != 0
	if mono {
		if !p.trimBlock(first) {
			p.spans = p.spans[:first]
			p.paraFirst = first
			return
		}
		// Trimming may drop whitespace-only spans: the next paragraph
		// starts after what is left.
		p.paraFirst = len(p.spans)
	}
	p.paras = append(p.paras, rawPara{first, len(p.spans), mono})
}

// trimBlock drops the blank lines around a monospaced block, so authors
// can put <monospaced> and </monospaced> on lines of their own. It reports
// whether anything is left.
func (p *parser) trimBlock(first int) bool {
	start, end := p.spans[first].start, p.spans[len(p.spans)-1].end
	text := p.buf[start:end]
	lead := 0
	for i, c := range text {
		if c == '\n' {
			lead = i + 1
		} else if c != ' ' && c != '\t' {
			break
		}
	}
	trail := len(text)
	for trail > lead && (text[trail-1] == ' ' || text[trail-1] == '\t' || text[trail-1] == '\n') {
		trail--
	}
	if trail <= lead {
		return false
	}
	lo, hi := start+lead, start+trail
	kept := p.spans[first:first]
	for _, s := range p.spans[first:] {
		s.start, s.end = max(s.start, lo), min(s.end, hi)
		if s.start < s.end {
			kept = append(kept, s)
		}
	}
	p.spans = p.spans[:first+len(kept)]
	return true
}

func (p *parser) finish() []Paragraph {
	p.endPara()
	if len(p.paras) == 0 {
		return nil
	}
	// buf is never written again, so the spans may share it rather
	// than a copy.
	text := unsafe.String(unsafe.SliceData(p.buf), len(p.buf))
	spans := make([]Span, len(p.spans))
	for i, s := range p.spans {
		spans[i] = Span{Text: text[s.start:s.end], Style: s.style, Role: s.role, Speech: s.speech}
	}
	paras := make([]Paragraph, len(p.paras))
	for i, r := range p.paras {
		paras[i] = Paragraph{Spans: spans[r.first:r.last:r.last], Mono: r.mono}
	}
	return paras
}

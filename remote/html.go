package remote

import (
	"strings"

	"github.com/tale-if/tale/tio/markup"
)

// The server sends a text event as the HTML that markup.HTML renders from
// its markup. The terminal front ends draw markup, so toMarkup turns that
// HTML back into markup. It reads exactly the language markup.HTML writes
// (tio/markup/html.go) and nothing more: <p>, <pre>, <br>, style spans
// (class "txt-bright txt-ul"), role spans (class "txt-exit" with its
// data-exit, or "txt-userinput"), speech (class "speech-say" on a <p> or
// a span, and tell, shout, emote), and the five entities htmlEscaper
// writes. Anything else — another tag, an attribute, an unbalanced
// </span>, an entity of its own — is text, shown as the characters the
// server sent and never as a style: the server is not trusted to speak
// markup. A general HTML parser would accept far more than one renderer
// ever writes, and would be one more dependency to keep safe.

// styleTags are the txt- classes of styles, roleTags of roles, and
// speechTags the speech- classes; each class is its markup tag's name.
var (
	styleTags  = map[string]bool{"dim": true, "bright": true, "ul": true, "it": true, "rev": true, "location": true, "monospaced": true}
	roleTags   = map[string]bool{"exit": true, "item": true, "living": true, "player": true, "userinput": true}
	speechTags = func() map[string]bool {
		m := map[string]bool{}
		for k := markup.Say; k <= markup.Emote; k++ {
			m[k.String()] = true
		}
		return m
	}()
)

// entities are the ones htmlEscaper writes; any other '&' is a character.
var entities = []struct{ ent, char string }{
	{"&amp;", "&"}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#34;", `"`},
}

// converter holds the spans open in the current block; each entry is the
// markup that closes it.
type converter struct {
	out    strings.Builder
	text   strings.Builder // text not yet written, unescaped
	open   []string        // closers of the open spans, innermost last
	block  string          // "" outside a block, else its closer in markup ("" for <p>)
	said   string          // the closer of the paragraph's speech, if it has a class
	inPre  bool
	blocks int
}

// toMarkup converts the HTML of one text message to markup that renders
// the same text with the same styles and roles.
func toMarkup(html string) string {
	var c converter
	for i := 0; i < len(html); {
		switch html[i] {
		case '<':
			if n := c.tag(html[i:]); n > 0 {
				i += n
				continue
			}
		case '&':
			if n := c.entity(html[i:]); n > 0 {
				i += n
				continue
			}
		case '\n':
			if c.block == "" && !c.inPre {
				i++ // between blocks
				continue
			}
		}
		c.startBlock(false)
		c.text.WriteByte(html[i])
		i++
	}
	c.endBlock()
	return c.out.String()
}

func (c *converter) entity(s string) int {
	for _, e := range entities {
		if strings.HasPrefix(s, e.ent) {
			c.startBlock(false)
			c.text.WriteString(e.char)
			return len(e.ent)
		}
	}
	return 0
}

// tag handles a tag at the start of s and returns its length, or 0 when
// it is not one markup.HTML writes (then '<' is text).
func (c *converter) tag(s string) int {
	switch {
	case strings.HasPrefix(s, "<p>"):
		c.endBlock()
		c.startBlock(false)
		return len("<p>")
	case strings.HasPrefix(s, `<p class="speech-`):
		return c.speechPara(s)
	case strings.HasPrefix(s, "<pre>"):
		c.endBlock()
		c.startBlock(true)
		return len("<pre>")
	case strings.HasPrefix(s, "</p>") && c.block != "" && !c.inPre,
		strings.HasPrefix(s, "</pre>") && c.inPre:
		c.endBlock()
		return strings.IndexByte(s, '>') + 1
	case strings.HasPrefix(s, "<br>"):
		c.startBlock(false)
		c.flush()
		if c.inPre {
			c.out.WriteString("\n") // markup.HTML never writes one in <pre>, but a break is a break
		} else {
			c.out.WriteString("<br>")
		}
		return len("<br>")
	case strings.HasPrefix(s, "</span>"):
		if len(c.open) == 0 {
			return 0
		}
		c.flush()
		c.out.WriteString(c.open[len(c.open)-1])
		c.open = c.open[:len(c.open)-1]
		return len("</span>")
	case strings.HasPrefix(s, `<span class="`):
		return c.span(s)
	}
	return 0
}

// maxSpeechClass bounds the look for the end of a speech class, so a
// server's endless `<p class="speech-` costs a few bytes each, not a scan.
const maxSpeechClass = len(`speech-shout">`)

// speechClass reads `speech-say">` at the start of s: the tag name and
// the length read, or 0 when s does not start so.
func speechClass(s string) (string, int) {
	s, ok := strings.CutPrefix(s[:min(len(s), maxSpeechClass)], "speech-")
	end := strings.Index(s, `">`)
	if !ok || end < 0 || !speechTags[s[:end]] {
		return "", 0
	}
	return s[:end], len("speech-") + end + len(`">`)
}

// speechPara reads `<p class="speech-say">`: a paragraph that is all one
// utterance.
func (c *converter) speechPara(s string) int {
	const open = `<p class="`
	name, n := speechClass(s[len(open):])
	if n == 0 {
		return 0
	}
	c.endBlock()
	c.startBlock(false)
	c.out.WriteString("<" + name + ">")
	c.said = "</" + name + ">"
	return len(open) + n
}

// span reads `<span class="txt-a txt-b">`, a role's
// `<span class="txt-exit" data-exit="…">`, or `<span class="speech-say">`.
func (c *converter) span(s string) int {
	if name, n := speechClass(s[len(`<span class="`):]); n > 0 {
		c.startBlock(false)
		c.flush()
		c.out.WriteString("<" + name + ">")
		c.open = append(c.open, "</"+name+">")
		return len(`<span class="`) + n
	}
	rest := s[len(`<span class="`):]
	end := strings.IndexByte(rest, '"')
	if end < 0 {
		return 0
	}
	classes := strings.Fields(rest[:end])
	rest = rest[end+1:]
	n := len(`<span class="`) + end + 1
	if len(classes) == 0 {
		return 0
	}
	names := make([]string, len(classes))
	for i, cl := range classes {
		name, ok := strings.CutPrefix(cl, "txt-")
		if !ok || !(styleTags[name] || roleTags[name]) {
			return 0
		}
		names[i] = name
	}
	var opener, closer string
	if len(names) == 1 && roleTags[names[0]] {
		role := names[0]
		if role != "userinput" {
			attr := ` data-` + role + `="`
			if !strings.HasPrefix(rest, attr) {
				return 0
			}
			val := strings.IndexByte(rest[len(attr):], '"')
			if val < 0 {
				return 0
			}
			skip := len(attr) + val + 1
			rest = rest[skip:]
			n += skip
		}
		opener, closer = "<"+role+">", "</"+role+">"
	} else {
		for _, name := range names {
			if roleTags[name] {
				return 0
			}
			opener += "<" + name + ">"
			closer = "</" + name + ">" + closer
		}
	}
	if !strings.HasPrefix(rest, ">") {
		return 0
	}
	c.startBlock(false)
	c.flush()
	c.out.WriteString(opener)
	c.open = append(c.open, closer)
	return n + 1
}

// startBlock opens a block unless one is open: text outside any block is
// a paragraph of its own.
func (c *converter) startBlock(pre bool) {
	if c.block != "" || c.inPre {
		return
	}
	if c.blocks > 0 {
		c.out.WriteString("\n\n")
	}
	c.blocks++
	c.inPre = pre
	c.block = "</p>"
	if pre {
		c.out.WriteString("<monospaced>")
		c.block = "</monospaced>"
	}
}

// endBlock closes whatever spans the server left open, then the block.
func (c *converter) endBlock() {
	if c.block == "" {
		return
	}
	c.flush()
	for i := len(c.open) - 1; i >= 0; i-- {
		c.out.WriteString(c.open[i])
	}
	c.open = c.open[:0]
	c.out.WriteString(c.said)
	c.said = ""
	if c.inPre {
		c.out.WriteString(c.block)
	}
	c.block, c.inPre = "", false
}

// flush writes the pending text escaped, so no character of it is a tag.
func (c *converter) flush() {
	if c.text.Len() > 0 {
		c.out.WriteString(markup.Escape(c.text.String()))
		c.text.Reset()
	}
}

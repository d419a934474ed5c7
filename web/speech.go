package web

import (
	"strings"

	"github.com/tale-if/tale/tio/markup"
)

// Speech classes. The driver has no tag for speech: it writes a player's
// name as <player>, what was said in “ ” quotes, and the verb between, in
// the fixed sentences of driver/verbs_mud.go and verbs_talk.go. So the
// page can set speech apart from narration, each paragraph of those
// shapes gets a class on its <p> (docs/protocol.md lists them):
//
//	say    Ann says: “…”, You say: “…” (and a being's <living> speech)
//	tell   Ann tells you: “…”, You tell Ann: “…”
//	shout  Ann shouts: “…”, You shout: “…”, Someone nearby shouts: “…”
//	emote  You emote: …, and any other paragraph that starts with a
//	       player's name: what another player does (emotes, socials,
//	       arrivals and departures)
//
// Only the class is added; the text is escaped by markup.HTML as always.
const (
	classSay   = "say"
	classTell  = "tell"
	classShout = "shout"
	classEmote = "emote"
)

// openQuote starts everything the driver quotes as said.
const openQuote = "“"

// textHTML renders a text event's markup as HTML with speech classes.
func textHTML(s string) string {
	html := markup.HTML(s)
	if !strings.Contains(s, openQuote) && !strings.Contains(s, "<player>") {
		return html // no speech: the common case costs one scan
	}
	paras, _ := markup.Parse(s)
	classes := make([]string, len(paras))
	found := false
	for i, p := range paras {
		if !p.Mono {
			classes[i] = speechClass(p)
			found = found || classes[i] != ""
		}
	}
	if !found {
		return html
	}
	return classifyBlocks(html, classes)
}

// speechClass is the class of one paragraph, or "".
func speechClass(p markup.Paragraph) string {
	if len(p.Spans) == 0 {
		return ""
	}
	first := p.Spans[0]
	rest := strings.TrimPrefix(p.Text(), first.Text)
	switch first.Role {
	case markup.Player, markup.Living:
		switch {
		case strings.HasPrefix(rest, " says: "+openQuote):
			return classSay
		case strings.HasPrefix(rest, " shouts: "+openQuote):
			return classShout
		case first.Role == markup.Living:
			return ""
		case strings.HasPrefix(rest, " tells you: "+openQuote):
			return classTell
		}
		return classEmote
	}
	text := p.Text()
	switch {
	case strings.HasPrefix(text, "You say: "+openQuote):
		return classSay
	case strings.HasPrefix(text, "You shout: "+openQuote), strings.HasPrefix(text, "Someone nearby shouts: "+openQuote):
		return classShout
	case strings.HasPrefix(text, "You emote: "):
		return classEmote
	case strings.HasPrefix(text, "You tell ") && len(p.Spans) > 1 && p.Spans[1].Role == markup.Player &&
		strings.Contains(text, ": "+openQuote):
		return classTell
	}
	return ""
}

// classifyBlocks adds class i to the i-th block of markup.HTML's output.
// Blocks are "<p>" and "<pre>" elements; text inside them is escaped, so
// no text can look like either tag.
func classifyBlocks(html string, classes []string) string {
	var b strings.Builder
	b.Grow(len(html) + 32)
	i := 0
	for len(html) > 0 {
		p := strings.Index(html, "<p>")
		pre := strings.Index(html, "<pre>")
		if p < 0 && pre < 0 {
			break
		}
		if p < 0 || (pre >= 0 && pre < p) {
			b.WriteString(html[:pre+len("<pre>")])
			html = html[pre+len("<pre>"):]
			i++
			continue
		}
		b.WriteString(html[:p])
		if i < len(classes) && classes[i] != "" {
			b.WriteString(`<p class="speech-` + classes[i] + `">`)
		} else {
			b.WriteString("<p>")
		}
		html = html[p+len("<p>"):]
		i++
	}
	b.WriteString(html)
	return b.String()
}

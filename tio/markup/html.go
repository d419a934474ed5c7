package markup

import "strings"

// htmlEscaper has html.EscapeString's mapping; as a Replacer it can write
// straight into the output instead of allocating a string per chunk.
var htmlEscaper = strings.NewReplacer(
	`&`, "&amp;",
	`'`, "&#39;",
	`<`, "&lt;",
	`>`, "&gt;",
	`"`, "&#34;",
)

// htmlBreaker is htmlEscaper for reflowable paragraphs, where a "\n" is a
// hard break (<br>); in <pre> a "\n" is just a line break.
var htmlBreaker = strings.NewReplacer(
	`&`, "&amp;",
	`'`, "&#39;",
	`<`, "&lt;",
	`>`, "&gt;",
	`"`, "&#34;",
	"\n", "<br>",
)

// HTML renders markup as an HTML fragment. Every character of text is
// escaped, so nothing in s — not even "<script>" spelled as &lt;script&gt;
// — can become HTML; the only tags in the output are the renderer's own:
//
//	<p>…</p>                         a paragraph
//	<pre>…</pre>                     a monospaced block
//	<br>                             a hard line break (the <br> tag)
//	<span class="txt-bright txt-ul"> styles, named after their tags
//	<span class="txt-exit" data-exit="north gate">
//	                                 a role; the data attribute (exit, item,
//	                                 living, player) holds the element's
//	                                 whole text, for a click to act on
//	<p class="speech-say">…</p>      a paragraph that is all one utterance
//	                                 (speech-say, -tell, -shout, -emote)
//	<span class="speech-say">        speech in part of a paragraph, or in
//	                                 a monospaced block
//
// Blocks are separated by "\n". <clear> leaves no trace: ask [HasClear]
// and signal it beside the HTML.
func HTML(s string) string {
	paras, _ := Parse(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i, p := range paras {
		if i > 0 {
			b.WriteByte('\n')
		}
		esc := htmlBreaker
		whole := NoSpeech
		switch {
		case p.Mono:
			b.WriteString("<pre>")
			esc = htmlEscaper
		default:
			// The driver says each utterance as a paragraph of its
			// own; its class on the <p> lets a page style the block.
			if whole = paraSpeech(p); whole != NoSpeech {
				b.WriteString(`<p class="speech-`)
				b.WriteString(whole.String())
				b.WriteString(`">`)
			} else {
				b.WriteString("<p>")
			}
		}
		said := whole // the speech open in the output
		for j := 0; j < len(p.Spans); {
			if k := p.Spans[j].Speech; k != said {
				if said != whole {
					b.WriteString("</span>")
				}
				if k != NoSpeech {
					b.WriteString(`<span class="speech-`)
					b.WriteString(k.String())
					b.WriteString(`">`)
				}
				said = k
			}
			k := j + 1
			role := p.Spans[j].Role
			if role != None {
				// An element ends where its speech does, so the
				// spans nest.
				for k < len(p.Spans) && p.Spans[k].Role == role && p.Spans[k].Speech == said {
					k++
				}
				openRole(&b, role, p.Spans[j:k])
			}
			for _, sp := range p.Spans[j:k] {
				writeStyled(&b, sp, esc)
			}
			if role != None {
				b.WriteString("</span>")
			}
			j = k
		}
		if said != whole {
			b.WriteString("</span>")
		}
		if p.Mono {
			b.WriteString("</pre>")
		} else {
			b.WriteString("</p>")
		}
	}
	return b.String()
}

// paraSpeech is the speech every span of p is, or NoSpeech when they are
// not all one.
func paraSpeech(p Paragraph) Speech {
	k := p.Spans[0].Speech
	for _, sp := range p.Spans[1:] {
		if sp.Speech != k {
			return NoSpeech
		}
	}
	return k
}

func openRole(b *strings.Builder, r Role, spans []Span) {
	b.WriteString(`<span class="txt-`)
	b.WriteString(r.String())
	b.WriteByte('"')
	if r != UserInput {
		b.WriteString(` data-`)
		b.WriteString(r.String())
		b.WriteString(`="`)
		// A hard break inside an element is a space in its name.
		text := strings.ReplaceAll(Paragraph{Spans: spans}.Text(), "\n", " ")
		htmlEscaper.WriteString(b, strings.TrimSpace(text))
		b.WriteByte('"')
	}
	b.WriteByte('>')
}

func writeStyled(b *strings.Builder, sp Span, esc *strings.Replacer) {
	// Inside <pre> the monospace is said already.
	st := sp.Style &^ Monospaced
	if st == 0 {
		esc.WriteString(b, sp.Text)
		return
	}
	b.WriteString(`<span class="`)
	sep := ""
	for _, n := range styleNames {
		if st&n.flag != 0 {
			b.WriteString(sep)
			b.WriteString("txt-")
			b.WriteString(n.name)
			sep = " "
		}
	}
	b.WriteString(`">`)
	esc.WriteString(b, sp.Text)
	b.WriteString("</span>")
}

package remote

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// markupSeeds are the story texts and attacks the converter must carry
// through the server's HTML unchanged.
var markupSeeds = []string{
	"",
	"<location>The Slipway</location>\n\nA ramp of old granite setts runs down into the sea.\n\nExit: <exit>north</exit>.",
	"<bright>a <ul>b</> c", "<exit>north <bright>gate</bright></exit>", "<dim><it>whisper</it></dim> <rev>x</rev>",
	"<monospaced>\n +-+\n | |\n</monospaced>", "<monospaced>a\n\nb <bright>c</bright></monospaced>",
	"&lt;script&gt; &amp; & &foo; &amp;lt;", "< <b> <bright", "\r\n\r\n",
	"東京大阪名古屋 🎉👨‍👩‍👧 cafe\u0301", "a\x1b[2J\u009b\xff", "<bright>\u202eevil\u202c</bright> \u2066x\u2069",
	"<clear></><normal></normal>text", `<item>"'&<>'"</item>`, "a <br> b<br><br><bright>c<br></bright>\n\n<br>",
	"<exit>north<br>gate</exit><monospaced>x<br>y</monospaced>", "<userinput>take &lt;lamp&gt;</userinput> <player>Ann</player> <living>the gull</living>",
	`<item>span class="txt-bright"</item> &lt;span class=&quot;txt-bright&quot;&gt;`, "&lt;p&gt;&lt;/p&gt;&lt;/span&gt;&lt;br&gt;",
	"<location><monospaced>mono in a style</monospaced></location> after",
	"one\n\ntwo\n\n\n\nthree <exit>a</exit><exit>b</exit>",
	"<say><player>Ann</player> says: “hello”</say>\n\n<tell>You tell <player>Bob</player>: “psst”</tell>",
	"<shout>Someone nearby shouts: “help” The sound comes from the east.</shout>\n\n<emote>Ann waves.</emote>",
	"The keeper turns. <say>“Go,” <bright>she</bright> says.</say> <emote>x</emote><tell>y</tell>",
	"<say>You say: “&lt;/say&gt;&lt;bright&gt;out&lt;p class=&quot;speech-say&quot;&gt;”</say>",
	"<monospaced><shout>a  b</shout>\nc</monospaced>", "<exit>a<say>b</exit>c</say>",
}

// roundTrip checks that what the server would send for m comes back as
// markup the renderers treat exactly as m: the same HTML, hence the same
// paragraphs, spans, styles and roles, and the same plain text.
func roundTrip(t *testing.T, m string) {
	t.Helper()
	html := markup.HTML(m)
	back := toMarkup(html)
	// Where the parser puts a space at the edge of an element is its own
	// business ("<userinput>a <living>b" keeps the space in the first
	// element only until parsed again, and an element of one space goes):
	// every other character keeps its style and role, and the plain text
	// below is the same to the byte.
	if got, want := visible(back), visible(m); got != want {
		t.Fatalf("markup %q\nHTML %q\nback %q\n got %s\nwant %s", m, html, back, got, want)
	}
	if got, want := markup.Plain(back, 60), markup.Plain(m, 60); got != want {
		t.Fatalf("plain text differs for %q:\n got %q\nwant %q", m, got, want)
	}
}

func TestToMarkupRoundTrip(t *testing.T) {
	for _, m := range markupSeeds {
		roundTrip(t, m)
	}
}

// A hostile server's HTML is text: no tag it invents becomes a style, and
// no control character reaches the terminal.
func TestToMarkupHostile(t *testing.T) {
	for html, want := range map[string]string{
		`<script>alert(1)</script>`:                            "&lt;script&gt;alert(1)&lt;/script&gt;",
		`<p><span class="txt-bright" onclick="x">a</span></p>`: `&lt;span class="txt-bright" onclick="x"&gt;a&lt;/span&gt;`,
		`<p><span class="txt-exit">a</span></p>`:               `&lt;span class="txt-exit"&gt;a&lt;/span&gt;`,
		`<p><span class="txt-clear">a</span></p>`:              `&lt;span class="txt-clear"&gt;a&lt;/span&gt;`,
		`<p><span class="txt-bright">a</p><p>b</p>`:            "<bright>a</bright>\n\nb",
		`</span></p></pre>x`:                                   "&lt;/span&gt;\n\n&lt;/pre&gt;x", // a stray </p> ends the paragraph the stray text began
		"<p>&nbsp;&#x41;&lt;clear&gt;</p>":                     "&amp;nbsp;&amp;#x41;&lt;clear&gt;",
		"<p><clear>x</p>":                                      "&lt;clear&gt;x",
		"<pre>a\x1b[2J</pre>":                                  "<monospaced>a\x1b[2J</monospaced>",
		`<p class="speech-say">a</p>`:                          "<say>a</say>",
		`<p><span class="speech-tell">a</span> b</p>`:          "<tell>a</tell> b",
		`<p class="speech-loud">a</p>`:                         `&lt;p class="speech-loud"&gt;a`,
		`<p class="speech-say" onclick="x">a</p>`:              `&lt;p class="speech-say" onclick="x"&gt;a`,
		`<p class="txt-bright">a</p>`:                          `&lt;p class="txt-bright"&gt;a`,
		`<p><span class="speech-say txt-bright">a</span></p>`:  `&lt;span class="speech-say txt-bright"&gt;a&lt;/span&gt;`,
		`<p class="speech-say">a<p>b</p>`:                      "<say>a</say>\n\nb",
		`<p class="speech-say">a</say><bright>b</p>`:           "<say>a&lt;/say&gt;&lt;bright&gt;b</say>",
	} {
		got := toMarkup(html)
		if got != want {
			t.Errorf("toMarkup(%q) = %q, want %q", html, got, want)
		}
		if markup.HasClear(got) {
			t.Errorf("toMarkup(%q) asks for a clear: %q", html, got)
		}
		if strings.ContainsFunc(markup.Plain(got, 80), func(r rune) bool { return r != '\n' && tio.IsControl(r) }) {
			t.Errorf("control characters reach the screen from %q", html)
		}
	}
}

// FuzzToMarkupRoundTrip: every markup the server can render comes back
// the same; and whatever HTML a server sends converts without a panic to
// markup whose rendering carries no control character.
func FuzzToMarkupRoundTrip(f *testing.F) {
	for _, m := range markupSeeds {
		f.Add(m)
		f.Add(markup.HTML(m))
	}
	f.Fuzz(func(t *testing.T, s string) {
		roundTrip(t, s)
		got := toMarkup(s)
		if markup.HasClear(got) {
			t.Fatalf("HTML %q asks for a clear: %q", s, got)
		}
		if strings.ContainsFunc(markup.Plain(got, 80), func(r rune) bool { return r != '\n' && tio.IsControl(r) }) {
			t.Fatalf("control characters reach the screen from %q", s)
		}
	})
}

// visible lists each character that is not a space with its style, role
// and speech, paragraph by paragraph.
func visible(m string) string {
	paras, _ := markup.Parse(m)
	var b strings.Builder
	for _, p := range paras {
		fmt.Fprintf(&b, "¶%v:", p.Mono)
		for _, sp := range p.Spans {
			for _, r := range sp.Text {
				if !unicode.IsSpace(r) {
					fmt.Fprintf(&b, "%c/%d/%d/%d ", r, sp.Style, sp.Role, sp.Speech)
				}
			}
		}
	}
	return b.String()
}

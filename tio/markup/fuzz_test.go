package markup

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

var fuzzSeeds = []string{
	"", room, "<bright>a <ul>b</> c", "<exit>north <bright>gate</bright></exit>",
	"<monospaced>\n +-+\n | |\n</monospaced>", "&lt;script&gt; &amp; & &foo;", "< <b> <bright", "\r\n\r\n",
	"東京大阪名古屋 🎉👨‍👩‍👧 cafe\u0301", "a\x1b[2J\u009b\xff", "<bright>\u202eevil\u202c</bright> \u2066x\u2069", "<clear></><normal></normal>",
	`<item>"'&<>'"</item>`, "a <br> b<br><br><bright>c<br></bright>\n\n<br>", "<exit>north<br>gate</exit><monospaced>x<br>y</monospaced>",
	"<say><player>Ann</player> says: “&lt;/say&gt;”</say>", "<exit>a<shout>b</exit>c</shout><tell>d\n\ne", "<monospaced><emote>x  y</emote></monospaced>",
}

// FuzzParse: no input makes the parser or the text renderers panic, no
// control character gets through to a terminal, and wrapped lines fit.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		paras, _ := Parse(s)
		for _, p := range paras {
			if len(p.Spans) == 0 {
				t.Fatalf("empty paragraph from %q", s)
			}
			if p.Mono {
				continue
			}
			// A hard break has no space beside it and is never first
			// or last: what a renderer breaks at is the text's own.
			if text := p.Text(); strings.HasPrefix(text, "\n") || strings.HasSuffix(text, "\n") ||
				strings.Contains(text, " \n") || strings.Contains(text, "\n ") {
				t.Fatalf("hard break at an edge or beside a space in %q (input %q)", text, s)
			}
			for _, width := range []int{0, 2, 7, 20} {
				for _, line := range Lines(p, width) {
					text := Paragraph{Spans: line}.Text()
					if strings.Contains(text, "\n") {
						t.Fatalf("line %q holds a line break (input %q)", text, s)
					}
					if w := ansi.StringWidth(text); width > 0 && w > width {
						t.Fatalf("line %q is %d cells, wider than %d (input %q)", text, w, width, s)
					}
				}
			}
		}
		checkOwnControlsOnly(t, s, Plain(s, 20))
		checkOwnControlsOnly(t, s, ANSI(s, 20, fuzzTheme))
		checkRoundTrip(t, strings.Map(func(r rune) rune {
			if tio.IsControl(r) && r != '\n' && r != '\t' {
				return -1
			}
			return r
		}, s))
	})
}

// fuzzTheme styles every tag with colour, so the ANSI renderer writes
// escape sequences of its own for the check to tell apart.
var fuzzTheme = DefaultTheme(pinned(termenv.TrueColor, true))

// checkOwnControlsOnly fails if out, rendered from input, holds a control
// character the renderer did not put there itself.
func checkOwnControlsOnly(t *testing.T, input, out string) {
	t.Helper()
	if what := tiotest.ForeignControl(out); what != "" {
		t.Fatalf("control character %s (input %q)", what, input)
	}
}

// FuzzHTML: whatever the input, the only markup in the output is the
// renderer's own tags.
func FuzzHTML(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkHTMLSafe(t, s, HTML(s))
	})
}

package markup

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// linesPlain is Plain by way of Lines, as it was before Plain wrote text
// while laying it out: the fast path must give the same bytes.
func linesPlain(s string, width int) string {
	return render(s, width, func(b *strings.Builder, sp Span) { b.WriteString(sp.Text) })
}

// parsedPlain is Plain as it was before it kept its buffers between
// calls: Parse, then the wrapper writing as it lays out. It is the
// reference Plain must match byte for byte, and the "old" benchmark.
func parsedPlain(s string, width int) string {
	if width <= 0 {
		return linesPlain(s, width)
	}
	paras, _ := Parse(s)
	if len(paras) == 0 {
		return ""
	}
	b := make([]byte, 0, len(s)+len(s)/8)
	w := wrapper{width: width, out: &b}
	for i, p := range paras {
		if i > 0 {
			b = append(b, '\n')
		}
		if p.Mono {
			for _, line := range splitLines(p.Spans) {
				for _, sp := range line {
					b = append(b, sp.Text...)
				}
				b = append(b, '\n')
			}
			continue
		}
		w.nLines = 0
		w.wrap(p.Spans, hasBreak(p.Spans))
		if w.nLines == 0 {
			b = append(b, '\n')
		}
	}
	return string(b)
}

// plainWidths are the widths every comparison runs at: none, ones that
// cut most words, and ones that rarely wrap.
var plainWidths = []int{0, 1, 2, 5, 20, 80}

func checkPlain(t *testing.T, s string, width int) {
	t.Helper()
	got := Plain(s, width)
	if want := parsedPlain(s, width); got != want {
		t.Fatalf("Plain(%q, %d) = %q; by Parse %q", s, width, got, want)
	}
	if want := linesPlain(s, width); got != want {
		t.Fatalf("Plain(%q, %d) = %q; by Lines %q", s, width, got, want)
	}
}

func TestPlainSameAsLines(t *testing.T) {
	for _, s := range append(fuzzSeeds, demoLook, houseLook, curlyRoom) {
		for _, width := range plainWidths {
			checkPlain(t, s, width)
		}
	}
}

// TestPlainRandomMarkup runs Plain on markup made of the pieces that
// steer the parser (tags, entities, white space, breaks, monospace, wide
// and joined characters, bytes that are not UTF-8), one after another at
// random, so the pooled buffers also carry over from text to text.
func TestPlainRandomMarkup(t *testing.T) {
	ascii := []string{"<", ">", "/", "&", "&lt;", "&amp;", "&gt", "\n", "\n\n", " ", "  ", "\r", "\r\n", "\t",
		"a", "b.", "word", strings.Repeat("x", 23), "\x01", "<br>", "<br><br>", "</>", "<bright>", "</bright>",
		"<ul>", "</ul>", "<normal>", "<clear>", "<monospaced>", "</monospaced>", "<say>", "</say>",
		"<exit>", "</exit>", "<item>", "</item>", "<location>", "</location>", "<player>", "</player>", "<a x='1'>"}
	// A third of the texts are ASCII only and a third add characters
	// of one cell (Plain lays both out by its own road); the rest add
	// wide, joined and invalid characters too.
	narrow := append(slices.Clip(ascii), "it’s", "“", "”", "—", "–", "…", "café", "×", "ÿ")
	all := append(slices.Clip(narrow), "東京", "🎉", "\u200d", "\u0301", "\u00ad", "\xff", "\u202e")
	r := rand.New(rand.NewPCG(13, 13))
	for n := range 60000 {
		pieces := [][]string{ascii, narrow, all}[n%3]
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		checkPlain(t, b.String(), plainWidths[r.IntN(len(plainWidths))])
		checkPlain(t, b.String(), 1+r.IntN(100))
	}
}

func FuzzPlainSameAsLines(f *testing.F) {
	for _, s := range append(fuzzSeeds, demoLook, houseLook) {
		f.Add(s, 20)
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		checkPlain(t, s, width%200)
	})
}

// demoLook is "look" at the start of the bundled demo, and houseLook
// the driver's test story's: the replies the console renders most.
const (
	demoLook  = "<location>The Slipway</location>\n\nA ramp of old granite setts runs down into the sea, slick with weed. Waves\nslap at its foot and draw back hissing. Above you the cliff rises in\nblack steps, and on its crown the lighthouse stands against the last of\nthe light, unlit. A path climbs north.\n\nExit: <exit>north</exit>."
	houseLook = "<location>Entrance Hall</location>\n\nA draughty hall with a portrait on the wall.\n\nA rope dangles from the ceiling. A marble statue guards the stairs. A long table stands against the wall.\n\nYou see a <item>wooden box</item> and a <item>brass lamp</item> here.\n\nOn the <item>table</item> is a <item>cup</item>.\n\nExits: <exit>north</exit>, <exit>east</exit>, <exit>west</exit>."
)

// curlyRoom has the curly quotes a story's default typography gives most
// replies: characters beyond ASCII, but one cell each.
var curlyRoom = Typeset(room+"\n\n\"You're late,\" the steward says. \"It's nearly dark.\"", Curly)

// BenchmarkPlainVsParsed runs Plain and its reference side by side on
// each text, so one run compares them under the same load.
func BenchmarkPlainVsParsed(b *testing.B) {
	for _, text := range []struct{ name, s string }{{"room", room}, {"curly-room", curlyRoom},
		{"demo-look", demoLook}, {"house-look", houseLook}} {
		for _, impl := range []struct {
			name string
			f    func(string, int) string
		}{{"new", Plain}, {"old", parsedPlain}} {
			b.Run(text.name+"/"+impl.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(text.s)))
				for b.Loop() {
					impl.f(text.s, 80)
				}
			})
		}
	}
}

// TestNarrowIsOneCell: what Plain lays out a character a cell is one cell
// as Lines measures it, and a grapheme of its own beside any other.
func TestNarrowIsOneCell(t *testing.T) {
	for r := rune(0x80); r < 0x3000; r++ {
		if !narrow(r) {
			continue
		}
		c := string(r)
		if w := ansi.StringWidth(c); w != 1 {
			t.Errorf("narrow %U is %d cells", r, w)
		}
		for _, next := range []string{"a", " ", "’", "é", c} {
			if g, _ := ansi.FirstGraphemeCluster(c+next, ansi.GraphemeWidth); g != c {
				t.Errorf("narrow %U joins %q into %q", r, next, g)
			}
			if g, _ := ansi.FirstGraphemeCluster("a"+c, ansi.GraphemeWidth); g != "a" {
				t.Errorf("narrow %U joins the letter before it: %q", r, g)
			}
		}
	}
}

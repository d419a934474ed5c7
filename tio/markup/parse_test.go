package markup

import (
	"reflect"
	"strings"
	"testing"
)

// p builds a reflowable paragraph, m a monospaced one.
func p(spans ...Span) Paragraph { return Paragraph{Spans: spans} }
func m(spans ...Span) Paragraph { return Paragraph{Spans: spans, Mono: true} }
func tx(text string) Span       { return Span{Text: text} }
func st(text string, s Style) Span {
	return Span{Text: text, Style: s}
}
func role(text string, r Role, s Style) Span {
	return Span{Text: text, Style: s, Role: r}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []Paragraph
		clear bool
	}{
		{"empty", "", nil, false},
		{"only white space", " \n\n\t ", nil, false},
		{"plain text", "You see a lamp.", []Paragraph{p(tx("You see a lamp."))}, false},

		{"dim", "<dim>faint</dim>", []Paragraph{p(st("faint", Dim))}, false},
		{"bright", "<bright>loud</bright>", []Paragraph{p(st("loud", Bright))}, false},
		{"ul", "<ul>under</ul>", []Paragraph{p(st("under", Underline))}, false},
		{"it", "<it>slanted</it>", []Paragraph{p(st("slanted", Italic))}, false},
		{"rev", "<rev>inverse</rev>", []Paragraph{p(st("inverse", Reverse))}, false},
		{"location", "<location>Hall</location>", []Paragraph{p(st("Hall", Location))}, false},
		{"normal ends intensity only", "<bright><ul>a<normal>b</>c",
			[]Paragraph{p(st("a", Bright|Underline), st("b", Underline), tx("c"))}, false},
		{"styles combine", "<bright>a <ul>b</ul> c</bright>",
			[]Paragraph{p(st("a ", Bright), st("b", Bright|Underline), st(" c", Bright))}, false},
		{"reset closes every style", "<bright><ul><it>x</>y",
			[]Paragraph{p(st("x", Bright|Underline|Italic), tx("y"))}, false},
		{"specific closer leaves others", "<bright><ul>x</bright>y</ul>z",
			[]Paragraph{p(st("x", Bright|Underline), st("y", Underline), tx("z"))}, false},
		{"unclosed style runs to the end", "a <bright>b c",
			[]Paragraph{p(tx("a "), st("b c", Bright))}, false},
		{"style carries across paragraphs", "<dim>one\n\ntwo</dim>",
			[]Paragraph{p(st("one", Dim)), p(st("two", Dim))}, false},
		{"closing what is not open is harmless", "</bright></exit></normal></clear>x",
			[]Paragraph{p(tx("x"))}, false},

		{"exit", "Go <exit>north</exit>.",
			[]Paragraph{p(tx("Go "), role("north", Exit, 0), tx("."))}, false},
		{"every role", "<exit>e</exit> <item>i</item> <living>l</living> <player>p</player> <userinput>u</userinput>",
			[]Paragraph{p(role("e", Exit, 0), tx(" "), role("i", Item, 0), tx(" "), role("l", Living, 0),
				tx(" "), role("p", Player, 0), tx(" "), role("u", UserInput, 0))}, false},
		{"role inside style", "<bright>a <item>key</item></bright>",
			[]Paragraph{p(st("a ", Bright), role("key", Item, Bright))}, false},
		{"style inside role", "<exit>north <bright>gate</bright></exit>",
			[]Paragraph{p(role("north ", Exit, 0), role("gate", Exit, Bright))}, false},
		{"reset keeps roles", "<exit><bright>north</> gate</exit>",
			[]Paragraph{p(role("north", Exit, Bright), role(" gate", Exit, 0))}, false},
		{"role ends with its paragraph", "<exit>north\n\nsouth",
			[]Paragraph{p(role("north", Exit, 0)), p(tx("south"))}, false},
		{"nested roles", "<living>the <item>cat</item>'s owner</living>",
			[]Paragraph{p(role("the ", Living, 0), role("cat", Item, 0), role("'s owner", Living, 0))}, false},

		{"entities", "&lt;b&gt; &amp; &amp;lt;", []Paragraph{p(tx("<b> & &lt;"))}, false},
		{"other ampersands are literal", "Smith & Sons &copy; &lt &#60;",
			[]Paragraph{p(tx("Smith & Sons &copy; &lt &#60;"))}, false},
		{"escaped tag is text", "&lt;bright&gt;", []Paragraph{p(tx("<bright>"))}, false},
		{"unknown tags are literal", "<b>bold</b> <Bright> <bright x> <>",
			[]Paragraph{p(tx("<b>bold</b> <Bright> <bright x> <>"))}, false},
		{"stray angle brackets", "a < b > c <", []Paragraph{p(tx("a < b > c <"))}, false},
		{"unterminated tag", "x <bright", []Paragraph{p(tx("x <bright"))}, false},
		{"tag name too long to look for", "<monospacedxyz>", []Paragraph{p(tx("<monospacedxyz>"))}, false},

		{"soft breaks reflow", "one\ntwo  three\r\nfour\tfive",
			[]Paragraph{p(tx("one two three four five"))}, false},
		{"paragraphs", "one\n\ntwo\r\n\r\nthree\n \t\nfour",
			[]Paragraph{p(tx("one")), p(tx("two")), p(tx("three")), p(tx("four"))}, false},
		{"many blank lines are one break", "one\n\n\n\n\ntwo", []Paragraph{p(tx("one")), p(tx("two"))}, false},
		{"space styled only between styled text", "<ul>a </ul>b <ul>c d</ul>",
			[]Paragraph{p(st("a", Underline), tx(" b "), st("c d", Underline))}, false},

		{"hard break", "one<br>two", []Paragraph{p(tx("one\ntwo"))}, false},
		{"white space around a break dropped", "one \n <br> \n two three",
			[]Paragraph{p(tx("one\ntwo three"))}, false},
		{"two breaks leave an empty line", "a<br><br>b", []Paragraph{p(tx("a\n\nb"))}, false},
		{"break at either end of a paragraph dropped", "<br> a<br>\n\n<br>b <br>",
			[]Paragraph{p(tx("a")), p(tx("b"))}, false},
		{"break alone is nothing", "<br>", nil, false},
		{"break styled only between styled text", "<bright>a<br></bright>b <bright>c<br>d</bright>",
			[]Paragraph{p(st("a", Bright), tx("\nb "), st("c\nd", Bright))}, false},
		{"break between elements belongs to neither", "<item>a</item>: x<br><item>b</item>: y",
			[]Paragraph{p(role("a", Item, 0), tx(": x\n"), role("b", Item, 0), tx(": y"))}, false},
		{"break inside an element", "<exit>north<br>gate</exit>", []Paragraph{p(role("north\ngate", Exit, 0))}, false},
		{"break in monospaced is a line break", "<monospaced>a<br> b</monospaced>",
			[]Paragraph{m(st("a\n b", Monospaced))}, false},
		{"break spelled otherwise is text", "a<br/>b<BR>c</br>", []Paragraph{p(tx("a<br/>b<BR>c</br>"))}, false},

		{"clear", "<clear>Darkness.", []Paragraph{p(tx("Darkness."))}, true},
		{"clear alone", "<clear>", nil, true},

		{"monospaced block keeps layout", "Map:\n<monospaced>\n +-+\n | |  x\n\n +-+\n</monospaced>\nDone.",
			[]Paragraph{p(tx("Map:")), m(st(" +-+\n | |  x\n\n +-+", Monospaced)), p(tx("Done."))}, false},
		{"monospaced inline becomes a block", "a <monospaced>b  c</monospaced> d",
			[]Paragraph{p(tx("a")), m(st("b  c", Monospaced)), p(tx("d"))}, false},
		{"monospaced closed by reset", "<monospaced>x  y</>z",
			[]Paragraph{m(st("x  y", Monospaced)), p(tx("z"))}, false},
		{"monospaced with styles", "<monospaced>a <bright>b</bright>\n c</monospaced>",
			[]Paragraph{m(st("a ", Monospaced), st("b", Monospaced|Bright), st("\n c", Monospaced))}, false},
		{"empty monospaced block vanishes", "a<monospaced>\n \n</monospaced>b",
			[]Paragraph{p(tx("a")), p(tx("b"))}, false},
		{"unclosed monospaced", "<monospaced>  x\n  y", []Paragraph{m(st("  x\n  y", Monospaced))}, false},
		{"entities in monospaced", "<monospaced>&lt;-&gt;</monospaced>", []Paragraph{m(st("<->", Monospaced))}, false},

		{"control characters dropped", "a\x1b[2Jb\x07c\u009b31md\x7f", []Paragraph{p(tx("a[2Jbc31md"))}, false},
		{"invalid UTF-8 replaced", "a\xffb", []Paragraph{p(tx("a\uFFFDb"))}, false},
		{"wide text kept", "東京 🎉 café", []Paragraph{p(tx("東京 🎉 café"))}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, clear := Parse(tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tc.in, got, tc.want)
			}
			if clear != tc.clear {
				t.Errorf("Parse(%q) clear = %v, want %v", tc.in, clear, tc.clear)
			}
			if HasClear(tc.in) != tc.clear {
				t.Errorf("HasClear(%q) = %v, want %v", tc.in, !tc.clear, tc.clear)
			}
		})
	}
}

// TestMonospacedBlockWithIndentedStyleAfterABlankLine is a crash found
// by fuzzing the remote client: trimming a monospaced paragraph dropped a
// span, and the next paragraph started past the end of the list.
func TestMonospacedBlockWithIndentedStyleAfterABlankLine(t *testing.T) {
	paras, _ := Parse("<monospaced>a\n\n b <bright>c</bright>\n</monospaced>")
	if got := Plain("<monospaced>a\n\n b <bright>c</bright>\n</monospaced>", 0); !strings.Contains(got, "a") || !strings.Contains(got, "b c") {
		t.Errorf("Plain = %q, want both lines of the block", got)
	}
	if len(paras) != 1 || !paras[0].Mono {
		t.Errorf("got %+v, want one monospaced block, blank line kept inside", paras)
	}
}

// TestTagTable: the fast index finds every tag of the map and nothing else.
func TestTagTable(t *testing.T) {
	for name, want := range tags {
		if got, ok := tagTable.find(name); !ok || got != want {
			t.Errorf("find(%q) = %v, %v; want %v", name, got, ok, want)
		}
	}
	for _, name := range []string{"", "b", "/b", "brr", "bright/", "Bright", "monospace", "/x"} {
		if _, ok := tagTable.find(name); ok {
			t.Errorf("find(%q) found a tag", name)
		}
	}
}

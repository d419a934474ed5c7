package markup

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

const room = `<clear><location>The Great Hall</location>

You stand in a <bright>vast hall</bright> whose vaulted ceiling is lost in
shadow. Banners hang from the galleries, faded by centuries of smoke, and a
long oak table runs down the middle of the room.

On the table lies a <item>brass key</item>. <living>The old steward</living>
watches you from beside the hearth, saying nothing.

Exits lead <exit>north</exit>, <exit>east</exit> and <exit>down the stairs</exit>.`

func TestPlain(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  string
	}{
		{"empty", "", 40, ""},
		{"no wrapping", "one two\nthree\n\nfour", 0, "one two three\n\nfour\n"},
		{"tags gone", "<bright>Hall</bright> &amp; <exit>north</exit>", 0, "Hall & north\n"},
		{"wrap at 20", "The quick brown fox jumps over the lazy dog.", 20,
			"The quick brown fox\njumps over the lazy\ndog.\n"},
		{"exact fit", "aaaa bbbb", 9, "aaaa bbbb\n"},
		{"one over", "aaaa bbbbb", 9, "aaaa\nbbbbb\n"},
		{"long word cut only when it must", "a abcdefghijkl b", 5, "a\nabcde\nfghij\nkl b\n"},
		{"CJK is two cells a character", "東京 大阪 名古屋 札幌", 10, "東京 大阪\n名古屋\n札幌\n"},
		{"CJK run cut between characters", "東京大阪名古屋", 6, "東京大\n阪名古\n屋\n"},
		{"emoji are two cells", "🎉🎉 🎉🎉 🎉🎉", 9, "🎉🎉 🎉🎉\n🎉🎉\n"},
		{"family emoji is one grapheme", "👨‍👩‍👧 x 👨‍👩‍👧", 5, "👨‍👩‍👧 x\n👨‍👩‍👧\n"},
		{"combining marks take no room", "cafe\u0301 cafe\u0301", 9, "cafe\u0301 cafe\u0301\n"},
		{"styles across a break", "aaa <bright>bbb ccc</bright> ddd", 7, "aaa bbb\nccc ddd\n"},
		{"hard break, no wrapping", "a b<br>c\n<br>d", 0, "a b\nc\nd\n"},
		{"hard break, wrapped on both sides", "aaa bbb ccc<br>ddd eee fff", 7, "aaa bbb\nccc\nddd eee\nfff\n"},
		{"hard break where the line is full", "aaa bbb<br>ccc", 7, "aaa bbb\nccc\n"},
		{"two hard breaks", "a<br><br>b", 20, "a\n\nb\n"},
		{"long word after a hard break", "a<br>abcdefg", 3, "a\nabc\ndef\ng\n"},
		{"styles across a hard break", "<bright>a<br>b</bright> c", 5, "a\nb c\n"},
		{"monospaced kept verbatim", "<monospaced>\n+----------+\n|  a    b  |\n+----------+\n</monospaced>", 5,
			"+----------+\n|  a    b  |\n+----------+\n"},
		{"monospaced between paragraphs", "Map:\n<monospaced>x  y\n\nz</monospaced>\nEnd", 40,
			"Map:\n\nx  y\n\nz\n\nEnd\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Plain(tc.in, tc.width); got != tc.want {
				t.Errorf("Plain(%q, %d)\n got %q\nwant %q", tc.in, tc.width, got, tc.want)
			}
		})
	}
}

// TestPlainWidths checks what a reader sees at each common width: no line
// too long, no word torn, nothing lost, nothing but text.
func TestPlainWidths(t *testing.T) {
	texts := map[string]string{
		"room":  room,
		"cjk":   "<location>東京駅</location>\n\n駅の北口に出ると、大きな広場がある。 人々が行き交い、 遠くに 🗼 タワーが 見える。 <exit>北</exit>へ行くか、<exit>南口</exit>へ戻るか。",
		"emoji": "The 🐉 dragon 🔥 breathes fire at the 🛡️ shield while 👨‍👩‍👧 a family watches 🎉 from afar.",
	}
	for name, text := range texts {
		for _, width := range []int{20, 40, 80} {
			out := Plain(text, width)
			if !strings.HasSuffix(out, "\n") {
				t.Errorf("%s@%d: output does not end with a newline: %q", name, width, out)
			}
			if strings.ContainsAny(out, "\x1b<") {
				t.Errorf("%s@%d: output has escape codes or tags: %q", name, width, out)
			}
			for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if w := ansi.StringWidth(line); w > width {
					t.Errorf("%s@%d: line %q is %d cells wide", name, width, line, w)
				}
			}
			words := strings.Fields(Strip(text))
			if widest(words) <= width && strings.Join(strings.Fields(out), " ") != strings.Join(words, " ") {
				t.Errorf("%s@%d: a word was cut though it fits a line:\n%s", name, width, out)
			}
			// Only a word wider than the line may be cut, so the text
			// without its white space must be the same.
			if got, want := strings.Join(strings.Fields(out), ""), strings.Join(strings.Fields(Strip(text)), ""); got != want {
				t.Errorf("%s@%d: text changed by wrapping:\n got %q\nwant %q", name, width, got, want)
			}
		}
	}
}

func TestStrip(t *testing.T) {
	got := Strip("<bright>One</bright>\n\n<exit>two</exit> &lt;3<br>four")
	if want := "One\n\ntwo <3\nfour"; got != want {
		t.Errorf("Strip = %q, want %q", got, want)
	}
}

func widest(words []string) int {
	w := 0
	for _, word := range words {
		w = max(w, ansi.StringWidth(word))
	}
	return w
}

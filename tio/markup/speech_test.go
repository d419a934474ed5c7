package markup

import (
	"reflect"
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

func said(text string, k Speech, r Role, s Style) Span {
	return Span{Text: text, Style: s, Role: r, Speech: k}
}

// typed is what a player might type to break out of their own speech.
const typed = `</say><bright>free</bright><exit>x</exit>`

func TestParseSpeech(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Paragraph
	}{
		{"say keeps the speaker's role", "<say><player>Ann</player> says: “hi”</say>",
			[]Paragraph{p(said("Ann", Say, Player, 0), said(" says: “hi”", Say, None, 0))}},
		{"every kind", "<say>a</say> <tell>b</tell> <shout>c</shout> <emote>d</emote>",
			[]Paragraph{p(said("a", Say, None, 0), tx(" "), said("b", Tell, None, 0), tx(" "),
				said("c", Shout, None, 0), tx(" "), said("d", Emote, None, 0))}},
		{"space inside speech is speech", "<emote><player>Ann</player> waves to <player>Bob</player>.</emote>",
			[]Paragraph{p(said("Ann", Emote, Player, 0), said(" waves to ", Emote, None, 0),
				said("Bob", Emote, Player, 0), said(".", Emote, None, 0))}},
		{"part of a paragraph", "The keeper turns. <say>“Go,” she says.</say> The door shuts.",
			[]Paragraph{p(tx("The keeper turns. "), said("“Go,” she says.", Say, None, 0), tx(" The door shuts."))}},
		{"styles inside speech", "<shout>run <bright>now</bright></shout>",
			[]Paragraph{p(said("run ", Shout, None, 0), said("now", Shout, None, Bright))}},
		{"reset keeps speech", "<say><bright>a</> b</say>",
			[]Paragraph{p(said("a", Say, None, Bright), said(" b", Say, None, 0))}},
		{"speech ends with its paragraph", "<say>one\n\ntwo",
			[]Paragraph{p(said("one", Say, None, 0)), p(tx("two"))}},
		{"closing another kind is harmless", "<say>a</tell>b</say>c",
			[]Paragraph{p(said("ab", Say, None, 0), tx("c"))}},
		{"typed text stays inside", "<say>You say: “" + Escape(typed) + "”</say>",
			[]Paragraph{p(said("You say: “"+typed+"”", Say, None, 0))}},
		{"spelled otherwise is text", "<Say>a</SAY> <speech>b</speech>",
			[]Paragraph{p(tx("<Say>a</SAY> <speech>b</speech>"))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := Parse(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tc.in, got, tc.want)
			}
		})
	}
}

func TestHTMLSpeech(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"a paragraph of speech is classed", "<say><player>Ann</player> says: “hi”</say>",
			`<p class="speech-say"><span class="txt-player" data-player="Ann">Ann</span> says: “hi”</p>`},
		{"every kind", "<say>a</say>\n\n<tell>b</tell>\n\n<shout>c</shout>\n\n<emote>d</emote>",
			`<p class="speech-say">a</p>` + "\n" + `<p class="speech-tell">b</p>` + "\n" +
				`<p class="speech-shout">c</p>` + "\n" + `<p class="speech-emote">d</p>`},
		{"part of a paragraph is a span", "The keeper turns. <say>“Go.”</say> The door shuts.",
			`<p>The keeper turns. <span class="speech-say">“Go.”</span> The door shuts.</p>`},
		{"two kinds in one paragraph", "<say>a</say><emote>b</emote>",
			`<p><span class="speech-say">a</span><span class="speech-emote">b</span></p>`},
		{"an element ends where its speech does", "<exit>a<say>b</exit>c</say>",
			`<p><span class="txt-exit" data-exit="a">a</span><span class="speech-say">` +
				`<span class="txt-exit" data-exit="b">b</span>c</span></p>`},
		{"speech in monospaced is a span", "<monospaced><say>a  b</say>\nc</monospaced>",
			`<pre><span class="speech-say">a  b</span>` + "\nc</pre>"},
		{"typed text cannot break out", "<say>You say: “" + Escape(typed) + "”</say>",
			`<p class="speech-say">You say: “&lt;/say&gt;&lt;bright&gt;free&lt;/bright&gt;&lt;exit&gt;x&lt;/exit&gt;”</p>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := HTML(tc.in)
			if got != tc.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			checkHTMLSafe(t, tc.in, got)
		})
	}
}

// Plain text is what a screen reader says: the words, with nothing added.
func TestPlainSpeechIsTheText(t *testing.T) {
	in := "<say><player>Ann</player> says: “" + Escape(typed) + "”</say>\n\n<emote>Ann waves.</emote>"
	want := "Ann says: “" + typed + "”\n\nAnn waves.\n"
	if got := Plain(in, 0); got != want {
		t.Errorf("Plain = %q, want %q", got, want)
	}
	if got := ANSI(in, 0, PlainTheme()); got != want {
		t.Errorf("ANSI with PlainTheme = %q, want %q", got, want)
	}
}

// Each kind of speech looks different from narration and from the
// others, and a name in it keeps its role's colour.
func TestANSISpeech(t *testing.T) {
	th := DefaultTheme(pinned(termenv.TrueColor, true))
	seen := map[string]Speech{"": NoSpeech}
	for k := Say; k <= Emote; k++ {
		out := ANSI(k.Mark("x"), 0, th)
		sgr, _, _ := strings.Cut(out, "x")
		if other, dup := seen[sgr]; dup {
			t.Errorf("%s looks the same as %q: %q", k, other, sgr)
		}
		seen[sgr] = k
	}
	player := ANSI("<player>x</player>", 0, th)
	inSpeech := ANSI("<say><player>x</player></say>", 0, th)
	colour, _, _ := strings.Cut(strings.TrimPrefix(player, "\x1b["), "m")
	if !strings.Contains(inSpeech, colour) {
		t.Errorf("a player's name in speech lost its colour %q: %q", colour, inSpeech)
	}
}

func TestSpeechMark(t *testing.T) {
	if got := Tell.Mark("a"); got != "<tell>a</tell>" {
		t.Errorf("Tell.Mark = %q", got)
	}
	if got := NoSpeech.Mark("a"); got != "a" {
		t.Errorf("NoSpeech.Mark = %q", got)
	}
}

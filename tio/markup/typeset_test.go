package markup

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTypesetCurly(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no quotes", "You see a lamp.", "You see a lamp."},
		{"apostrophe in a word", "You can't go that way.", "You can’t go that way."},
		{"double quotes", `The sign says "Keep out".`, "The sign says “Keep out”."},
		{"single quotes", "She said 'no' twice.", "She said ‘no’ twice."},
		{"nested", `"Call it 'the end'," she says.`, "“Call it ‘the end’,” she says."},
		{"closing after punctuation", `'Go away!' "Now."`, "‘Go away!’ “Now.”"},
		{"plural possessive", "the dogs' bones", "the dogs’ bones"},
		{"elided digits", "the '90s", "the ’90s"},
		{"at a paragraph's start", "x.\n\n\"Hi\"", "x.\n\n“Hi”"},
		{"after brackets and dashes", `("yes")—"no"`, "(“yes”)—“no”"},
		{"across tags", `<bright>"Hi"</bright>, <item>Maud</item>'s lamp`, "<bright>“Hi”</bright>, <item>Maud</item>’s lamp"},
		{"quote then a tag", `"<it>Run</it>," he says.`, "“<it>Run</it>,” he says."},
		{"curly ones kept", "“Hi,” it’s ‘me’.", "“Hi,” it’s ‘me’."},
		{"a player's name", "<player>O'Brien</player>'s hat isn't here.", "<player>O'Brien</player>’s hat isn’t here."},
		{"typed words", "I don't know the word “<userinput>o'clock</userinput>”.", "I don’t know the word “<userinput>o'clock</userinput>”."},
		{"speech", `<say><player>Ann</player> says: "it's 'fine'"</say> Don't.`, `<say><player>Ann</player> says: "it's 'fine'"</say> Don’t.`},
		{"every kind of speech", `<tell>'a'</tell> <shout>'b'</shout> <emote>'c'</emote> 'd'`, `<tell>'a'</tell> <shout>'b'</shout> <emote>'c'</emote> ‘d’`},
		{"monospaced", "<monospaced>'x' \"y\"</monospaced> 'z'", "<monospaced>'x' \"y\"</monospaced> ‘z’"},
		{"reset ends monospace", "<monospaced>'x'</> 'z'", "<monospaced>'x'</> ‘z’"},
		{"speech ends with its paragraph", "<say>'a'\n\n'b'", "<say>'a'\n\n‘b’"},
		{"a role closed", "<player>a'</player>b'c", "<player>a'</player>b’c"},
		{"tag-like text", `Type <a href="x"> to 'link'.`, `Type <a href="x"> to ‘link’.`},
		{"a lone <", `1 < 2 "ok"`, "1 < 2 “ok”"},
		{"entities", `&amp; "x"&gt;`, "&amp; “x”&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Typeset(tt.in, Curly); got != tt.want {
				t.Errorf("Typeset(%q, Curly)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTypesetStraight(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no quotes", "You see a lamp.", "You see a lamp."},
		{"straight kept", `You can't. "No."`, `You can't. "No."`},
		{"curly made straight", "“It’s ‘mine’,” she says.", `"It's 'mine'," she says.`},
		{"other punctuation kept", "Wait… — “x” ‚ „", `Wait… — "x" ‚ „`},
		{"a player's name", "<player>“Ann”</player>’s", `<player>“Ann”</player>'s`},
		{"speech", "<say>You say: “hi”</say> “x”", `<say>You say: “hi”</say> "x"`},
		{"monospaced", "<monospaced>“x”</monospaced>", "<monospaced>“x”</monospaced>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Typeset(tt.in, Straight); got != tt.want {
				t.Errorf("Typeset(%q, Straight)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTypesetText(t *testing.T) {
	// Plain text has no tags: a name's '<' is a character.
	if got := TypesetText(`<b> "Maud's"`, Curly); got != "<b> “Maud’s”" {
		t.Errorf("curly: %q", got)
	}
	if got := TypesetText("Maud’s <player>“x”", Straight); got != `Maud's <player>"x"` {
		t.Errorf("straight: %q", got)
	}
}

func TestQuote(t *testing.T) {
	if got := Curly.Quote("it's"); got != "“it's”" {
		t.Errorf("curly: %q", got)
	}
	if got := Straight.Quote("it's"); got != `"it's"` {
		t.Errorf("straight: %q", got)
	}
}

// TestTypesetRendersCurly: the HTML renderer escapes what Typeset gives
// and the browser reads the character itself.
func TestTypesetRendersCurly(t *testing.T) {
	got := HTML(Typeset(`You can't <b> "x" </b> <userinput>'y'</userinput>`, Curly))
	for _, want := range []string{"can’t", "&lt;b&gt; “x” &lt;/b&gt;", "&#39;y&#39;"} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML %q lacks %q", got, want)
		}
	}
}

func TestTypesetAllocatesNothingWithoutQuotes(t *testing.T) {
	spoken := "<say><player>Ann</player> says: " + Curly.Quote("it's") + "</say>"
	for _, c := range []struct {
		s string
		t Typography
	}{{room, Curly}, {room, Straight}, {spoken, Curly}, {"A “curly” one", Curly}, {"it's", Straight}} {
		if n := testing.AllocsPerRun(100, func() { Typeset(c.s, c.t) }); n != 0 {
			t.Errorf("Typeset(%q, %d) allocates %v times", c.s, c.t, n)
		}
	}
}

// FuzzTypeset: in either style only quote characters change, the result
// parses into the same paragraphs and spans, protected text (monospaced,
// a player's, speech) is untouched, and typesetting again changes nothing.
func FuzzTypeset(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, s := range []string{`"a" 'b' it's`, "<say>'x'\n\n'y'</say>", "“a” ‘b’ it’s", `<a href="x">'`,
		"<monospaced>'</><player>'\r\n\r\n'", "<br>'<br>\"", "\"\n \n\"", "x\n<b>\n'", "<say>x\n<bright>\ny “z”"} {
		f.Add(s)
	}
	f.Fuzz(checkTypeset)
}

// TestTypesetRandomMarkup checks FuzzTypeset's properties on markup put
// together at random from the pieces that matter to it, with a fixed
// seed, so every run covers the same few thousand cases.
func TestTypesetRandomMarkup(t *testing.T) {
	pieces := []string{"<", ">", "/", "say", "'", "\"", "“", "’", "‘", "”", "\n", "\n\n", " ", "\r", "\r\n",
		"a", "b.", "9", "(", "—", "\t", "\x01", "\u202e", "&lt;", "<a x='1'>", "<br>", "</>", "<bright>", "</bright>",
		"<monospaced>", "</monospaced>", "<say>", "</say>", "<emote>", "</emote>", "<player>", "</player>",
		"<userinput>", "</userinput>", "<item>", "</item>", strings.Repeat("x", 20)}
	r := rand.New(rand.NewPCG(7, 7))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		checkTypeset(t, b.String())
		if t.Failed() {
			return
		}
	}
}

// checkTypeset: in either style only quote characters change, the result
// parses into the same paragraphs and spans, protected text is
// untouched, and typesetting again changes nothing.
func checkTypeset(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		return // Parse and Typeset read invalid bytes as U+FFFD: no quote to compare
	}
	for _, ty := range []Typography{Curly, Straight} {
		out := Typeset(s, ty)
		if straighten(out) != straighten(s) {
			t.Fatalf("Typeset(%q, %d) = %q changed more than quotes", s, ty, out)
		}
		if again := Typeset(out, ty); again != out {
			t.Fatalf("Typeset not idempotent on %q: %q then %q", s, out, again)
		}
		checkSameShape(t, s, out, ty)
	}
}

var straightener = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`)

func straighten(s string) string { return straightener.Replace(s) }

// checkSameShape fails unless out parses as in does, with the text of
// every protected span unchanged and no quote of the other style left in
// the rest (but for text that looks like a tag, left as written).
func checkSameShape(t *testing.T, in, out string, ty Typography) {
	t.Helper()
	a, _ := Parse(in)
	b, _ := Parse(out)
	if len(a) != len(b) {
		t.Fatalf("Typeset(%q) = %q: %d paragraphs, want %d", in, out, len(b), len(a))
	}
	for i := range a {
		if a[i].Mono != b[i].Mono || len(a[i].Spans) != len(b[i].Spans) {
			t.Fatalf("Typeset(%q) = %q: paragraph %d is %+v, want %+v", in, out, i, b[i], a[i])
		}
		for j, sa := range a[i].Spans {
			sb := b[i].Spans[j]
			if sa.Style != sb.Style || sa.Role != sb.Role || sa.Speech != sb.Speech {
				t.Fatalf("Typeset(%q) = %q: span %+v, want %+v", in, out, sb, sa)
			}
			protected := a[i].Mono || sa.Role == Player || sa.Role == UserInput || sa.Speech != NoSpeech
			if protected && sa.Text != sb.Text {
				t.Fatalf("Typeset(%q) = %q changed protected text %q to %q", in, out, sa.Text, sb.Text)
			}
			if protected || sa.Role != None || hasLooseTag(in) {
				continue // a role inside <player> is the player's too: Parse keeps only the innermost
			}
			if left := map[Typography]string{Straight: "‘’“”", Curly: `'"`}[ty]; strings.ContainsAny(sb.Text, left) {
				t.Fatalf("Typeset(%q, %d) = %q left a quote of the other style in %q", in, ty, out, sb.Text)
			}
		}
	}
}

// hasLooseTag reports whether s holds text that looks like a tag,
// which Typeset leaves as written.
func hasLooseTag(s string) bool {
	for i := range len(s) {
		if s[i] != '<' {
			continue
		}
		if _, n := lookTag(s[i:]); n == 0 && looseTag(s[i:]) > 0 {
			return true
		}
	}
	return false
}

// typicalReply is a reply with a few apostrophes, the common case the
// curly style has to change.
const typicalReply = `You can't take the <item>brass lamp</item>: it's fixed to the wall. ` +
	`<living>The old keeper</living> says, "Leave it be."`

// BenchmarkTypeset times the pass on every reply: a look without a quote
// (nothing to do), a reply with quotes, and the no-op reference beside them.
func BenchmarkTypeset(b *testing.B) {
	cases := []struct {
		name string
		s    string
		t    Typography
	}{
		{"room/curly", room, Curly},
		{"room/straight", room, Straight},
		{"reply/curly", typicalReply, Curly},
		{"look/curly", room + " The steward's hearth is cold.", Curly},
		{"reply/straight", Typeset(typicalReply, Curly), Straight},
	}
	b.Run("noop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			noop(room)
		}
	})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Typeset(c.s, c.t)
			}
		})
	}
}

//go:noinline
func noop(s string) string { return s }

// TestTypesetLongRuns: white space, controls and tags in bulk cost time
// in proportion to their length, not its square.
func TestTypesetLongRuns(t *testing.T) {
	const n = 1 << 20
	for _, s := range []string{
		strings.Repeat(" ", n) + `"x"`,
		strings.Repeat("\n\x01", n/2) + "'",
		strings.Repeat("<bright>", n/8) + "'",
		strings.Repeat(`'<say>`, n/6),
		strings.Repeat("“ ", n/4),
		strings.Repeat("'", n), // many of one quote and none of the other
		strings.Repeat("'<b>\x01", n/5),
	} {
		for _, ty := range []Typography{Curly, Straight} {
			Typeset(s, ty) // a quadratic pass would not finish in the test's time
		}
	}
}

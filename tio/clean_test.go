package tio

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// hostile is what a player can type to attack the others' screens: each
// would clear a terminal, set its clipboard, ring it, hide or reverse text.
var hostile = []struct{ name, in, want string }{
	{"NUL", "say a\x00b", "say ab"},
	{"clear screen", "say \x1b[2Jgone", "say [2Jgone"},
	{"OSC 52 clipboard", "say \x1b]52;c;cm0gLXJmIH4K\x07x", "say ]52;c;cm0gLXJmIH4Kx"},
	{"BEL", "say \a\a\a", "say "},
	{"C1 CSI", "say \u009b31mred", "say 31mred"},
	{"DEL and backspace", "say ab\b\x7fc", "say abc"},
	{"bidi override", "say \u202eevil\u202c txt", "say evil txt"},
	{"bidi isolate", "say \u2067abc\u2069", "say abc"},
	{"line feed", "say one\ntwo", "say one two"},
	{"CR LF", "say one\r\ntwo\rthree", "say one two three"},
	{"line separators", "a\u2028b\u2029c\u0085d", "a b c d"},
	{"tab kept", "say a\tb", "say a\tb"},
	{"invalid UTF-8", "say \xff\xfe!", "say \uFFFD\uFFFD!"},
	{"NFC", "take cafe\u0301", "take café"},
	{"NFC Hangul", "\u1100\u1161", "\uac00"},
	{"plain", "take the brass lamp", "take the brass lamp"},
	{"emoji and CJK", "say 東京 👨‍👩‍👧", "say 東京 👨‍👩‍👧"},
	{"empty", "", ""},
}

func TestCleanLine(t *testing.T) {
	for _, c := range hostile {
		if got := CleanLine(c.in); got != c.want {
			t.Errorf("%s: CleanLine(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestCleanLineBounds(t *testing.T) {
	long := strings.Repeat("é", MaxLineBytes) // 2 bytes each
	got := CleanLine(long)
	if len(got) > MaxLineBytes || !utf8.ValidString(got) || len(got) < MaxLineBytes-2 {
		t.Fatalf("cut to %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
	// A character and its combining marks go or stay together: "q"
	// with a dot below and above has no precomposed form.
	word := "q\u0323\u0307"
	in := strings.Repeat("a", MaxLineBytes-len(word)+2) + word
	if got := CleanLine(in); strings.HasSuffix(got, "q") || strings.Contains(got, "\u0323") {
		t.Fatalf("a combining sequence was split: ends %q", got[len(got)-8:])
	}
	// Garbage far past the limit is not scanned, yet what is kept is
	// still clean.
	flood := strings.Repeat("\x1b[2J", 1<<18)
	if got := CleanLine(flood); strings.ContainsRune(got, 0x1b) || len(got) > MaxLineBytes {
		t.Fatalf("flood left %d bytes with ESC %v", len(got), strings.ContainsRune(got, 0x1b))
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"The \x1b]0;pwned\x07Hall": "The ]0;pwnedHall",
		"a\tb\nc\r\nd":             "a b c d",
		"\u202eplh\u202c":          "plh",
		"\xffok":                   "\uFFFDok",
		"Gull Rock Light":          "Gull Rock Light",
		"cafe\u0301":               "cafe\u0301", // shown as sent: only input is normalised
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzCleanLine: whatever a player sends, the game gets one valid, NFC,
// bounded line with no control character but tab, and cleaning it again
// changes nothing.
func FuzzCleanLine(f *testing.F) {
	for _, c := range hostile {
		f.Add(c.in)
	}
	f.Add(strings.Repeat("a\u0301", MaxLineBytes))
	f.Add(strings.Repeat("\u0323", 40) + "\xf0\x9f")
	f.Fuzz(func(t *testing.T, s string) {
		got := CleanLine(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 %q from %q", got, s)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Fatalf("not NFC: %q from %q", got, s)
		}
		if len(got) > MaxLineBytes {
			t.Fatalf("%d bytes from %q", len(got), s)
		}
		for _, r := range got {
			if r != '\t' && (IsControl(r) || isLineBreak(r)) {
				t.Fatalf("control %U in %q from %q", r, got, s)
			}
		}
		if again := CleanLine(got); again != got {
			t.Fatalf("not idempotent: %q, then %q", got, again)
		}
		p := Printable(s)
		if !utf8.ValidString(p) || strings.IndexFunc(p, func(r rune) bool { return IsControl(r) || isLineBreak(r) }) >= 0 {
			t.Fatalf("Printable(%q) = %q", s, p)
		}
	})
}

func TestInputClean(t *testing.T) {
	if got := Line("say \x1b[2Jhi\u202e").Clean(); got != Line("say [2Jhi") {
		t.Errorf("line: %+v", got)
	}
	if got := Pick("yes\x00\n").Clean(); got != Pick("yes ") {
		t.Errorf("pick: %+v", got)
	}
}

func BenchmarkCleanLine(b *testing.B) {
	for _, c := range []struct{ name, in string }{
		{"typical", "take the brass lamp from the table"},
		{"hostile", "say \x1b[2J\u202eevil cafe\u0301\x00 and more"},
		{"max", strings.Repeat("é", MaxLineBytes/2)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				CleanLine(c.in)
			}
		})
	}
}

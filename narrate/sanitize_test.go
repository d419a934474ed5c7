package narrate

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"  A quiet room.  ", "A quiet room."},
		{"<bright>Win</> & go", "&lt;bright&gt;Win&lt;/&gt; &amp; go"},
		{"\x1b[2J\x1b[31mred\x1b[0m", "red"},
		{"\x1b]0;pwned\x07title\x1b]8;;http://x\x1b\\link", "titlelink"},
		{"\u009b31mC1", "C1"},
		{"bell\a and NUL\x00 and \u202eflip", "bell and NUL and flip"},
		{"one\r\ntwo\rthree", "one\ntwo\nthree"},
		{"para\n\n\n\n\nnext  \n  line", "para\n\nnext\nline"},
		{"tab\there", "tab here"},
		{"bad \xff byte", "bad byte"},
		{"\x1b[31", ""},
	} {
		if got := Sanitize(c.in); got != c.want {
			t.Errorf("Sanitize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSanitizeBoundsAtAWord(t *testing.T) {
	got := clean(strings.Repeat("word ", 2000))
	if len(got) > MaxTextBytes || !strings.HasSuffix(got, "word…") {
		t.Fatalf("%d bytes ending %q", len(got), got[len(got)-10:])
	}
}

// FuzzSanitizePrefix checks what streaming relies on: the cleaned text of
// a prefix of the model's text is a prefix of the cleaned whole (below the
// bound), and the result never holds a control character or a tag.
func FuzzSanitizePrefix(f *testing.F) {
	for _, s := range []string{"Hello world", "a\r\nb", "\x1b[31mred\x1b[0m done", "x\x1b]0;t\x07y", "é\u009b2Jz", "a  \n\n\n b <i>&"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, at int) {
		if len(s) >= MaxTextBytes || len(s) == 0 {
			return
		}
		at = ((at % len(s)) + len(s)) % len(s)
		whole, part := Sanitize(s), Sanitize(s[:at])
		if !strings.HasPrefix(whole, part) {
			t.Fatalf("Sanitize(%q) = %q is not a prefix of Sanitize(%q) = %q", s[:at], part, s, whole)
		}
		if strings.ContainsAny(whole, "<>\x1b\r\x00") {
			t.Fatalf("Sanitize(%q) = %q", s, whole)
		}
	})
}

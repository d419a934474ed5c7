package markup

import (
	"strings"
	"testing"
	"testing/quick"
	"unicode/utf8"

	"github.com/tale-if/tale/tio"
)

// TestEscapeRoundTrip: whatever a player types, once escaped, reads back
// as the same words. Exactly: for valid UTF-8 x without control characters
// (tio.IsControl, other than tab and line breaks), Strip(Escape(x)) == reflow(x), where
// reflow splits x into paragraphs at blank lines, turns each run of white
// space inside a paragraph into one space, trims it, drops empty
// paragraphs and joins the rest with "\n\n"; and Plain(Escape(x), 0) is
// that plus "\n" (or "" when nothing is left).
func TestEscapeRoundTrip(t *testing.T) {
	cases := []string{
		"", "plain", "<bright>not a tag</bright>", "&lt; is not decoded twice", "a & b", "&amp;&&;",
		"</>", "<clear>", "<monospaced>  x\n  y</monospaced>", "one\n\ntwo\nthree", "  lead and trail  ",
		"東京 🎉 <exit>", "\"quotes\" 'too'",
	}
	for _, x := range cases {
		checkRoundTrip(t, x)
	}
	err := quick.Check(func(x string) bool {
		x = strings.Map(func(r rune) rune {
			if tio.IsControl(r) && r != '\n' && r != '\t' {
				return -1
			}
			return r
		}, x)
		return checkRoundTrip(t, x)
	}, &quick.Config{MaxCount: 2000})
	if err != nil {
		t.Error(err)
	}
}

func checkRoundTrip(t *testing.T, x string) bool {
	t.Helper()
	if !utf8.ValidString(x) {
		return true
	}
	want := reflow(x)
	if got := Strip(Escape(x)); got != want {
		t.Errorf("Strip(Escape(%q)) = %q, want %q", x, got, want)
		return false
	}
	plainWant := want + "\n"
	if want == "" {
		plainWant = ""
	}
	if got := Plain(Escape(x), 0); got != plainWant {
		t.Errorf("Plain(Escape(%q), 0) = %q, want %q", x, got, plainWant)
		return false
	}
	return true
}

// reflow is the specification of what a reader sees, written plainly.
func reflow(x string) string {
	x = strings.ReplaceAll(x, "\r\n", "\n")
	var paras []string
	var cur []string
	nl := 0 // newlines in the current run of white space; two make a break
	var word strings.Builder
	flushWord := func() {
		if word.Len() > 0 {
			cur = append(cur, word.String())
			word.Reset()
		}
	}
	flushPara := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, r := range x {
		switch r {
		case ' ', '\t', '\r', '\n':
			flushWord()
			if r == '\n' || r == '\r' {
				nl++
			}
			continue
		}
		if nl >= 2 {
			flushPara()
		}
		nl = 0
		word.WriteRune(r)
	}
	flushWord()
	flushPara()
	return strings.Join(paras, "\n\n")
}

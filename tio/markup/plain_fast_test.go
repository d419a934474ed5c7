package markup

import (
	"strings"
	"testing"
)

// linesPlain is Plain by way of Lines, as it was before Plain wrote text
// while laying it out: the fast path must give the same bytes.
func linesPlain(s string, width int) string {
	return render(s, width, func(b *strings.Builder, sp Span) { b.WriteString(sp.Text) })
}

func TestPlainSameAsLines(t *testing.T) {
	for _, s := range fuzzSeeds {
		for _, width := range []int{0, 1, 2, 5, 20, 80} {
			if got, want := Plain(s, width), linesPlain(s, width); got != want {
				t.Errorf("Plain(%q, %d) = %q; by Lines %q", s, width, got, want)
			}
		}
	}
}

func FuzzPlainSameAsLines(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 20)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		width %= 200
		if got, want := Plain(s, width), linesPlain(s, width); got != want {
			t.Errorf("Plain(%q, %d) = %q; by Lines %q", s, width, got, want)
		}
	})
}

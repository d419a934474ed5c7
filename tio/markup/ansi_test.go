package markup

import (
	_ "github.com/tale-if/tale/internal/goldenflag" // accept go test ./... -update
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// pinned is a renderer that never looks at the environment or asks the
// terminal anything, so the tests give the same result everywhere.
func pinned(p termenv.Profile, dark bool) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	r.SetHasDarkBackground(dark)
	return r
}

func TestANSIStyles(t *testing.T) {
	th := DefaultTheme(pinned(termenv.ANSI256, true))
	tests := []struct {
		in   string
		want string // an SGR sequence the styled text must start with
	}{
		{"<bright>x</bright>", "\x1b[1m"},
		{"<dim>x</dim>", "\x1b[2m"},
		{"<it>x</it>", "\x1b[3m"},
		{"<ul>x</ul>", "\x1b[4"},
		{"<rev>x</rev>", "\x1b[7m"},
		{"<location>x</location>", "\x1b[1;38;5;"},
		{"<exit>x</exit>", "\x1b[38;5;"},
		{"<bright><ul>x</ul></bright>", "\x1b[1;4"},
	}
	for _, tc := range tests {
		got := ANSI(tc.in, 0, th)
		if !strings.HasPrefix(got, tc.want) || !strings.HasSuffix(got, "x\x1b[0m\n") {
			t.Errorf("ANSI(%q) = %q, want %q…x\\x1b[0m", tc.in, got, tc.want)
		}
	}
}

func TestANSIRolesHaveTheirOwnColours(t *testing.T) {
	th := DefaultTheme(pinned(termenv.TrueColor, true))
	seen := map[string]Role{}
	for r := Exit; r <= UserInput; r++ {
		out := ANSI("<"+r.String()+">x</"+r.String()+">", 0, th)
		sgr, _, _ := strings.Cut(out, "x")
		if !strings.Contains(sgr, "38;2;") {
			t.Errorf("%s: no true colour in %q", r, out)
		}
		if other, dup := seen[sgr]; dup {
			t.Errorf("%s looks the same as %s: %q", r, other, sgr)
		}
		seen[sgr] = r
	}
}

func TestANSIAdaptsToBackground(t *testing.T) {
	dark := ANSI("<exit>north</exit>", 0, DefaultTheme(pinned(termenv.TrueColor, true)))
	light := ANSI("<exit>north</exit>", 0, DefaultTheme(pinned(termenv.TrueColor, false)))
	if dark == light {
		t.Errorf("exit colour is the same on light and dark backgrounds: %q", dark)
	}
}

// TestANSILayout checks that styling never moves a word: the styled text,
// stripped of its escape codes, is exactly the plain rendering.
func TestANSILayout(t *testing.T) {
	themes := map[string]Theme{
		"256":   DefaultTheme(pinned(termenv.ANSI256, true)),
		"16":    DefaultTheme(pinned(termenv.ANSI, false)),
		"plain": PlainTheme(),
	}
	in := room + "\n\n<monospaced>\n+--+\n|\t|\n+--+</monospaced>\n\n" + list
	for name, th := range themes {
		for _, width := range []int{0, 20, 40, 80} {
			if got, want := ansi.Strip(ANSI(in, width, th)), Plain(in, width); got != want {
				t.Errorf("%s@%d: stripped ANSI differs from Plain:\n got %q\nwant %q", name, width, got, want)
			}
		}
	}
}

// list is a driver-style list: one line per object, in one paragraph.
const list = "<item>note</item>: Dropped.<br><item>brass lamp</item>: Dropped.<br><item>a very long rope of hemp</item>: You can't drop what you don't hold."

// TestANSIHardBreak: a <br> ends the line, and each line is styled on its
// own, so no escape sequence spans a line break.
func TestANSIHardBreak(t *testing.T) {
	th := DefaultTheme(pinned(termenv.ANSI256, true))
	for _, width := range []int{0, 40} {
		out := ANSI("<bright>one two<br>three</bright>", width, th)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 2 {
			t.Fatalf("@%d: %q is not two lines", width, out)
		}
		for i, want := range []string{"one two", "three"} {
			if !strings.HasPrefix(lines[i], "\x1b[1m") || !strings.HasSuffix(lines[i], "\x1b[0m") || ansi.Strip(lines[i]) != want {
				t.Errorf("@%d: line %d = %q, want %q styled bright on its own", width, i, lines[i], want)
			}
		}
	}
	want := "note: Dropped.\nbrass lamp: Dropped.\na very long rope of hemp: You\ncan't drop what you don't\nhold.\n"
	if got := ansi.Strip(ANSI(list, 30, th)); got != want {
		t.Errorf("list at 30:\n got %q\nwant %q", got, want)
	}
}

func TestANSIWithoutColour(t *testing.T) {
	for name, th := range map[string]Theme{
		"PlainTheme":    PlainTheme(),
		"Ascii profile": DefaultTheme(pinned(termenv.Ascii, true)),
	} {
		if out := ANSI(room, 40, th); strings.Contains(out, "\x1b") {
			t.Errorf("%s: escape codes in %q", name, out)
		}
	}
}

func TestANSIStripsInjectedEscapes(t *testing.T) {
	th := DefaultTheme(pinned(termenv.ANSI256, true))
	out := ANSI("You say: "+Escape("\x1b]0;pwned\x07\x1b[2J"), 0, th)
	if strings.Contains(out, "\x1b]") || strings.Contains(out, "\x1b[2J") {
		t.Errorf("player text reached the terminal as escape codes: %q", out)
	}
}

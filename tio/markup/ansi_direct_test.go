package markup

import (
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// lipglossANSI is ANSI as it was before it wrote styled spans itself:
// every span through lipgloss's Render, its styles composed at each call.
// It is the reference ANSI must match byte for byte, and the "old"
// benchmark.
func lipglossANSI(s string, width int, th Theme) string {
	composed := map[uint32]lipgloss.Style{}
	return render(s, width, func(b *strings.Builder, sp Span) {
		if sp.Style == 0 && sp.Role == None && sp.Speech == NoSpeech {
			b.WriteString(sp.Text)
			return
		}
		key := uint32(sp.Style)<<16 | uint32(sp.Speech)<<8 | uint32(sp.Role)
		st, ok := composed[key]
		if !ok {
			for i, l := range th.layers(sp.Style, sp.Role, sp.Speech) {
				if i == 0 {
					st = l
				} else {
					st = st.Inherit(l)
				}
			}
			composed[key] = st
		}
		if st.Render("x") == "x" {
			b.WriteString(sp.Text)
			return
		}
		b.WriteString(st.Render(sp.Text))
	})
}

// ansiThemes are the themes the comparison runs with: the default one in
// each colour profile on both backgrounds, the plain one, and one built by
// hand whose styles lipgloss does more with than colour (padding, a
// transform, strike-through, spaces left alone), which must keep going
// through lipgloss.
func ansiThemes() map[string]Theme {
	out := map[string]Theme{"plain": PlainTheme()}
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, dark := range []bool{true, false} {
			r := lipgloss.NewRenderer(io.Discard)
			r.SetColorProfile(p)
			r.SetHasDarkBackground(dark)
			name := map[termenv.Profile]string{termenv.TrueColor: "truecolor", termenv.ANSI256: "256", termenv.ANSI: "16", termenv.Ascii: "ascii"}[p]
			if dark {
				name += "-dark"
			}
			out[name] = DefaultTheme(r)
		}
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	out["odd"] = Theme{
		Bright:    r.NewStyle().Bold(true).PaddingLeft(1),
		Underline: r.NewStyle().Underline(true).UnderlineSpaces(false),
		Italic:    r.NewStyle().Strikethrough(true).Foreground(lipgloss.Color("#ff0000")),
		Location:  r.NewStyle().Transform(strings.ToUpper).Bold(true),
		Exit:      r.NewStyle().Foreground(lipgloss.Color("2")).Underline(true),
		Item:      r.NewStyle().Background(lipgloss.Color("#101010")).Reverse(true),
		Say:       r.NewStyle().TabWidth(2).Italic(true),
		Tell:      r.NewStyle().MaxWidth(3),
	}
	return out
}

func checkANSI(t *testing.T, name string, th Theme, s string, width int) {
	t.Helper()
	if got, want := ANSI(s, width, th), lipglossANSI(s, width, th); got != want {
		t.Fatalf("%s: ANSI(%q, %d) = %q; lipgloss gives %q", name, s, width, got, want)
	}
}

func TestANSIDirectSameAsLipgloss(t *testing.T) {
	for name, th := range ansiThemes() {
		for _, s := range append(fuzzSeeds, demoLook, houseLook, curlyRoom, room, list) {
			for _, width := range plainWidths {
				checkANSI(t, name, th, s, width)
			}
		}
	}
}

// TestANSIRandomMarkup styles random markup (the pieces that steer the
// parser, every style, role and speech, tabs and line breaks in
// monospaced text, wide, joined and invalid characters) in every theme,
// one text after another, so the kept compositions carry over.
func TestANSIRandomMarkup(t *testing.T) {
	pieces := []string{"<", ">", "&amp;", "\n", "\n\n", " ", "  ", "\r", "\r\n", "\t", "a", "b.", "word",
		"<br>", "</>", "<normal>", "<clear>", "<monospaced>", "</monospaced>",
		"it’s", "“", "café", "東京", "🎉", "\u200d", "\u0301", "\xff", "\u00a0", "\u3000"}
	for _, s := range styleNames {
		pieces = append(pieces, "<"+s.name+">", "</"+s.name+">")
	}
	for r := Exit; r <= UserInput; r++ {
		pieces = append(pieces, "<"+r.String()+">", "</"+r.String()+">")
	}
	for k := Say; k <= Emote; k++ {
		pieces = append(pieces, "<"+k.String()+">", "</"+k.String()+">")
	}
	themes := ansiThemes()
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range themes {
			if !yield(n) {
				return
			}
		}
	})
	r := rand.New(rand.NewPCG(17, 17))
	for range 6000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		name := names[r.IntN(len(names))]
		checkANSI(t, name, themes[name], b.String(), plainWidths[r.IntN(len(plainWidths))])
	}
}

func FuzzANSISameAsLipgloss(f *testing.F) {
	for _, s := range append(fuzzSeeds, demoLook, houseLook) {
		f.Add(s, 20)
	}
	themes := ansiThemes()
	f.Fuzz(func(t *testing.T, s string, width int) {
		for _, name := range []string{"256-dark", "16", "odd"} {
			checkANSI(t, name, themes[name], s, width%200)
		}
	})
}

// BenchmarkANSIVsLipgloss renders the look of the demo's first room and
// the test room with ANSI and with its reference side by side.
func BenchmarkANSIVsLipgloss(b *testing.B) {
	th := DefaultTheme(pinned(termenv.ANSI256, true))
	for _, text := range []struct{ name, s string }{{"demo", demoLook}, {"room", room}} {
		b.Run(text.name+"/ansi", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ANSI(text.s, 80, th)
			}
		})
		b.Run(text.name+"/lipgloss", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lipglossANSI(text.s, 80, th)
			}
		})
	}
}

// TestANSIThemeSharedAcrossGoroutines: front ends render with one theme
// from several goroutines (a TUI's model and its commands); the kept
// compositions must be safe to share (run with -race).
func TestANSIThemeSharedAcrossGoroutines(t *testing.T) {
	th := DefaultTheme(pinned(termenv.ANSI256, true))
	want := lipglossANSI(room, 40, th)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if got := ANSI(room, 40, th); got != want {
					t.Errorf("ANSI from a goroutine = %q, want %q", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

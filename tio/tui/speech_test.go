package tui

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Speech reads apart from narration in the TUI, and in each kind its own
// way, while the words are the same; without colour it is plain text.
func TestSpeechIsStyledByTheTheme(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	st := newStyles(r, false)
	seen := map[string]string{st.markup("x", 0): "narration"}
	for _, k := range []string{"say", "tell", "shout", "emote"} {
		got := st.markup("<"+k+">x</"+k+">", 0)
		if other, dup := seen[got]; dup {
			t.Errorf("%s looks like %s: %q", k, other, got)
		}
		seen[got] = k
	}
	plain := newStyles(r, true)
	if got := plain.markup("<say><player>Ann</player> says: “hi”</say>", 0); got != "Ann says: “hi”" {
		t.Errorf("without colour, speech shows as %q", got)
	}
	if got := st.markup("<say>a b</say>", 0); !strings.Contains(got, "a b") {
		t.Errorf("styled speech lost its words: %q", got)
	}
}

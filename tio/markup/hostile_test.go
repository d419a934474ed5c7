package markup

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"

	"github.com/tale-if/tale/tio/tiotest"
)

func TestHostileTextRendersHarmless(t *testing.T) {
	th := DefaultTheme(pinned(termenv.TrueColor, true))
	for _, h := range tiotest.Hostile {
		text := h.Text
		for _, src := range []string{
			text,
			"<bright>" + text + "</bright>",
			"<exit>" + text + "</exit>",
			"<monospaced>" + text + "\n" + text + "</monospaced>",
			"You say: “" + Escape(text) + "”",
			"<say>You say: “" + Escape(text) + "”</say>",
			"<emote><player>" + Escape(text) + "</player> " + Escape(text) + "</emote>",
		} {
			checkOwnControlsOnly(t, src, Plain(src, 20))
			checkOwnControlsOnly(t, src, ANSI(src, 20, th))
			checkOwnControlsOnly(t, src, HTML(src))
			if strings.ContainsRune(Plain(src, 0), 0x1b) {
				t.Errorf("%s: ESC in plain text", h.Name)
			}
		}
	}
}

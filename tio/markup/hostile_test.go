package markup

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

// hostileText is what a story file, or a player's words quoted in one,
// could hold to take over a terminal or fool a reader.
var hostileText = map[string]string{
	"NUL":              "a\x00b",
	"clear screen":     "\x1b[2Jgone",
	"OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4K\x07x",
	"window title":     "\x1b]0;pwned\x1b\\x",
	"BEL":              "ding\a",
	"C1 CSI":           "\u009b31mred",
	"bidi override":    "\u202eevil\u202c",
	"bidi isolate":     "\u2067abc\u2069",
}

func TestHostileTextRendersHarmless(t *testing.T) {
	th := DefaultTheme(pinned(termenv.TrueColor, true))
	for name, text := range hostileText {
		for _, src := range []string{
			text,
			"<bright>" + text + "</bright>",
			"<exit>" + text + "</exit>",
			"<monospaced>" + text + "\n" + text + "</monospaced>",
			"You say: “" + Escape(text) + "”",
		} {
			checkOwnControlsOnly(t, src, Plain(src, 20))
			checkOwnControlsOnly(t, src, ANSI(src, 20, th))
			checkOwnControlsOnly(t, src, HTML(src))
			if strings.ContainsRune(Plain(src, 0), 0x1b) {
				t.Errorf("%s: ESC in plain text", name)
			}
		}
	}
}

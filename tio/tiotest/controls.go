package tiotest

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tale-if/tale/tio"
)

// Hostile is what one player (or a story file) could send to take over
// the others' terminals or fool their eyes. Each Text would clear a
// screen, set a clipboard, ring a bell, start a CSI or reverse a line if
// a front end wrote it as it is.
var Hostile = []struct{ Name, Text string }{
	{"NUL", "a\x00b"},
	{"clear screen", "\x1b[2Jgone"},
	{"OSC 52 clipboard", "\x1b]52;c;cm0gLXJmIH4K\x07x"},
	{"window title", "\x1b]0;pwned\x1b\\x"},
	{"BEL", "ding\a"},
	{"C1 CSI", "\u009b31mred"},
	{"bidi override", "\u202eevil\u202c"},
	{"bidi isolate", "\u2067abc\u2069"},
}

// sgr is Select Graphic Rendition (colours and styles, ended by 'm'): the
// one escape sequence a styled renderer writes into text.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// ForeignControl describes the first control character in out (by
// tio.IsControl) that a renderer of text did not make itself, or returns
// "" when there is none. A renderer's own are line breaks, tabs and SGR
// sequences; anything else — an ESC starting any other sequence, a lone
// BEL, a C1 control, a bidi override — came from the text.
func ForeignControl(out string) string {
	rest := sgr.ReplaceAllString(out, "")
	i := strings.IndexFunc(rest, func(r rune) bool {
		return tio.IsControl(r) && r != '\n' && r != '\t'
	})
	if i < 0 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(rest[i:])
	return fmt.Sprintf("%U in %q", r, rest[max(0, i-20):min(len(rest), i+20)])
}

package console

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

// With line editing, Up brings back the last command instead of sending
// "^[[A", Left and Backspace edit inside the line, and Ctrl+D on an empty
// line is "quit", which the story asks about.
func TestLineEditingHistoryAndQuitKey(t *testing.T) {
	f := newFake(game, tiotest.Text(intro))
	keys := "look\r" + // a command
		"\x1b[A\r" + // Up: the same again
		"lokk\x1b[D\x7fo\r" + // Left, Backspace, o: "look"
		"\x04" // Ctrl+D on an empty line
	out := play(t, f, keys, Options{LineEditing: true})
	var lines []string
	for _, in := range f.Sent() {
		if in.Kind == tio.InputLine {
			lines = append(lines, in.Line)
		}
	}
	if got, want := strings.Join(lines, "|"), "look|look|look|quit"; got != want {
		t.Errorf("sent %q, want %q\noutput:\n%q", got, want, out)
	}
	if strings.Contains(out, "^[") || !strings.Contains(out, "Goodbye.") {
		t.Errorf("output:\n%q", out)
	}
}

// The end of the input is the end of the game, not a quit key.
func TestLineEditingEndOfInputIsNoQuitKey(t *testing.T) {
	f := newFake(game, tiotest.Text(intro))
	play(t, f, "look\r", Options{LineEditing: true})
	if sent := f.Sent(); len(sent) != 1 || sent[0].Line != "look" {
		t.Errorf("sent %+v, want only look", sent)
	}
}

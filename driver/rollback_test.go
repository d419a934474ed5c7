package driver

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tale-if/tale/driver/parse"
)

// panicAfter makes a meta verb do its work and then fail, as a bug in
// the code after it would.
func panicAfter(h *harness, verb string) {
	do := h.g.verbs[verb].do
	h.g.verbs[verb] = verb_(func(tn *turn, c *parse.Command) error {
		if err := do(tn, c); err != nil {
			return err
		}
		panic("bug after " + verb)
	})
}

func verb_(f handler) verb { return verb{do: f, meta: true} }

// What a failed command did to the player outside its State (the undo
// stack, the open question, the transcript, the parser) is undone with
// it (contract 6): the next command finds the player as before.
func TestFailedTurnLeavesThePlayerAsItWas(t *testing.T) {
	t.Run("undo", func(t *testing.T) {
		h := newHarness(t, testStory())
		h.do("take lamp")
		panicAfter(h, parse.Undo)
		h.expect("undo", msgInternal)
		if n := len(h.g.you().undo); n != 1 {
			t.Errorf("a failed undo popped the undo stack: %d left, want 1", n)
		}
		if h.where("lamp") != youHold {
			t.Errorf("a failed undo took back the move: lamp at %q", h.where("lamp"))
		}
	})
	t.Run("question", func(t *testing.T) {
		h := newHarness(t, testStory())
		panicAfter(h, parse.Quit)
		h.expect("quit", msgInternal)
		if c := h.g.you().confirm; c != "" {
			t.Errorf("a failed quit left the question %q open", c)
		}
		h.reject("yes", "Goodbye")
	})
	t.Run("transcript", func(t *testing.T) {
		h := newHarness(t, testStory())
		keep := h.g.verbs[parse.Transcript]
		panicAfter(h, parse.Transcript)
		h.expect("transcript on", msgInternal)
		if h.g.you().script != nil {
			t.Error("a failed transcript on left a transcript being written")
		}
		if _, err := os.Stat(filepath.Join(h.g.opts.DataDir, "transcripts", "test-1.txt")); err == nil {
			t.Error("a failed transcript on left its file behind")
		}
		h.g.verbs[parse.Transcript] = keep
		h.expect("transcript on", "Writing a transcript")
	})
}

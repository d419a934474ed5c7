package driver

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTranscriptShape: the file reads like the screen, once: each
// command directly above its reply, one blank line between one reply and
// the next command, a menu with its question, and nothing doubled.
func TestTranscriptShape(t *testing.T) {
	h := newHarness(t, testStory())
	for _, line := range []string{"transcript on", "take lamp", "east"} {
		h.do(line)
	}
	h.do("talk to keeper")
	h.pick("1")
	h.do("quit")
	h.do("no")
	h.do("transcript off")
	data, err := os.ReadFile(filepath.Join(h.g.opts.DataDir, "transcripts", "test-1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := `Writing a transcript to transcripts/test-1.txt in the data folder.

> take lamp
Taken.

> east
Kitchen

Pots hang from the ceiling.

The old keeper is here.

Exits: west, down.

> talk to keeper
A bell tolls in the distance.

What do you say?
  1. Ask about the house
  2. Ask for a reward

> 1
“Ask about the house”

“Old as the hills,” he says.

And then?
  1. Say goodbye

> quit
Are you sure you want to quit?
  1. Yes
  2. No

> no
Very well, carry on.

> transcript off
`
	if got, want := string(data), h.styled(want); got != want {
		t.Errorf("transcript:\n%s\nwant:\n%s", got, want)
	}
}

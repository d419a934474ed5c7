package console

import (
	"io"
	"strings"
	"testing"

	"github.com/tale-if/tale/tio/tiotest"
)

// A person typing reads each reply and the prompt after it before they
// type the next line, though the console buffers its output: it writes
// what it has whenever it is about to wait for them.
func TestReplyAndPromptShownBeforeTheNextLine(t *testing.T) {
	for _, opts := range []Options{{}, {EchoInput: true}, {LineEditing: true}} {
		t.Run(optionsName(opts), func(t *testing.T) {
			// The editor's terminal takes Enter as "\r" and ends lines
			// with "\r\n".
			enter, nl := "\n", strings.NewReplacer()
			if opts.LineEditing {
				enter, nl = "\r", strings.NewReplacer("\n", "\r\n")
			}
			f := newFake(game, tiotest.Text(intro))
			in, w := io.Pipe()
			var out syncBuffer
			errc := make(chan error, 1)
			go func() { errc <- runWithin(t, f, in, &out, opts) }()
			waitOutput(t, &out, nl.Replace("A Hall.\n\n> "))
			for _, step := range []struct{ line, reply string }{
				{"look", "Exits: north.\n\n> "},
				{"xyzzy", "I don't understand \"xyzzy\".\n\n> "},
			} {
				// The console reads the next line only after this:
				// nothing more is written to the pipe until the
				// reply and the prompt are on the output.
				if _, err := io.WriteString(w, step.line+enter); err != nil {
					t.Fatal(err)
				}
				waitOutput(t, &out, nl.Replace(step.reply))
			}
			w.Close()
			if err := <-errc; err != nil {
				t.Fatal(err)
			}
		})
	}
}

func optionsName(o Options) string {
	switch {
	case o.LineEditing:
		return "editor"
	case o.EchoInput:
		return "echo"
	default:
		return "plain"
	}
}

// countingWriter counts the writes that reach the output.
type countingWriter struct {
	strings.Builder
	writes int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	return c.Builder.Write(p)
}

// A script piped in comes out in a handful of writes, not several a
// command (the prompt, the echoed line, the reply), and reads the same.
func TestPipedRunWritesInAFewWrites(t *testing.T) {
	const commands = 300
	input := strings.Repeat("look\nxyzzy\nwait\n", commands/3)
	want := play(t, newFake(game, tiotest.Text(intro)), input, Options{EchoInput: true})
	var out countingWriter
	if err := runWithin(t, newFake(game, tiotest.Text(intro)), strings.NewReader(input), &out, Options{EchoInput: true}); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Fatalf("counted run printed\n%s\nwant\n%s", out.String(), want)
	}
	// One write before each read that may wait (the first, and the
	// one that meets the end of the input), one per full buffer, and
	// the last.
	most := 3 + len(want)/outBuffer
	if out.writes > most {
		t.Errorf("%d commands written in %d writes, want at most %d", commands, out.writes, most)
	}
}

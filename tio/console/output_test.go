package console

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
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
	// As the driver's session does, it answers in one call: the loop
	// answers at once, so the console has no reason to write before.
	s := &syncing{Session: newFake(game, tiotest.Text(intro))}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if err := Run(ctx, s, strings.NewReader(input), &out, Options{EchoInput: true}); err != nil {
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

// A session that answers after a while (tale connect's, across the
// network) sees the command the console sent on the output before the
// reply comes: a piped script's echo is not held back until it does.
func TestCommandShownWhileTheReplyIsAwaited(t *testing.T) {
	var out syncBuffer
	shown := make(chan bool, 1)
	slow := func(f *tiotest.Session, in tio.Input) {
		if in.Line == "look" {
			shown <- outputEndsWith(&out, "> look\n", testTimeout/2) // Run gives up at testTimeout
		}
		game(f, in)
	}
	if err := runWithin(t, newFake(slow, tiotest.Text(intro)), strings.NewReader("look\n"), &out, Options{EchoInput: true}); err != nil {
		t.Fatal(err)
	}
	if !<-shown {
		t.Errorf("the reply was asked for before the command was on the output:\n%s", out.buf.String())
	}
}

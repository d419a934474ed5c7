package console

import (
	"context"
	"os"
	"strings"

	"github.com/tale-if/tale/tio/tiotest"
)

// A walkthrough piped in comes out as a transcript: each command after
// its prompt, then its reply.
func ExampleRun() {
	sess := newFake(game, tiotest.Text(intro)) // any tio.Session; a game's in main
	walkthrough := strings.NewReader("look\ntalk\n1\n")
	Run(context.Background(), sess, walkthrough, os.Stdout, Options{EchoInput: true, Width: 40})
	// Output:
	// Welcome to the test.
	//
	// A Hall.
	//
	// > look
	// You are in the hall. Exits: north.
	//
	// > talk
	// What do you say?
	// 1. Ask about the key
	// 2. Say goodbye
	//
	// > 1
	// You picked key.
	//
	// >
}

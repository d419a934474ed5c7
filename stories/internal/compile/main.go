// Command compile writes the bundled stories as Go (package storygen) to
// the file named by its argument: go generate runs it in package stories.
package main

import (
	"fmt"
	"os"

	"github.com/tale-if/tale/stories"
	_ "github.com/tale-if/tale/story/dungeon" // the dungeon story names its generator
	"github.com/tale-if/tale/story/storygen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: compile FILE.go")
		os.Exit(2)
	}
	src, err := storygen.Source(stories.FS, stories.IDs(), "stories")
	if err == nil {
		err = os.WriteFile(os.Args[1], src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "compile stories:", err)
		os.Exit(1)
	}
}

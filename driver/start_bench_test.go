package driver

import (
	"testing"

	"github.com/tale-if/tale/stories"
)

// BenchmarkNewDemo is what `tale --plain` does before its first screen:
// load the bundled demo (from its compiled form) and make the game, up
// to its opening. What is built once per process (the parser's grammar)
// is built by the first iteration only; BenchmarkFirstParse has it.
func BenchmarkNewDemo(b *testing.B) {
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		s, err := stories.Load("demo")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := New(s, Options{DataDir: dir, Logger: quiet}); err != nil {
			b.Fatal(err)
		}
	}
}

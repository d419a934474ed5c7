package stories

import (
	"testing"

	"github.com/tale-if/tale/story"
)

// BenchmarkLoad: the demo from its compiled form (what tale does at
// start) beside the YAML loader it replaces, and the sum that decides
// between them.
//
//	go test ./stories -run '^$' -bench Load -count 3
func BenchmarkLoad(b *testing.B) {
	b.Run("yaml", func(b *testing.B) {
		for b.Loop() {
			if _, err := story.Load(FS, "demo"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compiled", func(b *testing.B) {
		for b.Loop() {
			if _, err := Load("demo"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sum", func(b *testing.B) {
		for b.Loop() {
			if _, err := story.SourceSum(FS, "demo"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

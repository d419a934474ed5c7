package parse

import "testing"

// BenchmarkBuildGrammar is what the first parse of a process pays once
// (theGrammar), and what start-up paid before the driver left it there.
func BenchmarkBuildGrammar(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = buildGrammar()
	}
}

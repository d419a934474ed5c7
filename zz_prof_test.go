package main

import (
	"bytes"
	"io"
	"os"
	"testing"
)

func BenchmarkZZPipedInProcess(b *testing.B) {
	path := pipedInput(b)
	in, _ := os.ReadFile(path)
	for b.Loop() {
		code := run([]string{"tale", "--plain", "--game", "demo", "--seed", "1", "--data-dir", b.TempDir()}, bytes.NewReader(in), io.Discard, io.Discard)
		if code != 0 {
			b.Fatal(code)
		}
	}
}

package markup

import (
	"testing"

	"github.com/muesli/termenv"
)

func BenchmarkPlain(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Plain(room, 80)
	}
}

func BenchmarkHTML(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		HTML(room)
	}
}

func BenchmarkANSI(b *testing.B) {
	th := DefaultTheme(pinned(termenv.ANSI256, true))
	b.ReportAllocs()
	for b.Loop() {
		ANSI(room, 80, th)
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Parse(room)
	}
}

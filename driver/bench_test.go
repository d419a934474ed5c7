package driver

import (
	_ "github.com/tale-if/tale/internal/goldenflag" // accept go test ./... -update
	"os"
	"syscall"
	"testing"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// BenchmarkCommand is one command through the parser, the driver and the
// plain renderer on the ten-room test story.
func BenchmarkCommand(b *testing.B) {
	for _, line := range []string{"examine lamp", "look"} {
		b.Run(line, func(b *testing.B) {
			h := newHarness(b, testStory(), func(o *Options) { o.UndoLevels = 30 })
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				h.g.play(tio.Line(line))
				for _, ev := range h.events() {
					if ev.Kind == tio.KindText {
						_ = markup.Plain(ev.Text, 80)
					}
				}
			}
			// On a shared machine wall time mostly measures the neighbours;
			// the CPU this process spent per command is the steadier figure.
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the user and system CPU time of the process so far, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkDungeon is one command in the generated dungeon (seed 1), the
// biggest world bundled: "look", "map", and a round of combat (a blow
// each way) against a creature that never dies.
func BenchmarkDungeon(b *testing.B) {
	s, err := story.Load(os.DirFS("../stories"), "dungeon")
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range []string{"look", "map", "attack beetle"} {
		b.Run(line, func(b *testing.B) {
			seed := uint64(1)
			h := newHarness(b, s, func(o *Options) { o.Seed = &seed })
			h.g.st().Location = "l1_2_0" // the damp passage, where a beetle lives
			h.g.story.NPCs["l1_beetle_2"].Stats.HP = 1 << 30
			h.g.st().HP, h.g.st().MaxHP = 1<<30, 1<<30
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				h.g.play(tio.Line(line))
				for _, ev := range h.events() {
					if ev.Kind == tio.KindText {
						_ = markup.Plain(ev.Text, 80)
					}
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

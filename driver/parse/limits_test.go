package parse

import (
	"strings"
	"testing"
)

// Lines at the input limit, built to make a naive parser go quadratic or
// worse, still get one sensible answer each.
func TestHugeLinesGetAnAnswer(t *testing.T) {
	for _, l := range []string{
		"give " + strings.Repeat("key ", 1000),
		"say " + strings.Repeat("a to ", 800),
		"take " + strings.Repeat("key and ", 500),
		"take " + strings.Repeat("lamp, ", 650),
		"smile " + strings.Repeat("at keeper ", 400),
		strings.Repeat("keeper, ", 500),
		"take all but " + strings.Repeat("key and ", 500),
		"push on " + strings.Repeat("box with ", 450),
		strings.Repeat(`"`, 4000),
		strings.Repeat("o ", 2000),
		strings.Repeat(". ", 2000),
	} {
		r := New().Parse(l, room())
		if r.Command == nil && r.Question == "" && r.Error == "" {
			t.Errorf("%.30q: empty result", l)
		}
	}
}

func TestManyCommandsOnOneLine(t *testing.T) {
	line := strings.Repeat("take lamp. ", 370)
	p := New()
	n := 0
	for r := p.Parse(line, room()); r.Command != nil; r = p.Parse(r.Rest, room()) {
		n++
		if r.Rest == "" {
			break
		}
	}
	if n != 370 {
		t.Errorf("ran %d commands, want 370", n)
	}
}

func TestSayingLongSpeechIsNotTooLong(t *testing.T) {
	speech := strings.TrimSpace(strings.Repeat("la ", 1000))
	r := New().Parse("say "+speech, room())
	if r.Command == nil || r.Command.Text != speech {
		t.Errorf("got %s", show(r))
	}
}

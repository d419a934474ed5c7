package console

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

func narration(id uint64, final bool, text string) tio.Event {
	return tio.Event{Kind: tio.KindNarration, Narration: &tio.Narration{ID: id, Final: final, Text: text, Of: "room"}}
}

// Plain lines print a narration once, whole, after the authored text and
// marked as narrated: never its streamed pieces, and nothing for one
// that was taken back.
func TestNarrationOnlyFinalsArePrinted(t *testing.T) {
	f := newFake(func(f *tiotest.Session, in tio.Input) {
		switch in.Line {
		case "look":
			f.Emit(tiotest.Text("A <location>Hall</location>."),
				narration(1, false, "Dust turns "), narration(1, false, "in the light &lt;b&gt;."),
				narration(1, true, "Dust turns in the light &lt;b&gt;.\n\nNobody has swept it."))
		case "wait":
			f.Emit(tiotest.Text("Time passes."),
				narration(2, false, "Half a sentence"), narration(2, true, ""))
		}
	}, tiotest.Text(intro))
	out := play(t, f, "look\nwait\n", Options{EchoInput: true, Prompt: "> "})
	want := "> look\nA Hall.\n\n(narrated) Dust turns in the light <b>.\n\nNobody has swept it.\n\n> wait\nTime passes.\n\n> \n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("output:\n%s\nwant it to end with:\n%s", out, want)
	}
	if strings.Count(out, "Dust turns") != 1 || strings.Contains(out, "Half a sentence") {
		t.Errorf("pieces were printed:\n%s", out)
	}
}

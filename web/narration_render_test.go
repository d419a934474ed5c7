package web

import (
	"encoding/json"
	"testing"

	"github.com/tale-if/tale/tio"
)

// Streamed pieces are appended as they come, so each keeps the spaces at
// its edges, shows any tag as its characters, and opens no paragraph.
func TestNarrationPieceHTML(t *testing.T) {
	for _, c := range []struct{ piece, want string }{
		{"the cat ", "the cat "},
		{" sat", " sat"},
		{"a &lt;b&gt; &amp; c", "a &lt;b&gt; &amp; c"},
		{"<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"}, // never markup, even if a driver bug let some through
		{"one\ntwo\n\nthree", "one two<br><br>three"},
		{`"quoted" &amp;amp;`, "&#34;quoted&#34; &amp;amp;"},
	} {
		if got := pieceHTML(c.piece); got != c.want {
			t.Errorf("pieceHTML(%q) = %q, want %q", c.piece, got, c.want)
		}
	}
}

// A narration event is a text message marked narration; a snapshot group
// that held one would leave it out.
func TestRenderNarration(t *testing.T) {
	r := &renderer{html: newHTMLCache()}
	r.event(tio.Event{Seq: 1, Kind: tio.KindState, State: &tio.State{Location: "Hall"}})
	out := r.event(tio.Event{Seq: 2, Kind: tio.KindNarration, Narration: &tio.Narration{ID: 5, Final: true, Text: "Dust.\n\nLight.", Of: "room"}})
	var m map[string]any
	if err := json.Unmarshal(out[0].body, &m); err != nil {
		t.Fatal(err)
	}
	n, _ := m["narration"].(map[string]any)
	if m["type"] != "text" || m["text"] != "<p>Dust.</p>\n<p>Light.</p>" || n["id"] != float64(5) || n["final"] != true || n["of"] != "room" ||
		m["location"] != "Hall" || m["seq"] != float64(2) {
		t.Errorf("narration message: %s", out[0].body)
	}
	if sp, _ := m["special"].([]any); len(sp) != 1 || sp[0] != "narration" {
		t.Errorf("special: %v", m["special"])
	}
	snap := r.snapshot([]tio.Event{
		{Seq: 2, Kind: tio.KindText, Text: "Hall", Snapshot: true},
		{Seq: 2, Kind: tio.KindNarration, Narration: &tio.Narration{ID: 5, Final: true, Text: "Dust."}, Snapshot: true},
	})
	m = nil
	if err := json.Unmarshal(snap[0].body, &m); err != nil {
		t.Fatal(err)
	}
	if m["text"] != "<p>Hall</p>" || m["narration"] != nil || len(snap) != 1 {
		t.Errorf("snapshot: %s", snap[0].body)
	}
}

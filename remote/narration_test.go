package remote_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
	"github.com/tale-if/tale/web"
)

// A narration crosses `tale connect` as it left the game: the same id,
// pieces that join to the same text (spaces at their edges and escaped
// characters kept), a final of the same paragraphs, an empty final that
// takes pieces back; so the TUI over the wire streams and marks it as it
// does locally.
func TestNarrationRoundTrip(t *testing.T) {
	sent := []tio.Narration{
		{ID: 3, Text: "Dust turns ", Of: "room"},
		{ID: 3, Text: "in the &lt;b&gt;light&lt;/b&gt; &amp; ", Of: "room"},
		{ID: 3, Text: "hums.\n\nNobody", Of: "room"},
		{ID: 3, Final: true, Text: "Dust turns in the &lt;b&gt;light&lt;/b&gt; &amp; hums.\n\nNobody sweeps.", Of: "room"},
		{ID: 4, Text: "Half a ", Of: "dialogue"},
		{ID: 4, Final: true, Of: "dialogue"},
	}
	g := tiotest.New(tiotest.Options{Info: tio.StoryInfo{ID: "fake", Name: "Fake"}, React: func(s *tiotest.Session, in tio.Input) {
		if in.Line != "look" {
			return
		}
		s.Emit(tiotest.Text("A <location>Hall</location>."))
		for i := range sent {
			s.Emit(tio.Event{Kind: tio.KindNarration, Narration: &sent[i]})
		}
	}})
	g.Emit(tiotest.Text("Welcome."))
	srv, err := web.New(g, fast)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	r := dial(t, "ws://"+ts.Listener.Addr().String()+"/tale/ws", fastClient)
	sub, err := r.Subscribe(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sub.Cancel)
	ctx, cancel := context.WithTimeout(t.Context(), hangGuard)
	defer cancel()
	if err := r.Send(ctx, tio.Line("look")); err != nil {
		t.Fatal(err)
	}
	var got []tio.Narration
	for len(got) < len(sent) {
		select {
		case ev := <-sub.Events:
			if ev.Kind == tio.KindNarration {
				got = append(got, *ev.Narration)
			}
		case <-ctx.Done():
			t.Fatalf("got %d narration events of %d: %+v", len(got), len(sent), got)
		}
	}
	var pieces, sentPieces strings.Builder
	for i, n := range got {
		s := sent[i]
		if n.ID != s.ID || n.Final != s.Final || n.Of != s.Of {
			t.Errorf("event %d: %+v, want %+v", i, n, s)
		}
		if n.Final && n.Text != s.Text {
			t.Errorf("final %d: %q, want %q", n.ID, n.Text, s.Text)
		}
		if !n.Final && n.ID == 3 {
			pieces.WriteString(n.Text)
			sentPieces.WriteString(s.Text)
		}
	}
	if pieces.String() != sentPieces.String() {
		t.Errorf("the pieces join to %q, want %q", pieces.String(), sentPieces.String())
	}
}

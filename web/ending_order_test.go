package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// endingStory ends the moment the player jumps, with a score to report.
func endingStory(t *testing.T) *story.Story {
	t.Helper()
	s, err := story.Load(fstest.MapFS{
		"s/story.yaml": {Data: []byte("name: Leap\nstart: ledge\nmax_score: 5\n" +
			"endings: {fell: {kind: lose, title: The Long Drop, text: You fall.}}\n")},
		"s/world.yaml": {Data: []byte("locations:\n  ledge:\n    name: Ledge\n    description: A ledge.\n" +
			"    actions:\n      - verbs: [leap]\n        do: [{end: fell}]\n")},
	}, "s")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The messages of an ending come in the order a player reads it: the
// ending's words, the end message (the client's banner), then the final
// score and the question of what now.
func TestRenderEndingInTheOrderItIsRead(t *testing.T) {
	seed := uint64(1)
	g, err := driver.New(endingStory(t), driver.Options{Seed: &seed, DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	defer func() { cancel(); <-done }()
	sess := g.Session()
	sub, err := sess.Subscribe(ctx, int64(sess.LastSeq()))
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Cancel()
	if err := sess.Send(ctx, tio.Line("leap")); err != nil {
		t.Fatal(err)
	}
	last, err := tio.ReplyEnd(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{html: newHTMLCache()}
	var got []string
	for seq := uint64(0); seq < last; {
		ev := <-sub.Events
		seq = ev.Seq
		for _, m := range r.event(ev) {
			var msg struct {
				Text    string
				Special []string
				Ending  *struct{ Title string }
			}
			if err := json.Unmarshal(m.body, &msg); err != nil {
				t.Fatal(err)
			}
			switch {
			case msg.Ending != nil:
				got = append(got, "end: "+msg.Ending.Title)
			case msg.Text != "":
				got = append(got, msg.Text)
			}
		}
	}
	if len(got) != 3 || got[0] != "<p>You fall.</p>" || got[1] != "end: The Long Drop" ||
		!strings.HasPrefix(got[2], "<p>You scored 0 out of 5, in 1 turn.</p>") || !strings.Contains(got[2], "Would you like to") {
		t.Errorf("messages %q, want the words, the end, then the score and the question", got)
	}
}

// The browser puts the ending's banner in the pane where the end message
// came: under the words, above the score and the question.
func TestBrowserEndingBannerBeforeTheQuestion(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "<p>You fall.</p>", special: []}), true`)
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "", special: ["end"], ending: {id: "fell", title: "The Long Drop", won: false}}), true`)
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "<p>You scored 0 out of 5.</p><p>Would you like to RESTART?</p>", special: []}), true`)
	got := pageEval[[]string](t, ctx, `Array.from(document.querySelectorAll("#pane .entry")).slice(-3).map(e => e.textContent)`)
	want := []string{"You fall.", "*** The Long Drop ***", "You scored 0 out of 5.Would you like to RESTART?"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the pane ends %q, want %q", got, want)
	}
	if n := countOut(t, ctx, "The Long Drop"); n != 0 {
		t.Errorf("the banner counts as the game's output %d times; it is the client's", n)
	}
}

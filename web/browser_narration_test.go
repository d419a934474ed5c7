package web

// A language model's narration in the browser: the driver's real
// narration (package narrate on the fake OpenAI-compatible server)
// streamed into the page.

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/llm"
	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
)

// browserNarration is long enough to stream as several pieces, and tries
// markup of its own.
const browserNarration = "<b>Bold</b> <script>window.__model=1</script> The slipway is wet, and the boats lie " +
	"tilted on the shingle like sleepers. Gulls argue over something on the rocks, and the smell of tar and " +
	"salt hangs in the air. The keeper's light turns slowly above it all, patient as ever."

// newNarratedGame is the demo, seed 1, narrated by a model that answers reply.
func newNarratedGame(t *testing.T, reply string) *demoGame {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	fake := llmtest.New(llmtest.Behaviour{Reply: reply, ChunkBytes: 8})
	t.Cleanup(fake.Close)
	client, err := llm.New(llm.Config{BaseURL: fake.BaseURL(), Model: "fake"})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := narrate.NewEngine(narrate.Config{Logger: quiet}, client)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	st, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	nar := eng.Story(driver.NarrationStory(st))
	t.Cleanup(nar.Close)
	seed := uint64(1)
	g, err := driver.New(st, driver.Options{Seed: &seed, DataDir: t.TempDir(), Logger: quiet, Narrator: nar, Hosted: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { g.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return &demoGame{game: g, story: st}
}

// watchNarrationJS records, for each narration entry the page adds, its
// id and whether it was the streaming (aria-hidden) one, so the test sees
// the pieces however fast the final replaces them.
const watchNarrationJS = `(() => {
  window.__narr = [];
  new MutationObserver(ms => ms.forEach(m => m.addedNodes.forEach(n => {
    if (n.classList && n.classList.contains("narration"))
      window.__narr.push({id: n.dataset.narrationId, streaming: n.getAttribute("aria-hidden") === "true"});
  }))).observe(document.getElementById("pane"), {childList: true});
  return true;
})()`

// lastNarrationJS is the narration entry after the last echoed command,
// once it is final, and what precedes it back to the echo.
const lastNarrationJS = `(() => {
  const entries = Array.from(document.querySelectorAll("#pane > .entry"));
  const echo = entries.map(e => e.classList.contains("in")).lastIndexOf(true);
  const after = entries.slice(echo + 1);
  const i = after.findIndex(e => e.classList.contains("narration") && !e.hasAttribute("aria-hidden"));
  if (i < 0) return null;
  const e = after[i];
  return {id: e.dataset.narrationId, text: e.innerText,
    authoredBefore: after.slice(0, i).some(a => !a.classList.contains("narration") && a.querySelector(".txt-location")),
    copies: document.querySelectorAll('#pane [data-narration-id="' + e.dataset.narrationId + '"]').length,
    italic: getComputedStyle(e).fontStyle === "italic",
    mark: getComputedStyle(e.firstElementChild, "::before").content};
})()`

type narrationEntry struct {
	ID             string `json:"id"`
	Text           string `json:"text"`
	AuthoredBefore bool   `json:"authoredBefore"`
	Copies         int    `json:"copies"`
	Italic         bool   `json:"italic"`
	Mark           string `json:"mark"`
}

// TestBrowserNarration: the model's retelling of a room streams in after
// the room's own text, its final replaces the pieces in place, it is
// marked (italic, faded, ✎), the model's markup is shown as characters,
// and the setting to hide the mark works and is remembered.
func TestBrowserNarration(t *testing.T) {
	p := serveGame(t, newNarratedGame(t, browserNarration), Config{WebSocket: true})
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	pageEval[bool](t, ctx, watchNarrationJS)
	// The opening's look was narrated already, and that rewrite is
	// cached: a new room is asked of the model, and streams.
	typeCommand(t, ctx, "north")
	pageWaitDOM(t, ctx, "the room's narration, final", lastNarrationJS+` !== null`)
	got := pageEval[narrationEntry](t, ctx, lastNarrationJS)
	if !got.AuthoredBefore {
		t.Errorf("the narration is not after the look's own text")
	}
	streamed := pageEval[bool](t, ctx, `window.__narr.some(n => n.id === `+jsQuote(got.ID)+` && n.streaming)`)
	if !streamed {
		t.Errorf("the narration was not streamed in pieces first: %s", pageEval[string](t, ctx, `JSON.stringify(window.__narr)`))
	}
	if got.Copies != 1 {
		t.Errorf("%d entries for narration %s; the final should replace the pieces", got.Copies, got.ID)
	}
	if !strings.Contains(got.Text, "<b>Bold</b> <script>") || !strings.Contains(got.Text, "patient as ever.") {
		t.Errorf("the narration reads %q", got.Text)
	}
	if n := pageEval[int](t, ctx, `document.querySelectorAll("#pane b, #pane script").length`); n != 0 ||
		pageEval[string](t, ctx, `typeof window.__model`) != "undefined" {
		t.Errorf("the model's markup became elements (%d) or ran", n)
	}
	if !got.Italic || !strings.Contains(got.Mark, "✎") {
		t.Errorf("the narration is not marked: italic %v, mark %s", got.Italic, got.Mark)
	}
	saveScreenshot(t, ctx, "narration-marked")

	// The setting: unmarked at once, and still after a reload.
	pageDo(t, ctx, chromedp.Click(chromedp.CSS("#narration-mark")))
	unmarked := func(when string) {
		t.Helper()
		got := pageEval[narrationEntry](t, ctx, lastNarrationJS)
		if got.Italic || got.Mark != "none" || pageEval[bool](t, ctx, `document.getElementById("narration-mark").checked`) {
			t.Errorf("%s: the mark is still shown: italic %v, mark %s", when, got.Italic, got.Mark)
		}
	}
	unmarked("after the switch")
	pageDo(t, ctx, chromedp.Reload())
	pageWait(t, ctx, "the page again", `window.taleClient && taleClient.conn.connected`)
	typeCommand(t, ctx, "south") // a narration on the fresh page
	pageWaitDOM(t, ctx, "a narration", lastNarrationJS+` !== null`)
	unmarked("after a reload")
}

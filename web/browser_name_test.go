package web

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
)

// TestBrowserShowsAPlayerNameAsText: a player's name is text wherever the
// game shows it, so HTML in a name is seen, never run.
func TestBrowserShowsAPlayerNameAsText(t *testing.T) {
	st, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	name := `<img src=x onerror="window.__xss=1"><b>Eve</b>`
	st.Config.Player.Name = name
	seed := uint64(1)
	g, err := driver.New(st, driver.Options{Seed: &seed, DataDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { g.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(browserWait):
			t.Error("the game loop did not stop")
		}
	})
	p := serveGame(t, &demoGame{game: g, story: st}, Config{WebSocket: true})
	tab := newTab(t)
	openStory(t, tab, p.storyURL(""))
	typeCommand(t, tab, "examine me")
	waitOut(t, tab, name)
	waitQuiet(t, tab)
	if n := pageEval[int](t, tab, `document.querySelectorAll("#pane img, #pane b, #pane script").length`); n != 0 {
		t.Errorf("%d elements made from the name in the pane, want none", n)
	}
	if got := pageEval[string](t, tab, `typeof window.__xss`); got != "undefined" {
		t.Errorf("window.__xss is %s: the name ran as script", got)
	}
}

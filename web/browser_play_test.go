package web

// Whole games in the browser: the bundled stories' winning walkthroughs
// typed into the page, line by line, over each transport, on a desktop and
// a phone-sized window, to the ending.

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	_ "github.com/tale-if/tale/story/dungeon" // registers the generator the dungeon story names
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// TestBrowserWalkthroughDemoWebSocket plays the demo to its winning ending
// over the WebSocket in a desktop window.
func TestBrowserWalkthroughDemoWebSocket(t *testing.T) {
	w := startWalk(t, "demo", true, 1280, 800)
	w.playAll(nil)
	w.checkWon()
	// The demo's quotes are curly (the default typography), escaped by
	// the HTML renderer and read by the browser as the characters.
	if out := pageEval[string](t, w.ctx, paneOutJS); !strings.Contains(out, "Keeper’s Cottage") || strings.ContainsAny(out, `'"`) {
		t.Errorf("the pane's quotes are not all curly:\n%s", out)
	}
	if !pageEval[bool](t, w.ctx, `document.getElementById("hp-row").hidden`) {
		t.Errorf("the sidebar shows HP in a story without fighting: %q",
			pageEval[string](t, w.ctx, `document.getElementById("hp-row").innerText`))
	}
	saveScreenshot(t, w.ctx, "walkthrough-demo-websocket-1280x800")
}

// TestBrowserWalkthroughDemoEventSource plays the demo to its winning
// ending over the EventSource fallback in a phone-sized window.
func TestBrowserWalkthroughDemoEventSource(t *testing.T) {
	w := startWalk(t, "demo", false, 375, 812)
	if got := pageEval[string](t, w.ctx, `taleClient.conn.transport`); got != "eventsource" {
		t.Fatalf("transport = %q, want eventsource", got)
	}
	w.playAll(nil)
	w.checkWon()
	checkFits(t, w.ctx)
	if !pageEval[bool](t, w.ctx, `(r => r.top >= 0 && r.bottom <= window.innerHeight)(document.getElementById("ending-title").getBoundingClientRect())`) {
		t.Errorf("the ending's title is not on screen")
	}
	saveScreenshot(t, w.ctx, "walkthrough-demo-eventsource-375x812")
}

// TestBrowserWalkthroughDungeon plays the seeded dungeon (seed 1) to a win
// over the WebSocket in a desktop window. On the way it checks the HP in
// the sidebar (after the first command) and the map (a <pre> block) on a
// phone-sized window (after the walkthrough's first map).
func TestBrowserWalkthroughDungeon(t *testing.T) {
	if testing.Short() {
		t.Skip("plays 191 commands in the browser; skipped with -short")
	}
	w := startWalk(t, "dungeon", true, 1280, 800)
	sawMap := false
	w.playAll(func(i int, line string) {
		if i == 0 {
			w.checkHP()
		}
		if line == "map" && !sawMap {
			sawMap = true
			w.checkMap()
		}
	})
	if !sawMap {
		t.Errorf("the dungeon walkthrough has no map command: the map was not checked")
	}
	w.checkWon()
	w.checkHP()
	saveScreenshot(t, w.ctx, "walkthrough-dungeon-1280x800")
}

// walk is one play-through of a story's walkthrough in a tab.
type walk struct {
	t      *testing.T
	ctx    context.Context
	game   *demoGame
	id     string
	lines  []string
	log    *eventLog
	echoes []string // the lines the pane should echo (menu picks are not echoed)
	start  time.Time
}

// startWalk runs story id, serves it (with or without the WebSocket route)
// and opens the game page in a width×height window; a window under 600 px
// wide is a phone.
func startWalk(t *testing.T, id string, websocket bool, width, height int64) *walk {
	t.Helper()
	g := newStoryGame(t, id)
	log := recordEvents(t, g)
	p := serveGame(t, g, Config{
		WebSocket: websocket,
		// The test types the next command as soon as the last reply is
		// shown, faster than any person; the flood limit is not under test.
		RatePerSecond: 1000,
		RateBurst:     1000,
	})
	lines := walkthroughLines(t, id)
	// Every command may take up to browserWait: a guard against hangs only.
	ctx := newTabFor(t, time.Duration(len(lines)+2)*browserWait)
	if width < 600 {
		pageDo(t, ctx, chromedp.EmulateViewport(width, height, chromedp.EmulateMobile))
	} else {
		pageDo(t, ctx, chromedp.EmulateViewport(width, height))
	}
	openStory(t, ctx, p.storyURL(""))
	w := &walk{t: t, ctx: ctx, game: g, id: id, lines: lines, log: log}
	// The whole opening first, so that every later wait is for a command.
	w.waitShown("the opening", g.Session().LastSeq())
	return w
}

// walkthroughLines reads stories/<id>/walkthrough.txt: one command a line.
func walkthroughLines(t *testing.T, id string) []string {
	t.Helper()
	b, err := fs.ReadFile(stories.FS, id+"/walkthrough.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		t.Fatalf("%s/walkthrough.txt is empty", id)
	}
	return lines
}

// playAll types every line of the walkthrough; after is called once each
// line's whole reply is shown.
func (w *walk) playAll(after func(i int, line string)) {
	w.t.Helper()
	w.start = time.Now()
	for i, line := range w.lines {
		w.play(line)
		if after != nil {
			after(i, line)
		}
	}
	w.t.Logf("%s: %d commands played in the browser in %v", w.id, len(w.lines), time.Since(w.start).Round(time.Millisecond))
}

// play types one line and Enter into the page, as a player would, and
// waits until the page shows the game's whole reply. A digit typed while
// a menu is open picks from it (the page's 1–9 keys); the driver takes a
// number typed as a command the same way.
func (w *walk) play(line string) {
	t, ctx := w.t, w.ctx
	t.Helper()
	pick := pageEval[bool](t, ctx, `taleClient.choices.length > 0 && /^[1-9]$/.test(`+jsQuote(line)+`)`)
	before := pageEval[int](t, ctx, `taleClient.seq`)
	typeCommand(t, ctx, line)
	// The first of the reply is on the page and nothing is in flight ...
	pageWaitDOM(t, ctx, fmt.Sprintf("the reply to %q", line), fmt.Sprintf(
		`taleClient.seq > %d && document.getElementById("waiting").hidden && document.getElementById("cmd").value === ""`, before))
	// ... and the rest of it, up to the seq where the reply ends.
	end, err := tio.ReplyEnd(ctx, w.game.Session())
	if err != nil {
		t.Fatalf("after %q: %v", line, err)
	}
	w.waitShown(fmt.Sprintf("the whole reply to %q", line), end)
	if !pick {
		w.echoes = append(w.echoes, line)
	}
}

// waitShown waits until the page has shown the event seq and nothing is in
// flight.
func (w *walk) waitShown(what string, seq uint64) {
	w.t.Helper()
	pageWaitDOM(w.t, w.ctx, what, fmt.Sprintf(`taleClient.seq >= %d && document.getElementById("waiting").hidden`, seq))
}

// checkWon checks the ending panel, then that the pane holds the game's
// output exactly: every text once, in order, and every typed line echoed
// once.
func (w *walk) checkWon() {
	t, ctx := w.t, w.ctx
	t.Helper()
	var win []string
	var winText string
	for _, e := range w.game.story.Config.Endings {
		if e.Kind == "win" {
			win = append(win, e.Title)
			winText = e.Text
		}
	}
	if len(win) != 1 {
		t.Fatalf("story %s has %d winning endings (%q); the test expects one", w.id, len(win), win)
	}
	pageWaitDOM(t, ctx, "the ending panel", `!document.getElementById("ending").hidden`)
	if got, want := pageEval[string](t, ctx, `document.getElementById("ending-title").textContent`), "The End: "+win[0]; got != want {
		t.Errorf("ending title = %q, want %q", got, want)
	}
	if got := pageEval[string](t, ctx, `document.getElementById("ending-text").textContent`); got != "You won." {
		t.Errorf("ending text = %q, want \"You won.\"", got)
	}
	if ends := w.log.ends(); len(ends) != 1 || !ends[0].Won || ends[0].Title != win[0] {
		t.Errorf("the game's end events: %+v, want one, won, %q", ends, win[0])
	}
	// The ending's own words, from the reply to the last command, show
	// once, in the story's quote style.
	style := markup.Curly
	if w.game.story.Config.Typography == story.TypographyStraight {
		style = markup.Straight
	}
	first := strings.TrimSpace(markup.Strip(markup.Typeset(strings.SplitN(strings.TrimSpace(winText), "\n", 2)[0], style)))
	if n := countOut(t, ctx, first); n != 1 {
		t.Errorf("the ending's text %q shows %d times in the pane, want once", first, n)
	}
	last := w.lines[len(w.lines)-1]
	if n := pageEval[int](t, ctx, `Array.from(document.querySelectorAll("#pane .entry.in .txt-userinput")).filter(e => e.textContent === `+jsQuote(last)+`).length`); n < 1 {
		t.Errorf("the last command %q is not echoed", last)
	}

	want := w.log.paneHTML()
	res := pageEval[[][]string](t, ctx, `(want => [
		Array.from(document.querySelectorAll("#pane .entry.out")).map(e => e.textContent),
		want.map(h => { const t = document.createElement("template"); t.innerHTML = h; return t.content.textContent; }),
		Array.from(document.querySelectorAll("#pane .entry.in .txt-userinput")).map(e => e.textContent)
	])(`+jsValue(want)+`)`)
	comparePane(t, "the game's output", res[0], res[1])
	comparePane(t, "the echoed commands", res[2], w.echoes)
	if n := pageEval[int](t, ctx, `document.querySelectorAll("#pane .entry.note.error").length`); n != 0 {
		t.Errorf("%d error notes in the pane: %s", n, pageEval[string](t, ctx, `Array.from(document.querySelectorAll("#pane .entry.note.error")).map(e => e.textContent).join(" | ")`))
	}
}

// comparePane reports the first place where the pane differs from what the
// game said, and a difference in length.
func comparePane(t *testing.T, what string, got, want []string) {
	t.Helper()
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i] != want[i] {
			t.Errorf("%s: entry %d of the pane is\n\t%q\nwant\n\t%q", what, i, got[i], want[i])
			return
		}
	}
	if len(got) != len(want) {
		var extra []string
		if len(got) > len(want) {
			extra = got[len(want):]
		} else {
			extra = want[len(got):]
		}
		t.Errorf("%s: the pane has %d entries, want %d; the difference starts with %q", what, len(got), len(want), extra[0])
	}
}

// hpText is how the sidebar shows the player's health.
var hpText = regexp.MustCompile(`^HP (\d+)/(\d+) · level (\d+)$`)

// checkHP compares the sidebar's HP with the game's latest state.
func (w *walk) checkHP() {
	t, ctx := w.t, w.ctx
	t.Helper()
	st := w.log.lastState()
	if st == nil || st.MaxHP == 0 {
		t.Fatalf("the game sent no state with HP")
	}
	if pageEval[bool](t, ctx, `document.getElementById("hp-row").hidden`) {
		t.Fatalf("no HP in the sidebar")
	}
	got := pageEval[string](t, ctx, `(r => r.querySelector("dt").textContent + " " + r.querySelector("dd").textContent)(document.getElementById("hp-row"))`)
	want := fmt.Sprintf("HP %d/%d · level %d", st.HP, st.MaxHP, st.Level)
	if got != want || !hpText.MatchString(got) {
		t.Errorf("sidebar HP = %q, want %q", got, want)
	}
	label := pageEval[string](t, ctx, `document.getElementById("hp").getAttribute("aria-label")`)
	if wantLabel := fmt.Sprintf("Health: %d of %d hit points, level %d", st.HP, st.MaxHP, st.Level); label != wantLabel {
		t.Errorf("the HP's accessible label = %q, want %q", label, wantLabel)
	}
}

// checkMap checks the map just shown on a phone-sized window (checkPre),
// then goes back to the desktop.
func (w *walk) checkMap() {
	t, ctx := w.t, w.ctx
	t.Helper()
	pageDo(t, ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	waitPhone(t, ctx)
	if st := w.log.lastState(); st != nil {
		want := fmt.Sprintf("HP %d/%d", st.HP, st.MaxHP)
		if got := pageEval[string](t, ctx, `(e => getComputedStyle(e).display === "none" ? "" : e.textContent)(document.getElementById("hp-top"))`); got != want {
			t.Errorf("the top bar on a phone shows %q, want %q", got, want)
		}
	}
	checkPre(t, ctx, false)
	saveScreenshot(t, ctx, "walkthrough-dungeon-map-375x812")
	pageEval[bool](t, ctx, `(`+lastPreJS+`).scrollLeft = 0, true`)
	pageDo(t, ctx, chromedp.EmulateViewport(1280, 800))
	pageWait(t, ctx, "the desktop layout", `window.innerWidth === 1280`)
}

// TestBrowserWideMapScrolls: monospaced art wider than a phone keeps its
// lines and scrolls sideways inside the pane; the page does not.
func TestBrowserWideMapScrolls(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	pageDo(t, ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	openStory(t, ctx, p.storyURL(""))
	waitPhone(t, ctx)
	row := "[ ]-" + strings.Repeat("[ ]-[ ]-[ ]-", 8) + "[@]"
	art := row + "\n |" + strings.Repeat(" ", len(row)-3) + "|\n" + row
	html := markup.HTML("<monospaced>" + markup.Escape(art) + "</monospaced>")
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: `+jsQuote(html)+`, special: []}), true`)
	checkPre(t, ctx, true)
	saveScreenshot(t, ctx, "wide-map-375x812")
}

// waitPhone waits for the phone layout, with the drawer shut.
func waitPhone(t *testing.T, ctx context.Context) {
	t.Helper()
	pageWait(t, ctx, "the phone layout with the drawer shut", `window.innerWidth === 375 &&
		document.getElementById("sidebar").getBoundingClientRect().left >= window.innerWidth`)
}

// lastPreJS is the last monospaced block in the story pane.
const lastPreJS = `Array.from(document.querySelectorAll("#pane .entry.out pre")).pop()`

// checkPre checks the last <pre> in the pane: its lines are not wrapped,
// it stays inside the pane, and when it is wider (wide says it must be)
// it scrolls sideways by itself while the page does not.
func checkPre(t *testing.T, ctx context.Context, wide bool) {
	t.Helper()
	if !pageEval[bool](t, ctx, `!!`+lastPreJS) {
		t.Fatalf("no <pre> in the pane")
	}
	if got := pageEval[[]string](t, ctx, `(p => [getComputedStyle(p).whiteSpace, getComputedStyle(p).overflowX])(`+lastPreJS+`)`); got[0] != "pre" || got[1] != "auto" {
		t.Errorf("the <pre>'s white-space and overflow-x = %q, want pre and auto", got)
	}
	pageEval[bool](t, ctx, `(`+lastPreJS+`).scrollIntoView({block: "nearest"}), true`)
	checkFits(t, ctx)
	// Each line is one line on the screen: the text's line boxes are no
	// more than its lines.
	got := pageEval[[]int](t, ctx, `(p => {
		const r = document.createRange();
		r.selectNodeContents(p);
		const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
		const lines = p.textContent.replace(/\n+$/, "").split("\n").filter(l => l.trim() !== "").length;
		const pane = document.getElementById("pane").getBoundingClientRect(), box = p.getBoundingClientRect();
		return [tops.size, lines, p.scrollWidth, p.clientWidth, box.left >= pane.left && box.right <= pane.right ? 1 : 0];
	})(`+lastPreJS+`)`)
	t.Logf("<pre> on a %d px window: %d lines, %d px wide in a %d px box",
		pageEval[int](t, ctx, `window.innerWidth`), got[1], got[2], got[3])
	if got[0] > got[1] {
		t.Errorf("the <pre>'s %d lines take %d lines on the screen: they wrap", got[1], got[0])
	}
	if got[4] != 1 {
		t.Errorf("the <pre> sticks out of the story pane")
	}
	if wide && got[2] <= got[3] {
		t.Errorf("the <pre> is %d px wide in a %d px box: it does not overflow as it should", got[2], got[3])
	}
	if got[2] > got[3] {
		pageEval[bool](t, ctx, `(`+lastPreJS+`).scrollLeft = 40, true`)
		if n := pageEval[int](t, ctx, `(`+lastPreJS+`).scrollLeft`); n == 0 {
			t.Errorf("the <pre> is %d px wide in a %d px box and does not scroll sideways", got[2], got[3])
		}
		if n := pageEval[int](t, ctx, `document.getElementById("pane").scrollLeft + document.documentElement.scrollLeft`); n != 0 {
			t.Errorf("scrolling the <pre> scrolled the pane or the page sideways by %d px", n)
		}
	}
}

// eventLog records a game's events as another front end sees them.
type eventLog struct {
	mu     sync.Mutex
	events []tio.Event
}

// recordEvents subscribes to the game from its first event.
func recordEvents(t *testing.T, g *demoGame) *eventLog {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	sub, err := g.Session().Subscribe(ctx, 0)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	l := &eventLog{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev := range sub.Events {
			l.mu.Lock()
			l.events = append(l.events, ev)
			l.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		evicted := sub.Evicted()
		sub.Cancel()
		cancel()
		<-done
		if evicted {
			t.Errorf("the test's own subscription fell behind and was cut off")
		}
	})
	return l
}

// paneHTML is what the story pane should hold: the HTML of every text
// since the last clear, as the server renders it (render.go), one entry
// each.
func (l *eventLog) paneHTML() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, ev := range l.events {
		switch ev.Kind {
		case tio.KindClear:
			out = out[:0]
		case tio.KindText:
			if markup.HasClear(ev.Text) {
				out = out[:0]
			}
			if h := markup.HTML(ev.Text); strings.TrimSpace(h) != "" {
				out = append(out, h)
			}
		}
	}
	return out
}

func (l *eventLog) lastState() *tio.State {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.events) - 1; i >= 0; i-- {
		if l.events[i].Kind == tio.KindState && l.events[i].State != nil {
			return l.events[i].State
		}
	}
	return nil
}

func (l *eventLog) ends() []tio.Ending {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []tio.Ending
	for _, ev := range l.events {
		if ev.Kind == tio.KindEnd && ev.Ending != nil {
			out = append(out, *ev.Ending)
		}
	}
	return out
}

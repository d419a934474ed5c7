package web

// Browser tests: the real client (web/static) in headless chromium against
// the real server, driven as a player would drive it. They skip when no
// chromium is installed, unless CI is set. Screenshots go to a folder
// that outlives the test (its path is logged); TALE_SCREENSHOTS picks it.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserPlayWebSocket loads the page, plays a few commands over the
// WebSocket and checks the pane, the sidebar, accessibility basics and
// both layouts.
func TestBrowserPlayWebSocket(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	pageDo(t, ctx, chromedp.EmulateViewport(1280, 800))
	openStory(t, ctx, p.storyURL(""))

	if got := pageEval[string](t, ctx, `taleClient.conn.transport`); got != "websocket" {
		t.Errorf("transport = %q, want websocket", got)
	}
	if got := pageEval[string](t, ctx, `document.getElementById("status").dataset.state`); got != "connected" {
		t.Errorf("status = %q, want connected", got)
	}
	if got := pageEval[string](t, ctx, `document.activeElement && document.activeElement.id`); got != "cmd" {
		t.Errorf("focused element = %q, want the command input", got)
	}
	if got := pageEval[string](t, ctx, `(p => p.getAttribute("role") + " " + p.getAttribute("aria-live"))(document.getElementById("pane"))`); got != "log polite" {
		t.Errorf("pane role and aria-live = %q, want \"log polite\"", got)
	}
	// Every control has a name a screen reader can say.
	if unnamed := pageEval[[]string](t, ctx, `Array.from(document.querySelectorAll("button, input")).filter(e =>
			!(e.getAttribute("aria-label") || (e.labels && e.labels.length) || e.textContent.trim())).map(e => e.outerHTML)`); len(unnamed) > 0 {
		t.Errorf("controls without a label: %v", unnamed)
	}

	start := pageEval[string](t, ctx, `document.getElementById("location-name").textContent`)
	if start == "" || strings.TrimSpace(start) == "" {
		t.Fatalf("no location in the sidebar after connecting")
	}
	exit := firstExit(t, ctx)
	typeCommand(t, ctx, exit)
	pageWait(t, ctx, "the location to change", `document.getElementById("location-name").textContent !== `+jsQuote(start))
	waitQuiet(t, ctx)
	moved := pageEval[string](t, ctx, `document.getElementById("location-name").textContent`)
	waitOut(t, ctx, moved)
	if n := pageEval[int](t, ctx, `document.querySelectorAll("#exits button").length`); n == 0 {
		t.Errorf("no exit buttons in %s", moved)
	}
	if got := pageEval[string](t, ctx, lastEchoJS); got != exit {
		t.Errorf("echoed command = %q, want %q", got, exit)
	}
	typeCommand(t, ctx, "look")
	waitQuiet(t, ctx)
	if n := countOut(t, ctx, moved); n < 2 {
		t.Errorf("%q shows %d times after look, want at least 2", moved, n)
	}
	saveScreenshot(t, ctx, "play-1280x800")

	// A phone: no horizontal scrolling, the input stays on screen, the
	// sidebar is a drawer that opens and closes (Escape).
	pageDo(t, ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	pageWait(t, ctx, "the phone layout with the drawer shut", `window.innerWidth === 375 &&
		document.getElementById("sidebar").getBoundingClientRect().left >= window.innerWidth`)
	checkFits(t, ctx)
	saveScreenshot(t, ctx, "play-375x812")
	pageDo(t, ctx, chromedp.Click(chromedp.ID("drawer-toggle")))
	pageWait(t, ctx, "the drawer", `document.body.classList.contains("drawer-open") &&
		Math.abs(document.getElementById("sidebar").getBoundingClientRect().right - window.innerWidth) < 1`)
	if !pageEval[bool](t, ctx, `document.getElementById("play").inert`) {
		t.Errorf("the game behind the open drawer is not inert")
	}
	saveScreenshot(t, ctx, "drawer-375x812")
	pageDo(t, ctx, chromedp.KeyEvent(kb.Escape))
	pageWait(t, ctx, "the drawer to close", `!document.body.classList.contains("drawer-open") && document.activeElement.id === "cmd" &&
		document.getElementById("sidebar").getBoundingClientRect().left >= window.innerWidth`)
	// 200 % zoom of a 1280 px window is a 640 px layout.
	pageDo(t, ctx, chromedp.EmulateViewport(640, 400))
	pageWait(t, ctx, "the zoomed layout", `window.innerWidth === 640`)
	checkFits(t, ctx)
	saveScreenshot(t, ctx, "zoom200-1280x800")
}

// firstExit is the first exit button's command.
func firstExit(t *testing.T, ctx context.Context) string {
	t.Helper()
	pageWait(t, ctx, "an exit button", `document.querySelector("#exits button") !== null`)
	return pageEval[string](t, ctx, `document.querySelector("#exits button").dataset.command`)
}

// checkFits fails when the page scrolls sideways or the input is off screen.
func checkFits(t *testing.T, ctx context.Context) {
	t.Helper()
	if w := pageEval[[]int](t, ctx, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		t.Errorf("page is %d px wide in a %d px window: it scrolls sideways", w[0], w[1])
	}
	if !pageEval[bool](t, ctx, `(r => r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth)(document.getElementById("cmd").getBoundingClientRect())`) {
		t.Errorf("the command input is not fully on screen")
	}
	if !pageEval[bool](t, ctx, `(r => r.right <= window.innerWidth && r.bottom <= window.innerHeight)(document.getElementById("send").getBoundingClientRect())`) {
		t.Errorf("the Send button is not on screen")
	}
}

// TestBrowserExitButtonMoves clicks an exit in the sidebar.
func TestBrowserExitButtonMoves(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	start := pageEval[string](t, ctx, `document.getElementById("location-name").textContent`)
	exit := firstExit(t, ctx)
	pageDo(t, ctx, chromedp.Click(chromedp.CSS(`#exits button[data-command=`+jsQuote(exit)+`]`)))
	pageWait(t, ctx, "the location to change", `document.getElementById("location-name").textContent !== `+jsQuote(start))
	if got := pageEval[string](t, ctx, lastEchoJS); got != exit {
		t.Errorf("the exit button sent %q, want %q", got, exit)
	}
	if got := pageEval[string](t, ctx, `document.activeElement.id`); got != "cmd" {
		t.Errorf("focus after the click is on %q, want the input", got)
	}

	// An exit named in the story text is clickable too.
	waitQuiet(t, ctx)
	here := pageEval[string](t, ctx, `document.getElementById("location-name").textContent`)
	exit = pageEval[string](t, ctx, `(e => (e.id = "test-exit", e.dataset.exit))(Array.from(document.querySelectorAll("#pane .entry.out .txt-exit")).pop())`)
	pageDo(t, ctx, chromedp.Click(chromedp.ID("test-exit")))
	pageWait(t, ctx, "the location to change again", `document.getElementById("location-name").textContent !== `+jsQuote(here))
	if got := pageEval[string](t, ctx, lastEchoJS); got != exit {
		t.Errorf("the exit in the text sent %q, want %q", got, exit)
	}
}

// resumeCase drops the connection (held away from the server), lets the
// game move on meanwhile, types a command while offline, then lets the
// client back: everything shows exactly once.
func resumeCase(t *testing.T, p *demoServer, ctx context.Context) {
	t.Helper()
	typeCommand(t, ctx, "say alpha-one")
	waitOut(t, ctx, "alpha-one")
	waitQuiet(t, ctx)

	connects := pageEval[int](t, ctx, `taleClient.conn.stats.connects`)
	pageEval[bool](t, ctx, `taleClient.conn.drop(true), true`)
	pageWait(t, ctx, "the page to notice the drop", `!taleClient.conn.connected && !taleClient.conn.ws && !taleClient.conn.es`)
	if got := pageEval[string](t, ctx, `document.getElementById("status").dataset.state`); got != "reconnecting" {
		t.Errorf("status while away = %q, want reconnecting", got)
	}
	// Another tab plays on while this one is away.
	p.game.send(t, "say beta-two")
	// The player types while offline: nothing is sent blind, the command
	// stays in the box.
	typeCommand(t, ctx, "say gamma-three")
	pageWait(t, ctx, "the not-connected note", `document.querySelector("#pane .entry.note.held") !== null`)
	if got := pageEval[string](t, ctx, `document.getElementById("cmd").value`); got != "say gamma-three" {
		t.Errorf("the box holds %q after Enter while offline, want the command", got)
	}

	pageEval[bool](t, ctx, `taleClient.conn.release(), true`)
	pageWait(t, ctx, "the reconnect", fmt.Sprintf(`taleClient.conn.connected && taleClient.conn.stats.connects > %d`, connects))
	waitOut(t, ctx, "beta-two")
	// Back: the player sends it.
	pageDo(t, ctx, chromedp.SendKeys(chromedp.CSS("#cmd"), "\r"))
	waitOut(t, ctx, "gamma-three")
	typeCommand(t, ctx, "say delta-four")
	waitOut(t, ctx, "delta-four")
	waitQuiet(t, ctx)
	for _, s := range []string{"alpha-one", "beta-two", "gamma-three", "delta-four"} {
		if n := countOut(t, ctx, s); n != 1 {
			t.Errorf("%q shows %d times in the pane, want once", s, n)
		}
	}
}

// TestBrowserResumeWebSocket: a dropped socket resumes from the last seq.
func TestBrowserResumeWebSocket(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	resumeCase(t, p, ctx)
	if got := pageEval[string](t, ctx, `taleClient.conn.transport`); got != "websocket" {
		t.Errorf("transport after resume = %q, want websocket", got)
	}

	// The server closes the socket (a restart of a proxy, say); the game
	// goes on at once; the client comes back by itself and misses nothing.
	connects := pageEval[int](t, ctx, `taleClient.conn.stats.connects`)
	p.closeFromServer(closeGoingAway)
	p.game.send(t, "say epsilon-five")
	pageWait(t, ctx, "the automatic reconnect", fmt.Sprintf(`taleClient.conn.connected && taleClient.conn.stats.connects > %d`, connects))
	waitOut(t, ctx, "epsilon-five")
	typeCommand(t, ctx, "say zeta-six")
	waitOut(t, ctx, "zeta-six")
	waitQuiet(t, ctx)
	for _, s := range []string{"alpha-one", "beta-two", "gamma-three", "delta-four", "epsilon-five", "zeta-six"} {
		if n := countOut(t, ctx, s); n != 1 {
			t.Errorf("%q shows %d times in the pane, want once", s, n)
		}
	}
}

// TestBrowserEventSourceFallback: without --websocket the client falls
// back to EventSource + POST by itself and plays and resumes the same way.
func TestBrowserEventSourceFallback(t *testing.T) {
	p := serveDemo(t, false)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	if got := pageEval[string](t, ctx, `taleClient.conn.transport`); got != "eventsource" {
		t.Fatalf("transport = %q, want eventsource", got)
	}
	if got := pageEval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(got, "EventSource") {
		t.Errorf("status = %q, want it to name EventSource", got)
	}
	start := pageEval[string](t, ctx, `document.getElementById("location-name").textContent`)
	typeCommand(t, ctx, firstExit(t, ctx))
	pageWait(t, ctx, "the location to change", `document.getElementById("location-name").textContent !== `+jsQuote(start))
	resumeCase(t, p, ctx)

	// The server ends the stream; the browser reconnects by itself with
	// Last-Event-ID and the page misses nothing.
	connects := pageEval[int](t, ctx, `taleClient.conn.stats.connects`)
	p.closeFromServer(closeGoingAway)
	p.game.send(t, "say epsilon-five")
	pageWait(t, ctx, "the automatic reconnect", fmt.Sprintf(`taleClient.conn.connected && taleClient.conn.stats.connects > %d`, connects))
	waitOut(t, ctx, "epsilon-five")
	for _, s := range []string{"alpha-one", "beta-two", "gamma-three", "delta-four", "epsilon-five"} {
		if n := countOut(t, ctx, s); n != 1 {
			t.Errorf("%q shows %d times in the pane, want once", s, n)
		}
	}
	checkTabCompletion(t, p, ctx)
}

// TestBrowserEscapesPlayerText: what a player types is text, never markup.
func TestBrowserEscapesPlayerText(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	evil := `<img src=x onerror="window.__xss=1">`
	typeCommand(t, ctx, "say "+evil)
	waitOut(t, ctx, evil)
	waitQuiet(t, ctx)
	if n := pageEval[int](t, ctx, `document.querySelectorAll("#pane img, #pane script").length`); n != 0 {
		t.Errorf("%d img/script elements in the pane, want none", n)
	}
	if got := pageEval[string](t, ctx, `typeof window.__xss`); got != "undefined" {
		t.Errorf("window.__xss is %s: the player's text ran as script", got)
	}
	if got := pageEval[string](t, ctx, lastEchoJS); got != "say "+evil {
		t.Errorf("echo = %q, want the typed line as text", got)
	}
}

// TestBrowserChoices opens a conversation menu and picks by click and by
// number key.
func TestBrowserChoices(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	for _, step := range talkRoute {
		typeCommand(t, ctx, step)
		waitQuiet(t, ctx)
	}
	typeCommand(t, ctx, talkCommand)
	pageWait(t, ctx, "the menu", `!document.getElementById("choices").hidden && document.querySelectorAll("#choice-list button").length > 1`)
	saveScreenshot(t, ctx, "choices-1280x800")
	// The dark theme follows the system's preference.
	light := pageEval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
	pageDo(t, ctx, colorScheme("dark"))
	if dark := pageEval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`); dark == light {
		t.Errorf("the background stays %s with prefers-color-scheme: dark", dark)
	}
	saveScreenshot(t, ctx, "choices-dark-1280x800")
	pageDo(t, ctx, colorScheme("light"))

	label := pageEval[string](t, ctx, `document.querySelector("#choice-list button .choice-text").textContent.trim()`)
	pick := checkPickShownOnce(t, ctx, label, "the click")
	pick(chromedp.Click(chromedp.CSS(`#choice-list button`)))

	// Again by key: 2 on an empty input picks the second option.
	typeCommand(t, ctx, talkCommand)
	pageWait(t, ctx, "the menu again", `!document.getElementById("choices").hidden && document.querySelectorAll("#choice-list button").length > 1`)
	label = pageEval[string](t, ctx, `document.querySelectorAll("#choice-list button .choice-text")[1].textContent.trim()`)
	pick = checkPickShownOnce(t, ctx, label, "key 2")
	pick(chromedp.Focus(chromedp.ID("cmd")), chromedp.KeyEvent("2"))
	if got := pageEval[string](t, ctx, `document.getElementById("cmd").value`); got != "" {
		t.Errorf("the number key was typed into the input: %q", got)
	}
}

// checkPickShownOnce returns a function that picks the menu option label
// with the given actions and checks that the pick shows once: the page
// does not echo it, the game's answer begins with it.
func checkPickShownOnce(t *testing.T, ctx context.Context, label, how string) func(...chromedp.Action[chromedp.Void]) {
	t.Helper()
	return func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		ins := pageEval[int](t, ctx, `document.querySelectorAll("#pane .entry.in").length`)
		outs := pageEval[int](t, ctx, `document.querySelectorAll("#pane .entry.out").length`)
		before := countOut(t, ctx, label)
		pageDo(t, ctx, actions...)
		pageWait(t, ctx, "the answer to "+how, fmt.Sprintf(`document.querySelectorAll("#pane .entry.out").length > %d`, outs))
		waitQuiet(t, ctx)
		if n := pageEval[int](t, ctx, `document.querySelectorAll("#pane .entry.in").length`); n != ins {
			t.Errorf("%s: the pick was echoed (%d echoes, were %d): %q", how, n, ins, pageEval[string](t, ctx, lastEchoJS))
		}
		if n := countOut(t, ctx, label) - before; n != 1 {
			t.Errorf("%s: the picked option %q shows %d times more in the pane, want once (in the answer)", how, label, n)
		}
		if first := pageEval[string](t, ctx, fmt.Sprintf(`document.querySelectorAll("#pane .entry.out")[%d].textContent`, outs)); !strings.Contains(first, label) {
			t.Errorf("%s: the answer %q does not begin with the picked option %q", how, first, label)
		}
	}
}

// TestBrowserHistoryAndCompletion: Up/Down recall commands with the draft
// kept; Tab completes.
func TestBrowserHistoryAndCompletion(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	typeCommand(t, ctx, "look")
	typeCommand(t, ctx, "say hello")
	waitQuiet(t, ctx)
	value := func() string { return pageEval[string](t, ctx, `document.getElementById("cmd").value`) }
	key := func(k string) { pageDo(t, ctx, chromedp.Focus(chromedp.ID("cmd")), chromedp.KeyEvent(k)) }

	pageDo(t, ctx, chromedp.SendKeys(chromedp.ID("cmd"), "dra"))
	for i, step := range []struct{ key, want string }{
		{kb.ArrowUp, "say hello"},
		{kb.ArrowUp, "look"},
		{kb.ArrowUp, "look"}, // the oldest stays
		{kb.ArrowDown, "say hello"},
		{kb.ArrowDown, "dra"}, // the draft comes back
		{kb.ArrowDown, "dra"},
	} {
		key(step.key)
		if got := value(); got != step.want {
			t.Fatalf("step %d: after %q the input holds %q, want %q", i, step.key, got, step.want)
		}
	}
	stored := pageEval[string](t, ctx, `Object.keys(localStorage).filter(k => k.startsWith("tale.history.")).map(k => localStorage.getItem(k)).join()`)
	if !strings.Contains(stored, `"say hello"`) {
		t.Errorf("history in localStorage = %s, want it to hold the commands", stored)
	}
	setCmdInput(t, ctx, "")

	// The stored history is bounded, skips blank lines and repeats.
	if got := pageEval[[]int](t, ctx, `(() => {
		const h = new TaleHistory("tale.history.bound-test");
		for (let i = 0; i < 250; i++) { h.add("cmd " + i); h.add("cmd " + i); h.add("  "); }
		const back = new TaleHistory("tale.history.bound-test");
		localStorage.removeItem("tale.history.bound-test");
		return [back.entries.length, TaleHistory.MAX_ENTRIES, back.entries[back.entries.length - 1] === "cmd 249" ? 1 : 0];
	})()`); got[0] != got[1] || got[2] != 1 {
		t.Errorf("stored history: %d entries (limit %d), newest kept: %d", got[0], got[1], got[2])
	}

	// A reload keeps the history.
	openStory(t, ctx, p.storyURL(""))
	key(kb.ArrowUp)
	if got := value(); got != "say hello" {
		t.Errorf("after a reload Up gives %q, want %q", got, "say hello")
	}
	setCmdInput(t, ctx, "")
	checkTabCompletion(t, p, ctx)
}

// checkTabCompletion finds, from the game itself, a prefix with one
// completion and one with several, and checks what Tab does with each.
func checkTabCompletion(t *testing.T, p *demoServer, ctx context.Context) {
	t.Helper()
	var unique, several string
	var uniqueWant string
	var many []string
	for _, prefix := range []string{"loo", "inv", "exa", "nor", "l", "t", "s", "e", "g", "i", "o"} {
		list, err := p.game.Session().Complete(context.Background(), prefix)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case len(list) == 1 && unique == "" && list[0] != prefix:
			unique, uniqueWant = prefix, list[0]
		case len(list) > 1 && several == "":
			several, many = prefix, list
		}
	}
	if unique == "" || several == "" {
		t.Fatalf("no prefix with one completion (%q) or several (%q)", unique, several)
	}
	value := func() string { return pageEval[string](t, ctx, `document.getElementById("cmd").value`) }
	tab := func() { pageDo(t, ctx, chromedp.Focus(chromedp.ID("cmd")), chromedp.KeyEvent(kb.Tab)) }

	setCmdInput(t, ctx, "")
	pageDo(t, ctx, chromedp.SendKeys(chromedp.ID("cmd"), unique))
	tab()
	pageWait(t, ctx, "the unique completion", `document.getElementById("cmd").value === `+jsQuote(uniqueWant))
	if got := pageEval[string](t, ctx, `document.activeElement.id`); got != "cmd" {
		t.Errorf("Tab moved the focus to %q", got)
	}

	setCmdInput(t, ctx, "")
	pageDo(t, ctx, chromedp.SendKeys(chromedp.ID("cmd"), several))
	tab()
	pageWait(t, ctx, "the candidates", fmt.Sprintf(`!document.getElementById("completions").hidden && document.querySelectorAll("#completion-list .completion").length === %d`, len(many)))
	shown := pageEval[[]string](t, ctx, `Array.from(document.querySelectorAll("#completion-list .completion")).map(b => b.textContent)`)
	if strings.Join(shown, "|") != strings.Join(many, "|") {
		t.Errorf("candidates shown = %q, want %q", shown, many)
	}
	// Repeated Tab cycles through them.
	for i := range many {
		tab()
		if got := value(); got != many[i] {
			t.Errorf("Tab %d: input = %q, want %q", i+2, got, many[i])
		}
	}
	tab()
	if got := value(); got != many[0] {
		t.Errorf("Tab after the last candidate: input = %q, want the first again, %q", got, many[0])
	}
	setCmdInput(t, ctx, "")
}

// TestBrowserSpecials feeds the client the specials the game sends
// (noecho, clear, end) and checks what the player sees and what is sent.
func TestBrowserSpecials(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))

	// noecho: the next line is a password: masked, not echoed, not kept.
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "<p>Password?</p>", special: ["noecho"]}), true`)
	if got := pageEval[string](t, ctx, `document.getElementById("cmd").type`); got != "password" {
		t.Errorf("input type after noecho = %q, want password", got)
	}
	typeCommand(t, ctx, "say sesame-secret")
	waitOut(t, ctx, "sesame-secret") // the game got it
	waitQuiet(t, ctx)
	if got := pageEval[string](t, ctx, `document.getElementById("cmd").type`); got != "text" {
		t.Errorf("input type after the secret line = %q, want text again", got)
	}
	if n := pageEval[int](t, ctx, `Array.from(document.querySelectorAll("#pane .entry.in")).filter(e => e.textContent.includes("sesame")).length`); n != 0 {
		t.Errorf("the secret line was echoed")
	}
	if s := pageEval[string](t, ctx, `JSON.stringify(localStorage)`); strings.Contains(s, "sesame") {
		t.Errorf("the secret line is in the stored history: %s", s)
	}

	// A command in flight shows the waiting state; its answer ends it.
	pageEval[bool](t, ctx, `taleClient.sent("sent"), true`)
	if pageEval[bool](t, ctx, `document.getElementById("waiting").hidden`) {
		t.Errorf("no waiting indicator while a command is in flight")
	}
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "<p>Done.</p>", special: []}), true`)
	if !pageEval[bool](t, ctx, `document.getElementById("waiting").hidden`) {
		t.Errorf("the waiting indicator stays after the answer")
	}

	// end: the ending view with a Restart button that sends "restart".
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "<p>*** You have won ***</p>", special: ["end"], ending: {id: "win", title: "The Light Burns", won: true}}), true`)
	pageWait(t, ctx, "the ending", `!document.getElementById("ending").hidden`)
	if got := pageEval[string](t, ctx, `document.getElementById("ending-title").textContent`); !strings.Contains(got, "The Light Burns") {
		t.Errorf("ending title = %q", got)
	}
	saveScreenshot(t, ctx, "ending-1280x800")
	pageDo(t, ctx, chromedp.Click(chromedp.ID("restart")))
	pageWait(t, ctx, "restart sent", lastEchoJS+` === "restart"`)
	if !pageEval[bool](t, ctx, `document.getElementById("ending").hidden`) {
		t.Errorf("the ending view stays after Restart")
	}
	// All of the restart is shown before the check below: its clear, then
	// every event the game emitted for it (a clear arriving late would
	// empty the pane under the check).
	pageWait(t, ctx, "the restart's clear", `!(`+paneOutJS+`).includes("You have won")`)
	waitAllShown(t, ctx, p.game)

	// clear empties the pane before the new text.
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "<p>A fresh page.</p>", special: ["clear"]}), true`)
	// (Later output of the restart may follow it; nothing may precede it.)
	if got := pageEval[string](t, ctx, `document.querySelector("#pane .entry").innerText`); got != "A fresh page." {
		t.Errorf("pane after clear starts with %q, want the new text", got)
	}
}

// TestBrowserScrollFollows: new text follows the bottom only while the
// reader is there; otherwise a button offers the way down.
func TestBrowserScrollFollows(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	pageDo(t, ctx, chromedp.EmulateViewport(800, 500))
	openStory(t, ctx, p.storyURL(""))
	add := `for (let i = 0; i < 40; i++) taleClient.handle({type: "text", text: "<p>Line " + i + " of a long page.</p>", special: []}); true`
	pageEval[bool](t, ctx, add)
	atBottom := `(p => p.scrollHeight - p.scrollTop - p.clientHeight <= 8)(document.getElementById("pane"))`
	if !pageEval[bool](t, ctx, atBottom) {
		t.Fatalf("the pane did not follow new text while at the bottom")
	}
	pageEval[bool](t, ctx, `document.getElementById("pane").scrollTop = 0, true`)
	pageEval[bool](t, ctx, add)
	if got := pageEval[int](t, ctx, `document.getElementById("pane").scrollTop`); got != 0 {
		t.Errorf("the pane scrolled to %d while the reader was reading back", got)
	}
	if pageEval[bool](t, ctx, `document.getElementById("new-text").hidden`) {
		t.Fatalf("no \"new text below\" button while reading back")
	}
	pageDo(t, ctx, chromedp.Click(chromedp.ID("new-text")))
	pageWait(t, ctx, "the way down", atBottom+` && document.getElementById("new-text").hidden`)
}

// TestBrowserServerGone: when the server stays away the page says so,
// offers Retry, and keeps trying.
func TestBrowserServerGone(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	// Quick attempts: the test does not wait out the real backoff.
	openStory(t, ctx, p.storyURL("retry_base_ms=20&retry_max_ms=40"))
	p.ts.Close() // no new connections
	p.closeFromServer(closeGoingAway)
	pageWait(t, ctx, "the unreachable notice", `document.getElementById("status").dataset.state === "unreachable" && !document.getElementById("retry").hidden`)
	if got := pageEval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(got, "not reachable") {
		t.Errorf("status = %q", got)
	}
	tries := pageEval[int](t, ctx, `taleClient.conn.stats.tries`)
	pageWait(t, ctx, "more attempts", fmt.Sprintf(`taleClient.conn.stats.tries > %d`, tries+3))
	saveScreenshot(t, ctx, "unreachable-1280x800")
}

// TestBrowserPing: the page pings over the WebSocket and the server answers.
func TestBrowserPing(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	// A short period for the test; it applies from the next connection on.
	pageEval[bool](t, ctx, `taleClient.conn.pingInterval = 200, taleClient.conn.drop(), true`)
	pageWait(t, ctx, "a pong", `taleClient.conn.connected && taleClient.conn.stats.pongs > 0`)
}

// TestBrowserTitleAndIcon: the tab is named after the story, and the page
// names an icon the server has (so browsers stop asking for /favicon.ico).
func TestBrowserTitleAndIcon(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	name := p.game.Session().Info().Name
	if name == "" {
		t.Fatal("the demo story has no name")
	}
	pageWait(t, ctx, "the story's name as the title", `document.title === `+jsQuote(name))
	href := pageEval[string](t, ctx, `(document.querySelector('link[rel="icon"]') || {}).href || ""`)
	if !strings.HasSuffix(href, "/tale/static/favicon.svg") {
		t.Fatalf("icon link = %q", href)
	}
	resp, err := p.ts.Client().Get(href)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "image/svg+xml") {
		t.Errorf("GET %s: %d %s", href, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// TestBrowserRestartAsksOnce: the ending's Restart button restarts the
// story; the driver's "Are you sure?" is answered for the player, who
// already said so by pressing the button.
func TestBrowserRestartAsksOnce(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "<p>OLD-PAGE-MARK</p>", special: []}), true`)
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "", special: ["end"], ending: {id: "drowned", title: "Lost", won: false}}), true`)
	pageWait(t, ctx, "the ending", `!document.getElementById("ending").hidden`)
	pageDo(t, ctx, chromedp.Click(chromedp.ID("restart")))
	// The restart clears the pane: the old page is gone without a question.
	pageWait(t, ctx, "the restart", `!(`+paneOutJS+`).includes("OLD-PAGE-MARK") && document.querySelectorAll("#pane .entry.out").length > 0`)
	waitQuiet(t, ctx)
	if !pageEval[bool](t, ctx, `document.getElementById("choices").hidden`) {
		t.Errorf("a confirmation menu is still open after Restart")
	}
	if n := countOut(t, ctx, "Are you sure"); n != 0 {
		t.Errorf("the restart question is still in the pane")
	}
	// Later menus are shown as usual.
	pageEval[bool](t, ctx, `taleClient.handle({type: "choices", prompt: "Pick", choices: [{choice_id: "yes", choice_text: "Yes"}, {choice_id: "no", choice_text: "No"}]}), true`)
	if pageEval[bool](t, ctx, `document.getElementById("choices").hidden`) {
		t.Errorf("a yes/no menu after the restart was answered without the player")
	}
}

// TestBrowserSidebarFollowsTheLastMessage: a text message carries the
// state known when it was rendered; the state message after it wins.
func TestBrowserSidebarFollowsTheLastMessage(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "<p>You walk.</p>", special: [], location: "Old Place", exits: "north", items: "", npcs: "", turns: 1}), true`)
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "", special: [], location: "New Place", exits: "south,west", items: "rope", npcs: "", turns: 2}), true`)
	got := pageEval[[]string](t, ctx, `[document.getElementById("location-name").textContent,
		Array.from(document.querySelectorAll("#exits button")).map(b => b.dataset.command).join(","),
		Array.from(document.querySelectorAll("#items button")).map(b => b.textContent).join(","),
		document.getElementById("turns").textContent]`)
	if strings.Join(got, "|") != "New Place|south,west|rope|2" {
		t.Errorf("sidebar = %q, want the last message's state", got)
	}
}

// TestBrowserSidebarHP: hp, max_hp and level show as one stat, with a
// label for screen readers, only in stories that send them.
func TestBrowserSidebarHP(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))
	hp := func() []string {
		return pageEval[[]string](t, ctx, `(r => [r.hidden ? "hidden" : "shown",
			r.querySelector("dt").textContent + " " + r.querySelector("dd").textContent,
			r.querySelector("dd").getAttribute("aria-label"), r.classList.contains("low") ? "low" : ""])(document.getElementById("hp-row"))`)
	}
	if got := hp(); got[0] != "hidden" {
		t.Errorf("HP shown in the demo, which has no fighting: %q", got)
	}
	for _, c := range []struct{ msg, want string }{
		{`{hp: 23, max_hp: 30, level: 2}`, "shown|HP 23/30 · level 2|Health: 23 of 30 hit points, level 2|"},
		{`{hp: 9, max_hp: 30, level: 2}`, "shown|HP 9/30 · level 2|Health: 9 of 30 hit points, level 2|low"},
		{`{max_hp: 30, level: 2}`, "shown|HP 0/30 · level 2|Health: 0 of 30 hit points, level 2|low"}, // hp 0 is omitted
		{`{}`, "hidden|HP 0/30 · level 2|Health: 0 of 30 hit points, level 2|low"},
	} {
		pageEval[bool](t, ctx, `taleClient.handle(Object.assign({type: "text", text: "", special: [], location: "Crypt", turns: 3}, `+c.msg+`)), true`)
		if got := strings.Join(hp(), "|"); got != c.want {
			t.Errorf("after %s the HP row is %q, want %q", c.msg, got, c.want)
		}
	}

	// On a phone the sidebar is a drawer: the top bar shows the HP too.
	top := `(e => getComputedStyle(e).display === "none" ? "" : e.textContent)(document.getElementById("hp-top"))`
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "", special: [], location: "Crypt", hp: 23, max_hp: 30, level: 2}), true`)
	if got := pageEval[string](t, ctx, top); got != "" {
		t.Errorf("the top bar shows %q on a desktop, where the sidebar has the HP", got)
	}
	pageDo(t, ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	waitPhone(t, ctx)
	if got := pageEval[string](t, ctx, top); got != "HP 23/30" {
		t.Errorf("the top bar on a phone shows %q, want %q", got, "HP 23/30")
	}
	checkFits(t, ctx)
	saveScreenshot(t, ctx, "hp-375x812")
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "", special: [], location: "Crypt"}), true`)
	if got := pageEval[string](t, ctx, top); got != "" {
		t.Errorf("the top bar on a phone shows %q in a story without fighting", got)
	}
}

package web

// Browser tests of a client that never gives up: it keeps trying through
// an outage of any length, tries at once when the player or the network
// is back, and never sends a command into a connection the player did not
// see come back.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// oldGiveUpAttempts is where the client used to stop for good (after about
// 50 s with the real delays); an outage test outlasts it.
const oldGiveUpAttempts = 8

// quickRetry makes the page's backoff short, so an outage of many
// attempts takes a second or two instead of minutes.
const quickRetry = "retry_base_ms=20&retry_max_ms=100"

// longRetry makes the first wait after a drop at least 5 minutes: a
// connection back within the test's deadline came from an immediate retry.
const longRetry = "retry_base_ms=600000&retry_max_ms=600000"

const cmdValueJS = `document.getElementById("cmd").value`

// statusState is the state the status line shows.
func statusState(t *testing.T, ctx context.Context) string {
	t.Helper()
	return pageEval[string](t, ctx, `document.getElementById("status").dataset.state`)
}

// waitReconnect waits for a connection newer than the connects-th.
func waitReconnect(t *testing.T, ctx context.Context, connects int) {
	t.Helper()
	pageWait(t, ctx, "the reconnect", fmt.Sprintf(`taleClient.conn.connected && taleClient.conn.stats.connects > %d`, connects))
}

// pressEnter presses Enter in the command input.
func pressEnter(t *testing.T, ctx context.Context) {
	t.Helper()
	pageDo(t, ctx, chromedp.SendKeys(chromedp.CSS("#cmd"), "\r"))
}

// TestBrowserBackoffShape evaluates the page's backoff: it doubles from the
// base, never passes the cap, and its jitter keeps each wait in the upper
// half of the step, however many attempts an outage takes.
func TestBrowserBackoffShape(t *testing.T) {
	p := serveDemo(t, true)
	ctx := newTab(t)
	openStory(t, ctx, p.storyURL(""))

	defaults := pageEval[map[string]float64](t, ctx, `TaleConnection.defaults`)
	base, ceiling := defaults["baseDelay"], defaults["maxDelay"]
	if got := pageEval[[]float64](t, ctx, `[taleClient.conn.baseDelay, taleClient.conn.maxDelay]`); got[0] != base || got[1] != ceiling {
		t.Errorf("a page without retry parameters waits %v..%v ms, want the defaults %v..%v", got[0], got[1], base, ceiling)
	}
	if base <= 0 || ceiling < 10*base {
		t.Fatalf("defaults base %v ms, cap %v ms: want a cap well above the base", base, ceiling)
	}
	delay := func(attempt int, rand float64) float64 {
		return pageEval[float64](t, ctx, fmt.Sprintf(`TaleConnection.backoffDelay(%d, %v, %v, %v)`, attempt, base, ceiling, rand))
	}
	step := base
	for attempt := 1; attempt <= 40; attempt++ {
		lo, hi := delay(attempt, 0), delay(attempt, 0.999999)
		if hi != step {
			t.Errorf("attempt %d: longest wait %v ms, want %v ms", attempt, hi, step)
		}
		if lo != step/2 {
			t.Errorf("attempt %d: shortest wait %v ms, want half the step, %v ms", attempt, lo, step/2)
		}
		if mid := delay(attempt, 0.5); mid < lo || mid > hi {
			t.Errorf("attempt %d: wait %v ms for rand 0.5 is outside %v..%v", attempt, mid, lo, hi)
		}
		step = min(2*step, ceiling)
	}
	// An outage of a million attempts still waits a finite, capped time.
	if got := delay(1_000_000, 0.999999); got != ceiling {
		t.Errorf("attempt 1e6: %v ms, want the cap %v ms", got, ceiling)
	}
	// Real randomness stays within the bounds too.
	if bad := pageEval[[]float64](t, ctx, fmt.Sprintf(`Array.from({length: 2000}, (_, i) => TaleConnection.backoffDelay(1 + i %% 12, %v, %v, Math.random()))
		.filter((d, i) => { const s = Math.min(%v, %v * 2 ** (i %% 12)); return d < s / 2 || d > s; })`, base, ceiling, ceiling, base)); len(bad) > 0 {
		t.Errorf("random waits outside their step's upper half: %v", bad)
	}

	// The page's URL can set the delays, within bounds a link cannot abuse.
	for _, c := range []struct {
		query    string
		min, max string // JavaScript expressions
	}{
		{quickRetry, "20", "100"},
		{"retry_base_ms=1&retry_max_ms=0", "TaleConnection.defaults.minSetDelay", "TaleConnection.defaults.minSetDelay"},
		{"retry_base_ms=1e12&retry_max_ms=junk", "TaleConnection.defaults.maxSetDelay", "TaleConnection.defaults.maxSetDelay"},
		{"retry_max_ms=5000", "TaleConnection.defaults.baseDelay", "5000"},
	} {
		openStory(t, ctx, p.storyURL(c.query))
		if !pageEval[bool](t, ctx, `taleClient.conn.baseDelay === `+c.min+` && taleClient.conn.maxDelay === `+c.max) {
			t.Errorf("?%s: delays %v, want %s..%s", c.query,
				pageEval[[]float64](t, ctx, `[taleClient.conn.baseDelay, taleClient.conn.maxDelay]`), c.min, c.max)
		}
	}
}

// TestBrowserOutageOutlastsTheOldGiveUp: the server is away for more
// attempts than the client used to make; the player's command typed
// meanwhile stays in the box; the server comes back with the same game and
// the client resumes by itself, missing nothing.
func TestBrowserOutageOutlastsTheOldGiveUp(t *testing.T) {
	for _, ws := range []bool{true, false} {
		name := map[bool]string{true: "WebSocket", false: "EventSource"}[ws]
		t.Run(name, func(t *testing.T) {
			o := serveOutage(t, newDemoGame(t), Config{WebSocket: ws})
			ctx := newTab(t)
			openStory(t, ctx, o.storyURL(quickRetry))
			transport := pageEval[string](t, ctx, `taleClient.conn.transport`)
			typeCommand(t, ctx, "say alpha-one")
			waitOut(t, ctx, "alpha-one")
			waitQuiet(t, ctx)
			connects := pageEval[int](t, ctx, `taleClient.conn.stats.connects`)
			echoes := pageEval[int](t, ctx, `document.querySelectorAll("#pane .entry.in").length`)

			o.down()
			o.game.send(t, "say beta-two") // the game goes on without this page
			pageWait(t, ctx, "more attempts than the old client made", fmt.Sprintf(`taleClient.conn.attempts > %d`, oldGiveUpAttempts+4))
			if got := statusState(t, ctx); got != "unreachable" {
				t.Errorf("status during the outage = %q, want unreachable", got)
			}
			if pageEval[bool](t, ctx, `document.getElementById("retry").hidden`) {
				t.Errorf("no Retry button during the outage")
			}

			// Enter while down: nothing is sent, nothing is lost, the page says why.
			typeCommand(t, ctx, "say gamma-three")
			pageWait(t, ctx, "the not-connected note", `(n => n && n.textContent.includes("Not connected"))(document.querySelector("#pane .entry.note.held"))`)
			if got := pageEval[string](t, ctx, cmdValueJS); got != "say gamma-three" {
				t.Errorf("the box holds %q after Enter while down, want the command kept", got)
			}
			if n := pageEval[int](t, ctx, `document.querySelectorAll("#pane .entry.in").length`); n != echoes {
				t.Errorf("the command typed while down was echoed as if sent")
			}
			if got := pageEval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(got, "Offline") {
				t.Errorf("status = %q, want it to say the page is offline", got)
			}
			// Enter again: still one note, still nothing sent.
			pressEnter(t, ctx)
			if n := pageEval[int](t, ctx, `document.querySelectorAll("#pane .entry.note.held").length`); n != 1 {
				t.Errorf("%d not-connected notes after a second Enter, want 1", n)
			}
			saveScreenshot(t, ctx, "outage-"+strings.ToLower(name)+"-1280x800")

			o.up()
			waitReconnect(t, ctx, connects)
			waitOut(t, ctx, "beta-two")
			if got := pageEval[string](t, ctx, `taleClient.conn.transport`); got != transport {
				t.Errorf("transport after the outage = %q, want %q as before", got, transport)
			}
			if got := statusState(t, ctx); got != "connected" {
				t.Errorf("status after the outage = %q, want connected", got)
			}
			if !pageEval[bool](t, ctx, `document.getElementById("retry").hidden && document.getElementById("status-timer").hidden`) {
				t.Errorf("Retry or the countdown still shows once connected")
			}
			pageWait(t, ctx, "the connected-again note", `document.querySelector("#pane .entry.note.back") !== null`)
			if n := countOut(t, ctx, "gamma-three"); n != 0 {
				t.Fatalf("the command typed while down was sent by itself")
			}
			// The player sends it now.
			pressEnter(t, ctx)
			waitOut(t, ctx, "gamma-three")
			waitQuiet(t, ctx)
			if got := pageEval[string](t, ctx, cmdValueJS); got != "" {
				t.Errorf("the box holds %q after sending", got)
			}
			for _, s := range []string{"alpha-one", "beta-two", "gamma-three"} {
				if n := countOut(t, ctx, s); n != 1 {
					t.Errorf("%q shows %d times in the pane, want once", s, n)
				}
			}
		})
	}
}

// TestBrowserNothingTypedWhileDownReachesANewGame: the server comes back
// with a new game (a restart: no resume); what the player typed, clicked
// or picked while it was down is not sent into it.
func TestBrowserNothingTypedWhileDownReachesANewGame(t *testing.T) {
	o := serveOutage(t, newDemoGame(t), Config{WebSocket: true})
	ctx := newTab(t)
	openStory(t, ctx, o.storyURL(quickRetry))
	start := pageEval[string](t, ctx, `document.getElementById("location-name").textContent`)
	exit := firstExit(t, ctx)
	connects := pageEval[int](t, ctx, `taleClient.conn.stats.connects`)
	oldSession := pageEval[string](t, ctx, `taleClient.conn.session`)

	o.down()
	pageWait(t, ctx, "the page to notice", `!taleClient.conn.connected`)
	// A click on an exit while down: nothing is sent; the command waits in
	// the empty box.
	pageDo(t, ctx, chromedp.Click(chromedp.CSS(`#exits button[data-command=`+jsQuote(exit)+`]`)))
	if got := pageEval[string](t, ctx, cmdValueJS); got != exit {
		t.Errorf("the box holds %q after clicking exit %q while down, want the exit", got, exit)
	}
	setCmdInput(t, ctx, "")
	typeCommand(t, ctx, "say sigma-typed-while-down")
	pageWait(t, ctx, "the not-connected note", `document.querySelector("#pane .entry.note.held") !== null`)

	o.restartWith(newDemoGame(t))
	waitReconnect(t, ctx, connects)
	if got := pageEval[string](t, ctx, `taleClient.conn.session`); got == oldSession {
		t.Fatalf("the new game kept the old session %q", got)
	}
	pageWait(t, ctx, "the new-game note", `Array.from(document.querySelectorAll("#pane .entry.note")).some(n => n.textContent.includes("new game"))`)
	if got := pageEval[string](t, ctx, cmdValueJS); got != "say sigma-typed-while-down" {
		t.Errorf("the box holds %q in the new game, want the line typed while down, kept", got)
	}
	// The player clears the box and plays on. Whatever the page had sent by
	// itself on connecting would have reached the game before this.
	setCmdInput(t, ctx, "")
	typeCommand(t, ctx, "say omega-new")
	waitOut(t, ctx, "omega-new")
	waitQuiet(t, ctx)
	if n := countOut(t, ctx, "sigma-typed-while-down"); n != 0 {
		t.Errorf("the line typed while down reached the new game")
	}
	if got := pageEval[string](t, ctx, `document.getElementById("location-name").textContent`); got != start {
		t.Errorf("the new game's player is in %q, want the start %q: the exit clicked while down was sent", got, start)
	}
}

// TestBrowserRetriesAtOnceWhenThePlayerIsBack: with the next attempt minutes
// away, focus, a tab shown again, or the network coming back makes one at once.
func TestBrowserRetriesAtOnceWhenThePlayerIsBack(t *testing.T) {
	o := serveOutage(t, newDemoGame(t), Config{WebSocket: true})
	ctx := newTab(t)
	openStory(t, ctx, o.storyURL(longRetry))
	offline := func(off bool) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, t, network.OverrideNetworkState, network.OverrideNetworkStateParams{
				Offline: off, DownloadThroughput: -1, UploadThroughput: -1,
			})
			return chromedp.Void{}, err
		}
	}
	for _, c := range []struct {
		event string
		do    func()
	}{
		{"focus", func() { pageEval[bool](t, ctx, `window.dispatchEvent(new FocusEvent("focus")), true`) }},
		{"visibilitychange", func() {
			pageEval[bool](t, ctx, `document.visibilityState === "visible" && document.dispatchEvent(new Event("visibilitychange")), true`)
		}},
		{"online", func() { pageDo(t, ctx, offline(true), offline(false)) }},
	} {
		connects := pageEval[int](t, ctx, `taleClient.conn.stats.connects`)
		o.down()
		pageWait(t, ctx, "a long wait before the next attempt", `!taleClient.conn.connected && taleClient.conn.nextTry - Date.now() > 60000`)
		o.up()
		c.do()
		pageWait(t, ctx, "the reconnect after "+c.event, fmt.Sprintf(`taleClient.conn.connected && taleClient.conn.stats.connects > %d`, connects))
		if left := pageEval[float64](t, ctx, `taleClient.conn.nextTry`); left != 0 {
			t.Errorf("%s: an attempt is still planned after the connection is back", c.event)
		}
	}
	// The player pressing Enter is a sign too; the line stays in the box.
	connects := pageEval[int](t, ctx, `taleClient.conn.stats.connects`)
	o.down()
	pageWait(t, ctx, "a long wait before the next attempt", `!taleClient.conn.connected && taleClient.conn.nextTry - Date.now() > 60000`)
	o.up()
	typeCommand(t, ctx, "look")
	waitReconnect(t, ctx, connects)
	if got := pageEval[string](t, ctx, cmdValueJS); got != "look" {
		t.Errorf("the box holds %q after Enter while down, want the command kept", got)
	}
}

// TestBrowserFallbackWaitsForAServer: a connection that starts while the
// server is down (a page from the browser's cache, a server restarting)
// sees the WebSocket fail before it opened, as on a server without one;
// it still uses the WebSocket once the server is back.
func TestBrowserFallbackWaitsForAServer(t *testing.T) {
	o := serveOutage(t, newDemoGame(t), Config{WebSocket: true})
	ctx := newTab(t)
	openStory(t, ctx, o.storyURL(""))
	o.down()
	pageEval[bool](t, ctx, `window.fresh = new TaleConnection({baseDelay: 20, maxDelay: 100}), fresh.connect(), true`)
	t.Cleanup(func() { chromedp.Run(ctx, chromedp.Evaluate[bool](`window.fresh.close(), true`)) })
	pageWait(t, ctx, "a fallback to EventSource that failed too", `fresh.stats.fallbacks > 0 && fresh.attempts > 2`)
	o.up()
	pageWait(t, ctx, "the connection", `fresh.connected`)
	if got := pageEval[string](t, ctx, `fresh.transport`); got != "websocket" {
		t.Errorf("transport once the server is back = %q, want websocket", got)
	}
}

// TestBrowserStatusLineFitsAPhone: on a 375 px phone, in a story with hit
// points, every state of the connection fits the top bar: the status text
// is whole, Retry and the countdown are on screen, nothing scrolls sideways.
func TestBrowserStatusLineFitsAPhone(t *testing.T) {
	o := serveOutage(t, newDemoGame(t), Config{WebSocket: true})
	ctx := newTab(t)
	pageDo(t, ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	openStory(t, ctx, o.storyURL("retry_base_ms=20&retry_max_ms=600000")) // unreachable soon, then long waits
	waitPhone(t, ctx)
	pageEval[bool](t, ctx, `taleClient.handle({type: "text", text: "", special: [], location: "Crypt", hp: 123, max_hp: 130, level: 12}), true`)

	check := func(what string) {
		t.Helper()
		bad := pageEval[[]string](t, ctx, `(() => {
			const bad = [], vw = window.innerWidth;
			const st = document.getElementById("status");
			if (st.scrollWidth > st.clientWidth) bad.push("status text cut: " + st.scrollWidth + " > " + st.clientWidth + " px");
			for (const id of ["status", "status-timer", "retry", "hp-top", "drawer-toggle"]) {
				const e = document.getElementById(id);
				if (!e || e.hidden || getComputedStyle(e).display === "none") continue;
				const r = e.getBoundingClientRect();
				if (r.left < 0 || r.right > vw || r.width === 0) bad.push(id + " spans " + Math.round(r.left) + ".." + Math.round(r.right) + " px");
			}
			if (document.documentElement.scrollWidth > vw) bad.push("page is " + document.documentElement.scrollWidth + " px wide");
			return bad;
		})()`)
		if len(bad) > 0 {
			t.Errorf("%s at 375 px (%q): %s", what, pageEval[string](t, ctx, `document.querySelector(".status-line").innerText`), strings.Join(bad, "; "))
		}
	}
	check("connected")

	// A real outage: reconnecting, then not reachable with a countdown and Retry.
	o.down()
	pageWait(t, ctx, "the drop", `document.getElementById("status").dataset.state !== "connected"`)
	check("the first moments of an outage")
	pageWait(t, ctx, "the unreachable state", `document.getElementById("status").dataset.state === "unreachable" && !document.getElementById("retry").hidden`)
	check("unreachable")
	saveScreenshot(t, ctx, "unreachable-375x812")
	o.up()
	pageWait(t, ctx, "the reconnect", `taleClient.conn.connected`)
	check("connected again")

	// The other states, and the widest countdowns, as the transport reports
	// them (connected now, so no real report comes in between).
	for _, c := range []struct{ state, info string }{
		{"unreachable", `{delay: 59000, at: Date.now() + 59000}`},
		{"unreachable", `{delay: 600000, at: Date.now() + 600000}`},
		{"reconnecting", `{trying: true}`},
		{"connecting", `{}`},
		{"connected", `{transport: "eventsource"}`},
		{"ended", `{}`},
		{"unsupported", `{}`},
	} {
		pageEval[bool](t, ctx, `taleClient.showStatus(`+jsQuote(c.state)+`, `+c.info+`), true`)
		check(c.state + " " + c.info)
	}
}

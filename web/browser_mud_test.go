package web

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tale-if/tale/driver"
)

// newPrivateTab is newTab in a browser context of its own (as a private
// window is): its own cookies, so its own seat, so its own player.
func newPrivateTab(t *testing.T) context.Context {
	t.Helper()
	newTab(t) // starts the shared browser, or skips
	tab, cancel := chromedp.NewContext(browserShared.ctx, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 800)); err != nil {
		cancel()
		t.Fatalf("opening a private tab: %v", err)
	}
	ctx, stop := context.WithTimeout(tab, 2*browserWait)
	t.Cleanup(func() { stop(); cancel() })
	return ctx
}

// playersJS is the Players section of the sidebar, as names.
const playersJS = `Array.from(document.querySelectorAll("#players .chip-player")).map(b => b.textContent).join(",")`

// Two people in two browsers join one world by name, see each other in
// the sidebar, read each other's speech set apart from the narration (and
// escaped), and one leaves and joins again from the ending's button.
func TestBrowserMUDTwoPlayers(t *testing.T) {
	ts := startMUD(t, driver.Options{}, nil)
	ann, bob := newPrivateTab(t), newPrivateTab(t)
	join := func(tab context.Context, name string) {
		openStory(t, tab, ts.url+"/tale/story")
		waitOut(t, tab, "What is your name?")
		if !pageEval[bool](t, tab, `document.body.dataset.mode === "mud" && !document.getElementById("players-section").hidden`) {
			t.Errorf("%s: the page does not show the Players section of a shared world", name)
		}
		typeCommand(t, tab, name)
		waitOut(t, tab, "The Slipway")
	}
	join(ann, "ann")
	join(bob, "bob")
	pageWait(t, ann, "Bob in Ann's sidebar", playersJS+` === "Bob"`)
	pageWait(t, bob, "Ann in Bob's sidebar", playersJS+` === "Ann"`)

	// Speech styles: a rule beside each paragraph of speech, drawn its
	// own way for each kind (style.css), and none beside narration.
	speechStyle := func(tab context.Context, kind, text string) string {
		return pageEval[string](t, tab, `(function () {
			var p = Array.from(document.querySelectorAll("#pane p.speech-`+kind+`")).find(p => p.innerText.includes(`+strconv.Quote(text)+`));
			return p ? getComputedStyle(p).borderLeftStyle : "none";
		})()`)
	}
	waitOut(t, ann, "Bob appears.")
	if pageEval[bool](t, ann, `Array.from(document.querySelectorAll("#pane [class*=speech-]")).some(p => p.innerText.includes("Bob appears"))`) {
		t.Error("Bob's arrival is marked as speech on Ann's page")
	}
	typeCommand(t, bob, "say hello <b>Ann</b>")
	waitOut(t, ann, "Bob says: “hello <b>Ann</b>”")
	if !pageEval[bool](t, ann, `Array.from(document.querySelectorAll("#pane p.speech-say")).some(p => p.innerText.includes("Bob says"))`) {
		t.Error("Bob's say is not marked as speech on Ann's page")
	}
	if got := speechStyle(ann, "say", "Bob says"); got != "solid" {
		t.Errorf("Bob's say has a %q rule on Ann's page, want solid", got)
	}
	if pageEval[bool](t, ann, `document.querySelector("#pane .out b") !== null`) {
		t.Error("what Bob typed became HTML on Ann's page")
	}
	typeCommand(t, ann, "emote waves back")
	waitOut(t, bob, "Ann waves back")
	if !pageEval[bool](t, bob, `Array.from(document.querySelectorAll("#pane p.speech-emote")).some(p => p.innerText.includes("Ann waves back"))`) {
		t.Error("Ann's emote is not marked on Bob's page")
	}
	if got := speechStyle(bob, "emote", "Ann waves back"); got != "dotted" {
		t.Errorf("Ann's emote has a %q rule on Bob's page, want dotted", got)
	}
	typeCommand(t, ann, "tell bob psst")
	waitOut(t, bob, "Ann tells you: “psst”")
	if !pageEval[bool](t, bob, `Array.from(document.querySelectorAll("#pane p.speech-tell")).some(p => p.innerText.includes("psst"))`) {
		t.Error("Ann's tell is not marked on Bob's page")
	}
	if got := speechStyle(bob, "tell", "psst"); got != "dashed" {
		t.Errorf("Ann's tell has a %q rule on Bob's page, want dashed", got)
	}

	// Clicking a player starts a tell in the command line.
	pageDo(t, ann, chromedp.Click(chromedp.CSS(`#players .chip-player`)))
	if got := pageEval[string](t, ann, `document.getElementById("cmd").value`); got != "tell Bob " {
		t.Errorf("clicking Bob put %q in the command line, want \"tell Bob \"", got)
	}
	setCmdInput(t, ann, "")

	typeCommand(t, ann, "quit")
	waitOut(t, ann, "Are you sure")
	typeCommand(t, ann, "yes")
	pageWait(t, ann, "the ending offering to join again",
		`!document.getElementById("ending").hidden && document.getElementById("restart").textContent === "Join again" && document.body.dataset.connection === "ended"`)
	waitOut(t, bob, "Ann has left the game.")
	pageWait(t, bob, "Ann gone from Bob's sidebar", playersJS+` === ""`)

	pageDo(t, ann, chromedp.Click(chromedp.CSS(`#restart`)))
	pageWait(t, ann, "a clear screen asking for a name again", `taleClient.conn.connected && document.getElementById("ending").hidden && (`+
		paneOutJS+`).includes("What is your name?") && !(`+paneOutJS+`).includes("The Slipway")`)
	typeCommand(t, ann, "ann")
	waitOut(t, ann, "The Slipway")
	waitOut(t, bob, "Ann appears.")
	pageWait(t, ann, "Bob in Ann's sidebar again", playersJS+` === "Bob"`)
}

package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// submitForm fills the fields of the form #id and submits it, as a person
// does, then waits for the page it answers with.
func submitForm(t *testing.T, ctx context.Context, id string, fields map[string]string) {
	t.Helper()
	for name, v := range fields {
		sel := "#" + id + ` input[name="` + name + `"]`
		pageDo(t, ctx, chromedp.SendKeys(chromedp.CSS(sel), v))
	}
	pageEval[bool](t, ctx, `(window.__before = true)`) // gone once the answer's page loads
	pageDo(t, ctx, chromedp.Click(chromedp.CSS("#"+id+` button[type="submit"]`)))
	// The page is replaced under the poll: a failed evaluation is the
	// navigation in progress, so ask again.
	cond := `!window.__before && document.readyState === "complete" && !!document.getElementById("who")`
	deadline := time.Now().Add(browserWait)
	for {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no answer to the %s form", id)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// Two browsers play their own games; one creates an account from the
// account page's form and keeps its game, logs out, fails a login with
// the one sentence for every failure, and logs in again to its game.
func TestBrowserAccountsAndOwnGames(t *testing.T) {
	h := startHosted(t, true, nil)
	a, b := newPrivateTab(t), newPrivateTab(t)
	story := h.url + "/tale/story"
	openStory(t, a, story)
	openStory(t, b, story)
	typeCommand(t, a, "north")
	waitOut(t, a, "Cliff Path")
	typeCommand(t, b, "look")
	pageWait(t, b, "the second visitor's look", `(`+paneOutJS+`).split("The Slipway").length > 2`)
	if n := countOut(t, b, "Cliff Path"); n != 0 {
		t.Fatalf("the second browser shows the first one's walk")
	}

	pageDo(t, a, chromedp.Navigate(h.url+"/tale/account"))
	pageWait(t, a, "the account page", `!!document.getElementById("create")`)
	if typ := pageEval[string](t, a, `document.querySelector('#create input[name="password"]').type`); typ != "password" {
		t.Fatalf("the password field is a %q input: the password would show", typ)
	}
	submitForm(t, a, "create", map[string]string{"name": "alice", "password": "correct horse"})
	if who := pageEval[string](t, a, `document.getElementById("who").textContent`); !strings.Contains(who, "alice") {
		t.Fatalf("after creating the account the page says %q", who)
	}
	openStory(t, a, story)
	typeCommand(t, a, "look")
	pageWait(t, a, "the guest's game, now the account's", `(`+paneOutJS+`).includes("Cliff Path")`)

	pageDo(t, a, chromedp.Navigate(h.url+"/tale/account"))
	pageWait(t, a, "the account page", `!!document.getElementById("logout")`)
	submitForm(t, a, "logout", nil)
	submitForm(t, a, "login", map[string]string{"name": "alice", "password": "not the password"})
	if msg := pageEval[string](t, a, `(document.getElementById("message")||{}).textContent || ""`); msg != "Invalid name or password." {
		t.Fatalf("a wrong password reads %q", msg)
	}
	submitForm(t, a, "login", map[string]string{"name": "alice", "password": "correct horse"})
	openStory(t, a, story)
	typeCommand(t, a, "look")
	pageWait(t, a, "alice's game after logging in", `(`+paneOutJS+`).includes("Cliff Path")`)
}

package main

import (
	"log/slog"
	"testing"

	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/narrate"
)

// In hosted mode every visitor's game has one player under the same id;
// the token budget is still each visitor's own: one who has spent the
// hour's tokens does not stop the narration of another.
func TestHostedNarratorsBudgetPerVisitor(t *testing.T) {
	fake := llmtest.New(llmtest.Behaviour{})
	defer fake.Close()
	n := narrationOptions{url: fake.BaseURL(), keyEnv: defaultKeyEnv, timeout: narrate.DefaultTimeout,
		concurrency: 1, tokensPerHour: 1}
	eng, err := openNarrationEngine(&n, "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	loaded, err := loadStory("demo")
	if err != nil {
		t.Fatal(err)
	}
	open := hostedNarrators(eng, loaded.story)
	ann, closeAnn := open("ann")
	defer closeAnn()
	bob, closeBob := open("bob")
	defer closeBob()
	// Dialogue is never cached, so each one is a request.
	ask := func(id uint64) narrate.Request {
		return narrate.Request{ID: id, Player: "player", Kind: narrate.Dialogue, Facts: "A quay.", Said: "Fine weather."}
	}
	if got := ann.Submit(ask(1)); got != narrate.Queued {
		t.Fatalf("ann's first request: %v", got)
	}
	if got := ann.Submit(ask(2)); got != narrate.OverBudget {
		t.Fatalf("ann's second request, over her budget: %v", got)
	}
	if got := bob.Submit(ask(1)); got != narrate.Queued {
		t.Errorf("bob's first request, after ann spent hers: %v", got)
	}
}

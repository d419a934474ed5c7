package llm_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/tale-if/tale/llm"
)

// TestRealServer talks to a real model when TALE_LLM_URL names one (for
// example http://127.0.0.1:8080/v1), with TALE_LLM_MODEL and the key in
// TALE_LLM_KEY if it needs them.
func TestRealServer(t *testing.T) {
	base := os.Getenv("TALE_LLM_URL")
	if base == "" {
		t.Skip("TALE_LLM_URL is not set: this test needs a real OpenAI-compatible server, and the fake one covers the rest")
	}
	c, err := llm.New(llm.Config{BaseURL: base, Model: os.Getenv("TALE_LLM_MODEL"), APIKeyEnv: "TALE_LLM_KEY", Timeout: 2 * time.Minute, MaxTokens: 60})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Probe(context.Background()); err != nil {
		t.Logf("probe: %v (some servers have no /models; going on)", err)
	}
	var pieces int
	res, err := c.Stream(context.Background(), llm.Request{Messages: []llm.Message{
		{Role: "system", Content: "You narrate a text adventure in one short sentence."},
		{Role: "user", Content: "Rewrite: You are in a small kitchen. A door leads north."},
	}}, func(string) bool { pieces++; return true })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pieces, usage %+v, done %v: %q", pieces, res.Usage, res.Done, res.Text)
	if pieces == 0 || res.Text == "" {
		t.Fatal("no text streamed")
	}
}

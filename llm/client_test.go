package llm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tale-if/tale/llm"
	"github.com/tale-if/tale/llm/llmtest"
)

func newClient(t *testing.T, srv *llmtest.Server, mod func(*llm.Config)) *llm.Client {
	t.Helper()
	cfg := llm.Config{BaseURL: srv.BaseURL(), Model: "fake", Timeout: 5 * time.Second}
	if mod != nil {
		mod(&cfg)
	}
	c, err := llm.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func chat(user string) llm.Request {
	return llm.Request{Messages: []llm.Message{{Role: "system", Content: "You narrate."}, {Role: "user", Content: user}}}
}

func TestStreamDeliversPiecesInOrder(t *testing.T) {
	srv := llmtest.New(llmtest.Behaviour{Reply: "Dust drifts through the long hall, gold in the lamplight.", ChunkBytes: 5, PromptTokens: 40, CompletionTokens: 12})
	defer srv.Close()
	var pieces []string
	res, err := newClient(t, srv, nil).Stream(context.Background(), chat("The hall."), func(s string) bool {
		pieces = append(pieces, s)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pieces) < 5 || strings.Join(pieces, "") != res.Text || res.Text != "Dust drifts through the long hall, gold in the lamplight." {
		t.Fatalf("pieces %q, text %q", pieces, res.Text)
	}
	if !res.Done || res.Usage != (llm.Usage{PromptTokens: 40, CompletionTokens: 12}) || res.Finish != "stop" {
		t.Fatalf("result %+v", res)
	}
	got := srv.Received()[0]
	if !got.Stream || got.Model != "fake" || got.MaxTokens != llm.DefaultMaxTokens || got.Messages[1].Content != "The hall." {
		t.Fatalf("the server received %+v", got)
	}
}

func TestStreamWithoutDoneOrUsageKeepsTheText(t *testing.T) {
	srv := llmtest.New(llmtest.Behaviour{Reply: "A cold wind.", NoDone: true, NoUsage: true})
	defer srv.Close()
	res, err := newClient(t, srv, nil).Stream(context.Background(), chat("x"), nil)
	if err != nil || res.Text != "A cold wind." || res.Done || res.Usage != (llm.Usage{}) {
		t.Fatalf("%+v, %v", res, err)
	}
}

func TestMalformedChunksAreSkipped(t *testing.T) {
	srv := llmtest.New(llmtest.Behaviour{Reply: "Rain on the roof.", Malformed: true})
	defer srv.Close()
	res, err := newClient(t, srv, nil).Stream(context.Background(), chat("x"), nil)
	if err != nil || res.Text != "Rain on the roof." || res.Malformed == 0 {
		t.Fatalf("%+v, %v", res, err)
	}
}

func TestAServerIgnoringStreamIsUnderstood(t *testing.T) {
	srv := llmtest.New(llmtest.Behaviour{Reply: "Whole.", Whole: true})
	defer srv.Close()
	var pieces []string
	res, err := newClient(t, srv, nil).Stream(context.Background(), chat("x"), func(s string) bool { pieces = append(pieces, s); return true })
	if err != nil || res.Text != "Whole." || len(pieces) != 1 || !res.Done {
		t.Fatalf("%+v, %q, %v", res, pieces, err)
	}
}

func TestFailingServerIsOneErrorWithItsReason(t *testing.T) {
	srv := llmtest.New(llmtest.Behaviour{Status: 503, Body: `{"error":{"message":"model is loading"}}` + "\x1b[2J"})
	defer srv.Close()
	_, err := newClient(t, srv, nil).Stream(context.Background(), chat("x"), nil)
	var se *llm.StatusError
	if !errors.As(err, &se) || se.Status != 503 || !strings.Contains(err.Error(), "model is loading") || strings.Contains(err.Error(), "\x1b") {
		t.Fatalf("error %q", err)
	}
}

func TestInBandErrorIsAnError(t *testing.T) {
	srv := llmtest.New(llmtest.Behaviour{Reply: "Half a sentence and", ErrorAfter: "out of memory"})
	defer srv.Close()
	_, err := newClient(t, srv, nil).Stream(context.Background(), chat("x"), nil)
	var se *llm.StreamError
	if !errors.As(err, &se) || se.Message != "out of memory" {
		t.Fatalf("error %v", err)
	}
}

func TestHangingServerTimesOut(t *testing.T) {
	for _, b := range []llmtest.Behaviour{{Hang: true}, {Reply: "Slow words arrive.", HangAfter: 1}} {
		srv := llmtest.New(b)
		c := newClient(t, srv, func(c *llm.Config) { c.Timeout = 200 * time.Millisecond })
		_, err := c.Stream(context.Background(), chat("x"), nil)
		if !errors.Is(err, llm.ErrTimeout) {
			t.Errorf("%+v: error %v, want a timeout", b, err)
		}
		srv.Close()
	}
}

func TestDeadServerIsAnError(t *testing.T) {
	srv := llmtest.New(llmtest.Behaviour{})
	c := newClient(t, srv, nil)
	srv.Close()
	if _, err := c.Stream(context.Background(), chat("x"), nil); err == nil {
		t.Fatal("no error from a closed server")
	}
	if err := c.Probe(context.Background()); err == nil {
		t.Fatal("the probe found a closed server")
	}
}

func TestMegabyteReplyCostsAtMostTheBound(t *testing.T) {
	const bound = 32 << 10
	for _, b := range []llmtest.Behaviour{{Reply: llmtest.Megabyte, ChunkBytes: 512}, {Reply: llmtest.Megabyte, Whole: true}, {Reply: llmtest.Megabyte, ChunkBytes: 1 << 20}} {
		srv := llmtest.New(b)
		c := newClient(t, srv, func(c *llm.Config) { c.MaxResponseBytes = bound })
		var seen int
		res, err := c.Stream(context.Background(), chat("x"), func(s string) bool { seen += len(s); return true })
		srv.Close()
		if b.Whole || b.ChunkBytes == 1<<20 {
			// One object larger than the bound: nothing usable arrived.
			if err == nil && len(res.Text) > bound {
				t.Errorf("whole=%v: %d bytes of text", b.Whole, len(res.Text))
			}
			continue
		}
		if err != nil || !res.Truncated || len(res.Text) > bound || seen != len(res.Text) || len(res.Text) == 0 {
			t.Errorf("chunked: %d bytes, truncated %v, err %v", len(res.Text), res.Truncated, err)
		}
	}
}

func TestStoppingEarlyCancelsTheStream(t *testing.T) {
	srv := llmtest.New(llmtest.Behaviour{Reply: strings.Repeat("word ", 200), ChunkBytes: 5})
	defer srv.Close()
	n := 0
	res, err := newClient(t, srv, nil).Stream(context.Background(), chat("x"), func(string) bool { n++; return n < 3 })
	if err != nil || n != 3 || res.Text != "word word word " {
		t.Fatalf("%d pieces, %q, %v", n, res.Text, err)
	}
}

// The key reaches the server and nothing else: not the client's printed
// form, not an error built from a server that echoes it back.
func TestAPIKeyIsNeverShown(t *testing.T) {
	const key = "sk-test-0123456789secret"
	t.Setenv("TALE_TEST_LLM_KEY", key)
	srv := llmtest.New(llmtest.Behaviour{Status: 401, Body: `{"error":{"message":"bad key Bearer ` + key + `"}}`})
	defer srv.Close()
	c := newClient(t, srv, func(c *llm.Config) { c.APIKeyEnv = "TALE_TEST_LLM_KEY" })
	_, err := c.Stream(context.Background(), chat("x"), nil)
	perr := c.Probe(context.Background())
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprintf("%+v", *c), err.Error()} {
		if strings.Contains(s, key) {
			t.Errorf("the key shows in %q", s)
		}
	}
	if perr != nil && strings.Contains(perr.Error(), key) {
		t.Errorf("the key shows in the probe's error %q", perr)
	}
	if !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("error %q: the echo was not redacted", err)
	}
	if got := srv.Received()[0].Authorization; got != "Bearer "+key {
		t.Errorf("the server got Authorization %q", got)
	}
}

func TestConfigRefusesWhatItCannotUse(t *testing.T) {
	for _, cfg := range []llm.Config{{}, {BaseURL: "ftp://x/v1"}, {BaseURL: "http://user:sk-secret@host/v1"}, {BaseURL: "http://h/v1", Timeout: -1}} {
		_, err := llm.New(cfg)
		if err == nil {
			t.Errorf("%+v accepted", cfg)
		} else if strings.Contains(err.Error(), "sk-secret") {
			t.Errorf("error %q shows the key", err)
		}
	}
}

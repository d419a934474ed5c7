package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/llm/llmtest"
	"github.com/tale-if/tale/tio"
)

// parseNarration runs the --llm-* flags through a cli app as main does.
func parseNarration(t *testing.T, args ...string) (narrationOptions, error) {
	t.Helper()
	var got narrationOptions
	var err error
	app := &cli.App{Flags: narrationFlags(), Action: func(c *cli.Context) error {
		got, err = narrationFrom(c)
		return nil
	}}
	if runErr := app.Run(append([]string{"tale"}, args...)); runErr != nil {
		t.Fatal(runErr)
	}
	return got, err
}

func TestNarrationFlags(t *testing.T) {
	n, err := parseNarration(t)
	if err != nil || n.url != "" {
		t.Fatalf("no flags: %+v, %v", n, err)
	}
	const key = "sk-proj-THISISASECRET"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--llm-model", "x"}, "--llm-model needs --llm-url"},
		{[]string{"--llm-url", "http://127.0.0.1:1/v1", "--llm-key-env", key}, "not the key itself"},
		{[]string{"--llm-url", "http://127.0.0.1:1/v1", "--llm-concurrency", "0"}, "at least 1"},
		{[]string{"--llm-url", "http://127.0.0.1:1/v1", "--llm-tokens-per-hour", "0"}, "-1 for no limit"},
	} {
		_, err := parseNarration(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "SECRET") {
			t.Errorf("%v: %v, want an error saying %q (and no key)", c.args, err, c.want)
		}
	}
}

// The wiring main uses narrates the demo against the fake server: the
// key comes from the variable --llm-key-env names and reaches the server,
// never the log; the look's narration follows it.
func TestOpenNarrationNarratesTheDemo(t *testing.T) {
	fake := llmtest.New(llmtest.Behaviour{Reply: "Rain needles the slipway."})
	t.Cleanup(fake.Close)
	t.Setenv("TALE_TEST_KEY", "k-123456")
	n, err := parseNarration(t, "--llm-url", fake.BaseURL(), "--llm-key-env", "TALE_TEST_KEY")
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := loadStory("demo")
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	nar, closeNarration, err := openNarration(&n, t.TempDir(), loaded.story, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeNarration)
	g, err := driver.New(loaded.story, driver.Options{DataDir: t.TempDir(), Logger: log, Narrator: nar})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	sub, err := g.Session().Subscribe(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sub.Cancel)
	if err := g.Session().Send(t.Context(), tio.Line("look")); err != nil {
		t.Fatal(err)
	}
	for {
		select {
		case ev := <-sub.Events:
			if ev.Kind != tio.KindNarration || !ev.Narration.Final {
				continue
			}
			if ev.Narration.Text != "Rain needles the slipway." {
				t.Errorf("narration %q", ev.Narration.Text)
			}
			got := fake.Received()
			if got[0].Authorization != "Bearer k-123456" || !strings.Contains(got[0].Messages[0].Content, "salt-stained") {
				t.Errorf("request: key %q, system %q", got[0].Authorization, got[0].Messages[0].Content)
			}
			if strings.Contains(logs.String(), "k-123456") {
				t.Errorf("the key is in the log:\n%s", logs.String())
			}
			return
		case <-time.After(20 * time.Second):
			t.Fatal("no narration of the demo's look")
		}
	}
}

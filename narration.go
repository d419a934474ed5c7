package main

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/llm"
	"github.com/tale-if/tale/narrate"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/web"
)

// defaultKeyEnv is the variable the model's API key is read from unless
// --llm-key-env names another. Unset, no key is sent (a local model).
const defaultKeyEnv = "TALE_LLM_KEY"

// narrationOptions are the --llm-* flags, checked.
type narrationOptions struct {
	url, model, keyEnv string
	timeout            time.Duration
	concurrency        int
	tokensPerHour      int
	hideMark           bool

	// stats reads the open narrator's counters for /metrics; openNarration
	// sets it, nil while no model is configured.
	stats func() web.NarrationStats
}

// narrationFlags configure the language model that may retell the story
// (package narrate); main.go's flags() appends them.
func narrationFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "llm-url", EnvVars: []string{"TALE_LLM_URL"},
			Usage:       "a language model's OpenAI-compatible API root (llama-server, Ollama, KoboldCpp, vLLM, LM Studio, OpenAI), e.g. http://127.0.0.1:8080/v1: it retells rooms and things and answers for people, after the story's own text and never instead of it",
			DefaultText: "none: no narration"},
		&cli.StringFlag{Name: "llm-model", EnvVars: []string{"TALE_LLM_MODEL"},
			Usage: "with --llm-url: the model to ask for (many local servers ignore it)"},
		&cli.StringFlag{Name: "llm-key-env", EnvVars: []string{"TALE_LLM_KEY_ENV"}, Value: defaultKeyEnv,
			Usage: "with --llm-url: the NAME of the environment variable holding the API key (the key is never a flag, and never logged)"},
		&cli.DurationFlag{Name: "llm-timeout", EnvVars: []string{"TALE_LLM_TIMEOUT"}, Value: narrate.DefaultTimeout,
			Usage: "with --llm-url: how long one narration may take; a later one is dropped"},
		&cli.IntFlag{Name: "llm-concurrency", EnvVars: []string{"TALE_LLM_CONCURRENCY"}, Value: narrate.DefaultWorkers,
			Usage: "with --llm-url: requests to the model at once"},
		&cli.IntFlag{Name: "llm-tokens-per-hour", EnvVars: []string{"TALE_LLM_TOKENS_PER_HOUR"}, Value: narrate.DefaultTokensPerHour,
			Usage: "with --llm-url: tokens each player's narration may spend in an hour (-1: no limit)"},
		&cli.BoolFlag{Name: "hide-narration-mark", EnvVars: []string{"TALE_HIDE_NARRATION_MARK"},
			Usage: "in the terminal, show the model's narration like the story's text, without its dim italic and ✎"},
	}
}

// maxEnvName is longer than any variable name in use and shorter than most
// API keys, one more sign that a pasted key is not a name.
const maxEnvName = 64

// isEnvName reports whether s looks like an environment variable's name
// (a letter or _, then letters, digits and _); an API key does not (it has
// dashes, or is long and mixed), so a key pasted into --llm-key-env is
// refused rather than used as a name. A loop, not a regexp, so nothing is
// compiled at start-up.
func isEnvName(s string) bool {
	if s == "" || len(s) > maxEnvName || '0' <= s[0] && s[0] <= '9' {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// narrationFrom reads the --llm-* flags. An error never repeats
// --llm-key-env's value: it might be a key given by mistake.
func narrationFrom(c *cli.Context) (narrationOptions, error) {
	n := narrationOptions{url: c.String("llm-url"), model: c.String("llm-model"), keyEnv: c.String("llm-key-env"),
		timeout: c.Duration("llm-timeout"), concurrency: c.Int("llm-concurrency"),
		tokensPerHour: c.Int("llm-tokens-per-hour"), hideMark: c.Bool("hide-narration-mark")}
	if n.url == "" {
		given := givenFlags(c)
		for _, f := range []string{"llm-model", "llm-key-env", "llm-timeout", "llm-concurrency", "llm-tokens-per-hour"} {
			if given[f] {
				return n, usagef("--%s needs --llm-url", f)
			}
		}
		return n, nil
	}
	switch {
	case !isEnvName(n.keyEnv):
		return n, usagef("--llm-key-env takes the name of an environment variable (e.g. OPENAI_API_KEY), not the key itself")
	case n.timeout <= 0:
		return n, usagef("--llm-timeout must be more than 0")
	case n.concurrency < 1:
		return n, usagef("--llm-concurrency must be at least 1")
	case n.tokensPerHour == 0 || n.tokensPerHour < -1:
		return n, usagef("--llm-tokens-per-hour must be more than 0, or -1 for no limit")
	}
	return n, nil
}

// openNarration is the world's Narrator for story s, with its rewrite
// cache in <dataDir>/narration; nil (and a no-op close) without
// --llm-url. A model that does not answer is a warning in the log, not
// an error: the game is whole without it.
func openNarration(n *narrationOptions, dataDir string, s *story.Story, log *slog.Logger) (driver.Narrator, func(), error) {
	eng, err := openNarrationEngine(n, dataDir, log)
	if eng == nil || err != nil {
		return nil, func() {}, err
	}
	nar := eng.Story(driver.NarrationStory(s))
	return nar, func() { nar.Close(); eng.Close() }, nil
}

// openNarrationEngine is the process's one model engine (its workers,
// budgets and cache shared by every world), or nil without --llm-url. It
// sets n.stats for /metrics.
func openNarrationEngine(n *narrationOptions, dataDir string, log *slog.Logger) (*narrate.Engine, error) {
	if n.url == "" {
		return nil, nil
	}
	client, err := llm.New(llm.Config{BaseURL: n.url, Model: n.model, APIKeyEnv: n.keyEnv, Timeout: n.timeout})
	if err != nil {
		return nil, usagef("%v", err)
	}
	cacheDir := ""
	if dataDir != "" {
		cacheDir = filepath.Join(dataDir, "narration")
	}
	eng, err := narrate.NewEngine(narrate.Config{Workers: n.concurrency, Timeout: n.timeout,
		TokensPerHour: n.tokensPerHour, CacheDir: cacheDir, Logger: log}, client)
	if err != nil {
		return nil, fmt.Errorf("narration: %w", err)
	}
	n.stats = func() web.NarrationStats {
		st := eng.Stats()
		return web.NarrationStats{Requests: st.Requests, CacheHits: st.CacheHits, QueueFull: st.Dropped,
			OverBudget: st.OverBudget, Paused: st.Paused, Failures: st.Errors, Tokens: st.Tokens}
	}
	return eng, nil
}

// hostedNarrators gives each hosted game (host.Options.Narrator) its own
// Narrator from eng; nil without an engine. Every hosted IF game's one
// player has the same id, so the owner stands in for it in requests: the
// token budget is per visitor, not one for all of them.
func hostedNarrators(eng *narrate.Engine, s *story.Story) func(owner string) (driver.Narrator, func()) {
	if eng == nil {
		return nil
	}
	voice := driver.NarrationStory(s)
	return func(owner string) (driver.Narrator, func()) {
		nar := eng.Story(voice)
		return ownerNarrator{nar, owner}, nar.Close
	}
}

// ownerNarrator is a hosted game's Narrator, charging its owner's budget.
type ownerNarrator struct {
	*narrate.Narrator
	owner string
}

func (o ownerNarrator) Submit(r narrate.Request) narrate.Outcome {
	r.Player = o.owner
	return o.Narrator.Submit(r)
}

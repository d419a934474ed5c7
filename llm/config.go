package llm

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"
)

const (
	// DefaultTimeout bounds one whole exchange. A narration that comes later
	// than this is no longer about what the player is looking at.
	DefaultTimeout = 60 * time.Second
	// DefaultMaxResponseBytes bounds the bytes read of one reply (SSE framing
	// included). A few hundred tokens of text in SSE chunks is ~50 KB; four
	// times that leaves room for chatty servers and still caps a hostile one.
	DefaultMaxResponseBytes = 256 << 10
	// DefaultMaxTokens is what a room rewrite or an NPC answer needs (about
	// 200 words), and caps what a model can make us pay for.
	DefaultMaxTokens = 300
	// maxLineBytes bounds one SSE line. A chunk carries a token or a few;
	// a line longer than this is not a chunk worth waiting for.
	maxLineBytes = 64 << 10
	// maxErrorBody is how much of an error reply's body goes into the error:
	// enough for the server's one-line reason, not its whole page.
	maxErrorBody = 512
)

// Config says where the model is and how much a request may cost.
type Config struct {
	// BaseURL is the API root, e.g. http://127.0.0.1:8080/v1; the client
	// posts to BaseURL + "/chat/completions".
	BaseURL string
	// Model is sent as "model"; many local servers ignore it, OpenAI needs it.
	Model string
	// APIKeyEnv names the environment variable holding the API key (for
	// example OPENAI_API_KEY). Empty, or the variable unset: no key is sent.
	APIKeyEnv string
	// Timeout bounds one request from start to last byte; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxResponseBytes bounds the bytes read of one reply; 0 means the default.
	MaxResponseBytes int64
	// MaxTokens is the default "max_tokens" of a request; 0 means the default.
	MaxTokens int
}

// withDefaults checks c and fills the zero fields. The error names the
// field and never echoes a key (the config holds none).
func (c Config) withDefaults() (Config, error) {
	if c.BaseURL == "" {
		return c, errors.New("llm: no base URL (for example http://127.0.0.1:8080/v1)")
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, fmt.Errorf("llm: base URL %q is not an http or https URL", redactURL(c.BaseURL))
	}
	if u.User != nil {
		// A key in the URL would end up in every error net/http writes.
		return c, errors.New("llm: put the API key in an environment variable, not in the URL")
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.Timeout < 0 || c.MaxResponseBytes < 0 || c.MaxTokens < 0 {
		return c, errors.New("llm: timeout, response bound and max tokens cannot be negative")
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxResponseBytes == 0 {
		c.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if c.MaxTokens == 0 {
		c.MaxTokens = DefaultMaxTokens
	}
	return c, nil
}

// key reads the API key from the environment.
func (c Config) key() string {
	if c.APIKeyEnv == "" {
		return ""
	}
	return strings.TrimSpace(os.Getenv(c.APIKeyEnv))
}

// redactURL drops user info from a URL for an error message.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		if i := strings.LastIndex(s, "@"); i >= 0 {
			return "…" + s[i:]
		}
		return s
	}
	u.User = url.User("redacted")
	return u.String()
}

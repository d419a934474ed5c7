package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// Message is one chat message.
type Message struct {
	Role    string `json:"role"` // "system", "user" or "assistant"
	Content string `json:"content"`
}

// Request is one chat completion.
type Request struct {
	Messages  []Message
	MaxTokens int // 0: the Config's
}

// Usage is what the server says the exchange cost, in tokens. Both are 0
// when the server did not say.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
}

// Result is a finished (or cut) reply.
type Result struct {
	Text   string // the whole text, in arrival order
	Usage  Usage
	Finish string // the finish_reason the server gave, if any
	// Done is true when the server ended the stream with [DONE] (or sent
	// a whole, non-streamed reply).
	Done bool
	// Truncated is true when the reply was cut at MaxResponseBytes or at an
	// overlong line; Text is what arrived before the cut.
	Truncated bool
	// Malformed counts the chunks that were not JSON and were skipped.
	Malformed int
}

// Client talks to one OpenAI-compatible server. Create it with [New].
type Client struct {
	cfg  Config
	http *http.Client
	// auth sets the Authorization header. The key lives only in this
	// closure, so no fmt verb applied to a Client can print it.
	auth func(h http.Header)
	// redact removes the key from text a server sent back.
	redact func(string) string
}

// New checks cfg and reads the API key from the environment.
func New(cfg Config) (*Client, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	key := cfg.key()
	c := &Client{
		cfg: cfg,
		// Deadlines come from each request's context; the transport's
		// timeouts guard the dial and the headers.
		http:   &http.Client{Transport: newTransport()},
		auth:   func(http.Header) {},
		redact: func(s string) string { return s },
	}
	if key != "" {
		c.auth = func(h http.Header) { h.Set("Authorization", "Bearer "+key) }
		c.redact = func(s string) string { return strings.ReplaceAll(s, key, "[redacted]") }
	}
	return c, nil
}

// String names the server and model, never the key.
func (c *Client) String() string {
	return fmt.Sprintf("llm.Client(%s, %q)", c.cfg.BaseURL, c.cfg.Model)
}

// GoString is String, so %#v shows no closure internals either.
func (c *Client) GoString() string { return c.String() }

// Model is the configured model name (part of a narration cache key).
func (c *Client) Model() string { return c.cfg.Model }

// newTransport is http.DefaultTransport's settings (bounded dial and TLS
// handshake); the request's context carries the whole deadline.
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = maxIdlePerHost
	return t
}

// maxIdlePerHost keeps a connection per narration worker alive between
// requests; the default of 2 would redial for every third worker.
const maxIdlePerHost = 16

// wireRequest is the body of POST /chat/completions.
type wireRequest struct {
	Model         string         `json:"model,omitempty"`
	Messages      []Message      `json:"messages"`
	MaxTokens     int            `json:"max_tokens"`
	Stream        bool           `json:"stream"`
	StreamOptions map[string]any `json:"stream_options,omitempty"`
}

// Stream sends req and calls onDelta with each piece of text as it
// arrives, on the calling goroutine, in order. onDelta returning false
// stops the stream: the request is cancelled and what arrived is
// returned without error. onDelta may be nil.
//
// A reply with no text at all is an error ([ErrEmpty]); so is a non-2xx
// status ([*StatusError]), an in-band error object, the deadline or a
// dead server. Malformed chunks are skipped and counted; a stream that
// ends without [DONE] still returns its text.
func (c *Client) Stream(ctx context.Context, req Request, onDelta func(string) bool) (Result, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	maxTokens := req.MaxTokens
	if maxTokens <= 0 {
		maxTokens = c.cfg.MaxTokens
	}
	body, err := json.Marshal(wireRequest{
		Model: c.cfg.Model, Messages: req.Messages, MaxTokens: maxTokens, Stream: true,
		// Ask for the usage chunk; servers that do not know the option ignore it.
		StreamOptions: map[string]any{"include_usage": true},
	})
	if err != nil {
		return Result{}, fmt.Errorf("llm: encoding the request: %w", err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.BaseURL+"/chat/completions", bytes.NewReader(body))
	if err != nil {
		return Result{}, fmt.Errorf("llm: %w", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "text/event-stream")
	c.auth(hreq.Header)
	resp, err := c.http.Do(hreq)
	if err != nil {
		return Result{}, c.wrap(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return Result{}, &StatusError{Status: resp.StatusCode, Body: printable(c.redact(string(snippet)))}
	}
	body2 := &boundedReader{r: resp.Body, left: c.cfg.MaxResponseBytes}
	var res Result
	if isJSON(resp.Header.Get("Content-Type")) {
		err = c.whole(body2, &res, onDelta)
	} else {
		err = c.stream(body2, &res, onDelta)
	}
	switch {
	case errors.Is(err, errBound), errors.Is(err, errLineTooLong):
		res.Truncated = true
		err = nil
	case errors.Is(err, errStopped):
		err = nil
	case err != nil:
		var se *StreamError
		if errors.As(err, &se) {
			return res, se // already printable and redacted
		}
		return res, c.wrap(ctx, err)
	}
	if res.Text == "" {
		return res, ErrEmpty
	}
	return res, nil
}

// errStopped: the caller's onDelta asked to stop.
var errStopped = errors.New("llm: stopped by the caller")

// stream reads SSE chunks into res.
func (c *Client) stream(r io.Reader, res *Result, onDelta func(string) bool) error {
	sse := newSSEReader(r)
	var text strings.Builder
	defer func() { res.Text = text.String() }()
	for {
		p, err := sse.next()
		if err == io.EOF {
			return nil // no [DONE]: keep what came
		}
		if err != nil {
			return err
		}
		if string(bytes.TrimSpace(p)) == "[DONE]" {
			res.Done = true
			return nil
		}
		ch, err := parseChunk(p)
		if err != nil {
			res.Malformed++
			continue
		}
		if err := c.apply(ch, res, &text, onDelta); err != nil {
			return err
		}
	}
}

// whole reads a non-streamed reply (a server that ignored "stream": true).
func (c *Client) whole(r io.Reader, res *Result, onDelta func(string) bool) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ch, err := parseChunk(data)
	if err != nil {
		return fmt.Errorf("llm: the reply is not JSON: %w", err)
	}
	var text strings.Builder
	err = c.apply(ch, res, &text, onDelta)
	res.Text = text.String()
	res.Done = err == nil
	return err
}

// apply adds one chunk to the result and hands its text on.
func (c *Client) apply(ch chunk, res *Result, text *strings.Builder, onDelta func(string) bool) error {
	if ch.errMsg != "" {
		return &StreamError{Message: printable(c.redact(ch.errMsg))}
	}
	if ch.usage != nil {
		res.Usage = *ch.usage
	}
	if ch.finish != "" {
		res.Finish = ch.finish
	}
	if ch.text == "" {
		return nil
	}
	text.WriteString(ch.text)
	if onDelta != nil && !onDelta(ch.text) {
		return errStopped
	}
	return nil
}

// Probe asks GET {base}/models, the cheapest call every server answers,
// to tell at start whether the server is there.
func (c *Client) Probe(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, c.cfg.BaseURL+"/models", nil)
	if err != nil {
		return fmt.Errorf("llm: %w", err)
	}
	c.auth(hreq.Header)
	resp, err := c.http.Do(hreq)
	if err != nil {
		return c.wrap(ctx, err)
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &StatusError{Status: resp.StatusCode, Body: printable(c.redact(string(snippet)))}
	}
	return nil
}

// Complete is the narration backend's view of the client: a system and a
// user message in, text streamed to onDelta, token counts out. Its
// signature uses only basic types so that package narrate can declare the
// interface without importing this package (and net/http).
func (c *Client) Complete(ctx context.Context, system, user string, maxTokens int, onDelta func(string) bool) (promptTokens, completionTokens int, err error) {
	res, err := c.Stream(ctx, Request{Messages: []Message{{Role: "system", Content: system}, {Role: "user", Content: user}}, MaxTokens: maxTokens}, onDelta)
	return res.Usage.PromptTokens, res.Usage.CompletionTokens, err
}

// isJSON reports a Content-Type of application/json.
func isJSON(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json"
}

// errBound: the reply passed MaxResponseBytes.
var errBound = errors.New("llm: reply larger than the bound")

// boundedReader returns errBound once more than left bytes were asked
// for, so the reader above stops instead of reading to the end.
type boundedReader struct {
	r    io.Reader
	left int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errBound
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

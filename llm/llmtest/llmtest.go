// Package llmtest is an in-process OpenAI-compatible chat-completions
// server for tests: it streams SSE chunks like llama-server does and can
// be made slow, failing, hanging, malformed or hostile. It is real HTTP on
// 127.0.0.1 (httptest), so the client under test runs exactly as against
// a real model.
package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Behaviour is how the server answers. The zero value streams Reply in
// 8-byte chunks at once, reports usage and ends with [DONE].
type Behaviour struct {
	// Reply is the text to send; empty means "The hall is quiet."
	Reply string
	// ReplyFor, if set, picks the reply from the request (it wins over Reply).
	ReplyFor func(r ChatRequest) string
	// ChunkBytes is the size of each streamed piece (0: 8). Pieces never
	// split a UTF-8 sequence.
	ChunkBytes int
	// Delay is slept before each chunk (a slow model).
	Delay time.Duration
	// Status, when not 0 or 200, is answered with Body instead of a stream.
	Status int
	Body   string
	// Hang holds the request open, sending nothing, until the client gives
	// up or the server closes.
	Hang bool
	// HangAfter, when > 0, sends that many chunks and then hangs.
	HangAfter int
	// Malformed sends a chunk that is not JSON before every good one.
	Malformed bool
	// ErrorAfter, when not "", is sent as an in-band error object after
	// the first chunk, as some servers report a failure mid-stream.
	ErrorAfter string
	// NoDone ends the stream without [DONE].
	NoDone bool
	// NoUsage leaves out the usage chunk.
	NoUsage bool
	// Whole answers one JSON object (application/json), as a server that
	// ignores "stream": true does.
	Whole bool
	// PromptTokens and CompletionTokens are reported in the usage chunk;
	// 0 means len(prompt)/4 and len(reply)/4.
	PromptTokens, CompletionTokens int
}

// ChatRequest is what a client sent.
type ChatRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	MaxTokens int  `json:"max_tokens"`
	Stream    bool `json:"stream"`
	// Authorization is the header as received.
	Authorization string `json:"-"`
}

// Server is the fake. Create it with New; Close it when done.
type Server struct {
	*httptest.Server
	mu       sync.Mutex
	b        Behaviour
	requests []ChatRequest
	count    atomic.Int64
	probes   atomic.Int64
	closing  chan struct{}
	once     sync.Once
}

// New starts a fake server with behaviour b.
func New(b Behaviour) *Server {
	s := &Server{b: b, closing: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.chat)
	mux.HandleFunc("GET /v1/models", func(w http.ResponseWriter, r *http.Request) {
		s.probes.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"object":"list","data":[{"id":"fake","object":"model"}]}`)
	})
	s.Server = httptest.NewServer(mux)
	return s
}

// BaseURL is what a client is configured with (…/v1).
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Set changes the behaviour for the following requests.
func (s *Server) Set(b Behaviour) {
	s.mu.Lock()
	s.b = b
	s.mu.Unlock()
}

// Requests is how many chat requests arrived.
func (s *Server) Requests() int { return int(s.count.Load()) }

// Probes is how many GET /models arrived.
func (s *Server) Probes() int { return int(s.probes.Load()) }

// Received is a copy of the chat requests so far.
func (s *Server) Received() []ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ChatRequest(nil), s.requests...)
}

// Close releases hanging requests, then shuts the server down.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closing) })
	s.Server.CloseClientConnections()
	s.Server.Close()
}

// maxRequestBytes bounds what the fake reads of a request body.
const maxRequestBytes = 1 << 20

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	s.count.Add(1)
	var req ChatRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxRequestBytes)).Decode(&req); err != nil {
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}
	req.Authorization = r.Header.Get("Authorization")
	s.mu.Lock()
	b := s.b
	s.requests = append(s.requests, req)
	s.mu.Unlock()

	if b.Status != 0 && b.Status != http.StatusOK {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(b.Status)
		fmt.Fprint(w, b.Body)
		return
	}
	if b.Hang {
		s.hang(r)
		return
	}
	reply := b.Reply
	if b.ReplyFor != nil {
		reply = b.ReplyFor(req)
	}
	if reply == "" {
		reply = "The hall is quiet."
	}
	usage := usageJSON(b, req, reply)
	if b.Whole {
		w.Header().Set("Content-Type", "application/json")
		msg, _ := json.Marshal(reply)
		fmt.Fprintf(w, `{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],"usage":%s}`, msg, usage)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	flush := func() {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
	for i, piece := range Split(reply, b.ChunkBytes) {
		if b.HangAfter > 0 && i == b.HangAfter {
			flush()
			s.hang(r)
			return
		}
		if b.Delay > 0 && !s.sleep(r, b.Delay) {
			return
		}
		if b.Malformed {
			fmt.Fprint(w, "data: {\"choices\":[{\"delta\":{\"content\":\"oops\"\n\n")
		}
		content, _ := json.Marshal(piece)
		if _, err := fmt.Fprintf(w, "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":%s},\"finish_reason\":null}]}\n\n", content); err != nil {
			return
		}
		flush()
		if i == 0 && b.ErrorAfter != "" {
			msg, _ := json.Marshal(b.ErrorAfter)
			fmt.Fprintf(w, "data: {\"error\":{\"message\":%s}}\n\n", msg)
			return
		}
	}
	fmt.Fprint(w, "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n")
	if !b.NoUsage {
		fmt.Fprintf(w, "data: {\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":%s}\n\n", usage)
	}
	if !b.NoDone {
		fmt.Fprint(w, "data: [DONE]\n\n")
	}
	flush()
}

// hang waits until the client goes away or the server closes.
func (s *Server) hang(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.closing:
	}
}

// sleep waits d, or returns false if the client went away first.
func (s *Server) sleep(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.closing:
		return false
	}
}

func usageJSON(b Behaviour, req ChatRequest, reply string) string {
	p, c := b.PromptTokens, b.CompletionTokens
	if p == 0 {
		for _, m := range req.Messages {
			p += len(m.Content) / 4
		}
	}
	if c == 0 {
		c = len(reply) / 4
	}
	return fmt.Sprintf(`{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}`, p, c, p+c)
}

// Split cuts s into pieces of about n bytes (0: 8) without splitting a
// UTF-8 sequence; the pieces joined are s.
func Split(s string, n int) []string {
	if n <= 0 {
		n = 8
	}
	var out []string
	for len(s) > 0 {
		i := min(n, len(s))
		for i < len(s) && !utf8RuneStart(s[i]) {
			i++
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Hostile replies: what a model could write to take over a terminal or a
// page, or to make a player believe the world changed.
var (
	Markup   = `<bright>You win!</> <script>alert(1)</script> <exit>north</exit> &amp;`
	ANSI     = "\x1b[2J\x1b]0;pwned\x07The room \x1b[31mbleeds\x1b[0m.\a"
	DoorOpen = "With a groan, the door is now open. You may go north."
	Megabyte = strings.Repeat("All work and no play makes Jack a dull boy. ", 1<<20/45)
)

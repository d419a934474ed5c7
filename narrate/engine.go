package narrate

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// DefaultWorkers is the concurrency cap: requests in flight at once.
	// A local model serves one or two at a time; more only queue there.
	DefaultWorkers = 2
	// DefaultQueue is how many requests may wait for a worker. Past it a
	// request is dropped: a narration that waits long is stale anyway.
	DefaultQueue = 32
	// DefaultResults is the buffer of each Narrator's results channel: the
	// driver loop drains it every iteration, so this only absorbs a burst.
	DefaultResults = 256
	// DefaultTimeout bounds one request: a room rewrite arriving later than
	// this comes after the player has moved on.
	DefaultTimeout = 30 * time.Second
	// DefaultTokensPerHour is each player's budget: about a hundred room
	// rewrites an hour (prompt and answer).
	DefaultTokensPerHour = 60000
	// DefaultMaxTokens bounds one answer, in tokens (MaxTextBytes is ~500).
	DefaultMaxTokens = 400
	// probeTimeout bounds the start-up check of the backend.
	probeTimeout = 10 * time.Second
	// failuresToPause is how many failures in a row pause narration, so a
	// dead backend costs no worker time and no more log lines.
	failuresToPause = 3
	// firstPause is the first pause; each further failure doubles it, up to maxPause.
	firstPause = 30 * time.Second
	maxPause   = 5 * time.Minute
)

// Backend is the model. *llm.Client implements it; its signature has only
// basic types so that this package does not import llm or net/http, and
// the driver can import this package.
type Backend interface {
	// Complete streams the answer to a system and a user message to
	// onDelta (which returns false to stop early) and reports the tokens
	// the server counted (0 when it did not say).
	Complete(ctx context.Context, system, user string, maxTokens int, onDelta func(string) bool) (promptTokens, completionTokens int, err error)
	// Model names the model, for the cache key.
	Model() string
	// Probe tells whether the backend answers at all.
	Probe(ctx context.Context) error
}

// Config tunes an Engine. Zero fields take the defaults above.
type Config struct {
	Workers       int           // concurrency cap
	Queue         int           // requests waiting for a worker
	Results       int           // buffer of each Narrator's results channel
	Timeout       time.Duration // per request
	TokensPerHour int           // per player; -1: no limit
	MaxTokens     int           // per answer
	// CacheDir holds the rewrite cache (for example <data dir>/narration);
	// "" keeps it in memory only.
	CacheDir     string
	CacheEntries int
	CacheBytes   int
	// CacheDialogue caches NPC answers too, keyed by the exact question.
	// Off by default: an answer depends on the question, a repeated
	// question is rare, and a person answering a repeat word for word
	// feels like a machine.
	CacheDialogue bool
	Logger        *slog.Logger     // nil: slog.Default()
	Now           func() time.Time // nil: time.Now; tests move the clock
}

func (c Config) withDefaults() Config {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.Workers, DefaultWorkers)
	def(&c.Queue, DefaultQueue)
	def(&c.Results, DefaultResults)
	def(&c.MaxTokens, DefaultMaxTokens)
	def(&c.CacheEntries, DefaultCacheEntries)
	def(&c.CacheBytes, DefaultCacheBytes)
	if c.TokensPerHour == 0 {
		c.TokensPerHour = DefaultTokensPerHour
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Engine is what all the worlds of a process share: the backend, the
// workers and their cap, the budget, the cache and the counters.
type Engine struct {
	cfg     Config
	backend Backend
	model   string
	log     *slog.Logger
	queue   chan job
	budget  *budget
	cache   *cache
	stats   counters
	logs    logLimiter

	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu         sync.Mutex // guards the pause state
	failures   int
	pauseUntil time.Time
	pauseFor   time.Duration
	closed     atomic.Bool
}

// job is one queued request.
type job struct {
	n        *Narrator
	req      Request
	p        prompt
	key      string // cache key; "" when not cached
	reserved int    // tokens reserved in the budget
}

// NewEngine starts the workers. A backend that does not answer is a
// warning in the log, checked in the background; it is never an error,
// because the game is whole without narration.
func NewEngine(cfg Config, backend Backend) (*Engine, error) {
	if backend == nil {
		return nil, errors.New("narrate: no backend")
	}
	cfg = cfg.withDefaults()
	ctx, cancel := context.WithCancel(context.Background())
	e := &Engine{cfg: cfg, backend: backend, model: backend.Model(), log: cfg.Logger,
		queue: make(chan job, cfg.Queue), budget: newBudget(cfg.TokensPerHour, cfg.Now),
		ctx: ctx, cancel: cancel, pauseFor: firstPause}
	e.logs.now = cfg.Now
	e.cache = newCache(cfg.CacheDir, cfg.CacheEntries, cfg.CacheBytes, e.log.Warn)
	e.wg.Add(cfg.Workers + 1)
	for range cfg.Workers {
		go e.worker()
	}
	go e.probe()
	return e, nil
}

// probe logs one warning if the backend does not answer at start.
func (e *Engine) probe() {
	defer e.wg.Done()
	ctx, cancel := context.WithTimeout(e.ctx, probeTimeout)
	defer cancel()
	if err := e.backend.Probe(ctx); err != nil && e.ctx.Err() == nil {
		// The same kind as a failed request's line, so a dead model is one line.
		e.logs.line(e.log, "error", "narration: the model does not answer; play goes on with the authored text", "backend", e.backend, "err", err)
	}
}

// Close stops the workers and cancels what is in flight. Submit after
// Close returns Off.
func (e *Engine) Close() {
	if e.closed.Swap(true) {
		return
	}
	e.cancel()
	e.wg.Wait()
}

// Story opens a Narrator for one world of story s. Each world has its
// own results channel; the workers, budget and cache are the Engine's.
func (e *Engine) Story(s Story) *Narrator {
	ctx, cancel := context.WithCancel(e.ctx)
	return &Narrator{e: e, story: s, results: make(chan Event, e.cfg.Results), ctx: ctx, cancel: cancel}
}

// Narrator is one world's door to the Engine. Submit and Results are
// meant for the world's loop goroutine; Submit is also safe elsewhere.
type Narrator struct {
	e       *Engine
	story   Story
	results chan Event
	ctx     context.Context
	cancel  context.CancelFunc
}

// Results is the channel the world's loop selects on. It is never closed
// (a select on it in a loop that outlives the Narrator stays harmless).
func (n *Narrator) Results() <-chan Event { return n.results }

// Close cancels this world's requests in flight and refuses new ones.
func (n *Narrator) Close() { n.cancel() }

// Submit hands r to the workers and returns at once: it never waits for
// a worker, the model, the disk or the reader of Results. A cached
// rewrite is put on Results before it returns.
func (n *Narrator) Submit(r Request) Outcome {
	e := n.e
	e.stats.submitted.Add(1)
	if n.ctx.Err() != nil || r.Kind < Room || r.Kind > Action || (r.Facts == "" && r.Said == "") {
		e.stats.off.Add(1)
		return Off
	}
	p := buildPrompt(&n.story, &r)
	key := ""
	if r.Kind.rewrite() || (r.Kind == Dialogue && e.cfg.CacheDialogue) {
		key = cacheKey(&n.story, e.model, r.Kind, p)
		if raw, ok := e.cache.get(key); ok {
			e.stats.cacheHits.Add(1)
			if text := Sanitize(raw); text != "" && n.deliver(Event{ID: r.ID, Player: r.Player, Kind: r.Kind, Final: true, Text: text, Cached: true}) {
				e.stats.delivered.Add(1)
				return Cached
			}
			return Dropped
		}
	}
	if e.paused() {
		e.stats.paused.Add(1)
		return Paused
	}
	reserve := estimateTokens(p.system) + estimateTokens(p.user) + e.cfg.MaxTokens
	if !e.budget.reserve(r.Player, reserve) {
		e.stats.overBudget.Add(1)
		e.logs.line(e.log, "budget", "narration: a player's token budget for the hour is spent; the authored text stands", "player", r.Player)
		return OverBudget
	}
	select {
	case e.queue <- job{n: n, req: r, p: p, key: key, reserved: reserve}:
		e.stats.queued.Add(1)
		return Queued
	default:
		e.budget.settle(r.Player, reserve, 0)
		e.stats.dropped.Add(1)
		e.logs.line(e.log, "queue", "narration: the queue is full; a request is dropped", "kind", r.Kind, "queue", cap(e.queue))
		return Dropped
	}
}

// deliver puts ev on the results channel without waiting; a full channel
// (a loop that is not draining) loses ev, counted.
func (n *Narrator) deliver(ev Event) bool {
	if n.ctx.Err() != nil {
		return false
	}
	select {
	case n.results <- ev:
		return true
	default:
		n.e.stats.undelivered.Add(1)
		n.e.logs.line(n.e.log, "results", "narration: the results channel is full; an event is lost", "kind", ev.Kind)
		return false
	}
}

// paused reports whether narration waits out a pause after failures.
func (e *Engine) paused() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cfg.Now().Before(e.pauseUntil)
}

// outcome records a request's success or failure for the pause rule.
func (e *Engine) outcome(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err == nil {
		e.failures, e.pauseFor = 0, firstPause
		return
	}
	e.failures++
	if e.failures >= failuresToPause {
		e.pauseUntil = e.cfg.Now().Add(e.pauseFor)
		e.log.Warn("narration: the model keeps failing; pausing requests", "failures", e.failures, "for", e.pauseFor, "err", err)
		e.failures = 0
		e.pauseFor = min(2*e.pauseFor, maxPause)
	}
}

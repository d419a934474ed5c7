package web

import (
	"io"
	"io/fs"
	"log/slog"
	"net/netip"
	"os"
	"time"
)

// Defaults for Config fields left zero. Each is a limit a client can meet;
// docs/protocol.md lists them for client authors.
const (
	// DefaultAddr keeps a single-player game on this machine unless asked.
	DefaultAddr = "127.0.0.1:8180"
	// defaultReadLimit is far above any command (tio.MaxLineBytes is 4 KiB)
	// and small enough that a flood of huge frames costs little.
	defaultReadLimit = 64 << 10
	// defaultSendQueue holds a burst of replies (pong, completions, errors)
	// and MUD broadcasts; a client this far behind is not reading.
	defaultSendQueue = 256
	// defaultPingPeriod is under the 60 s idle timeout of common proxies.
	defaultPingPeriod = 30 * time.Second
	// defaultWriteWait bounds every write, so a stuck peer costs one
	// goroutine for at most this long and never blocks anybody else.
	defaultWriteWait = 10 * time.Second
	// defaultKeepAlive is the EventSource comment period: proxies close
	// streams that stay silent for longer (PROTOCOL.md: at least every 15 s).
	defaultKeepAlive = 15 * time.Second
	// defaultRate is faster than anybody types; clients that paste a
	// walkthrough use the burst.
	defaultRate  = 10
	defaultBurst = 20
	// defaultAbuseLimit rejected messages within defaultAbuseWindow mean the
	// client ignores our errors: close 1008.
	defaultAbuseLimit  = 50
	defaultAbuseWindow = 10 * time.Second
	// defaultResumeWindow is how long a session token stays valid after its
	// last connection closed: a laptop lid closed over lunch still resumes.
	defaultResumeWindow = 24 * time.Hour
	// defaultMaxSessions bounds the tokens a server remembers, so a client
	// that connects without cookies again and again cannot grow memory.
	defaultMaxSessions = 10000
	// defaultImageLimit bounds an image sent inline as base64 in a data message.
	defaultImageLimit = 4 << 20
)

// Deadlines for each phase of an HTTP request, so that a client that
// trickles bytes holds a connection for a bounded time. The EventSource
// stream clears the whole-request ones and keeps its own per-write
// deadline (WriteWait); WebSockets set their own deadlines once hijacked.
const (
	// defaultReadHeaderTimeout: a phone on a poor network sends its
	// request line and headers well within it.
	defaultReadHeaderTimeout = 10 * time.Second
	// defaultReadTimeout covers the whole request, body included; a body
	// is at most ReadLimit (64 KiB), seconds even on a slow uplink.
	defaultReadTimeout = 20 * time.Second
	// defaultWriteTimeout covers writing a response: the largest is a story
	// image, which a slow phone connection still receives within a minute.
	defaultWriteTimeout = time.Minute
	// defaultIdleTimeout is how long a keep-alive connection waits for the
	// next request; a player who thinks longer between two commands costs
	// one new connection, which is cheap.
	defaultIdleTimeout = 2 * time.Minute
	// defaultMaxHeaderBytes: a browser's headers, cookie included, are a
	// few KiB; net/http's own default is 1 MiB per request.
	defaultMaxHeaderBytes = 16 << 10
)

// Caps on what one address and one game can spend (limits.go), chosen for
// a small public server; an operator changes them with flags.
const (
	// DefaultMaxConns is the load the project measures (BenchmarkPaced1000):
	// at about 20 KB of heap and stack per idle connection
	// (BenchmarkIdleMemory), some 20 MiB in all.
	DefaultMaxConns = 1000
	// DefaultMaxConnsPerIP lets a household or an office behind one NAT
	// address play with a few tabs each, and no address hold the server.
	DefaultMaxConnsPerIP = 16
	// DefaultNewSessionsPerIP (per minute): a browser keeps its cookie, so
	// a person starts one session; ten a minute is a class arriving at once.
	DefaultNewSessionsPerIP = 10
	// ipRateFactor: an address may send as fast as this many connections at
	// the connection rate (two tabs typing at full speed).
	ipRateFactor = 2
	// gameRateFactor: a game takes this many connections' worth, so one
	// address flooding leaves room for the others.
	gameRateFactor = 5
	// DefaultIPRate and DefaultGameRate are those budgets at the default
	// connection rate, in messages per second.
	DefaultIPRate   = ipRateFactor * defaultRate
	DefaultGameRate = gameRateFactor * defaultRate
)

// Config configures a Server. Zero fields take the defaults above.
type Config struct {
	Addr           string   // listen address; default 127.0.0.1:8180
	WebSocket      bool     // serve /tale/ws; without it that route is 404
	AllowedOrigins []string // other sites whose pages may play here (WebSocket, stream, POST), e.g. "https://example.org"
	PublicHosts    []string // DNS names the server answers to besides localhost and IP literals, e.g. "play.example.org"
	TLSCert        string   // certificate file: serve HTTPS and wss
	TLSKey         string   // private key file for TLSCert
	NoCompression  bool     // do not negotiate permessage-deflate
	MetricsAddr    string   // serve /metrics on this address instead of the main one (operator.go)
	MetricsToken   string   // /metrics requires "Authorization: Bearer <MetricsToken>"
	Open           bool     // open the game in the system browser once listening
	// TrustedProxies are reverse proxies whose X-Forwarded-For names the
	// client (limits.go's clientKey); from anyone else the header is ignored.
	TrustedProxies []netip.Prefix

	Health  func() error // nil, or why the game cannot be played (its loop has died): /healthz answers 503 with it
	Logger  *slog.Logger // nil: slog.Default()
	Assets  fs.FS        // the story folder, for images; may be nil
	Version string       // tale's version, for the operator's log; players never see it
	Stdout  io.Writer    // where the URL is printed; nil: os.Stdout

	ReadLimit     int64         // largest client message in bytes (WebSocket frame or POST body); over it: close 1009 / 413
	SendQueue     int           // messages queued per connection before it is evicted as a slow consumer
	PingPeriod    time.Duration // WebSocket ping frames
	PongWait      time.Duration // no pong (or any frame) for this long: the connection is dead; default 4/3 PingPeriod
	WriteWait     time.Duration // deadline for every write
	KeepAlive     time.Duration // EventSource keep-alive comments
	RatePerSecond float64       // client messages per second per connection (per session for POST)
	RateBurst     int           // messages allowed at once above the rate
	AbuseLimit    int           // rate-limited messages within AbuseWindow before close 1008
	AbuseWindow   time.Duration
	ResumeWindow  time.Duration // how long an unused session token can still resume
	MaxSessions   int           // session tokens remembered at once; the longest unused goes first
	ImageLimit    int64         // largest image sent inline in a data message

	ReadHeaderTimeout time.Duration // request line and headers
	ReadTimeout       time.Duration // the whole request, body included (over it: 408 for a POST)
	WriteTimeout      time.Duration // writing a response (not the EventSource stream: it has WriteWait per write)
	IdleTimeout       time.Duration // a keep-alive connection between requests
	MaxHeaderBytes    int           // request line and headers (over it: 431)

	MaxConns          int     // open WebSocket and EventSource connections in all
	MaxConnsPerIP     int     // open connections from one address (an IPv6 /64)
	NewSessionsPerIP  int     // sessions one address may start per minute
	IPRatePerSecond   float64 // game messages per second from one address, all its connections together; default ipRateFactor × RatePerSecond
	IPRateBurst       int     // default ipRateFactor × RateBurst
	GameRatePerSecond float64 // game messages per second one game takes from everybody; default gameRateFactor × RatePerSecond
	GameRateBurst     int     // default gameRateFactor × RateBurst
}

// withDefaults fills zero fields; negative or inconsistent values are
// clamped so a typo cannot disable a limit.
func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Stdout == nil {
		c.Stdout = os.Stdout
	}
	positiveOr(&c.ReadLimit, defaultReadLimit)
	positiveOr(&c.SendQueue, defaultSendQueue)
	positiveOr(&c.PingPeriod, defaultPingPeriod)
	if c.PongWait <= c.PingPeriod {
		c.PongWait = c.PingPeriod + c.PingPeriod/3
	}
	positiveOr(&c.WriteWait, defaultWriteWait)
	positiveOr(&c.KeepAlive, defaultKeepAlive)
	positiveOr(&c.RatePerSecond, defaultRate)
	positiveOr(&c.RateBurst, defaultBurst)
	positiveOr(&c.AbuseLimit, defaultAbuseLimit)
	positiveOr(&c.AbuseWindow, defaultAbuseWindow)
	positiveOr(&c.ResumeWindow, defaultResumeWindow)
	positiveOr(&c.MaxSessions, defaultMaxSessions)
	positiveOr(&c.ImageLimit, defaultImageLimit)
	positiveOr(&c.ReadHeaderTimeout, defaultReadHeaderTimeout)
	positiveOr(&c.ReadTimeout, defaultReadTimeout)
	positiveOr(&c.WriteTimeout, defaultWriteTimeout)
	positiveOr(&c.IdleTimeout, defaultIdleTimeout)
	positiveOr(&c.MaxHeaderBytes, defaultMaxHeaderBytes)
	positiveOr(&c.MaxConns, DefaultMaxConns)
	positiveOr(&c.MaxConnsPerIP, DefaultMaxConnsPerIP)
	positiveOr(&c.NewSessionsPerIP, DefaultNewSessionsPerIP)
	positiveOr(&c.IPRatePerSecond, ipRateFactor*c.RatePerSecond)
	positiveOr(&c.IPRateBurst, ipRateFactor*c.RateBurst)
	positiveOr(&c.GameRatePerSecond, gameRateFactor*c.RatePerSecond)
	positiveOr(&c.GameRateBurst, gameRateFactor*c.RateBurst)
	return c
}

// positiveOr gives a limit its default when the caller left it zero (or
// set it below zero, which means nothing for a size, a rate or a period).
func positiveOr[T int | int64 | float64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

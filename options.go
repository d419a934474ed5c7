package main

import (
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
)

// defaultStory is played when --game is not given.
const defaultStory = "demo"

// options is the command line, checked and with defaults resolved.
type options struct {
	game    string
	seed    *uint64
	plain   bool
	dataDir string
	list    bool
	mode    string // driver.ModeIF or driver.ModeMUD

	web           bool
	websocket     bool
	addr          string
	open          bool
	tlsCert       string
	tlsKey        string
	allowOrigins  []string
	publicHosts   []string
	noCompression bool
	metricsAddr   string
	metricsToken  string

	shared             bool          // --shared: one game for every connection, as before hosting
	registration       string        // "open" or "closed"
	guestTTL           time.Duration // how long a guest's game is kept after its last visit
	maxConnsPerAccount int
	trustedProxies     []netip.Prefix

	maxConns         int
	maxConnsPerIP    int
	newSessionsPerIP int
	ipRate           float64
	gameRate         float64

	quotas quotas

	narration narrationOptions
}

// quotas are the driver's disk limits; 0 is not a value a flag can take
// (it would mean "the default"), so each must be positive or -1.
type quotas struct {
	saves, transcripts         int
	saveBytes, transcriptBytes int64
}

// mudNeedsWeb is why --mode mud alone is refused, and what to do instead:
// a shared world is a server, and every player, in a terminal too, is its
// client.
const mudNeedsWeb = `--mode mud serves one world to many players over the network, so it needs --web.
Serve it:    tale --mode mud --web --websocket [--addr HOST:PORT]
Then join:   tale connect ws://HOST:PORT/tale/ws   (in a terminal)
        or:  open http://HOST:PORT/tale/ in a browser`

// minMetricsToken keeps a guessable word out of --metrics-token: sixteen
// random characters are beyond guessing at any rate a server answers.
const minMetricsToken = 16

// webFlags are the flags that configure the web server.
var webFlags = []string{
	"websocket", "open", "tls-cert", "tls-key", "allow-origin", "public-host", "no-compression",
	"metrics-addr", "metrics-token", "shared", "registration", "guest-ttl", "max-conns-per-account", "trusted-proxy",
	"max-conns", "max-conns-per-ip", "new-sessions-per-ip", "ip-rate", "game-rate",
}

func optionsFrom(c *cli.Context) (options, error) {
	o := options{
		game:          c.String("game"),
		plain:         c.Bool("plain"),
		dataDir:       c.String("data-dir"),
		list:          c.Bool("list"),
		mode:          strings.ToLower(strings.TrimSpace(c.String("mode"))),
		web:           c.Bool("web"),
		websocket:     c.Bool("websocket"),
		addr:          c.String("addr"),
		open:          c.Bool("open"),
		tlsCert:       c.String("tls-cert"),
		tlsKey:        c.String("tls-key"),
		allowOrigins:  c.StringSlice("allow-origin"),
		publicHosts:   c.StringSlice("public-host"),
		noCompression: c.Bool("no-compression"),
		metricsAddr:   c.String("metrics-addr"),
		metricsToken:  c.String("metrics-token"),

		shared:             c.Bool("shared"),
		registration:       strings.ToLower(strings.TrimSpace(c.String("registration"))),
		guestTTL:           c.Duration("guest-ttl"),
		maxConnsPerAccount: c.Int("max-conns-per-account"),

		maxConns:         c.Int("max-conns"),
		maxConnsPerIP:    c.Int("max-conns-per-ip"),
		newSessionsPerIP: c.Int("new-sessions-per-ip"),
		ipRate:           c.Float64("ip-rate"),
		gameRate:         c.Float64("game-rate"),

		quotas: quotas{
			saves: c.Int("max-saves"), saveBytes: c.Int64("max-save-bytes"),
			transcripts: c.Int("max-transcripts"), transcriptBytes: c.Int64("max-transcript-bytes"),
		},
	}
	given := givenFlags(c)
	if given["seed"] {
		seed := c.Uint64("seed")
		o.seed = &seed
	}
	if o.game == "" {
		return o, usagef("--game needs a story folder or the name of a bundled story")
	}
	switch o.mode {
	case "":
		o.mode = "if" // TALE_MODE set but empty
	case "if", "mud":
	default:
		return o, usagef("--mode is if (one player, the default) or mud (many players in one world), not %q", o.mode)
	}
	if o.mode == "mud" && !o.web {
		return o, usagef("%s", mudNeedsWeb)
	}
	if !o.web {
		for _, name := range webFlags {
			if given[name] {
				return o, usagef("--%s only makes sense with --web", name)
			}
		}
	}
	for name, v := range map[string]float64{
		"max-conns": float64(o.maxConns), "max-conns-per-ip": float64(o.maxConnsPerIP),
		"new-sessions-per-ip": float64(o.newSessionsPerIP), "ip-rate": o.ipRate, "game-rate": o.gameRate,
	} {
		if v <= 0 {
			return o, usagef("--%s must be more than 0: a cap of nothing would refuse every player", name)
		}
	}
	switch o.registration {
	case "open", "closed":
	default:
		return o, usagef("--registration is open (visitors may create accounts) or closed, not %q", o.registration)
	}
	if o.guestTTL <= 0 || o.maxConnsPerAccount <= 0 {
		return o, usagef("--guest-ttl and --max-conns-per-account must be more than 0")
	}
	for _, raw := range c.StringSlice("trusted-proxy") {
		p, err := parseProxy(raw)
		if err != nil {
			return o, usagef("--trusted-proxy wants an address or a CIDR such as 10.0.0.0/8: %v", err)
		}
		o.trustedProxies = append(o.trustedProxies, p)
	}
	for _, h := range o.publicHosts {
		if !isDNSName(h) {
			return o, usagef("--public-host wants a bare DNS name such as play.example.org, not %q", h)
		}
	}
	if o.metricsAddr != "" {
		if _, _, err := net.SplitHostPort(o.metricsAddr); err != nil {
			return o, usagef("--metrics-addr wants HOST:PORT, such as 127.0.0.1:9180: %v", err)
		}
	}
	if o.metricsToken != "" && len(o.metricsToken) < minMetricsToken {
		return o, usagef("--metrics-token is too short to be a secret: at least %d characters", minMetricsToken)
	}
	for name, v := range map[string]int64{
		"max-saves": int64(o.quotas.saves), "max-save-bytes": o.quotas.saveBytes,
		"max-transcripts": int64(o.quotas.transcripts), "max-transcript-bytes": o.quotas.transcriptBytes,
	} {
		if v == 0 || v < -1 {
			return o, usagef("--%s must be more than 0, or -1 for no limit", name)
		}
	}
	if (o.tlsCert == "") != (o.tlsKey == "") {
		return o, usagef("--tls-cert and --tls-key go together")
	}
	if o.dataDir == "" {
		o.dataDir = defaultDataDir()
	}
	var err error
	if o.narration, err = narrationFrom(c); err != nil {
		return o, err
	}
	return o, nil
}

// givenFlags holds every name of every flag the user gave, on the command
// line (cli marks a flag's aliases with it) or in its environment
// variable: what c.IsSet says, found in one pass. Each c.IsSet of an
// absent flag scans every flag's names, a regexp each, and start-up paid
// that for every flag asked about.
func givenFlags(c *cli.Context) map[string]bool {
	given := map[string]bool{}
	for _, name := range c.LocalFlagNames() {
		given[name] = true
	}
	return given
}

// defaultDataDir follows each platform's convention for per-user
// application data, so saves survive upgrades and do not litter $HOME.
func defaultDataDir() string {
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" {
		return filepath.Join(dir, "tale")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "tale")
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "tale")
	case "windows":
		if dir := os.Getenv("LocalAppData"); dir != "" {
			return filepath.Join(dir, "tale")
		}
	}
	return filepath.Join(home, ".local", "share", "tale")
}

// isDNSName accepts what a browser sends as a Host without its port: dot-
// separated labels of letters, digits and hyphens. A scheme, a port or a
// path in --public-host would never match, so it is refused at start.
func isDNSName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// parseProxy reads a --trusted-proxy: a CIDR, or one address.
func parseProxy(raw string) (netip.Prefix, error) {
	raw = strings.TrimSpace(raw)
	if strings.Contains(raw, "/") {
		p, err := netip.ParsePrefix(raw)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(raw)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), nil
}

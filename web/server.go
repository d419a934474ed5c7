package web

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/gorilla/websocket"

	"github.com/tale-if/tale/tio"
)

// Server is the HTTP bridge to one game: pages, assets, the EventSource
// and WebSocket transports, and the operator endpoints.
type Server struct {
	cfg      Config
	log      *slog.Logger
	hub      *hub
	metrics  *metrics
	images   *imageCache
	html     *htmlCache // rendered event texts, shared by the connections
	static   *staticFiles
	upgrader *websocket.Upgrader
	readBufs *readBufs
	looks    lookCache  // the state of the last snapshot a tab drew (render.go)
	beats    *beatWheel // pings every on-demand WebSocket (beats.go)
	wait     gameWait   // the WebSocket readers' deadline for calls into the game
	peers    *peers     // what each client address may still spend
	tls      *tls.Config
	ifGame   *game    // IF mode: the game every seat plays
	world    World    // MUD mode: the world each seat joins as its own player
	hosting  *Hosting // hosted IF mode: each visitor's own game (hosted.go)
	// publicHosts are the DNS names the server answers to besides localhost.
	publicHosts []string
	handler     http.Handler

	// ctx is the base of every call into the game. It outlives the
	// context given to Serve, so a command sent while shutting down still
	// reaches the game; it ends once every connection is closed.
	ctx          context.Context
	cancel       context.CancelFunc
	hubStop      chan struct{}
	shuttingDown atomic.Bool
	wg           sync.WaitGroup         // connection goroutines
	metricsURL   atomic.Pointer[string] // where the metrics listener serves, once it does
}

// New builds a server for sess. It starts nothing that listens; Serve or
// ListenAndServe does. It fails on an unusable TLS certificate.
func New(sess tio.Session, cfg Config) (*Server, error) {
	if sess == nil {
		return nil, errors.New("web: no game session")
	}
	g := &game{Session: sess}
	return newServer(cfg, func(string) *game { return g }, g, nil)
}

// newServer lets a caller give each seat its own game (the benchmarks
// that measure many independent players), or none until its player joins
// world (MUD mode: newGame returns nil).
func newServer(cfg Config, newGame func(token string) *game, ifGame *game, world World) (*Server, error) {
	return newServerWith(cfg, newGame, ifGame, world, nil)
}

func newServerWith(cfg Config, newGame func(token string) *game, ifGame *game, world World, hosting *Hosting) (*Server, error) {
	cfg = cfg.withDefaults()
	s := &Server{cfg: cfg, log: cfg.Logger, ifGame: ifGame, world: world, hosting: hosting, hubStop: make(chan struct{}),
		publicHosts: publicHostNames(cfg.PublicHosts)}
	if (cfg.TLSCert == "") != (cfg.TLSKey == "") {
		return nil, ErrTLSConfig
	}
	if cfg.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
		if err != nil {
			return nil, fmt.Errorf("web: TLS: %w", err)
		}
		s.tls = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	static, err := loadStatic()
	if err != nil {
		return nil, err
	}
	s.static = static
	s.metrics = newMetrics()
	s.images = newImageCache(cfg.Assets, cfg.ImageLimit)
	s.html = newHTMLCache()
	s.upgrader = s.newUpgrader()
	s.readBufs = newReadBufs(cfg.ReadLimit)
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.beats = newBeatWheel(s.ctx, cfg.PingPeriod)
	s.peers = newPeers(cfg)
	if ifGame != nil {
		ifGame.msgs = newGameLimiter(cfg)
	}
	s.hub = newHub(cfg, s.metrics, func(token string) *game {
		g := newGame(token)
		if g != nil && g.msgs == nil {
			g.msgs = newGameLimiter(cfg)
		}
		return g
	})
	go s.hub.run(s.hubStop)
	s.handler = s.routes()
	return s, nil
}

// Handler serves every route of docs/protocol.md.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", redirectTo("/tale/"))
	mux.HandleFunc("GET /tale", redirectTo("/tale/"))
	mux.HandleFunc("GET /tale/{$}", s.serveTitle)
	mux.HandleFunc("GET /tale/story", s.serveStory)
	mux.HandleFunc("GET /tale/static/{path...}", s.serveStatic)
	mux.HandleFunc("GET /tale/images/{path...}", s.serveImage)
	mux.HandleFunc("GET /tale/about", s.serveAbout)
	// In hosted mode every game route first finds out who is asking
	// (identify), and the routes without a stream hold the visitor's game
	// while they use it (holding).
	stream, play := s.gameRoute, s.gameRoute
	if s.hosting != nil {
		stream = func(h http.HandlerFunc) http.HandlerFunc { return s.gameRoute(s.identify(h)) }
		play = stream
		if s.hostedIF() {
			play = func(h http.HandlerFunc) http.HandlerFunc { return s.gameRoute(s.identify(s.holding(h))) }
		}
		s.accountRoutes(mux)
	}
	if s.cfg.WebSocket {
		mux.HandleFunc("GET /tale/ws", stream(s.serveWS))
	}
	mux.HandleFunc("GET /tale/eventsource", stream(s.serveEventSource))
	mux.HandleFunc("POST /tale/input", play(s.serveInput))
	mux.HandleFunc("GET /tale/tabcomplete", play(s.serveTabComplete))
	mux.HandleFunc("POST /tale/quit", play(s.serveQuit))
	mux.HandleFunc("GET /healthz", s.serveHealth)
	if s.cfg.MetricsAddr == "" {
		mux.Handle("GET /metrics", s.metricsHandler())
	}
	return securityHeaders(mux)
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

func redirectTo(target string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusFound)
	}
}

// ListenAndServe listens on Config.Addr and serves until ctx ends.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		s.stop()
		return fmt.Errorf("web: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, then shuts down gracefully: every
// WebSocket gets close 1001, every EventSource stream ends, in-flight
// requests finish, and Serve returns nil. A Server serves once.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	stopMetrics, err := s.serveMetrics()
	if err != nil {
		ln.Close()
		s.stop()
		return err
	}
	defer stopMetrics()
	hs := s.httpServer(s.handler)
	scheme := "http"
	if s.tls != nil {
		scheme = "https"
		hs.TLSConfig = s.tls
		ln = tls.NewListener(ln, s.tls)
	}
	url := fmt.Sprintf("%s://%s/tale/", scheme, ln.Addr())
	fmt.Fprintf(s.cfg.Stdout, "Playing %s at %s\n", s.ifGameName(), url)
	s.log.Info("web server listening", "url", url, "version", s.cfg.Version, "websocket", s.cfg.WebSocket, "compression", !s.cfg.NoCompression)
	if s.cfg.Open {
		openBrowser(url, s.log)
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		s.stop()
		return fmt.Errorf("web: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("web server shutting down")
	return s.shutdown(hs, served)
}

// httpServer serves h with every phase of a request under a deadline.
func (s *Server) httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    s.cfg.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

func (s *Server) shutdown(hs *http.Server, served <-chan error) error {
	s.shuttingDown.Store(true)
	// Shutdown closes the listeners at once, then waits for requests, of
	// which open EventSource streams are some: closeAll ends them.
	ctx, cancel := context.WithTimeout(context.Background(), 2*s.cfg.WriteWait)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- hs.Shutdown(ctx) }()
	s.hub.closeAll(closeGoingAway, "server shutting down")
	err := <-shut
	<-served
	s.wg.Wait() // each WebSocket's close takes at most WriteWait
	s.stop()
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	return nil
}

// stop ends the hub and every call still waiting on the game.
func (s *Server) stop() {
	s.cancel()
	select {
	case <-s.hubStop:
	default:
		close(s.hubStop)
	}
}

func (s *Server) ifGameName() string {
	switch {
	case s.world != nil:
		return s.world.Info().Name
	case s.ifGame != nil:
		return s.ifGame.Info().Name
	case s.hosting != nil && s.hosting.Info.Name != "":
		return s.hosting.Info.Name
	}
	return "tale"
}

// openBrowser asks the desktop to show url; a machine without one only
// loses the convenience, so failures are logged, not returned.
func openBrowser(url string, log *slog.Logger) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		log.Warn("cannot open a browser; open the URL by hand", "url", url, "err", err)
		return
	}
	go func() {
		if err := cmd.Wait(); err != nil {
			log.Warn("the browser opener failed; open the URL by hand", "url", url, "err", err)
		}
	}()
}

// writeJSON sends a JSON body that is already encoded.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(body)
}

// writeError sends a message_error, the one error shape of the protocol.
func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, errorMessage(err).body)
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("web: encoding: %v", err))
	}
	return b
}

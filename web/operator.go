package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// /metrics tells whoever reads it how busy the server is and what it runs
// on, so it is for operators only, in one of three ways:
//
//   - Config.MetricsAddr: on a listener of its own, which the operator
//     keeps private; the main listener then has no /metrics at all;
//   - Config.MetricsToken: only with "Authorization: Bearer <token>";
//   - neither: only to this machine — a loopback peer whose request no
//     proxy relayed. A reverse proxy on the same machine is a loopback
//     peer too, but it says so with Forwarded or X-Forwarded-For.
//
// In every case the Host must be a name the server answers to, so a page
// in the operator's own browser cannot read it through DNS rebinding.

// serveHealth is GET /healthz: "ok" while the game is played, 503 and the
// reason once Config.Health reports it is not (its loop has died). Pages
// would still answer then, so only this tells an operator or an
// orchestrator that the process needs a restart.
func (s *Server) serveHealth(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if s.cfg.Health != nil {
		if err := s.cfg.Health(); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, "unhealthy: %v\n", err)
			return
		}
	}
	fmt.Fprintln(w, "ok")
}

// serveMetrics starts the metrics listener when Config.MetricsAddr asks
// for one; stop closes it. It speaks plain HTTP: keep it on a private
// address, or give it a token.
func (s *Server) serveMetrics() (stop func(), err error) {
	if s.cfg.MetricsAddr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", s.cfg.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("web: metrics: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metricsHandler())
	hs := s.httpServer(mux)
	url := "http://" + ln.Addr().String() + "/metrics"
	s.metricsURL.Store(&url)
	s.log.Info("metrics listening", "url", url, "token", s.cfg.MetricsToken != "")
	go hs.Serve(ln)
	return func() { hs.Close() }, nil
}

// metricsHandler serves the exposition behind the checks above.
func (s *Server) metricsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) {
			writeError(w, http.StatusMisdirectedRequest, ErrUnknownHost)
			return
		}
		if status, err := s.metricsAccess(r); err != nil {
			if status == http.StatusUnauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="tale metrics"`)
			}
			writeError(w, status, err)
			return
		}
		s.metrics.serveHTTP(w)
	})
}

// metricsAccess decides who may read /metrics; a refusal comes with its status.
func (s *Server) metricsAccess(r *http.Request) (int, error) {
	if s.cfg.MetricsToken != "" {
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || !sameSecret(given, s.cfg.MetricsToken) {
			return http.StatusUnauthorized, ErrMetricsToken
		}
		return 0, nil
	}
	if s.cfg.MetricsAddr != "" {
		return 0, nil // its own listener: who reaches it is the operator's choice
	}
	if !loopbackPeer(r) || r.Header.Get("Forwarded") != "" || r.Header.Get("X-Forwarded-For") != "" {
		return http.StatusForbidden, ErrMetricsLocal
	}
	return 0, nil
}

// sameSecret compares in constant time; hashing first makes the time
// independent of the lengths as well.
func sameSecret(given, want string) bool {
	g, w := sha256.Sum256([]byte(given)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
}

// loopbackPeer reports a request from this machine.
func loopbackPeer(r *http.Request) bool {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	return err == nil && ap.Addr().Unmap().IsLoopback()
}

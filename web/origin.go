package web

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
)

// A page from another site must never play: open a socket, read the
// stream, post a command. The browser's Origin header says which site a
// request comes from, but a page reached through DNS rebinding (its own
// name resolving to this server) sends its own name as both Origin and
// Host, so comparing the two proves nothing. Hence two checks on every
// route that touches a game:
//
//   - the Host header must be a name this server answers to: localhost, an
//     IP literal (rebinding needs a DNS name), or a Config.PublicHosts name;
//   - Origin, when present, must be this server's scheme and host, or one
//     of Config.AllowedOrigins.
//
// Pages and assets stay open to any Host: they carry no game.

// gameRoute guards a handler that touches a game: 421 for a Host the
// server does not answer to, 403 for another site's Origin.
func (s *Server) gameRoute(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) {
			s.metrics.errors.WithLabelValues("refused").Inc()
			writeError(w, http.StatusMisdirectedRequest, ErrUnknownHost)
			return
		}
		if !s.originAllowed(r) {
			s.metrics.errors.WithLabelValues("refused").Inc()
			writeError(w, http.StatusForbidden, ErrForeignOrigin)
			return
		}
		h(w, r)
	}
}

// hostAllowed reports whether host (a Host header, port optional) names
// this server.
func (s *Server) hostAllowed(host string) bool {
	name := hostName(host)
	if name == "" {
		return false
	}
	if name == "localhost" {
		return true
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return true
	}
	return slices.Contains(s.publicHosts, name)
}

// hostName is the name in a Host header: without the port, the brackets
// of an IPv6 literal or a trailing dot, in lower case.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.ToLower(strings.TrimSuffix(host, "."))
}

// publicHostNames normalises Config.PublicHosts as hostName does, so
// "Play.Example.org." and "play.example.org:443" both name play.example.org.
func publicHostNames(hosts []string) []string {
	var out []string
	for _, h := range hosts {
		if n := hostName(strings.TrimSpace(h)); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// originAllowed accepts a request without Origin (not a browser), one
// from this very server (same scheme, same host and port), and the sites
// in AllowedOrigins.
func (s *Server) originAllowed(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false // includes "null", sent by sandboxed frames and file: pages
	}
	if strings.EqualFold(u.Scheme, s.scheme()) && strings.EqualFold(u.Host, r.Host) {
		return true
	}
	for _, allowed := range s.cfg.AllowedOrigins {
		if strings.EqualFold(strings.TrimSuffix(allowed, "/"), origin) {
			return true
		}
	}
	return false
}

// scheme is how browsers reach this server directly; behind a proxy that
// terminates TLS, the proxy's https origin goes in AllowedOrigins.
func (s *Server) scheme() string {
	if s.tls != nil {
		return "https"
	}
	return "http"
}

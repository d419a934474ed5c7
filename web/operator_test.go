package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Who may read /metrics, decided on requests as they arrive from
// addresses a loopback test cannot dial from.
func TestMetricsAccess(t *testing.T) {
	const token = "s3cret-token-for-the-scraper"
	type req struct {
		remote, host, auth, forwarded string
		status                        int
	}
	for _, tc := range []struct {
		name string
		cfg  Config
		reqs []req
	}{
		{"no flag: this machine only", Config{}, []req{
			{remote: "127.0.0.1:5000", status: 200},
			{remote: "127.0.0.2:5000", status: 200},
			{remote: "[::1]:5000", status: 200},
			{remote: "192.0.2.7:5000", status: 403},
			{remote: "[2001:db8::1]:5000", status: 403},
			{remote: "127.0.0.1:5000", forwarded: "203.0.113.9", status: 403}, // a proxy on this machine relays it
			{remote: "127.0.0.1:5000", host: "evil.example", status: 421},     // DNS rebinding in the operator's browser
		}},
		{"a token: from anywhere, with it", Config{MetricsToken: token}, []req{
			{remote: "192.0.2.7:5000", auth: "Bearer " + token, status: 200},
			{remote: "192.0.2.7:5000", status: 401},
			{remote: "127.0.0.1:5000", status: 401},
			{remote: "192.0.2.7:5000", auth: "Bearer " + token[:len(token)-1], status: 401},
			{remote: "192.0.2.7:5000", auth: "Basic " + token, status: 401},
			{remote: "192.0.2.7:5000", auth: "Bearer " + token, host: "evil.example", status: 421},
		}},
	} {
		srv, err := New(newEchoGame(4, 4), tc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer srv.stop()
		for _, r := range tc.reqs {
			q := httptest.NewRequest("GET", "/metrics", nil)
			q.RemoteAddr = r.remote
			q.Host = "127.0.0.1:8180"
			if r.host != "" {
				q.Host = r.host
			}
			if r.auth != "" {
				q.Header.Set("Authorization", r.auth)
			}
			if r.forwarded != "" {
				q.Header.Set("X-Forwarded-For", r.forwarded)
			}
			w := httptest.NewRecorder()
			srv.Handler().ServeHTTP(w, q)
			if w.Code != r.status {
				t.Errorf("%s: %+v: %d, want %d", tc.name, r, w.Code, r.status)
			}
			if w.Code == 200 && !strings.Contains(w.Body.String(), "tale_web_connections") {
				t.Errorf("%s: %+v: no exposition", tc.name, r)
			}
			if w.Code == http.StatusUnauthorized && !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s: 401 without a Bearer challenge", tc.name)
			}
		}
	}
}

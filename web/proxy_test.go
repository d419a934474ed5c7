package web

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

// X-Forwarded-For names the client only when the peer is a trusted proxy;
// otherwise anyone could write it and escape the per-address limits.
func TestClientKeyTrustsOnlyConfiguredProxies(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	for _, tc := range []struct {
		peer, xff, want string
	}{
		{"203.0.113.9:5000", "198.51.100.7", "203.0.113.9"},         // not a proxy: header ignored
		{"10.1.2.3:5000", "198.51.100.7", "198.51.100.7"},           // our proxy names the client
		{"10.1.2.3:5000", "6.6.6.6, 198.51.100.7", "198.51.100.7"},  // the client's own claim stands left of it
		{"10.1.2.3:5000", "198.51.100.7, 10.9.9.9", "198.51.100.7"}, // two proxies of ours
		{"10.1.2.3:5000", "", "10.1.2.3"},                           // no header: the proxy itself
		{"10.1.2.3:5000", "nonsense", "10.1.2.3"},                   // malformed: nothing trusted
		{"10.1.2.3:5000", "2001:db8:1:2::5", "2001:db8:1:2::/64"},   // IPv6 clients by /64
	} {
		r := httptest.NewRequest("GET", "/tale/ws", nil)
		r.RemoteAddr = tc.peer
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := clientKey(r, trusted); got != tc.want {
			t.Errorf("peer %s, X-Forwarded-For %q: key %s, want %s", tc.peer, tc.xff, got, tc.want)
		}
	}
}

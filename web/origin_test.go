package web

import "testing"

func TestHostAllowed(t *testing.T) {
	srv, err := New(newEchoGame(4, 4), Config{PublicHosts: []string{"Play.Example.org.", "tale.example:443", " "}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.stop()
	for host, want := range map[string]bool{
		"localhost":             true,
		"LOCALHOST:8180":        true,
		"localhost.:8180":       true,
		"127.0.0.1:8180":        true,
		"10.1.2.3":              true,
		"[::1]:8180":            true,
		"[fe80::1%25eth0]:80":   true,
		"play.example.org":      true,
		"PLAY.example.org:443":  true,
		"tale.example:8180":     true,
		"":                      false,
		":8180":                 false,
		"evil.example:8180":     false,
		"sub.localhost:8180":    false,
		"localhost.evil.com":    false,
		"play.example.org.evil": false,
		"127.0.0.1.nip.io":      false,
	} {
		if got := srv.hostAllowed(host); got != want {
			t.Errorf("Host %q allowed = %v, want %v", host, got, want)
		}
	}
}

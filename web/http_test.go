package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/tale-if/tale/tio"
)

func lineInput(s string) tio.Input { return tio.Line(s) }

// storyAssets is a story folder with one image and the YAML that must
// never be served.
func storyAssets() fstest.MapFS {
	return fstest.MapFS{
		"pics/hall.png": {Data: []byte("\x89PNG\r\n\x1a\n")},
		"story.yaml":    {Data: []byte("secret: the butler did it\n")},
	}
}

func TestRootRedirectsToTitle(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	resp, _ := get(t, ts.url+"/", nil)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/tale/" {
		t.Errorf("GET / = %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestTitlePage(t *testing.T) {
	info := echoInfo
	info.Name = `Echo <script>alert(1)</script>`
	g := newEchoGameInfo(64, 64, info)
	ts := startServer(t, Config{}, g)
	resp, body := get(t, ts.url+"/tale/", nil)
	for _, want := range []string{"Echo &lt;script&gt;", "A. Tester", "1.2.3", `href="/tale/story"`} {
		if !strings.Contains(body, want) {
			t.Errorf("title page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("title page is not escaped HTML: %s", body)
	}
}

func TestStoryPageAndStaticAssets(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	resp, body := get(t, ts.url+"/tale/story", nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(strings.ToLower(body), "<html") {
		t.Errorf("story page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	want := map[string]string{".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".svg": "image/svg+xml", ".png": "image/png"}
	tested := 0
	for name, f := range ts.srv.static.files {
		ext := name[strings.LastIndex(name, "."):]
		ctype, ok := want[ext]
		if !ok {
			continue
		}
		tested++
		resp, _ := get(t, ts.url+"/tale/static/"+name, nil)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), ctype) {
			t.Errorf("%s: %d %q, want %s", name, resp.StatusCode, resp.Header.Get("Content-Type"), ctype)
		}
		etag := resp.Header.Get("ETag")
		if etag != f.etag || etag == "" {
			t.Errorf("%s: ETag %q", name, etag)
		}
		again, body := get(t, ts.url+"/tale/static/"+name, http.Header{"If-None-Match": {etag}})
		if again.StatusCode != http.StatusNotModified || body != "" {
			t.Errorf("%s with If-None-Match: %d, want 304 and no body", name, again.StatusCode)
		}
		changed, _ := get(t, ts.url+"/tale/static/"+name, http.Header{"If-None-Match": {`"stale"`}})
		if changed.StatusCode != http.StatusOK {
			t.Errorf("%s with a stale ETag: %d, want 200", name, changed.StatusCode)
		}
	}
	if tested == 0 {
		t.Fatal("no embedded assets to test")
	}
	if resp, _ := get(t, ts.url+"/tale/static/nope.js", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("missing asset: %d", resp.StatusCode)
	}
}

// Issue 9 item 9: the about page names the story and counts the players;
// nothing about the server (tale's version, Go's, uptime, connections).
func TestAboutPage(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, Version: "9.9.9"}, nil)
	c := ts.dial(t, "", nil)
	c.hello()
	_, body := get(t, ts.url+"/tale/about", nil)
	for _, want := range []string{"The Echo Chamber", "1.2.3", "A. Tester", `<dd id="players">1</dd>`} {
		if !strings.Contains(body, want) {
			t.Errorf("about page lacks %q:\n%s", want, body)
		}
	}
	for _, leak := range []string{"9.9.9", "go1.", "Up for", "WebSocket", "EventSource"} {
		if strings.Contains(body, leak) {
			t.Errorf("about page shows %q:\n%s", leak, body)
		}
	}
}

// Issue 9 item 6: /healthz says ok while the game loop runs and 503 with
// the reason once it has died, though pages still answer.
func TestHealthz(t *testing.T) {
	var dead atomic.Bool
	ts := startServer(t, Config{Health: func() error {
		if dead.Load() {
			return errors.New("the game loop has stopped")
		}
		return nil
	}}, nil)
	if resp, body := get(t, ts.url+"/healthz", nil); resp.StatusCode != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("healthz with the loop running: %d %q", resp.StatusCode, body)
	}
	dead.Store(true)
	resp, body := get(t, ts.url+"/healthz", nil)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "the game loop has stopped") {
		t.Errorf("healthz with the loop dead: %d %q, want 503 and the reason", resp.StatusCode, body)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("a health answer may be cached: %q", resp.Header.Get("Cache-Control"))
	}
	// Without a Health function there is nothing to report but ok.
	plain := startServer(t, Config{}, nil)
	if resp, body := get(t, plain.url+"/healthz", nil); resp.StatusCode != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("healthz: %d %q", resp.StatusCode, body)
	}
}

func TestMetricsExposition(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true}, nil)
	c := ts.dial(t, "", nil)
	c.hello()
	c.send(map[string]any{"cmd": "measure me"})
	c.expect("text")
	// The writer records the latency just after the reply is written.
	var body string
	eventually(t, "the latency to be recorded", func() bool {
		_, body = get(t, ts.url+"/metrics", nil)
		return strings.Contains(body, "tale_web_command_latency_seconds_count 1")
	})
	for _, want := range []string{
		`tale_web_connections{transport="websocket"} 1`,
		`tale_web_connections{transport="eventsource"} 0`,
		`tale_web_messages_in_total{transport="websocket"} 1`,
		`tale_web_messages_out_total{transport="websocket"}`,
		`tale_web_command_latency_seconds_count 1`,
		`tale_web_slow_clients_evicted_total 0`,
		`tale_web_errors_total{kind="bad_message"} 0`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestImages(t *testing.T) {
	ts := startServer(t, Config{Assets: storyAssets()}, nil)
	resp, body := get(t, ts.url+"/tale/images/pics/hall.png", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" || body != "\x89PNG\r\n\x1a\n" {
		t.Errorf("image: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, p := range []string{"story.yaml", "../web/server.go", "..%2fstory.yaml", "%2e%2e/%2e%2e/etc/passwd.png", "pics/../story.yaml", "pics/%2e%2e/story.yaml", "/etc/passwd.png", "pics/missing.png"} {
		resp, body := get(t, ts.url+"/tale/images/"+p, nil)
		if resp.StatusCode == http.StatusOK || strings.Contains(body, "butler") {
			t.Errorf("GET /tale/images/%s = %d %q; want it refused", p, resp.StatusCode, body)
		}
	}
	none := startServer(t, Config{}, nil)
	if resp, _ := get(t, none.url+"/tale/images/pics/hall.png", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("images without a story folder: %d", resp.StatusCode)
	}
}

func TestTabComplete(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	resp, body := get(t, ts.url+"/tale/tabcomplete?prefix=lo", nil)
	var list []string
	if err := json.Unmarshal([]byte(body), &list); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("tabcomplete: %d %q %v", resp.StatusCode, body, err)
	}
	if strings.Join(list, ",") != "look,lookup" {
		t.Errorf("tabcomplete lo = %v", list)
	}
	if _, body := get(t, ts.url+"/tale/tabcomplete?prefix=zz", nil); strings.TrimSpace(body) != "[]" {
		t.Errorf("no completions: %q, want []", body)
	}
	// A prefix longer than any line is refused before it reaches the game.
	resp, body = get(t, ts.url+"/tale/tabcomplete?prefix="+strings.Repeat("a", 10_000), nil)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "message_error") {
		t.Errorf("a 10 kB prefix: %d %.200q, want 413 and a message_error", resp.StatusCode, body)
	}
	// A request line longer than the header limit never reaches a handler.
	if resp, _ := get(t, ts.url+"/tale/tabcomplete?prefix="+strings.Repeat("a", 100_000), nil); resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("a 100 kB prefix: %d, want 431", resp.StatusCode)
	}
}

func TestMethodsAndUnknownRoutes(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	if resp, _ := get(t, ts.url+"/tale/input", nil); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /tale/input: %d", resp.StatusCode)
	}
	if resp, _ := get(t, ts.url+"/tale/nothing", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown route: %d", resp.StatusCode)
	}
}

// Our pages load only our own scripts and styles, so injected markup could
// not run even if it slipped past escaping; and they are styled.
func TestPagesCarryAContentSecurityPolicyAndTheStylesheet(t *testing.T) {
	ts := startServer(t, Config{}, nil)
	for _, path := range []string{"/tale/", "/tale/about", "/tale/story"} {
		resp, body := get(t, ts.url+path, nil)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy = %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
		if !strings.Contains(body, `static/style.css"`) {
			t.Errorf("%s does not link the stylesheet", path)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/web"
)

// runConnect runs the tale command line with the connect command, the
// way run does (exit codes included).
func runConnect(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	in := strings.NewReader(stdin)
	app := newApp(in, &out, &errOut)
	err := app.Run(append([]string{"tale"}, args...))
	var ue usageError
	switch {
	case err == nil:
		code = exitOK
	case errors.As(err, &ue):
		errOut.WriteString("tale: " + ue.err.Error() + "\n")
		code = exitUsage
	default:
		errOut.WriteString("tale: " + err.Error() + "\n")
		code = exitFailure
	}
	return code, out.String(), errOut.String()
}

// serveDemo serves the demo as `tale --web --websocket` does: a hosted
// game behind the web server with its default limits.
func serveDemo(t *testing.T, cfg web.Config) string {
	t.Helper()
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	game, err := driver.New(s, driver.Options{DataDir: t.TempDir(), Hosted: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { game.Run(ctx); close(done) }()
	cfg.WebSocket, cfg.Stdout, cfg.Logger = true, io.Discard, slog.New(slog.DiscardHandler)
	srv, err := web.New(game.Session(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.Close()
		cancel()
		<-done
	})
	return "ws://" + ts.Listener.Addr().String() + "/tale/ws"
}

// hostedDifference is the one line a hosted game's ending says otherwise.
var hostedDifference = [2]string{
	"Would you like to RESTART, RESTORE a saved game, UNDO your last move, or QUIT?",
	"Would you like to RESTART, RESTORE a saved game, or UNDO your last move?",
}

// `tale connect --plain` plays the demo's walkthrough on a served game to
// its ending, and the transcript is the local game's, byte for byte, but
// for what a hosted game says otherwise. The server keeps its default
// limits: the client's pacing keeps every command within them (which is
// why this test takes some 14 s).
func TestConnectPlaysTheWalkthroughLikeALocalGame(t *testing.T) {
	url := serveDemo(t, web.Config{})
	walk, err := os.ReadFile("stories/demo/walkthrough.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("stories/testdata/demo-walkthrough.golden")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runConnect(t, string(walk), "connect", "--plain", url)
	if code != exitOK {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	// What differs by design: a served game is hosted, and a player's quit
	// never ends a hosted game, so its ending does not offer QUIT.
	local := strings.Replace(string(want), hostedDifference[0], hostedDifference[1], 1)
	if stdout != local {
		t.Errorf("the transcript differs from the local game's:\n%s", firstDifference(local, stdout))
	}
}

func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\nwant " + w + "\n got " + g
		}
	}
	return "(same lines)"
}

func TestConnectRefusals(t *testing.T) {
	// An address where nothing listens.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "ws://" + ln.Addr().String() + "/tale/ws"
	ln.Close()
	// A server that refuses every upgrade with a message_error, as tale
	// does for another site's Origin or a flood.
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		io.WriteString(w, `{"type":"message_error","status":"error","error":"Too many new sessions from your address; try again in a minute.\u001b[2J"}`)
	}))
	defer refusing.Close()
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"connect"}, exitUsage, "tale connect wants one server address"},
		{[]string{"connect", "a", "b"}, exitUsage, "tale connect wants one server address"},
		{[]string{"connect", "ftp://example.org/x"}, exitUsage, "must start with ws:// or wss://"},
		{[]string{"connect", "ws://"}, exitUsage, "has no host"},
		{[]string{"connect", "--bogus", "ws://127.0.0.1:1"}, exitUsage, "see tale connect --help"},
		{[]string{"connect", closed}, exitFailure, "no tale server at " + closed},
		{[]string{"connect", "ws" + strings.TrimPrefix(refusing.URL, "http") + "/tale/ws"}, exitFailure,
			"refused: Too many new sessions from your address; try again in a minute.[2J"},
	} {
		code, _, stderr := runConnect(t, "", c.args...)
		if code != c.code || !strings.Contains(stderr, c.says) {
			t.Errorf("tale %s: exit %d, stderr %q; want exit %d saying %q", strings.Join(c.args, " "), code, stderr, c.code, c.says)
		}
		if strings.ContainsRune(stderr, 0x1b) {
			t.Errorf("tale %s: the server's escape code reached the terminal: %q", strings.Join(c.args, " "), stderr)
		}
	}
}

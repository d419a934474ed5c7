package web

// The harness of the browser tests (browser_test.go): one headless
// chromium per test binary, a new tab per test, a game served by
// httptest, and small helpers that read and drive the page.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// browserWait bounds every wait on the page: a deadline against hangs,
// not a measure of speed.
const browserWait = 30 * time.Second

// userDataPrefix names chromium profile folders; the pid in the name lets
// a later run remove the folders of runs that have exited.
const userDataPrefix = "tale-chromium-"

var browserShared struct {
	once sync.Once
	ctx  context.Context // the browser; tabs are made from it
	skip string          // why there is no browser
	err  error
}

// findBrowser returns chromium's path, from CHROMEDP_TEST_RUNNER or PATH.
func findBrowser() string {
	if p := os.Getenv("CHROMEDP_TEST_RUNNER"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// removeStaleProfiles deletes the profile folders of earlier test runs
// whose process is gone; a running test binary's folder stays.
func removeStaleProfiles() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), userDataPrefix+"*"))
	for _, d := range dirs {
		rest := strings.TrimPrefix(filepath.Base(d), userDataPrefix)
		pid, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0])
		if err != nil || pid <= 0 {
			continue
		}
		if syscall.Kill(pid, 0) == syscall.ESRCH {
			os.RemoveAll(d)
		}
	}
}

func startBrowser() {
	path := findBrowser()
	if path == "" {
		browserShared.skip = "no chromium found (set CHROMEDP_TEST_RUNNER or install chromium)"
		return
	}
	removeStaleProfiles()
	dir, err := os.MkdirTemp("", fmt.Sprintf("%s%d-", userDataPrefix, os.Getpid()))
	if err != nil {
		browserShared.err = err
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // tests may run as root, where the sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 800),
	)
	if os.Getenv("CHROMEDP_NO_HEADLESS") != "" {
		opts = append(opts, chromedp.VisibleWindow)
	}
	// The browser lives as long as the test binary; chromedp kills it
	// (Pdeathsig) when the binary exits, and the next run removes its profile.
	alloc, _ := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, _ := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		browserShared.err = fmt.Errorf("starting %s: %w", path, err)
		return
	}
	browserShared.ctx = ctx
}

// newTab opens a tab in the shared browser. It skips the test when there
// is no browser, unless CI is set: then a missing browser is a failure.
func newTab(t *testing.T) context.Context {
	t.Helper()
	return newTabFor(t, 2*browserWait)
}

// newTabFor is newTab for a test that may take up to limit in all (a hang
// guard, not a measure of speed).
func newTabFor(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	browserShared.once.Do(startBrowser)
	if browserShared.skip != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s", browserShared.skip)
		}
		t.Skip(browserShared.skip)
	}
	if browserShared.err != nil {
		t.Fatal(browserShared.err)
	}
	tab, cancel := chromedp.NewContext(browserShared.ctx)
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 800)); err != nil {
		cancel()
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, stop := context.WithTimeout(tab, limit)
	t.Cleanup(func() {
		stop()
		cancel()
	})
	return ctx
}

// demoServer is a game behind a test server.
type demoServer struct {
	srv  *Server
	ts   *httptest.Server
	game *demoGame
}

// serveDemo starts a game and a web server for it, with or without the
// WebSocket route.
func serveDemo(t *testing.T, websocket bool) *demoServer {
	t.Helper()
	return serveGame(t, newDemoGame(t), Config{WebSocket: websocket})
}

// serveGame starts a web server for a running game.
func serveGame(t *testing.T, g *demoGame, cfg Config) *demoServer {
	t.Helper()
	srv := newQuietServer(t, g, cfg)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.CloseClientConnections()
		ts.Close()
	})
	return &demoServer{srv: srv, ts: ts, game: g}
}

// newQuietServer is a Server for g that logs nothing; the test's end stops it.
func newQuietServer(t *testing.T, g *demoGame, cfg Config) *Server {
	t.Helper()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.Stdout = io.Discard
	srv, err := New(g.Session(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.stop)
	return srv
}

func (p *demoServer) storyURL(query string) string {
	u := p.ts.URL + "/tale/story"
	if query != "" {
		u += "?" + query
	}
	return u
}

// closeFromServer ends every open connection from the server's side, as a
// restarting proxy would, without refusing new ones.
func (p *demoServer) closeFromServer(code int) { closeClients(p.srv, code) }

// closeClients ends every connection of srv from the server's side; with
// closeNoFrame the peer sees the connection drop, as when a server dies.
func closeClients(srv *Server, code int) {
	srv.hub.do(func() {
		for c := range srv.hub.clients {
			c.stop(code, "closed by the test")
		}
	})
}

// outageServer serves a game on a fixed loopback address and can go away
// and come back there, as across a crash, a restart or a network outage
// (an httptest.Server cannot listen again on its port).
type outageServer struct {
	t    *testing.T
	addr string
	cfg  Config
	srv  *Server
	game *demoGame
	hs   *http.Server // nil while down
}

// serveOutage starts a web server for a running game on a free port.
func serveOutage(t *testing.T, g *demoGame, cfg Config) *outageServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	o := &outageServer{t: t, addr: ln.Addr().String(), cfg: cfg, srv: newQuietServer(t, g, cfg), game: g}
	o.serve(ln)
	t.Cleanup(o.down)
	return o
}

func (o *outageServer) serve(ln net.Listener) {
	hs := &http.Server{Handler: o.srv.Handler(), ErrorLog: log.New(io.Discard, "", 0)}
	o.hs = hs
	go hs.Serve(ln)
}

func (o *outageServer) storyURL(query string) string {
	u := "http://" + o.addr + "/tale/story"
	if query != "" {
		u += "?" + query
	}
	return u
}

// down takes the server off the network: new connections are refused and
// open ones drop without a close frame, as when the process dies. The
// game and its sessions stay, for up.
func (o *outageServer) down() {
	if o.hs == nil {
		return
	}
	o.hs.Close() // the listener, and the EventSource streams it still tracks
	o.hs = nil
	closeClients(o.srv, closeNoFrame) // the WebSockets, hijacked from hs
}

// up serves again on the same address, with the game and sessions as they are.
func (o *outageServer) up() {
	o.t.Helper()
	deadline := time.Now().Add(browserWait)
	for {
		ln, err := net.Listen("tcp", o.addr)
		if err == nil {
			o.serve(ln)
			return
		}
		if time.Now().After(deadline) {
			o.t.Fatalf("listening again on %s: %v", o.addr, err)
		}
		time.Sleep(50 * time.Millisecond) // a socket of the old server may still hold the port
	}
}

// restartWith brings the server back with another game, as a new process
// would: no session or sequence number of the old one carries over.
func (o *outageServer) restartWith(g *demoGame) {
	o.t.Helper()
	o.down()
	o.srv = newQuietServer(o.t, g, o.cfg)
	o.game = g
	o.up()
}

// ---- page helpers ----

func pageDo(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func pageEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// pageWait polls a JavaScript condition until it holds; what describes it
// in the failure, with the pane's text for context.
func pageWait(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](cond,
		chromedp.WithPollingInterval(25*time.Millisecond), chromedp.WithPollingTimeout(browserWait)))
	if err != nil {
		pane, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("pane")||{}).innerText || ""`))
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("status")||{}).textContent || ""`))
		t.Fatalf("waiting for %s: %v\nstatus: %s\npane:\n%s", what, err, status, tailOf(pane, 1500))
	}
}

// pageWaitDOM is pageWait for conditions on the DOM (the page mirrors
// taleClient.seq in body[data-seq]): it checks again on every change of
// the document instead of on a timer.
func pageWaitDOM(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](cond,
		chromedp.WithPollingMutation(), chromedp.WithPollingTimeout(browserWait)))
	if err != nil {
		pane, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("pane")||{}).innerText || ""`))
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("status")||{}).textContent || ""`))
		t.Fatalf("waiting for %s: %v\nstatus: %s\npane:\n%s", what, err, status, tailOf(pane, 1500))
	}
}

func tailOf(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func jsQuote(s string) string { return jsValue(s) }

// jsValue is v as a JavaScript literal.
func jsValue(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// openStory loads the game page and waits until it is connected and shows the
// first screen.
func openStory(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	pageDo(t, ctx, chromedp.Navigate(url))
	pageWait(t, ctx, "the first screen",
		`window.taleClient && taleClient.conn.connected && document.querySelectorAll("#pane .entry.out").length > 0`)
}

// paneOutJS is the text of everything the game wrote into the pane.
const paneOutJS = `Array.from(document.querySelectorAll("#pane .entry.out")).map(e => e.innerText).join("\n")`

// countOut is how often s occurs in the game's output in the pane.
func countOut(t *testing.T, ctx context.Context, s string) int {
	t.Helper()
	return pageEval[int](t, ctx, `(`+paneOutJS+`).split(`+jsQuote(s)+`).length - 1`)
}

// waitOut waits until the game's output in the pane contains s.
func waitOut(t *testing.T, ctx context.Context, s string) {
	t.Helper()
	pageWait(t, ctx, fmt.Sprintf("%q in the pane", s), `(`+paneOutJS+`).includes(`+jsQuote(s)+`)`)
}

// lastEchoJS is the last command echoed into the pane.
const lastEchoJS = `(Array.from(document.querySelectorAll("#pane .entry.in .txt-userinput")).pop() || {}).textContent`

// setCmdInput puts v into the command input without typing.
func setCmdInput(t *testing.T, ctx context.Context, v string) {
	t.Helper()
	pageEval[bool](t, ctx, `(document.getElementById("cmd").value = `+jsQuote(v)+`, true)`)
}

// typeCommand types a line into the input as a player would, then Enter.
func typeCommand(t *testing.T, ctx context.Context, line string) {
	t.Helper()
	pageDo(t, ctx, chromedp.SendKeys(chromedp.CSS("#cmd"), line+"\r"))
}

// waitAllShown waits until the page shows every event the game has
// emitted for the input it has taken so far, and nothing is in flight.
func waitAllShown(t *testing.T, ctx context.Context, g *demoGame) {
	t.Helper()
	// Once a Complete made now returns, the game has emitted all events of
	// the input before it (tio.Session).
	if _, err := g.Session().Complete(ctx, ""); err != nil {
		t.Fatal(err)
	}
	pageWaitDOM(t, ctx, "the game's last event on the page", fmt.Sprintf(
		`taleClient.seq >= %d && document.getElementById("waiting").hidden`, g.Session().LastSeq()))
}

// waitQuiet waits until no command is in flight.
func waitQuiet(t *testing.T, ctx context.Context) {
	t.Helper()
	pageWait(t, ctx, "the replies", `taleClient.pending === 0`)
}

// colorScheme emulates the system's light or dark preference.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return chromedp.Void{}, err
	}
}

// saveScreenshot saves the page as PNG in a folder that outlives the test
// and logs its path.
func saveScreenshot(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dir := screenshotDir(t)
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
	return p
}

var shotFolder struct {
	once sync.Once
	dir  string
	err  error
}

func screenshotDir(t *testing.T) string {
	t.Helper()
	shotFolder.once.Do(func() {
		if d := os.Getenv("TALE_SCREENSHOTS"); d != "" {
			shotFolder.dir, shotFolder.err = d, os.MkdirAll(d, 0o755)
			return
		}
		shotFolder.dir, shotFolder.err = os.MkdirTemp("", "tale-screenshots-")
	})
	if shotFolder.err != nil {
		t.Fatal(shotFolder.err)
	}
	return shotFolder.dir
}

// ---- the game ----

// talkRoute leads from the demo's start to Maud; talkCommand opens her
// conversation menu.
var (
	talkRoute   = []string{"north", "north", "west"}
	talkCommand = "talk to maud"
)

// demoGame is a bundled story (the demo unless said otherwise), running.
type demoGame struct {
	game  *driver.Game
	story *story.Story
}

func newDemoGame(t *testing.T) *demoGame {
	t.Helper()
	return newStoryGame(t, "demo")
}

// newStoryGame runs the bundled story id with seed 1 (the seed its
// walkthroughs are written for).
func newStoryGame(t *testing.T, id string) *demoGame {
	t.Helper()
	st, err := story.Load(stories.FS, id)
	if err != nil {
		t.Fatal(err)
	}
	seed := uint64(1)
	g, err := driver.New(st, driver.Options{
		Seed:    &seed,
		DataDir: t.TempDir(),
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("game: %v", err)
			}
		case <-time.After(browserWait):
			t.Errorf("the game loop did not stop")
		}
	})
	return &demoGame{game: g, story: st}
}

func (g *demoGame) Session() tio.Session { return g.game.Session() }

// send plays a line straight into the session, as another tab would, and
// waits until the game has answered it.
func (g *demoGame) send(t *testing.T, line string) {
	t.Helper()
	sess := g.Session()
	before := sess.LastSeq()
	if err := sess.Send(context.Background(), tio.Line(line)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(browserWait)
	for sess.LastSeq() == before {
		if time.Now().After(deadline) {
			t.Fatalf("the game did not answer %q", line)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

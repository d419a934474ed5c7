package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/tale-if/tale/internal/goldenflag" // accept go test ./... -update

	"github.com/urfave/cli/v2"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/web"
)

// runTale runs the command in-process with the given stdin and returns the
// exit code and both streams.
func runTale(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	argv := append([]string{"tale", "--data-dir", t.TempDir()}, args...)
	code = run(argv, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUnknownStoryIsOneSentenceAndExit2(t *testing.T) {
	code, _, stderr := runTale(t, "", "--game", "no-such-story")
	if code != exitUsage {
		t.Fatalf("exit code = %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr, `no story "no-such-story"`) || !strings.Contains(stderr, "demo") {
		t.Errorf("stderr should name the story and the bundled ones, got %q", stderr)
	}
	if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 {
		t.Errorf("want one line on stderr, got %d lines: %q", n+1, stderr)
	}
}

func TestBadFlagExits2(t *testing.T) {
	code, _, stderr := runTale(t, "", "--no-such-flag")
	if code != exitUsage {
		t.Fatalf("exit code = %d, want %d (stderr %q)", code, exitUsage, stderr)
	}
	if !strings.Contains(stderr, "no-such-flag") {
		t.Errorf("stderr should name the bad flag, got %q", stderr)
	}
}

func TestWebOnlyFlagsNeedWeb(t *testing.T) {
	code, _, stderr := runTale(t, "", "--websocket")
	if code != exitUsage || !strings.Contains(stderr, "--websocket only makes sense with --web") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestPublicHostMustBeABareName(t *testing.T) {
	for _, bad := range []string{"https://play.example.org", "play.example.org:443", "play.example.org/tale", "-x.example", "a..b"} {
		code, _, stderr := runTale(t, "", "--web", "--public-host", bad)
		if code != exitUsage || !strings.Contains(stderr, "--public-host wants a bare DNS name") {
			t.Errorf("--public-host %q: code %d, stderr %q", bad, code, stderr)
		}
	}
}

// optionsFor parses a command line (and the environment) as tale does,
// without playing.
func optionsFor(t *testing.T, args ...string) (options, error) {
	t.Helper()
	app := newApp(strings.NewReader(""), io.Discard, io.Discard)
	var o options
	var err error
	app.Action = func(c *cli.Context) error { o, err = optionsFrom(c); return nil }
	if runErr := app.Run(append([]string{"tale"}, args...)); runErr != nil {
		t.Fatal(runErr)
	}
	return o, err
}

func TestWebCapsReachTheServer(t *testing.T) {
	o, err := optionsFor(t, "--web")
	if err != nil {
		t.Fatal(err)
	}
	cfg := webConfig(o, loadedStory{})
	if cfg.MaxConns != web.DefaultMaxConns || cfg.MaxConnsPerIP != web.DefaultMaxConnsPerIP ||
		cfg.NewSessionsPerIP != web.DefaultNewSessionsPerIP || cfg.IPRatePerSecond != web.DefaultIPRate || cfg.GameRatePerSecond != web.DefaultGameRate {
		t.Errorf("defaults: %+v", cfg)
	}
	t.Setenv("TALE_GAME_RATE", "7")
	o, err = optionsFor(t, "--web", "--max-conns", "5", "--max-conns-per-ip", "2", "--new-sessions-per-ip", "3", "--ip-rate", "0.5")
	if err != nil {
		t.Fatal(err)
	}
	cfg = webConfig(o, loadedStory{})
	if cfg.MaxConns != 5 || cfg.MaxConnsPerIP != 2 || cfg.NewSessionsPerIP != 3 ||
		cfg.IPRatePerSecond != 0.5 || cfg.IPRateBurst != 1 || cfg.GameRatePerSecond != 7 || cfg.GameRateBurst != 14 {
		t.Errorf("from flags and environment: %+v", cfg)
	}
	for _, bad := range [][]string{{"--max-conns", "0"}, {"--max-conns-per-ip", "-1"}, {"--game-rate", "0"}} {
		code, _, stderr := runTale(t, "", append([]string{"--web"}, bad...)...)
		if code != exitUsage || !strings.Contains(stderr, bad[0]+" must be more than 0") {
			t.Errorf("%v: code %d, stderr %q", bad, code, stderr)
		}
	}
	code, _, stderr := runTale(t, "", "--max-conns", "5")
	if code != exitUsage || !strings.Contains(stderr, "--max-conns only makes sense with --web") {
		t.Errorf("--max-conns without --web: code %d, stderr %q", code, stderr)
	}
}

func TestMetricsFlagsReachTheServer(t *testing.T) {
	t.Setenv("TALE_METRICS_TOKEN", "sixteen-chars-or-more")
	o, err := optionsFor(t, "--web", "--metrics-addr", "127.0.0.1:9180")
	if err != nil {
		t.Fatal(err)
	}
	if cfg := webConfig(o, loadedStory{}); cfg.MetricsToken != "sixteen-chars-or-more" || cfg.MetricsAddr != "127.0.0.1:9180" {
		t.Errorf("metrics: addr %q, token %q", cfg.MetricsAddr, cfg.MetricsToken)
	}
	for _, bad := range []struct {
		args []string
		says string
	}{
		{[]string{"--web", "--metrics-token", "short"}, "--metrics-token is too short"},
		{[]string{"--web", "--metrics-addr", "9180"}, "--metrics-addr wants HOST:PORT"},
		{[]string{"--metrics-addr", "127.0.0.1:9180"}, "--metrics-addr only makes sense with --web"},
	} {
		if code, _, stderr := runTale(t, "", bad.args...); code != exitUsage || !strings.Contains(stderr, bad.says) {
			t.Errorf("%v: code %d, stderr %q", bad.args, code, stderr)
		}
	}
}

// In web mode /healthz follows the game loop: ok while it runs (here, a
// real server on a free port), the loop's end once it has returned.
func TestWebHealthzFollowsTheGameLoop(t *testing.T) {
	srv := serve(t, "--web", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir())
	resp, err := http.Get(srv.base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || strings.TrimSpace(string(body)) != "ok" {
		t.Errorf("healthz while the game runs: %d %q", resp.StatusCode, body)
	}
	if err := srv.stop(); err != nil {
		t.Errorf("play after its context ended: %v", err)
	}

	st, err := loadStory("demo")
	if err != nil {
		t.Fatal(err)
	}
	game, err := driver.New(st.story, driver.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	health := loopHealth(game.World)
	loopCtx, stopLoop := context.WithCancel(context.Background())
	go game.Run(loopCtx)
	if err := health(); err != nil {
		t.Errorf("a running loop: %v", err)
	}
	stopLoop()
	<-game.Done()
	if err := health(); !errors.Is(err, errLoopStopped) {
		t.Errorf("a stopped loop: %v, want %v", err, errLoopStopped)
	}
}

// TestWebQuitIsNoKillSwitch plays "quit" and "yes" over the web, as any
// visitor can: the game ends for that player with a restart offered, and
// the server, its game loop and /healthz go on.
func TestWebQuitIsNoKillSwitch(t *testing.T) {
	srv := serve(t, "--web", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir())
	base := srv.base

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	streamCtx, endStream := context.WithCancel(context.Background())
	defer endStream()
	req, _ := http.NewRequestWithContext(streamCtx, "GET", base+"/tale/eventsource", nil)
	stream, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	events := make(chan string, 256)
	go func() {
		sc := bufio.NewScanner(stream.Body)
		for sc.Scan() {
			events <- sc.Text()
		}
		close(events)
	}()
	for _, cmd := range []string{"quit", "yes"} {
		resp, err := client.PostForm(base+"/tale/input", url.Values{"cmd": {cmd}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("POST %q: %d", cmd, resp.StatusCode)
		}
	}
	deadline := time.After(10 * time.Second)
	for ended := false; !ended; {
		select {
		case l, ok := <-events:
			if !ok {
				t.Fatal("the stream ended instead of showing the quit ending")
			}
			ended = strings.HasPrefix(l, "data:") && strings.Contains(l, `"id":"quit"`)
		case <-deadline:
			t.Fatal("no quit ending within 10 s")
		}
	}
	resp, err := client.PostForm(base+"/tale/input", url.Values{"cmd": {"restart"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("restart after quitting: %d, want 200 (the game takes commands)", resp.StatusCode)
	}
	resp, err = client.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("healthz after a player quit: %d, want 200", resp.StatusCode)
	}
	select {
	case <-srv.ended:
		t.Fatalf("the server stopped after a player quit: %v", srv.stop())
	default:
	}
}

func TestFileInsteadOfFolderExits2(t *testing.T) {
	f := filepath.Join(t.TempDir(), "story.yaml")
	os.WriteFile(f, []byte("name: x\n"), 0o644)
	code, _, stderr := runTale(t, "", "--game", f)
	if code != exitUsage || !strings.Contains(stderr, "is a file") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestBrokenStoryListsEveryProblemWithFileAndLine(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("story.yaml", "name: Broken\nstart: hall\nauthr: typo\n")
	write("world.yaml", `locations:
  hall:
    name: Hall
    exits:
      nort: kitchen
      east: nowhere_room
items:
  lamp:
    name: lamp
    at: hall
    weight: heavy
`)
	code, stdout, stderr := runTale(t, "", "--game", dir)
	if code != exitUsage {
		t.Fatalf("exit code = %d, want %d; stderr:\n%s", code, exitUsage, stderr)
	}
	if stdout != "" {
		t.Errorf("nothing should be played, got stdout %q", stdout)
	}
	for _, want := range []string{"story.yaml:3", "authr", "world.yaml:5", "nort", "world.yaml:6", "nowhere_room", "world.yaml:11", "weight"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
		t.Errorf("a broken story must not panic:\n%s", stderr)
	}
}

func TestListNamesBundledStories(t *testing.T) {
	code, stdout, _ := runTale(t, "", "--list")
	if code != exitOK || !strings.HasPrefix(stdout, "demo") {
		t.Fatalf("code %d, stdout %q", code, stdout)
	}
}

// demoEnding returns the title of the demo's ending of the given kind.
func demoEnding(t *testing.T, kind string) string {
	t.Helper()
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Config.Endings {
		if e.Kind == kind {
			return e.Title
		}
	}
	t.Fatalf("the demo has no %s ending", kind)
	return ""
}

func TestPipedWalkthroughWinsAndExits0(t *testing.T) {
	walk, err := os.ReadFile("stories/demo/walkthrough.txt")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runTale(t, string(walk), "--plain")
	if code != exitOK {
		t.Fatalf("exit code = %d; stderr:\n%s", code, stderr)
	}
	if title := demoEnding(t, "win"); !strings.Contains(stdout, title) {
		t.Errorf("the walkthrough should reach the winning ending %q; output ends:\n%s", title, tail(stdout, 1500))
	}
	if strings.Contains(stdout, "\x1b[") {
		t.Error("piped output must carry no escape codes")
	}
}

func TestMegabyteOfGarbageGetsAReply(t *testing.T) {
	garbage := strings.Repeat("\xff\x00<script>zz ", 1<<20/12)
	code, stdout, stderr := runTale(t, garbage+"\nlook\n", "--plain")
	if code != exitOK {
		t.Fatalf("exit code = %d; stderr:\n%s", code, stderr)
	}
	// Between the echoed garbage and the next prompt there must be a reply.
	lines := strings.Split(stdout, "\n")
	next := slices.Index(lines, "> look")
	if next < 0 {
		t.Fatalf("the command after the garbage was not read; output ends:\n%s", tail(stdout, 800))
	}
	reply := ""
	for i := next - 1; i >= 0 && reply == ""; i-- {
		reply = strings.TrimSpace(lines[i])
	}
	if strings.HasPrefix(reply, ">") {
		t.Errorf("the garbage line got no reply; output ends:\n%s", tail(stdout, 800))
	}
	if !strings.Contains(stdout[strings.Index(stdout, "> look"):], demoStart(t)) {
		t.Errorf("the game should go on after the garbage")
	}
}

// demoStart is the name of the demo's first location.
func demoStart(t *testing.T) string {
	t.Helper()
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	return s.Locations[s.Config.Start].Name
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runTale(t, "", "--version")
	if code != exitOK || !strings.Contains(stdout, version) {
		t.Fatalf("--version: code %d, stdout %q; want %s", code, stdout, version)
	}
}

// TestSaveQuotaFlagReachesTheGame plays "save a", "save b" with
// --max-saves 1: the second save is refused and never written.
func TestSaveQuotaFlagReachesTheGame(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runTale(t, "save a\nsave b\n", "--plain", "--data-dir", dir, "--max-saves", "1")
	if code != exitOK {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "the most this game keeps") {
		t.Errorf("no quota refusal in the output:\n%s", stdout)
	}
	saves, _ := filepath.Glob(filepath.Join(dir, "saves", "demo", "*.json"))
	if len(saves) != 1 {
		t.Errorf("saves on disk: %v, want only a.json", saves)
	}
}

func TestQuotaFlagsRefuseZero(t *testing.T) {
	for _, flag := range []string{"--max-saves", "--max-save-bytes", "--max-transcripts", "--max-transcript-bytes"} {
		code, _, stderr := runTale(t, "", flag, "0")
		if code != exitUsage || !strings.Contains(stderr, "or -1 for no limit") {
			t.Errorf("%s 0: code %d, stderr %q", flag, code, stderr)
		}
	}
}

func TestModeMUDWithoutWebSaysHowToServeAndConnect(t *testing.T) {
	for _, args := range [][]string{{"--mode", "mud"}, {"--mode", "MUD", "--game", "dungeon"}} {
		code, _, stderr := runTale(t, "", args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
		for _, want := range []string{"tale --mode mud --web --websocket", "tale connect ws://HOST:PORT/tale/ws", "browser"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%v: stderr lacks %q: %q", args, want, stderr)
			}
		}
	}
	t.Setenv("TALE_MODE", "mud")
	if code, _, stderr := runTale(t, ""); code != exitUsage || !strings.Contains(stderr, "needs --web") {
		t.Errorf("TALE_MODE=mud without --web: exit %d, %q", code, stderr)
	}
	t.Setenv("TALE_MODE", "")
	if code, _, stderr := runTale(t, "", "--mode", "multi"); code != exitUsage || !strings.Contains(stderr, `not "multi"`) {
		t.Errorf("--mode multi: exit %d, %q", code, stderr)
	}
}

// TestHelpShowsEachDefaultOnce: a flag whose usage names its default must
// not have the library print a second, different one.
func TestHelpShowsEachDefaultOnce(t *testing.T) {
	code, stdout, _ := runTale(t, "", "--help")
	if code != exitOK {
		t.Fatalf("--help exited %d", code)
	}
	for _, line := range strings.Split(stdout, "\n") {
		if strings.Count(line, "(default:") > 1 {
			t.Errorf("two defaults: %s", strings.TrimSpace(line))
		}
	}
}

// TestMUDRefusesAnIFOnlyStoryBeforeStarting: a story whose modes do not
// list mud is a usage error, said before any store is opened or admin asked.
func TestMUDRefusesAnIFOnlyStoryBeforeStarting(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("stories/demo")); err != nil {
		t.Fatal(err)
	}
	yaml, err := os.ReadFile(filepath.Join(dir, "story.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(yaml), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "modes:") {
			lines[i] = "modes: [if]"
		}
	}
	os.WriteFile(filepath.Join(dir, "story.yaml"), []byte(strings.Join(lines, "\n")), 0o644)
	data := t.TempDir()
	code, _, stderr := runTale(t, "", "--game", dir, "--mode", "mud", "--web", "--addr", "127.0.0.1:0", "--data-dir", data)
	if code != exitUsage || !strings.Contains(stderr, "lists modes [if] in its story.yaml, not mud") {
		t.Errorf("code %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "tale.db")); err == nil {
		t.Errorf("a store was made for a story that cannot be served")
	}
}

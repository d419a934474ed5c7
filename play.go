package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	_ "github.com/tale-if/tale/story/dungeon" // registers the "dungeon" generator
	"github.com/tale-if/tale/tio/console"
	"github.com/tale-if/tale/tio/tui"
	"github.com/tale-if/tale/web"
)

// play loads the story, starts the driver loop and hands the session to
// the front end the situation calls for. It returns when the player is
// done (ending, quit, end of input) or ctx is cancelled.
func play(ctx context.Context, o options, stdin io.Reader, stdout, stderr io.Writer) error {
	if o.list {
		return listStories(stdout)
	}
	loaded, err := loadStory(o.game)
	if err != nil {
		return err
	}
	front := chooseFrontEnd(o, stdin, stdout)
	if front == frontWeb {
		serveOnAllPs()
	} else {
		defer runLocal()()
	}
	logger, closeLog := newLogger(front, o.dataDir, stderr)
	defer closeLog()

	dopts := driver.Options{
		Seed: o.seed, DataDir: o.dataDir, Logger: logger,
		// A served game outlives any player's quit; only a signal stops it.
		Hosted:   o.web,
		MaxSaves: o.quotas.saves, MaxSaveBytes: o.quotas.saveBytes,
		MaxTranscripts: o.quotas.transcripts, MaxTranscriptBytes: o.quotas.transcriptBytes,
	}
	// Served IF without --shared: a game per visitor, in the store, each
	// with its own narrator from one model engine (hosted.go).
	if front == frontWeb && o.mode != driver.ModeMUD && !o.shared {
		return serveHosted(ctx, o, loaded, dopts, logger, stdin, stdout, stderr)
	}
	nar, closeNarration, err := openNarration(&o.narration, o.dataDir, loaded.story, logger)
	if err != nil {
		return err
	}
	defer closeNarration()
	dopts.Narrator = nar
	// MUD (always served: options refuses it without --web): one shared
	// world, durable in the store (mud.go).
	if o.mode == driver.ModeMUD {
		return serveMUD(ctx, o, loaded, dopts, stdin, stdout, stderr)
	}
	game, err := driver.New(loaded.story, dopts)
	if err != nil {
		return usagef("cannot start %q: %v", o.game, err)
	}
	world := game.World

	// The game outlives the signal by as long as the front end needs to
	// wind down: the web server first tells every client it is going away
	// (1001, "come back later") and only then does the game stop. Stopping
	// both at once would let some clients see the game end (1000) instead.
	gameCtx, stopGame := context.WithCancel(context.WithoutCancel(ctx))
	defer stopGame()
	loopDone := make(chan error, 1)
	go func() {
		err := world.Run(gameCtx)
		if err != nil && !errors.Is(err, context.Canceled) {
			logger.Error("the game loop failed", "err", err)
		}
		loopDone <- err
	}()

	err = runFrontEnd(ctx, front, o, loaded, game, loopHealth(world), stdin, stdout)
	stopGame()
	if loopErr := <-loopDone; err == nil && loopErr != nil && !errors.Is(loopErr, context.Canceled) {
		err = loopErr
	}
	return err
}

// errLoopStopped is what /healthz reports once the game loop has returned:
// the web server still answers, but nobody can play. The details of a
// failure go to the log, not to whoever asks /healthz.
var errLoopStopped = errors.New("the game loop has stopped")

func loopHealth(world *driver.World) func() error {
	return func() error {
		select {
		case <-world.Done():
			return errLoopStopped
		default:
			return nil
		}
	}
}

// frontEnd is which face the game shows.
type frontEnd int

const (
	frontTUI frontEnd = iota
	frontConsole
	frontWeb
)

// chooseFrontEnd is the one place that decides (STYLE.md: pick the front end
// like glow): the browser when asked, plain lines whenever a full-screen UI
// would not work or is not wanted, the TUI otherwise.
func chooseFrontEnd(o options, stdin io.Reader, stdout io.Writer) frontEnd {
	switch {
	case o.web:
		return frontWeb
	case o.plain, !isTerminal(stdin), !isTerminal(stdout), os.Getenv("TERM") == "dumb":
		return frontConsole
	default:
		return frontTUI
	}
}

func runFrontEnd(ctx context.Context, front frontEnd, o options, loaded loadedStory, game *driver.Game, health func() error, stdin io.Reader, stdout io.Writer) error {
	sess := game.Session()
	switch front {
	case frontWeb:
		cfg := webConfig(o, loaded)
		cfg.Health, cfg.Stdout = health, stdout
		srv, err := web.New(sess, cfg)
		if err != nil {
			return usagef("%v", err)
		}
		if o.narration.stats != nil {
			srv.ObserveNarration(o.narration.stats)
		}
		return srv.ListenAndServe(ctx)
	case frontConsole:
		return console.Run(ctx, sess, stdin, stdout, console.Options{
			Color:     colorWanted(stdout),
			EchoInput: !isTerminal(stdin),
			// Line editing and history need a terminal on both sides: raw
			// keys in, the redrawn line out.
			LineEditing: isTerminal(stdin) && isTerminal(stdout),
		})
	default:
		return tui.Run(ctx, sess, tui.Options{
			StoryID:   loaded.story.ID,
			DataDir:   o.dataDir,
			NoColor:   os.Getenv("NO_COLOR") != "",
			Input:     stdin,
			Output:    stdout,
			AltScreen: true,
			// The ✎ before model-written text, for players who find it noisy.
			HideNarrationMark: o.narration.hideMark,
		})
	}
}

// webConfig is the web server's configuration from the command line.
func webConfig(o options, loaded loadedStory) web.Config {
	return web.Config{
		Addr:              o.addr,
		WebSocket:         o.websocket,
		AllowedOrigins:    o.allowOrigins,
		PublicHosts:       o.publicHosts,
		TLSCert:           o.tlsCert,
		TLSKey:            o.tlsKey,
		NoCompression:     o.noCompression,
		MetricsAddr:       o.metricsAddr,
		MetricsToken:      o.metricsToken,
		Open:              o.open,
		Assets:            loaded.assets,
		Version:           version,
		Logger:            slog.Default(),
		TrustedProxies:    o.trustedProxies,
		MaxConns:          o.maxConns,
		MaxConnsPerIP:     o.maxConnsPerIP,
		NewSessionsPerIP:  o.newSessionsPerIP,
		IPRatePerSecond:   o.ipRate,
		IPRateBurst:       max(1, int(2*o.ipRate)),
		GameRatePerSecond: o.gameRate,
		GameRateBurst:     max(1, int(2*o.gameRate)),
	}
}

// newLogger keeps log lines out of the player's way: a full-screen UI would
// be scribbled over, so the TUI logs to a file in the data dir; the console
// shows only warnings; the web server logs what operators expect.
func newLogger(front frontEnd, dataDir string, stderr io.Writer) (*slog.Logger, func()) {
	level := slog.LevelWarn
	var out = stderr
	closeLog := func() {}
	switch front {
	case frontWeb:
		level = slog.LevelInfo
	case frontTUI:
		out = io.Discard
		if err := os.MkdirAll(dataDir, 0o755); err == nil {
			if f, err := os.OpenFile(filepath.Join(dataDir, "tale.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644); err == nil {
				out = f
				closeLog = func() { f.Close() }
			}
		}
	}
	logger := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)
	return logger, closeLog
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// colorWanted follows the NO_COLOR convention and never sends escape codes
// into a pipe or to a dumb terminal.
func colorWanted(stdout io.Writer) bool {
	return isTerminal(stdout) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// loadedStory is a story with the folder its images come from.
type loadedStory struct {
	story  *story.Story
	assets fs.FS
}

// loadStory accepts a folder on disk or the name of a bundled story. A path
// that does not exist but names a bundled story ("stories/dungeon" run from
// elsewhere) plays the bundled one, so README commands work from any
// directory.
func loadStory(game string) (loadedStory, error) {
	if info, err := os.Stat(game); err == nil {
		if !info.IsDir() {
			return loadedStory{}, usagef("%s is a file; --game wants a story folder (with a story.yaml) or a bundled story name", game)
		}
		s, err := story.LoadDir(game)
		if err != nil {
			return loadedStory{}, storyError(game, err)
		}
		return loadedStory{story: s, assets: os.DirFS(game)}, nil
	}
	id := filepath.Base(filepath.Clean(game))
	if !isBundled(id) {
		return loadedStory{}, usagef("no story %q: not a folder here, and not a bundled story (bundled: %s)", game, strings.Join(bundledIDs(), ", "))
	}
	s, err := stories.Load(id)
	if err != nil {
		return loadedStory{}, storyError(id, err)
	}
	assets, err := fs.Sub(stories.FS, id)
	if err != nil {
		return loadedStory{}, err
	}
	return loadedStory{story: s, assets: assets}, nil
}

// storyError turns a loader failure into the usage error main prints: for
// a broken folder, every problem on its own line.
func storyError(name string, err error) error {
	var problems *story.Problems
	if errors.As(err, &problems) {
		return usagef("story %q cannot be played:\n%v", name, err)
	}
	return usagef("%v", err)
}

func bundledIDs() []string { return stories.IDs() }

func isBundled(id string) bool { return stories.IsBundled(id) }

func listStories(stdout io.Writer) error {
	for _, id := range bundledIDs() {
		s, err := stories.Load(id)
		if err != nil {
			fmt.Fprintf(stdout, "%-10s (cannot be loaded: %v)\n", id, firstLine(err.Error()))
			continue
		}
		line := s.Config.Name
		if s.Config.Description != "" {
			line += " — " + s.Config.Description
		}
		fmt.Fprintf(stdout, "%-10s %s\n", id, line)
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// Command tale plays interactive fiction: in a terminal (a Bubble Tea screen,
// or plain lines when stdin or stdout is not a terminal), or in a browser
// over EventSource or WebSocket.
//
// main.go owns the flags, the choice of front end and the exit codes; it is
// the only package that imports every other one.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tale-if/tale/driver"

	"github.com/tale-if/tale/web"
)

// version is the runtime's version; a story may require at least this much.
const version = "0.1.0"

// Exit codes. Usage covers everything the user can fix by changing the
// command line or the story folder.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	startOnOneP()
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: tests call it with their own streams.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.Run(args)
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "tale: %v\n", ue.err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "tale: %v\n", err)
	return exitFailure
}

// usageError marks mistakes the user can fix (bad flag, unknown story,
// broken story folder): they exit with status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// buildTime stands in for cli.App.Compiled, which no help page shows.
var buildTime = time.Unix(0, 0).UTC()

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:      "tale",
		Usage:     "play interactive fiction in a terminal or a browser",
		Version:   version,
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Flags:     cachedNames(flags()),
		// cli stats the executable for this at start unless it is set, and
		// nothing tale prints shows it.
		Compiled: buildTime,
		// One clear sentence for a bad flag instead of the whole help page.
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usagef("%v (see tale --help)", err)
		},
		HideHelpCommand: true,
		Commands:        []*cli.Command{connectCommand(stdin, stdout, stderr), checkCommand(), testCommand(), adminCommand(stdin, stdout)},
		ArgsUsage:       " ",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unexpected argument %q; choose a story with --game", c.Args().First())
			}
			opts, err := optionsFrom(c)
			if err != nil {
				return err
			}
			ctx, stop := notifyLater(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return play(ctx, opts, stdin, stdout, stderr)
		},
	}
}

// notifyLater is signal.NotifyContext with the registration taken off the
// start path. The runtime hands a program's first Notify to a thread of
// its own and waits until that thread has started and updated its signal
// mask (runtime.sigenable): 0.15 to 0.2 ms before the first line, 4 % of
// the start. Here a goroutine waits instead. Until it has registered, an
// interrupt does what it does while the runtime itself starts: it ends a
// process that has nothing to save yet. As with NotifyContext, a second
// signal is swallowed until stop, which returns once the signals are the
// runtime's again.
func notifyLater(parent context.Context, sigs ...os.Signal) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	got := make(chan os.Signal, 1)
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		signal.Notify(got, sigs...)
		defer signal.Stop(got)
		select {
		case <-got:
			cancel()
			<-done
		case <-done:
		}
	}()
	return ctx, func() { close(done); <-exited; cancel() }
}

func flags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "game", Aliases: []string{"g"}, EnvVars: []string{"TALE_GAME"}, Value: defaultStory,
			Usage: "story to play: a story folder on disk, or the name of a bundled story (see --list)"},
		&cli.Uint64Flag{Name: "seed", EnvVars: []string{"TALE_SEED"},
			Usage: "seed for the story's random choices", DefaultText: "the story's own, else random and printed"},
		&cli.BoolFlag{Name: "plain", EnvVars: []string{"TALE_PLAIN"},
			Usage: "plain line console even on a terminal (screen readers, scripts)"},
		&cli.StringFlag{Name: "data-dir", EnvVars: []string{"TALE_DATA_DIR"},
			Usage: "where saves, transcripts and history go", DefaultText: "$XDG_DATA_HOME/tale or the platform's equivalent"},
		&cli.BoolFlag{Name: "list", Usage: "list the bundled stories and exit"},
		&cli.IntFlag{Name: "max-saves", EnvVars: []string{"TALE_MAX_SAVES"}, Value: driver.DefaultMaxSaves,
			Usage: "named saves a story keeps in the data dir (-1: no limit)"},
		&cli.Int64Flag{Name: "max-save-bytes", EnvVars: []string{"TALE_MAX_SAVE_BYTES"}, Value: driver.DefaultMaxSaveBytes,
			Usage: "bytes a story's saves may take together (-1: no limit)"},
		&cli.Int64Flag{Name: "max-transcript-bytes", EnvVars: []string{"TALE_MAX_TRANSCRIPT_BYTES"}, Value: driver.DefaultMaxTranscriptBytes,
			Usage: "bytes one transcript may grow to; it stops there with a note (-1: no limit)"},
		&cli.IntFlag{Name: "max-transcripts", EnvVars: []string{"TALE_MAX_TRANSCRIPTS"}, Value: driver.DefaultMaxTranscripts,
			Usage: "transcript files a story keeps in the data dir (-1: no limit)"},
		&cli.StringFlag{Name: "mode", EnvVars: []string{"TALE_MODE"}, Value: "if",
			Usage: "if: one player's game; mud: one world shared by many players (needs --web)"},
		&cli.BoolFlag{Name: "web", EnvVars: []string{"TALE_WEB"},
			Usage: "serve the game to a browser (EventSource + POST)"},
		&cli.BoolFlag{Name: "websocket", EnvVars: []string{"TALE_WEBSOCKET"},
			Usage: "with --web: also serve the WebSocket transport at /tale/ws"},
		&cli.StringFlag{Name: "addr", EnvVars: []string{"TALE_ADDR"}, Value: "127.0.0.1:8180",
			Usage: "with --web: address to listen on"},
		&cli.BoolFlag{Name: "open", Usage: "with --web: open the game in the system browser"},
		&cli.StringFlag{Name: "tls-cert", EnvVars: []string{"TALE_TLS_CERT"}, Usage: "with --web: TLS certificate file (HTTPS and wss)"},
		&cli.StringFlag{Name: "tls-key", EnvVars: []string{"TALE_TLS_KEY"}, Usage: "with --web: TLS private key file"},
		&cli.StringSliceFlag{Name: "allow-origin", EnvVars: []string{"TALE_ALLOW_ORIGIN"},
			Usage: "with --web: another site whose pages may play here (repeatable, e.g. https://example.org; behind a proxy that terminates TLS, the proxy's https origin)"},
		&cli.StringSliceFlag{Name: "public-host", EnvVars: []string{"TALE_PUBLIC_HOST"},
			Usage: "with --web: a DNS name the server answers to besides localhost and IP addresses (repeatable, e.g. play.example.org)"},
		&cli.BoolFlag{Name: "no-compression", Usage: "with --websocket: do not negotiate permessage-deflate"},
		&cli.StringFlag{Name: "metrics-addr", EnvVars: []string{"TALE_METRICS_ADDR"},
			Usage: "with --web: serve /metrics on this HOST:PORT (plain HTTP; keep it private) instead of the game's address"},
		&cli.StringFlag{Name: "metrics-token", EnvVars: []string{"TALE_METRICS_TOKEN"},
			Usage: "with --web: /metrics requires \"Authorization: Bearer TOKEN\" (at least 16 characters; prefer the environment variable, which ps does not show)"},
		&cli.IntFlag{Name: "max-conns", EnvVars: []string{"TALE_MAX_CONNS"}, Value: web.DefaultMaxConns,
			Usage: "with --web: open WebSocket and EventSource connections in all"},
		&cli.IntFlag{Name: "max-conns-per-ip", EnvVars: []string{"TALE_MAX_CONNS_PER_IP"}, Value: web.DefaultMaxConnsPerIP,
			Usage: "with --web: open connections from one address (an IPv6 /64)"},
		&cli.IntFlag{Name: "new-sessions-per-ip", EnvVars: []string{"TALE_NEW_SESSIONS_PER_IP"}, Value: web.DefaultNewSessionsPerIP,
			Usage: "with --web: new sessions one address may start per minute"},
		&cli.Float64Flag{Name: "ip-rate", EnvVars: []string{"TALE_IP_RATE"}, Value: web.DefaultIPRate,
			Usage: "with --web: commands per second from one address, all its connections together (bursts of twice as many)"},
		&cli.BoolFlag{Name: "shared", EnvVars: []string{"TALE_SHARED"},
			Usage: "with --web: one game that every connection plays as the same player (the default gives each visitor their own game)"},
		&cli.StringFlag{Name: "registration", EnvVars: []string{"TALE_REGISTRATION"}, Value: "open",
			Usage: "with --web: open lets visitors create accounts; closed keeps to the accounts there are"},
		&cli.DurationFlag{Name: "guest-ttl", EnvVars: []string{"TALE_GUEST_TTL"}, Value: 7 * 24 * time.Hour,
			Usage: "with --web: how long a guest's game is kept after their last visit"},
		&cli.IntFlag{Name: "max-conns-per-account", EnvVars: []string{"TALE_MAX_CONNS_PER_ACCOUNT"}, Value: web.DefaultMaxConnsPerAccount,
			Usage: "with --web: open connections one account may have (all its browsers and tabs)"},
		&cli.StringSliceFlag{Name: "trusted-proxy", EnvVars: []string{"TALE_TRUSTED_PROXY"},
			Usage: "with --web: a reverse proxy (address or CIDR) whose X-Forwarded-For names the client; repeat for more"},
		&cli.Float64Flag{Name: "game-rate", EnvVars: []string{"TALE_GAME_RATE"}, Value: web.DefaultGameRate,
			Usage: "with --web: commands per second the game takes from all its players together (bursts of twice as many)"},
	}, narrationFlags()...)
}

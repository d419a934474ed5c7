package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/tale-if/tale/remote"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/console"
	"github.com/tale-if/tale/tio/tui"
)

// connectCommand is `tale connect URL`: the terminal front ends as a
// client of a tale server (tale --web --websocket), on a remote session
// that resumes by itself when the connection drops.
func connectCommand(stdin io.Reader, stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "connect",
		Usage:     "play a game that tale --web --websocket serves, in this terminal",
		ArgsUsage: "URL (e.g. ws://127.0.0.1:8180/tale/ws)",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "plain", EnvVars: []string{"TALE_PLAIN"},
				Usage: "plain line console even on a terminal (screen readers, scripts)"},
			&cli.StringFlag{Name: "name",
				Usage: "in a MUD, answer the server's name question with this name"},
			&cli.StringFlag{Name: "login",
				Usage: "play as this account: asks its password once, then keeps the login for this server in the data dir"},
			&cli.BoolFlag{Name: "logout",
				Usage: "log out of this server's kept login, forget it, and exit"},
			&cli.StringFlag{Name: "data-dir", EnvVars: []string{"TALE_DATA_DIR"},
				Usage: "where the logins are kept", DefaultText: "$XDG_DATA_HOME/tale or the platform's equivalent"},
		},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usagef("%v (see tale connect --help)", err)
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("tale connect wants one server address, e.g. tale connect ws://127.0.0.1:8180/tale/ws")
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			dataDir := c.String("data-dir")
			if dataDir == "" {
				dataDir = defaultDataDir()
			}
			o := connectOptions{plain: c.Bool("plain"), name: c.String("name"), login: c.String("login"),
				logins: remote.Logins{Dir: filepath.Join(dataDir, loginsDir)}}
			if c.Bool("logout") {
				return connectLogout(ctx, c.Args().First(), o.logins, stdout)
			}
			return connect(ctx, c.Args().First(), o, stdin, stdout)
		},
	}
}

type connectOptions struct {
	plain  bool
	name   string
	login  string        // the account to play as; "" plays as the kept login, or a guest
	logins remote.Logins // the kept logins, one per server
}

// loginsDir is the data dir's folder of kept logins.
const loginsDir = "logins"

// connect plays the game at rawURL until the player is done, the game
// ends or the server is gone for good.
func connect(ctx context.Context, rawURL string, o connectOptions, stdin io.Reader, stdout io.Writer) error {
	if _, err := remote.ParseURL(rawURL); err != nil {
		return usagef("%v", err)
	}
	token, err := loginToken(ctx, rawURL, o, stdin, stdout)
	if err != nil {
		return err
	}
	sess, err := remote.Dial(ctx, rawURL, remote.Options{AuthToken: token})
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped while connecting: the player's choice
		}
		return err
	}
	defer sess.Close()
	if o.name != "" && token == "" && sess.Info().Mode == "mud" { // an account joins under its own name
		if err := sess.Send(ctx, tio.Line(o.name)); err != nil {
			return err
		}
	}
	switch chooseFrontEnd(options{plain: o.plain}, stdin, stdout) {
	case frontConsole:
		err = console.Run(ctx, sess, stdin, stdout, console.Options{
			Color:     colorWanted(stdout),
			EchoInput: !isTerminal(stdin),
		})
	default:
		err = tui.Run(ctx, sess, tui.Options{
			NoColor:   os.Getenv("NO_COLOR") != "",
			Input:     stdin,
			Output:    stdout,
			AltScreen: true,
		})
	}
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	if err == nil {
		if lost := sess.Err(); lost != nil {
			return fmt.Errorf("the connection to the game was lost: %w", lost)
		}
	}
	return err
}

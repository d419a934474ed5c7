package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
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
			return connect(ctx, c.Args().First(), connectOptions{plain: c.Bool("plain"), name: c.String("name")}, stdin, stdout)
		},
	}
}

type connectOptions struct {
	plain bool
	name  string
}

// connect plays the game at rawURL until the player is done, the game
// ends or the server is gone for good.
func connect(ctx context.Context, rawURL string, o connectOptions, stdin io.Reader, stdout io.Writer) error {
	if _, err := remote.ParseURL(rawURL); err != nil {
		return usagef("%v", err)
	}
	sess, err := remote.Dial(ctx, rawURL, remote.Options{})
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped while connecting: the player's choice
		}
		return err
	}
	defer sess.Close()
	if o.name != "" && sess.Info().Mode == "mud" {
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

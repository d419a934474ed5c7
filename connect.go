package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

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

// loginToken is the login token to play with: the one kept for this
// server when the server still knows it (and it is --login's account, if
// given), else, with --login, a new one for the password asked now, which
// is kept for next time. Without --login and a kept login, "": a guest.
func loginToken(ctx context.Context, rawURL string, o connectOptions, stdin io.Reader, stdout io.Writer) (string, error) {
	kept, ok, err := o.logins.Load(rawURL)
	if err != nil {
		return "", fmt.Errorf("reading the kept login: %w", err)
	}
	if ok && (o.login == "" || strings.EqualFold(kept.Name, o.login)) {
		name, err := remote.Who(ctx, rawURL, kept.Token)
		switch {
		case err == nil && strings.EqualFold(name, kept.Name):
			return kept.Token, nil
		case err == nil, errors.Is(err, remote.ErrNotLoggedIn):
			o.logins.Remove(rawURL) // expired or revoked: of no more use
			if o.login == "" {
				fmt.Fprintf(stdout, "Your login as %s on this server has ended; you play as a guest (log in again with --login %s).\n", kept.Name, kept.Name)
				return "", nil
			}
		default:
			return "", err
		}
	}
	if o.login == "" {
		return "", nil
	}
	pw, err := readSecretLine(stdin, stdout, "Password for "+o.login+": ")
	if err != nil {
		return "", err
	}
	token, err := remote.Login(ctx, rawURL, o.login, pw)
	if err != nil {
		return "", err
	}
	if err := o.logins.Save(rawURL, o.login, token); err != nil {
		fmt.Fprintf(stdout, "(The login could not be kept, so the next connect asks again: %v)\n", err)
	}
	return token, nil
}

// connectLogout logs the kept login of the server at rawURL out there and
// forgets it here.
func connectLogout(ctx context.Context, rawURL string, logins remote.Logins, stdout io.Writer) error {
	if _, err := remote.ParseURL(rawURL); err != nil {
		return usagef("%v", err)
	}
	kept, ok, err := logins.Load(rawURL)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintln(stdout, "No login is kept for this server.")
		return nil
	}
	serverErr := remote.Logout(ctx, rawURL, kept.Token)
	if err := logins.Remove(rawURL); err != nil {
		return err
	}
	if serverErr != nil {
		return fmt.Errorf("the login as %s is forgotten here, but the server did not confirm the logout: %w", kept.Name, serverErr)
	}
	fmt.Fprintf(stdout, "Logged out: %s.\n", kept.Name)
	return nil
}

// maxSecretLine bounds a password read from a pipe: the account rules
// allow 1024 characters of up to 4 bytes.
const maxSecretLine = 4 << 10

// readSecretLine reads a password without echo at a terminal, else one
// line, a byte at a time: what follows it on stdin is the game's input,
// which a buffered read would swallow.
func readSecretLine(stdin io.Reader, stdout io.Writer, prompt string) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stdout, prompt)
		pw, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		return string(pw), nil
	}
	var b []byte
	one := make([]byte, 1)
	for len(b) < maxSecretLine {
		n, err := stdin.Read(one)
		if n == 1 {
			if one[0] == '\n' {
				return strings.TrimSuffix(string(b), "\r"), nil
			}
			b = append(b, one[0])
		}
		if err != nil {
			if len(b) > 0 && errors.Is(err, io.EOF) {
				return string(b), nil
			}
			return "", usagef("no password on stdin: pipe one line, or run this at a terminal")
		}
	}
	return "", usagef("the password line on stdin is longer than any password")
}

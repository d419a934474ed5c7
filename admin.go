package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/tale-if/tale/account"
	"github.com/tale-if/tale/store"
)

// adminCommand is `tale admin create NAME`: the first admin of a hosted
// server's store, made before (or instead of) the prompt at first start.
func adminCommand(stdin io.Reader, stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "admin",
		Usage: "manage the accounts of the games tale --web serves",
		Subcommands: []*cli.Command{{
			Name:      "create",
			Usage:     "create the first admin account (asks for its password; reads one line when stdin is not a terminal)",
			ArgsUsage: "NAME",
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return usagef("tale admin create wants the admin's name, e.g. tale admin create merlin")
				}
				dir := c.String("data-dir")
				if dir == "" {
					dir = defaultDataDir()
				}
				return createAdmin(c.Context, dir, c.Args().First(), stdin, stdout)
			},
		}},
	}
}

func createAdmin(ctx context.Context, dataDir, name string, stdin io.Reader, stdout io.Writer) error {
	unlock, err := lockDataDir(dataDir)
	if err != nil {
		return err
	}
	defer unlock()
	st, err := store.OpenSQLite(ctx, dataDir, store.Options{})
	if err != nil {
		return fmt.Errorf("cannot open the store in %s: %w", dataDir, err)
	}
	defer st.Close()
	accounts := account.New(st, account.Config{})
	if need, err := accounts.NeedsFirstAdmin(ctx); err != nil {
		return err
	} else if !need {
		return usagef("%v", account.ErrNotFirst)
	}
	if _, err := account.ValidateName(name); err != nil {
		return usagef("%v", err)
	}
	pw, err := readPassword(stdin, stdout, "Password for "+name+": ")
	if err != nil {
		return err
	}
	if _, err := accounts.CreateFirstAdmin(ctx, name, pw, ""); err != nil {
		return usagef("%v", err)
	}
	fmt.Fprintf(stdout, "Created the admin account %s in %s.\n", name, dataDir)
	return nil
}

// firstStart asks for the first admin when the store has no account and
// someone is at a terminal; otherwise it says on stderr how to make one and the
// server goes on (guests can play, and registration is as configured).
func firstStart(ctx context.Context, accounts *account.Service, o options, stdin io.Reader, stdout, stderr io.Writer) error {
	need, err := accounts.NeedsFirstAdmin(ctx)
	if err != nil || !need {
		return err
	}
	if !isTerminal(stdin) {
		fmt.Fprintf(stderr, "No admin account yet. Create one with:\n  tale admin create NAME --data-dir %s\n(stop this server first: one tale per data dir)\n", o.dataDir)
		return nil
	}
	fmt.Fprintln(stdout, "This server has no accounts yet: create its admin.")
	in := bufio.NewReader(stdin)
	for {
		fmt.Fprint(stdout, "Admin name: ")
		line, err := in.ReadString('\n')
		if err != nil {
			return fmt.Errorf("reading the admin's name: %w", err)
		}
		name := strings.TrimSpace(line)
		if _, err := account.ValidateName(name); err != nil {
			fmt.Fprintln(stdout, err)
			continue
		}
		pw, err := readPassword(stdin, stdout, "Password: ")
		if err != nil {
			return err
		}
		if _, err := accounts.CreateFirstAdmin(ctx, name, pw, ""); err != nil {
			var fe *account.FormError
			if errors.As(err, &fe) {
				fmt.Fprintln(stdout, err)
				continue
			}
			return err
		}
		fmt.Fprintf(stdout, "Created the admin account %s.\n", name)
		return nil
	}
}

// readPassword reads a password without echo at a terminal (twice, so a
// typo is caught), else one line: scripts and tests pipe it in.
func readPassword(stdin io.Reader, stdout io.Writer, prompt string) (string, error) {
	f, ok := stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", usagef("no password on stdin: pipe one line, or run this at a terminal")
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	for {
		fmt.Fprint(stdout, prompt)
		pw, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		if err := account.ValidatePassword(string(pw)); err != nil {
			fmt.Fprintln(stdout, err)
			continue
		}
		fmt.Fprint(stdout, "Again: ")
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		if string(again) != string(pw) {
			fmt.Fprintln(stdout, "The two passwords differ; again.")
			continue
		}
		return string(pw), nil
	}
}

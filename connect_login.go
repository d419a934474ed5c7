package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/tale-if/tale/remote"
)

// tale connect's accounts: --login NAME asks the password once and keeps
// the login token in the data dir (remote.Logins), --logout ends it.

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

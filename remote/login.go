package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// Accounts. A tale server that hosts games (tale --web, tale --mode mud
// --web) knows an account's client by a login token in the tale_auth
// cookie (docs/protocol.md). Login trades a name and password for that
// token on the server's account form; Options.AuthToken carries it on
// every connection of a Session; Logins keeps it on disk between runs, so
// the player types the password once per server, not once per connect.

// authCookie is the server's login cookie (web's authCookie).
const authCookie = "tale_auth"

// formWait bounds one account request: an argon2id check on a busy server
// takes a fraction of a second, so a server this slow is not answering.
const formWait = 30 * time.Second

// ErrNotLoggedIn means the server does not know the token (expired, or
// revoked by a logout or a password change elsewhere).
var ErrNotLoggedIn = errors.New("the server does not know this login any more")

// accountURL is the http(s) address of the account route name on the
// server of base (ws://host/tale/ws gives http://host/tale/account/name).
func accountURL(base *url.URL, name string) string {
	u := *base
	switch u.Scheme {
	case "ws":
		u.Scheme = "http"
	case "wss":
		u.Scheme = "https"
	}
	u.Path = path.Join(path.Dir(u.Path), "account", name)
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

// accountAnswer is what the account routes answer as JSON.
type accountAnswer struct {
	Type  string `json:"type"` // "account" or "message_error"
	Name  string `json:"name"`
	Guest bool   `json:"guest"`
	Error string `json:"error"`
}

// accountRequest sends one account request with the token's cookie (when
// given) and returns the answer and the login cookie the server set.
func accountRequest(ctx context.Context, base *url.URL, route, token string, form url.Values) (accountAnswer, string, error) {
	ctx, cancel := context.WithTimeout(ctx, formWait)
	defer cancel()
	method, body := http.MethodGet, io.Reader(nil)
	if form != nil {
		method, body = http.MethodPost, strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, accountURL(base, route), body)
	if err != nil {
		return accountAnswer{}, "", err
	}
	req.Header.Set("Accept", "application/json")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: authCookie, Value: token})
	}
	resp, err := http.DefaultClient.Do(req) // proxies from the environment, as the dialer's
	if err != nil {
		return accountAnswer{}, "", &NoServerError{URL: base.String(), Err: err}
	}
	defer resp.Body.Close()
	var a accountAnswer
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxField))
	if err != nil || json.Unmarshal(data, &a) != nil {
		return accountAnswer{}, "", &RefusedError{URL: base.String(), Status: resp.StatusCode}
	}
	a.Name, a.Error = line(a.Name), line(a.Error)
	if resp.StatusCode != http.StatusOK {
		return a, "", &RefusedError{URL: base.String(), Status: resp.StatusCode, Sentence: a.Error}
	}
	set := ""
	for _, c := range resp.Cookies() {
		if c.Name == authCookie && len(c.Value) <= maxToken {
			set = c.Value
		}
	}
	return a, set, nil
}

// Login logs in to the server at rawURL as name and returns the login
// token. A wrong name or password is a *RefusedError with the server's
// sentence ("Invalid name or password.").
func Login(ctx context.Context, rawURL, name, password string) (string, error) {
	base, err := ParseURL(rawURL)
	if err != nil {
		return "", err
	}
	_, token, err := accountRequest(ctx, base, "login", "", url.Values{"name": {name}, "password": {password}})
	if err == nil && token == "" {
		err = &NoServerError{URL: base.String(), Err: errors.New("it logged in but set no login cookie")}
	}
	return token, err
}

// Who is the account name the server knows token by, or ErrNotLoggedIn.
func Who(ctx context.Context, rawURL, token string) (string, error) {
	base, err := ParseURL(rawURL)
	if err != nil {
		return "", err
	}
	a, _, err := accountRequest(ctx, base, "me", token, nil)
	if err != nil {
		return "", err
	}
	if a.Guest || a.Name == "" {
		return "", ErrNotLoggedIn
	}
	return a.Name, nil
}

// Logout ends the token's login on the server (its connections close).
func Logout(ctx context.Context, rawURL, token string) error {
	base, err := ParseURL(rawURL)
	if err != nil {
		return err
	}
	_, _, err = accountRequest(ctx, base, "logout", token, url.Values{})
	if err != nil {
		return fmt.Errorf("logging out: %w", err)
	}
	return nil
}

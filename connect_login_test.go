package main

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tale-if/tale/remote"
)

// createAccount makes an account on the server of the ws URL, over its
// account form, as a browser would.
func createAccount(t *testing.T, wsURL, name, password string) {
	t.Helper()
	u := "http" + strings.TrimSuffix(strings.TrimPrefix(wsURL, "ws"), "/ws") + "/account/create"
	resp, err := http.PostForm(u, url.Values{"name": {name}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("creating %s: %s", name, resp.Status)
	}
}

// `tale connect --login` asks the password once and keeps the login in
// the data dir, one file per server readable by its owner alone: the next
// connect to that server plays the account's game without asking, and
// --logout ends the login on the server and removes the file.
func TestConnectKeepsItsLoginInTheDataDir(t *testing.T) {
	url := startWeb(t)
	createAccount(t, url, "alice", "battery staple")
	dir := t.TempDir()

	code, stdout, stderr := runConnect(t, "battery staple\nnorth\n", "connect", "--plain", "--login", "alice", "--data-dir", dir, url)
	if code != exitOK || !strings.Contains(stdout, "Cliff Path") {
		t.Fatalf("first connect: exit %d\n%s\n%s", code, tail(stdout, 800), stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, loginsDir, "*.json"))
	if len(files) != 1 {
		t.Fatalf("%d login files kept, want 1: %v", len(files), files)
	}
	fi, err := os.Stat(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the login file has mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(files[0])
	if strings.Contains(string(data), "battery staple") {
		t.Error("the login file holds the password")
	}

	// No password on stdin this time: had it been asked, "look" would
	// have been taken for it and the login refused.
	for _, args := range [][]string{{}, {"--login", "alice"}} {
		a := append(append([]string{"connect", "--plain"}, args...), "--data-dir", dir, url)
		code, stdout, stderr = runConnect(t, "look\n", a...)
		if code != exitOK || !strings.Contains(stdout, "Cliff Path") || strings.Contains(stdout, "Password") {
			t.Fatalf("connect %v with the kept login: exit %d\n%s\n%s", args, code, tail(stdout, 800), stderr)
		}
	}

	kept, ok, err := remote.Logins{Dir: filepath.Join(dir, loginsDir)}.Load(url)
	if err != nil || !ok {
		t.Fatalf("no kept login: %v", err)
	}
	code, stdout, stderr = runConnect(t, "", "connect", "--logout", "--data-dir", dir, url)
	if code != exitOK || !strings.Contains(stdout, "Logged out") {
		t.Fatalf("logout: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, loginsDir, "*.json")); len(files) != 0 {
		t.Errorf("after logout the login files are still there: %v", files)
	}
	if _, err := remote.Who(context.Background(), url, kept.Token); !errors.Is(err, remote.ErrNotLoggedIn) {
		t.Errorf("after logout the server still knows the token: %v", err)
	}
	// Another server, or none kept: a guest, asked nothing.
	code, stdout, _ = runConnect(t, "look\n", "connect", "--plain", "--data-dir", dir, url)
	if code != exitOK || !strings.Contains(stdout, "Slipway") {
		t.Errorf("after logout a connect is not a guest's fresh game:\n%s", tail(stdout, 800))
	}
}

// In a MUD, `tale connect --login` plays the account's character: it is
// in the world under the account's name at once, and --name, which
// answers a guest's name question, is not sent as a command.
func TestConnectLoginPlaysTheAccountsCharacter(t *testing.T) {
	url := startWeb(t, "--mode", "mud")
	createAccount(t, url, "alice", "battery staple")
	code, stdout, stderr := runConnect(t, "battery staple\nwho\n", "connect", "--plain", "--login", "alice", "--name", "alice",
		"--data-dir", t.TempDir(), url)
	if code != exitOK || !strings.Contains(stdout, "Alice") || strings.Contains(stdout, "What is your name?") {
		t.Fatalf("exit %d\n%s\n%s", code, tail(stdout, 800), stderr)
	}
	if strings.Contains(stdout, "not a verb I recognise") {
		t.Errorf("the --name line was played as a command:\n%s", tail(stdout, 800))
	}
}

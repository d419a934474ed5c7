package web

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/tale-if/tale/account"
	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/store"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
)

// startMUDAccounts serves a MUD world of the demo with accounts on a real
// store, every cap raised.
func startMUDAccounts(t *testing.T) *hosted {
	t.Helper()
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	w, err := driver.NewWorld(s, driver.Options{Mode: driver.ModeMUD, DataDir: t.TempDir(), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	st, err := store.OpenSQLite(context.Background(), t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	accounts := account.New(st, account.Config{})
	cfg := Config{WebSocket: true, Logger: quiet, Stdout: io.Discard}
	unlimited(&cfg)
	srv, err := NewMUDWithAccounts(driverWorld{w, s}, Hosting{Accounts: accounts, Registration: true}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := serveWith(t, srv, nil, ln)
	t.Cleanup(func() { ts.stop(); cancel(); <-done; st.Close() })
	return &hosted{tserver: ts, accounts: accounts}
}

// In a MUD with accounts a logged-in player is in the world under the
// account's name at once; a guest cannot take that name; an admin's ban
// disconnects the player and takes them out of the world.
func TestMUDAccountsJoinByNameAndBan(t *testing.T) {
	h := startMUDAccounts(t)
	if _, err := h.accounts.CreateFirstAdmin(t.Context(), "merlin", "correct horse", ""); err != nil {
		t.Fatal(err)
	}
	admin := h.visitor(t)
	admin.mustForm("login", creds("merlin", "correct horse"))
	ap := admin.connect("")
	alice := h.visitor(t)
	alice.mustForm("create", creds("alice", "battery staple"))
	al := alice.connect("")
	if who := al.sync(); !strings.Contains(who, "Alice") || !strings.Contains(who, "Merlin") {
		t.Fatalf("who, as alice:\n%s", who)
	}

	guest := h.dial(t, "", nil)
	gp := &mudPlayer{t: t, name: "guest", r: guest, send: func(cmd string) { guest.send(map[string]string{"cmd": cmd}) }}
	gp.lobby()
	gp.send("Alice")
	if got := gp.until("What is your name?"); !strings.Contains(got, "is the name of an account") {
		t.Fatalf("a guest asking for an account's name read:\n%s", got)
	}

	ap.admin("@ban alice", "alice is banned")
	if why, _ := al.closedWith(); why != ErrBanned.Error() {
		t.Fatalf("the banned player read %q", why)
	}
	eventually(t, "alice out of the world", func() bool { return !strings.Contains(ap.sync(), "Alice") })
	if code, _, _ := alice.form("login", creds("alice", "battery staple")); code == http.StatusOK {
		t.Fatal("a banned player logged in again")
	}
}

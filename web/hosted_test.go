package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// Two visitors of a hosted server play two different games: one walks
// north, the other is still on the slipway, and one's quit ends only its
// own game, which offers a restart.
func TestHostedVisitorsPlayTheirOwnGames(t *testing.T) {
	h := startHosted(t, true, nil)
	a := h.visitor(t).connect("")
	b := h.visitor(t).connect("")
	a.do("north", "Cliff Path")
	if got := b.do("look", "Slipway"); strings.Contains(got, "Cliff Path") {
		t.Fatalf("the second visitor's look shows the first one's walk:\n%s", got)
	}
	a.send("quit")
	a.do("yes", "RESTART")
	b.do("north", "Cliff Path")
	b.do("look", "Cliff Path")
	a.send("restart")
	a.do("yes", "Slipway")
}

// A visitor who comes back (a new connection with the same cookies) plays
// the same game, and resumes after the last event it read.
func TestHostedVisitorResumesOwnGame(t *testing.T) {
	h := startHosted(t, true, nil)
	v := h.visitor(t)
	p := v.connect("")
	p.do("north", "Cliff Path")
	seq := p.seq
	p.ws().conn.Close()
	again := v.connect("since=" + strconv.FormatUint(seq, 10))
	if again.seq != seq {
		t.Fatalf("resumed at seq %d, want %d", again.seq, seq)
	}
	again.do("look", "Cliff Path")
}

// Creating an account as a guest keeps the guest's game; logging out and
// in again finds it; a wrong password gets the one sentence for every
// failure.
func TestHostedGuestUpgradeKeepsGame(t *testing.T) {
	h := startHosted(t, true, nil)
	v := h.visitor(t)
	p := v.connect("")
	p.do("north", "Cliff Path")
	me := v.mustForm("create", creds("alice", "correct horse"))
	if me.str("name") != "alice" || me["guest"] != false {
		t.Fatalf("after create: %v", me)
	}
	if _, code := p.closedWith(); code != closeGoingAway {
		t.Fatalf("the guest's connection closed with %d, want 1001 (reconnect as the account)", code)
	}
	v.connect("").do("look", "Cliff Path")
	if n := h.games.Loaded(); n != 1 {
		t.Errorf("after the upgrade %d copies of the game are loaded, want 1", n)
	}

	v.mustForm("logout", nil)
	fresh := v.connect("") // a guest again: the guest cookie went with the upgrade
	fresh.do("look", "Slipway")

	code, m, _ := v.form("login", creds("alice", "wrong password"))
	if code != http.StatusUnauthorized || m.str("error") != "Invalid name or password." {
		t.Fatalf("wrong password: %d %v", code, m)
	}
	code, m2, _ := v.form("login", creds("nobody", "wrong password"))
	if code != http.StatusUnauthorized || m2.str("error") != m.str("error") {
		t.Fatalf("unknown name: %d %v, want the same answer as a wrong password", code, m2)
	}
	v.mustForm("login", creds("alice", "correct horse"))
	v.connect("").do("look", "Cliff Path")
}

// Logging in from a second browser takes the character over: the first
// browser's connection is told why and closed with 1000 (no reconnect).
func TestHostedLoginTakesOver(t *testing.T) {
	h := startHosted(t, true, nil)
	first := h.visitor(t)
	first.mustForm("create", creds("alice", "correct horse"))
	p := first.connect("")
	p.do("north", "Cliff Path")

	second := h.visitor(t)
	second.mustForm("login", creds("alice", "correct horse"))
	why, code := p.closedWith()
	if why != "You have logged in elsewhere." || code != closeNormal {
		t.Fatalf("the first browser read %q and close %d", why, code)
	}
	second.connect("").do("look", "Cliff Path")
}

// Repeated wrong passwords are throttled: 429 with Retry-After, and the
// same sentence.
func TestHostedLoginThrottled(t *testing.T) {
	h := startHosted(t, true, nil)
	v := h.visitor(t)
	v.mustForm("create", creds("alice", "correct horse"))
	for i := 0; ; i++ {
		code, m, hdr := v.form("login", creds("alice", "wrong password"))
		if m.str("error") != "Invalid name or password." {
			t.Fatalf("failure %d reads %v", i, m)
		}
		if code == http.StatusTooManyRequests {
			if s, err := strconv.Atoi(hdr.Get("Retry-After")); err != nil || s < 1 {
				t.Fatalf("429 with Retry-After %q", hdr.Get("Retry-After"))
			}
			return
		}
		if i > 20 {
			t.Fatal("twenty wrong passwords and no throttle")
		}
	}
}

// An admin bans a player: the player's connection is closed at once and
// it cannot log in again; the player's own @ commands are refused.
func TestHostedAdminBansPlayer(t *testing.T) {
	h := startHosted(t, true, nil)
	if _, err := h.accounts.CreateFirstAdmin(t.Context(), "merlin", "correct horse", ""); err != nil {
		t.Fatal(err)
	}
	admin := h.visitor(t)
	admin.mustForm("login", creds("merlin", "correct horse"))
	ap := admin.connect("")

	player := h.visitor(t)
	player.mustForm("create", creds("bob", "battery staple"))
	pp := player.connect("")
	pp.send("@ban merlin")
	if m := pp.ws().expect("message_error"); m.str("error") != "Only an admin can use @ commands." {
		t.Fatalf("a player's @ban: %v", m)
	}
	pp.do("look", "Slipway") // still playing

	ap.admin("@who", "2 accounts and 0 guests on")
	ap.admin("@ban bob", "bob is banned")
	why, code := pp.closedWith()
	if why != "Your account has been banned." || code != closeNormal {
		t.Fatalf("the banned player read %q and close %d", why, code)
	}
	code2, m, _ := player.form("login", creds("bob", "battery staple"))
	if code2 == http.StatusOK {
		t.Fatalf("a banned player logged in again: %v", m)
	}
	ap.admin("@unban bob", "may log in again")
	player.mustForm("login", creds("bob", "battery staple"))
	ap.admin("@grant bob", "bob is an admin now")
	bp := player.connect("")
	bp.admin("@accounts", "bob (admin)")
	ap.send("@broadcast tea is ready")
	bp.notice("Message from merlin: tea is ready")
	ap.notice("Message from merlin: tea is ready")
}

// Registration closed refuses new accounts with a sentence saying so.
func TestHostedRegistrationClosed(t *testing.T) {
	h := startHosted(t, false, nil)
	code, m, _ := h.visitor(t).form("create", creds("alice", "correct horse"))
	if code != http.StatusForbidden || !strings.Contains(m.str("error"), "does not take new accounts") {
		t.Fatalf("create with registration closed: %d %v", code, m)
	}
}

// Change password asks the old one and logs the other sessions out;
// delete asks the password and ends the account.
func TestHostedChangePasswordAndDelete(t *testing.T) {
	h := startHosted(t, true, nil)
	v := h.visitor(t)
	v.mustForm("create", creds("alice", "correct horse"))
	other := h.visitor(t)
	other.mustForm("login", creds("alice", "correct horse"))
	op := other.connect("")
	if code, m, _ := v.form("password", url.Values{"password": {"not it at all"}, "new_password": {"new horse pw"}}); code == http.StatusOK {
		t.Fatalf("changed the password without the old one: %v", m)
	}
	v.mustForm("password", url.Values{"password": {"correct horse"}, "new_password": {"new horse pw"}})
	if why, _ := op.closedWith(); why != ErrLoggedOut.Error() {
		t.Fatalf("the other session read %q", why)
	}
	if code, _, _ := v.form("delete", url.Values{"password": {"correct horse"}}); code == http.StatusOK {
		t.Fatal("deleted with the old password")
	}
	v.mustForm("delete", url.Values{"password": {"new horse pw"}})
	if code, _, _ := v.form("login", creds("alice", "new horse pw")); code == http.StatusOK {
		t.Fatal("logged in to a deleted account")
	}
}

// An account's connections are capped.
func TestHostedAccountConnectionCap(t *testing.T) {
	h := startHosted(t, true, nil)
	h.srv.hosting.MaxConnsPerAccount = 2
	v := h.visitor(t)
	v.mustForm("create", creds("alice", "correct horse"))
	v.connect("")
	v.connect("")
	d := *wsDialerWith(v)
	c, _, err := d.Dial(h.wsURL(""), nil)
	if err != nil {
		t.Fatal(err)
	}
	w := &wsc{t: t, conn: c}
	if code := closeCode(w.closed()); code != closeTryAgain {
		t.Fatalf("the third connection closed with %d, want 1013", code)
	}
}

// A client that keeps no cookies (tale connect) resumes its game by the
// session token of its connected message.
func TestHostedCookielessClientResumesBySessionToken(t *testing.T) {
	h := startHosted(t, true, nil)
	c := h.dial(t, "", nil)
	hello := c.expect("connected")
	p := &mudPlayer{t: t, name: "cookieless", r: c, send: func(cmd string) { c.send(map[string]string{"cmd": cmd}) }, seq: hello.seq()}
	p.do("north", "Cliff Path")
	c.conn.Close()
	again := h.dial(t, "session="+hello.str("session")+"&since="+strconv.FormatUint(p.seq, 10), nil)
	if m := again.expect("connected"); m.seq() != p.seq {
		t.Fatalf("resumed at %v, want seq %d", m, p.seq)
	}
	q := &mudPlayer{t: t, name: "cookieless", r: again, send: func(cmd string) { again.send(map[string]string{"cmd": cmd}) }, seq: p.seq}
	q.do("look", "Cliff Path")
}

// The title page of a hosted server leads to the account page.
func TestHostedTitleLinksToAccountPage(t *testing.T) {
	h := startHosted(t, true, nil)
	_, body := get(t, h.url+"/tale/", nil)
	if !strings.Contains(body, `href="/tale/account"`) {
		t.Fatalf("the title page has no link to the account page:\n%s", body)
	}
	resp, page := get(t, h.url+"/tale/account", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `type="password"`) {
		t.Fatalf("the account page: %d\n%s", resp.StatusCode, page)
	}
}

// Logins and new accounts spend the address's new sessions a minute: each
// costs a password hash and a row.
func TestHostedLoginsSpendNewSessions(t *testing.T) {
	h := startHosted(t, true, func(c *Config) { c.NewSessionsPerIP = 2 })
	v := h.visitor(t)
	v.mustForm("create", creds("alice", "correct horse"))
	v.mustForm("login", creds("alice", "correct horse"))
	code, m, hdr := v.form("login", creds("alice", "correct horse"))
	if code != http.StatusTooManyRequests || hdr.Get("Retry-After") == "" {
		t.Fatalf("a third session within the minute: %d %v", code, m)
	}
}

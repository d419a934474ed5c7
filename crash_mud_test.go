package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/stories"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// The MUD crash test: a child `tale --mode mud --web --websocket` (this
// test binary running main's run) serves the demo's shared world from its
// store to four account players and a guest, mid-game over WebSocket.
// First one account changes the world for everyone (gives the float away,
// opens the trapdoor); then every player plays a script of says and moves
// while the parent kills the child with SIGKILL at random moments and
// starts it again on the same data dir and port. Each player reconnects
// by itself — an account by its login cookie, the guest by its seat token
// — resuming with ?since= after the last event it read, works out whether
// the command in flight at the kill was played (its reply is among the
// events up to the server's last), and sends it again only if not. At the
// end: no event lost (no gap in seq), no command played twice (each say
// once, each player's turns those of its script alone), and the world's
// shared state and each character where the commands left them.

var mudCrashKills = flag.Int("mudcrash.kills", 16, "SIGKILLs in TestMUDCrashLosesNothing")

const (
	mudCrashChildEnv = "TALE_MUD_CRASH_CHILD" // data dir|address of the child server
	// mudCrashSteps is each player's script in the kill phase: says and
	// moves, short of the demo's hour (a player's own clock), after which
	// the story would end for it.
	mudCrashSteps  = 24
	mudCrashBudget = 3 * time.Minute
	// mudCrashMaxSends, mudCrashJitter: a child is killed after a random
	// number of commands sent up to this (over all players), then a moment
	// up to the jitter: about as long as a command takes to be journaled
	// and answered, so that kills land on both sides of the journal write.
	mudCrashMaxSends = 8
	mudCrashJitter   = 2 * time.Millisecond
	mudCrashPass     = "battery staple"
)

// mudCrashAccounts play as accounts; mudCrashGuest as a guest. The first
// account changes the world before the kills (mudCrashSetup).
var (
	mudCrashAccounts = []string{"ann", "bob", "cat", "dan"}
	mudCrashGuest    = "zed"
)

// mudCrashSetup is the demo's walkthrough as far as the open trapdoor:
// the float goes to Maud, the trapdoor opens, for everyone.
const mudCrashSetup = 20

// How many commands were in flight at a kill, and how many of those the
// journal had: the test logs both, to show it met both cases.
var mudCrashInFlight, mudCrashKeptInFlight atomic.Int64

// mudCrashMsg is what the test reads of a server message.
type mudCrashMsg struct {
	Type     string `json:"type"`
	Seq      uint64 `json:"seq"`
	Last     uint64 `json:"last"`
	Session  string `json:"session"`
	Text     string `json:"text"`
	Location string `json:"location"`
	Turns    *int   `json:"turns"`
	raw      string
}

// mudCrasher is one player: its browser (cookie jar, seat token), its
// script, and what it read, by seq.
type mudCrasher struct {
	name     string
	guest    bool
	jar      http.CookieJar
	token    string   // the seat token (the guest's way back)
	setup    []string // played before the kills
	lines    []string // the kill phase's script
	got      []string // got[i]: the event of seq i+1
	loc      string   // the location the newest text message shows
	turns    int      // the turns the newest text message shows
	next     int      // lines[:next] are played and their replies read
	inflight bool     // lines[next] was sent; its fate is not known yet
	done     bool
}

func mark(name string, i int) string { return fmt.Sprintf("%sq%dz", name, i) }

// mudCrashScript is a player's kill phase: a say (its mark) and a move in turn,
// north and south between the slipway and the cliff path; the first
// account, in the cottage by then, only says.
func mudCrashScript(name string, moves bool) []string {
	var lines []string
	for i := range mudCrashSteps {
		switch {
		case i%2 == 0 || !moves:
			lines = append(lines, "say "+mark(name, i))
		case i%4 == 1:
			lines = append(lines, "north")
		default:
			lines = append(lines, "south")
		}
	}
	return lines
}

// played says whether lines[i] has been played, from what was read: a
// say's own reply with its mark, a move's place.
func (p *mudCrasher) played(i int) bool {
	switch l := p.lines[i]; {
	case strings.HasPrefix(l, "say "):
		m := mark(p.name, i)
		for _, e := range p.got {
			if strings.Contains(e, "You say") && strings.Contains(e, m) {
				return true
			}
		}
		return false
	case l == "north":
		return strings.Contains(p.loc, "Cliff Path")
	default:
		return strings.Contains(p.loc, "Slipway")
	}
}

func TestMUDCrashLosesNothing(t *testing.T) {
	runCrashChild(mudCrashChildEnv, "--mode", "mud", "--web", "--websocket")
	if testing.Short() {
		t.Skip("the MUD crash test restarts a server many times")
	}
	mudCrashInFlight.Store(0)
	mudCrashKeptInFlight.Store(0)
	walk := walkthrough(t)
	dir, addr := t.TempDir(), freeAddr(t)
	var players []*mudCrasher
	for i, name := range append(append([]string{}, mudCrashAccounts...), mudCrashGuest) {
		jar, _ := cookiejar.New(nil)
		p := &mudCrasher{name: name, guest: name == mudCrashGuest, jar: jar, lines: mudCrashScript(name, i > 0)}
		if i == 0 {
			p.setup = walk[:mudCrashSetup]
		}
		players = append(players, p)
	}
	deadline := time.Now().Add(mudCrashBudget)
	kills := 0
	for life := 0; ; life++ {
		if time.Now().After(deadline) {
			t.Fatalf("out of time after %d kills", kills)
		}
		last := kills >= *mudCrashKills
		// The kill follows a command sent, by up to the jitter: often the
		// command is in the journal and its reply not yet read, the case
		// a player must not play twice.
		child := startCrashChild(t, "TestMUDCrashLosesNothing", mudCrashChildEnv, dir, addr, crashKill{mudCrashMaxSends, mudCrashJitter}, last)
		if life == 0 {
			mudCrashStart(t, addr, players, deadline, child.gone)
		}
		var wg sync.WaitGroup
		type playerErr struct {
			name string
			err  error
		}
		errs := make(chan playerErr, len(players))
		for _, p := range players {
			if p.done {
				continue
			}
			wg.Go(func() {
				if err := p.play(addr, child.event, deadline, child.gone); err != nil {
					errs <- playerErr{p.name, err}
				}
			})
		}
		wg.Wait()
		close(errs)
		if last {
			for e := range errs {
				t.Errorf("last life: %s: %v", e.name, e.err)
			}
			mudCrashCheckWorld(t, addr, deadline, child.gone)
			child.stop(t)
			break
		}
		for e := range errs {
			if isFatal(e.err) {
				child.fail(t, "life %d: %s: %v", life, e.name, e.err)
			}
		}
		child.settle(t, life)
		kills++
		if mudCrashAllDone(players) {
			t.Fatalf("every player finished after %d kills; want %d", kills, *mudCrashKills)
		}
	}
	t.Logf("%d kills; %d commands in flight at a kill, %d of them kept", kills, mudCrashInFlight.Load(), mudCrashKeptInFlight.Load())

	want := mudCrashTurns(t, players)
	for _, p := range players {
		if !p.done {
			t.Errorf("%s did not finish its script", p.name)
			continue
		}
		for i, l := range p.lines {
			if !strings.HasPrefix(l, "say ") {
				continue
			}
			n := 0
			for _, e := range p.got {
				if strings.Contains(e, "You say") && strings.Contains(e, mark(p.name, i)) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s: %q played %d times, want once", p.name, l, n)
			}
		}
		if p.turns != want[p.name] {
			t.Errorf("%s: %d turns, want %d (its script's alone): a command lost or played twice", p.name, p.turns, want[p.name])
		}
	}
	if ann := players[0]; !strings.Contains(ann.loc, "Cottage") {
		t.Errorf("ann, who only spoke after opening the trapdoor, is at %q, not in the cottage", ann.loc)
	}
}

// mudCrashStart makes the accounts, seats every player and has the first
// account change the world, before any kill.
func mudCrashStart(t *testing.T, addr string, players []*mudCrasher, deadline time.Time, gone <-chan struct{}) {
	t.Helper()
	for _, p := range players {
		if p.guest {
			continue
		}
		for {
			c := &http.Client{Jar: p.jar, Timeout: 10 * time.Second}
			resp, err := c.PostForm("http://"+addr+"/tale/account/create", url.Values{"name": {p.name}, "password": {mudCrashPass}})
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("creating %s: %s", p.name, resp.Status)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the server does not start: %v", err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	for _, p := range players {
		conn, err := p.dial(addr, deadline, gone)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		lines := p.setup
		if p.guest {
			lines = []string{p.name} // the lobby's answer: its name
		}
		if err := p.syncLines(conn, lines); err != nil {
			t.Fatalf("%s before the kills: %v", p.name, err)
		}
		conn.Close()
	}
}

func mudCrashAllDone(ps []*mudCrasher) bool {
	for _, p := range ps {
		if !p.done {
			return false
		}
	}
	return true
}

// mudCrashCheckWorld has a newcomer look at what the first account did
// before the kills: the float is not on the ledge any more (Maud has
// it), and the trapdoor is open (down from the cottage is the cellar).
func mudCrashCheckWorld(t *testing.T, addr string, deadline time.Time, gone <-chan struct{}) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	q := &mudCrasher{name: "quinn", guest: true, jar: jar}
	c, err := q.dial(addr, deadline, gone)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := q.syncLines(c, []string{"quinn", "north", "east", "take float"}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(q.got, "\n"); strings.Contains(got, "work the float free") || !strings.Contains(q.loc, "Gull Ledge") {
		t.Errorf("the float the first account gave to Maud is back on the ledge (at %q):\n%s", q.loc, tail(got, 1500))
	}
	if err := q.syncLines(c, []string{"west", "north", "west", "down"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q.loc, "Cellar") {
		t.Errorf("down from the cottage leads to %q: the trapdoor the first account opened is shut", q.loc)
	}
}

// mudCrashTurns plays each player's lines alone in a world never
// stopped: a player's turns count its own commands only.
func mudCrashTurns(t *testing.T, players []*mudCrasher) map[string]int {
	t.Helper()
	s, err := story.Load(stories.FS, "demo")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, p := range players {
		w, err := driver.NewWorld(s, driver.Options{Mode: driver.ModeMUD, Seed: s.Config.Seed, Hosted: true, DataDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { w.Run(ctx); close(done) }()
		seat, err := w.Join(ctx, p.name)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := seat.Subscribe(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		lines := append(append([]string{}, p.setup...), "say sync")
		for _, l := range append(lines, p.lines...) {
			if err := seat.Send(ctx, tio.Line(l)); err != nil {
				t.Fatal(err)
			}
		}
		end, err := tio.ReplyEnd(ctx, seat)
		if err != nil {
			t.Fatal(err)
		}
		for ev := range sub.Events {
			if ev.Kind == tio.KindState && ev.State != nil {
				want[p.name] = ev.State.Turns
			}
			if ev.Seq >= end {
				break
			}
		}
		sub.Cancel()
		stop()
		<-done
	}
	return want
}

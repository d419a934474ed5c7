package driver

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tale-if/tale/driver/parse"
	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// mudWorld is a running MUD world of s with players joined by name.
type mudWorld struct {
	t     *testing.T
	w     *World
	seats map[string]Seat
	seen  map[string]uint64 // the last seq each seat's text was read up to
}

func startMUD(t *testing.T, s *story.Story, opts ...func(*Options)) *mudWorld {
	t.Helper()
	seed := uint64(42)
	o := Options{Seed: &seed, DataDir: t.TempDir(), Logger: quiet, Mode: ModeMUD}
	for _, f := range opts {
		f(&o)
	}
	w, err := NewWorld(s, o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return &mudWorld{t: t, w: w, seats: map[string]Seat{}, seen: map[string]uint64{}}
}

func (m *mudWorld) join(names ...string) {
	m.t.Helper()
	for _, n := range names {
		s, err := m.w.Join(m.t.Context(), n)
		if err != nil {
			m.t.Fatal(err)
		}
		m.seats[n] = s
		m.listen(s)
	}
	m.read() // the openings and the "appears" lines
}

// listen keeps a reader on s, as a connected front end does, so the
// player is not link-dead.
func (m *mudWorld) listen(s Seat) {
	sub, err := s.Subscribe(m.t.Context(), -1)
	if err != nil {
		m.t.Fatal(err)
	}
	go func() {
		for range sub.Events {
		}
	}()
	m.t.Cleanup(sub.Cancel)
}

// do sends a line as name and waits until the world has handled it.
func (m *mudWorld) do(name, line string) {
	m.t.Helper()
	if err := m.seats[name].Send(m.t.Context(), tio.Line(line)); err != nil {
		m.t.Fatal(err)
	}
	if err := m.seats[name].Sync(m.t.Context()); err != nil {
		m.t.Fatal(err)
	}
}

// text is what name has read since last asked.
func (m *mudWorld) text(name string) string {
	m.t.Helper()
	s := m.seats[name]
	got := newText(m.t, s, m.seen[name])
	m.seen[name] = s.LastSeq()
	return got
}

// styled is s, written with curly quotes, in the world's quote style.
func (m *mudWorld) styled(s string) string { return markup.TypesetText(s, m.w.typography()) }

// read forgets what everyone has been shown so far.
func (m *mudWorld) read() {
	for n, s := range m.seats {
		s.Sync(m.t.Context())
		m.seen[n] = s.LastSeq()
	}
}

// onLoop runs f on the world's loop.
func (m *mudWorld) onLoop(name string, f func()) {
	m.t.Helper()
	if err := m.seats[name].(*session).call(m.t.Context(), f); err != nil {
		m.t.Fatal(err)
	}
}

// expect checks what name read since last time is want, in the world's
// quote style (want is written with curly quotes).
func (m *mudWorld) expect(name string, want string) {
	m.t.Helper()
	if got, want := m.text(name), m.styled(want); got != want {
		m.t.Errorf("%s read %q, want %q", name, got, want)
	}
}

func TestMUDPlayersSeeEachOtherInTheRoomOnly(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "bob", "cid")
	m.do("cid", "east")
	m.expect("ann", "Cid leaves east.")
	m.expect("bob", "Cid leaves east.")
	m.text("cid")

	m.do("ann", "say hello there")
	m.expect("ann", "You say: “hello there”")
	m.expect("bob", "Ann says: “hello there”")
	m.expect("cid", "")

	m.do("bob", "emote scratches his head")
	m.expect("bob", "You emote: Bob scratches his head")
	m.expect("ann", "Bob scratches his head")
	m.expect("cid", "")

	m.do("ann", "smile at bob")
	m.expect("ann", "You smile happily at Bob.")
	m.expect("bob", "Ann smiles happily at you.")
	m.expect("cid", "")
	m.do("bob", "wave")
	m.expect("ann", "Bob waves happily.")
	m.text("bob")

	m.do("ann", "east")
	m.expect("bob", "Ann leaves east.")
	if got := m.text("cid"); got != "Ann arrives from the west." {
		t.Errorf("cid read %q", got)
	}
	if got := m.text("ann"); !strings.Contains(got, "Cid is here.") {
		t.Errorf("Ann's look in the kitchen lacks Cid:\n%s", got)
	}
	var players []string
	m.onLoop("ann", func() { players = m.w.view(m.seats["ann"].(*session).p).status().Players })
	if len(players) != 1 || players[0] != "Cid" {
		t.Errorf("Ann's state lists players %q, want [Cid]", players)
	}

	m.do("bob", "who")
	want := "There are three players in the world:\nAnn: Kitchen\nBob: Entrance Hall (you)\nCid: Kitchen"
	if got := m.text("bob"); got != want {
		t.Errorf("who:\n%s\nwant:\n%s", got, want)
	}
	m.do("bob", "who cid")
	m.expect("bob", "Cid is in Kitchen.")
	m.do("bob", "who zed")
	m.expect("bob", "There is no player called zed here.")
}

func TestMUDTellReachesOnlyItsTarget(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "bob", "cid")
	m.do("cid", "east")
	m.read()
	m.do("ann", "tell cid meet me in the hall")
	m.expect("ann", "You tell Cid: “meet me in the hall”")
	m.expect("cid", "Ann tells you: “meet me in the hall”")
	m.expect("bob", "")
	// tell to an NPC keeps its IF meaning.
	m.do("cid", "tell keeper about lamp")
	m.expect("cid", "“Take good care of it,” he says.")
}

func TestMUDShoutCarriesOneRoomWithDirection(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "bob", "cid", "dan")
	m.do("bob", "east")
	m.do("cid", "west")
	m.do("cid", "north") // the orchard: two rooms away
	m.read()
	m.do("ann", "shout help")
	m.expect("ann", "You shout: “help”")
	m.expect("dan", "Ann shouts: “help”")
	m.expect("bob", "Someone nearby shouts: “help” The sound comes from the west.")
	m.expect("cid", "")
}

func TestMUDNamesAreText(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "<bright>x")
	m.do("<bright>x", "say hi")
	if got := m.text("ann"); got != m.styled("<bright>x says: “hi”") {
		t.Errorf("ann read %q", got)
	}
	var raw string
	m.onLoop("ann", func() {
		evs, _ := m.seats["ann"].(*session).p.events.After(0)
		raw = evs[len(evs)-1].Text
	})
	if !strings.Contains(raw, "&lt;bright&gt;x") {
		t.Errorf("a name reached the markup unescaped: %q", raw)
	}
}

func TestMUDTakingAnothersItemIsRefusedAndDropsAreSeen(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "bob")
	m.do("ann", "take lamp")
	m.expect("bob", "Ann takes the brass lamp.")
	m.do("bob", "take lamp")
	m.expect("bob", "Ann has that.")
	m.do("ann", "drop lamp")
	m.expect("bob", "Ann drops the brass lamp.")
	m.do("bob", "take lamp")
	m.expect("bob", "Taken.")
}

func TestMUDDoorOpenedByOneIsOpenForAll(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "bob")
	m.do("ann", "open box")
	m.do("ann", "take key")
	m.do("ann", "unlock door with key")
	m.do("ann", "open door")
	m.read()
	m.do("bob", "north")
	if got := m.text("bob"); !strings.Contains(got, "Library") {
		t.Errorf("Bob could not go through the door Ann opened:\n%s", got)
	}
}

func TestMUDRefusesWhatWouldRollBackOthersAndQuitLeaves(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "bob")
	for verb, want := range map[string]string{"undo": mudRefusals["undo"], "save": mudRefusals["save"],
		"saves": mudRefusals["saves"], "restore": mudRefusals["restore"], "restart": "You can't restart a shared world. Type quit to leave the game."} {
		m.do("ann", verb)
		m.expect("ann", strings.ReplaceAll(strings.ReplaceAll(want, "<bright>", ""), "</bright>", ""))
	}
	m.do("ann", "take lamp")
	m.do("ann", "quit")
	// "yes" closes Ann's session, perhaps before a Sync after it could be
	// answered: wait for the close instead.
	if err := m.seats["ann"].Send(t.Context(), tio.Line("yes")); err != nil {
		t.Fatal(err)
	}
	closed := false
	for range 500 {
		if sub, err := m.seats["ann"].Subscribe(t.Context(), -1); err != nil {
			closed = true
			break
		} else {
			sub.Cancel()
		}
		time.Sleep(2 * time.Millisecond)
	}
	if !closed {
		t.Error("Ann's session is still open after quitting")
	}
	m.read()
	m.do("bob", "look")
	if got := m.text("bob"); !strings.Contains(got, "brass lamp here") {
		t.Errorf("Ann's lamp did not stay behind:\n%s", got)
	}
	if info := m.seats["bob"].Info(); info.Mode != "mud" {
		t.Errorf("Info().Mode = %q", info.Mode)
	}
}

// A player who joins later reads the intro and a look; the world is
// not reset for them, and what the story starts in the player's hands
// stays with whoever has it.
func TestMUDJoinDoesNotResetTheWorld(t *testing.T) {
	s := testStory()
	s.Items["lamp"].At = atPlayer
	m := startMUD(t, s)
	m.join("ann")
	m.do("ann", "west")
	m.do("ann", "gate") // the pond's on_enter ends Ann's story
	s2, err := m.w.Join(t.Context(), "bob")
	if err != nil {
		t.Fatal(err)
	}
	m.seats["bob"] = s2
	got := m.text("bob")
	for _, want := range []string{"You have come to the house at last.", "Entrance Hall"} {
		if !strings.Contains(got, want) {
			t.Errorf("Bob's opening lacks %q:\n%s", want, got)
		}
	}
	m.onLoop("bob", func() {
		if at := m.w.world.Items["lamp"]; at != holderPrefix+"ann" {
			t.Errorf("Bob's joining moved Ann's lamp to %q", at)
		}
	})
	m.do("bob", "inventory")
	if got := m.text("bob"); strings.Contains(got, "lamp") {
		t.Errorf("Bob got Ann's lamp:\n%s", got)
	}
}

// A panicking command of one player leaves every other player's game
// as it was (contract 6, per player).
func TestMUDPanicTouchesOnlyItsPlayer(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "bob")
	m.do("bob", "take lamp")
	m.read()
	var before *PlayerState
	m.onLoop("bob", func() {
		before = m.seats["bob"].(*session).p.own
		m.w.verbs[parse.Jump] = verb{do: func(tn *turn, _ *parse.Command) error {
			for _, p := range tn.othersHere() {
				tn.as(p, func() { tn.st.Location = "attic"; tn.say("You are whisked away.") })
			}
			tn.writableWorld(cwItems).Items["lamp"] = "attic"
			panic("jump is broken")
		}}
	})
	m.do("ann", "jump")
	m.expect("ann", msgInternal)
	m.expect("bob", "")
	m.onLoop("bob", func() {
		if now := m.seats["bob"].(*session).p.own; now != before || now.Location != "hall" {
			t.Errorf("Bob's state changed: at %q", now.Location)
		}
		if at := m.w.world.Items["lamp"]; at != holderPrefix+"bob" {
			t.Errorf("the lamp moved to %q", at)
		}
	})
	m.do("bob", "say still here")
	m.expect("ann", "Bob says: “still here”")
}

func TestMUDLinkDeadReconnectLosesNothing(t *testing.T) {
	m := startMUD(t, testStory(), func(o *Options) { o.LinkDeadGrace = time.Minute })
	m.join("ann")
	bob, err := m.w.Join(t.Context(), "bob")
	if err != nil {
		t.Fatal(err)
	}
	m.seats["bob"] = bob
	sub, err := bob.Subscribe(t.Context(), -1)
	if err != nil {
		t.Fatal(err)
	}
	m.do("bob", "take lamp")
	m.read()
	sub.Cancel()
	now := time.Now()
	m.onLoop("ann", func() { m.w.housekeep(now) })
	m.expect("ann", "Bob goes still, staring at nothing: their connection has dropped.")
	m.onLoop("ann", func() { m.w.housekeep(now.Add(59 * time.Second)) })
	m.expect("ann", "")
	sub, err = m.seats["bob"].Subscribe(t.Context(), int64(m.seen["bob"]))
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Cancel()
	m.onLoop("ann", func() { m.w.housekeep(now.Add(2 * time.Minute)) })
	m.expect("ann", "Bob stirs, and is back with you.")
	m.do("bob", "inventory")
	if got := m.text("bob"); !strings.Contains(got, "brass lamp") {
		t.Errorf("Bob lost his lamp:\n%s", got)
	}

	// Gone for longer than the grace: Bob leaves, the lamp stays.
	sub.Cancel()
	m.onLoop("ann", func() { m.w.housekeep(now.Add(3 * time.Minute)) })
	m.onLoop("ann", func() { m.w.housekeep(now.Add(4 * time.Minute)) })
	got := m.text("ann")
	for _, want := range []string{"Bob goes still", "Bob fades from sight, and has left the game. A brass lamp is left behind."} {
		if !strings.Contains(got, want) {
			t.Errorf("Ann read %q, lacking %q", got, want)
		}
	}
	if err := m.seats["bob"].Send(t.Context(), tio.Line("look")); err == nil {
		t.Error("Bob's seat still takes input after the grace")
	}
}

func TestMUDIdleLogout(t *testing.T) {
	m := startMUD(t, testStory(), func(o *Options) { o.IdleTimeout = 10 * time.Minute; o.LinkDeadGrace = -1 })
	m.join("ann", "bob")
	m.do("bob", "look")
	m.read()
	var last time.Time
	m.onLoop("bob", func() { last = m.seats["bob"].(*session).p.lastInput })
	m.onLoop("ann", func() { m.w.housekeep(last.Add(9 * time.Minute)) })
	m.expect("bob", "")
	m.do("ann", "look") // Ann is not idle
	m.read()
	m.onLoop("ann", func() { m.w.housekeep(last.Add(10 * time.Minute)) })
	m.expect("ann", "Bob has been idle too long, and has left the game.")
	// Bob's stream holds the goodbye before it closes.
	evs, _ := m.seats["bob"].(*session).p.events.After(m.seen["bob"])
	if got := strings.TrimSpace(textOf(evs)); got != "You have been idle too long, and are logged out. Goodbye." {
		t.Errorf("Bob read %q", got)
	}
}

// Two players fight one monster: each blow is one turn of its striker,
// both see every blow, and the monster strikes back at one of them,
// picked by the world's generator, so over a fight it goes for both.
func TestMUDTwoPlayersFightOneMonster(t *testing.T) {
	m := startMUD(t, arena())
	m.join("ann", "bob")
	m.do("ann", "north")
	m.do("bob", "north")
	m.read()
	struck := map[string]int{}
	for round := range 10 {
		for _, who := range []string{"ann", "bob"} {
			other := map[string]string{"ann": "bob", "bob": "ann"}[who]
			m.do(who, "attack beetle")
			mine, theirs := m.text(who), m.text(other)
			name := displayName(who)
			if !strings.Contains(theirs, name+" hits the carrion beetle.") && !strings.Contains(theirs, name+" swings at the carrion beetle and misses.") {
				t.Fatalf("round %d: %s did not see %s's blow:\n%s", round, other, name, theirs)
			}
			switch {
			case strings.Contains(mine, "The carrion beetle attacks you") || strings.Contains(mine, "The carrion beetle hits you"):
				struck[who]++
				if !strings.Contains(theirs, "The carrion beetle") {
					t.Errorf("%s did not see the beetle go for %s:\n%s", other, name, theirs)
				}
			case strings.Contains(theirs, "The carrion beetle attacks you") || strings.Contains(theirs, "The carrion beetle hits you"):
				struck[other]++
			default:
				t.Fatalf("round %d: the beetle struck nobody after %s's blow:\n%s\n--\n%s", round, name, mine, theirs)
			}
		}
	}
	if struck["ann"] == 0 || struck["bob"] == 0 {
		t.Errorf("the beetle only ever went for one of them: %v", struck)
	}
	var turns [2]int
	m.onLoop("ann", func() {
		turns = [2]int{m.seats["ann"].(*session).p.own.Turns, m.seats["bob"].(*session).p.own.Turns}
	})
	if turns != [2]int{11, 11} { // north and ten attacks each: the other's blows are not theirs
		t.Errorf("turns %v, want 11 each", turns)
	}
}

package web

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tale-if/tale/driver"
	"github.com/tale-if/tale/story"
)

// A new connection in MUD mode is asked for a name; a bad or taken name
// is explained and asked for again, on the same connection; a good one
// joins, and the player's stream starts with the story's opening at seq 1.
func TestMUDJoinAsksForAName(t *testing.T) {
	ts := startMUD(t, driver.Options{}, nil)
	ann := &mudPlayer{t: t, name: "Ann"}
	w := ts.dial(t, "", nil)
	ann.r, ann.send = w, func(cmd string) { w.send(map[string]string{"cmd": cmd}) }
	ann.lobby()
	for _, c := range []struct{ name, says string }{
		{"", "Type a name"},
		{"al", "3 to 16 letters"},
		{"abcdefghijklmnopq", "3 to 16 letters"},
		{"9lives", "starts with a letter"},
		{"ann smith", "starts with a letter"},
		{"<b>x</b>", "starts with a letter"},
		{"Admin", "“Admin” is a word the game itself uses"},
		{"guest", "“Guest” is a word the game itself uses"},
	} {
		ann.send(c.name)
		m := ann.next()
		txt := plain(m.str("text"))
		if m.typ() != "text" || m.seq() != 0 || !strings.Contains(txt, c.says) || !strings.HasSuffix(strings.TrimSpace(txt), "What is your name?") {
			t.Errorf("name %q: got %v, want %q and the prompt again at seq 0", c.name, m, c.says)
		}
		if strings.Contains(m.str("text"), "<b>") {
			t.Errorf("name %q came back as HTML: %q", c.name, m.str("text"))
		}
	}
	opening := ann.do("Ann", "The Slipway")
	if !strings.Contains(opening, "Gull Rock Light") || !strings.Contains(opening, "The ferryman would not wait.") {
		t.Errorf("the stream does not start with the story's opening:\n%s", opening)
	}
	if ann.seq == 0 {
		t.Fatal("joining started no stream")
	}

	bob := &mudPlayer{t: t, name: "Bob"}
	wb := ts.dial(t, "", nil)
	bob.r, bob.send = wb, func(cmd string) { wb.send(map[string]string{"cmd": cmd}) }
	bob.lobby()
	bob.send("ANN")
	if m := bob.next(); !strings.Contains(plain(m.str("text")), "Someone called ANN is already here; choose another name.") {
		t.Errorf("a taken name (in other capitals) got %v", m)
	}
	bob.do("bob", "The Slipway")
	if got := bob.state.str("players"); got != "Ann" {
		t.Errorf("Bob's players field is %q, want Ann", got)
	}
	if text := ann.until("appears"); !strings.Contains(text, "Bob appears.") {
		t.Errorf("Ann did not see Bob arrive: %s", text)
	}
}

// Four players in one world, three over WebSocket and one over
// EventSource: each sees the says, emotes, arrivals and departures of
// its room and none of another; a tell reaches its target only; who and
// the players field are right; speech is marked and escaped.
func TestMUDPlayersSeeEachOther(t *testing.T) {
	ts := startMUD(t, driver.Options{}, nil)
	ann := joinWS(t, ts, "ann")
	bob := joinWS(t, ts, "bob")
	cat := joinWS(t, ts, "cat")
	dan := joinSSE(t, ts, "dan")
	slipway := []*mudPlayer{ann, bob, dan}

	cat.do("north", "Cliff Path")
	for _, p := range slipway {
		if got := p.sync(); !strings.Contains(got, "Cat leaves north.") {
			t.Errorf("%s did not see Cat leave: %s", p.name, got)
		}
	}

	ann.do("say hello <b>all</b>", "You say:")
	for _, p := range []*mudPlayer{bob, dan} {
		got := p.sync()
		if !strings.Contains(got, "Ann says: “hello <b>all</b>”") {
			t.Errorf("%s did not hear Ann: %s", p.name, got)
		}
	}
	if got := cat.sync(); strings.Contains(got, "hello") {
		t.Errorf("Cat, a room away, heard Ann's say: %s", got)
	}

	cat.do("say up here", "You say:")
	cat.do("emote juggles", "You emote:")
	for _, p := range slipway {
		if got := p.sync(); strings.Contains(got, "up here") || strings.Contains(got, "juggles") {
			t.Errorf("%s heard Cat from another room: %s", p.name, got)
		}
	}

	bob.do("emote waves", "You emote:")
	for _, p := range []*mudPlayer{ann, dan} {
		if got := p.sync(); !strings.Contains(got, "Bob waves") {
			t.Errorf("%s did not see Bob's emote: %s", p.name, got)
		}
	}

	ann.do("tell cat psst", "You tell")
	if got := cat.sync(); !strings.Contains(got, "Ann tells you: “psst”") {
		t.Errorf("Cat did not get Ann's tell: %s", got)
	}
	for _, p := range []*mudPlayer{bob, dan} {
		if got := p.sync(); strings.Contains(got, "psst") {
			t.Errorf("%s overheard a tell: %s", p.name, got)
		}
	}

	who := ann.sync()
	for _, line := range []string{"There are four players in the world:", "Ann: The Slipway (you)", "Bob: The Slipway", "Cat: Cliff Path", "Dan: The Slipway"} {
		if !strings.Contains(who, line) {
			t.Errorf("who lacks %q:\n%s", line, who)
		}
	}

	cat.do("south", "The Slipway")
	for _, p := range slipway {
		if got := p.sync(); !strings.Contains(got, "Cat arrives from the north.") {
			t.Errorf("%s did not see Cat come back: %s", p.name, got)
		}
	}
	ann.do("look", "The Slipway")
	if got := ann.state.str("players"); got != "Bob,Cat,Dan" {
		t.Errorf("Ann's players field is %q, want Bob,Cat,Dan", got)
	}
}

// What other players say is marked as speech for the page, from the
// driver's speech tags, and what they typed stays text: a typed closing
// tag cannot end the speech. Narration that starts with a player's name
// is not speech.
func TestMUDSpeechIsMarkedAndEscaped(t *testing.T) {
	ts := startMUD(t, driver.Options{}, nil)
	ann := joinWS(t, ts, "ann")
	bob := joinWS(t, ts, "bob")
	raw := func(p *mudPlayer, want string) string {
		for {
			m := p.next()
			if h := m.str("text"); strings.Contains(plain(h), want) {
				return h
			}
		}
	}
	for _, c := range []struct{ cmd, mine, theirs, class string }{
		{`say <img src=x onerror=alert(1)>`, "You say:", "Ann says:", `<p class="speech-say">`},
		{`shout run & hide`, "You shout:", "Ann shouts:", `<p class="speech-shout">`},
		{`emote <i>bows</i>`, "You emote:", "Ann <i>bows", `<p class="speech-emote">`},
		{`tell bob "hi"`, "You tell", "Ann tells you:", `<p class="speech-tell">`},
		{`say </say><bright>out`, "You say:", "Ann says: “</say>", `<p class="speech-say">`},
		{`wave at bob`, "You wave", "Ann waves", `<p class="speech-emote">`},
	} {
		ann.send(c.cmd)
		mine := raw(ann, c.mine)
		theirs := raw(bob, c.theirs)
		for who, h := range map[string]string{"Ann": mine, "Bob": theirs} {
			if !strings.Contains(h, c.class) {
				t.Errorf("%s: %s's text has no %s: %s", c.cmd, who, c.class, h)
			}
			if strings.Contains(h, "<img") || strings.Contains(h, "<i>") || strings.Contains(h, "txt-bright") ||
				strings.Count(h, "<p") != 1 || !strings.HasSuffix(h, "</p>") {
				t.Errorf("%s: %s got the typed HTML as HTML: %s", c.cmd, who, h)
			}
		}
	}
	bob.send("north")
	if h := raw(ann, "Bob leaves north."); strings.Contains(h, "speech-") {
		t.Errorf("Bob's departure is marked as speech: %s", h)
	}
	ann.send("north")
	if h := raw(bob, "Ann arrives from the south."); strings.Contains(h, "speech-") {
		t.Errorf("Ann's arrival is marked as speech: %s", h)
	}
	bob.send("look")
	if h := raw(bob, "Ann is here."); strings.Contains(h, "speech-") {
		t.Errorf("the look's \"Ann is here.\" is marked as speech: %s", h)
	}
}

// A dropped connection leaves the player link-dead; the same token
// coming back within the grace resumes exactly after the last seq it
// read, with what happened meanwhile, and the player is still there.
func TestMUDLinkDeadResumeLosesNothing(t *testing.T) {
	ts := startMUD(t, driver.Options{LinkDeadGrace: time.Minute}, nil)
	ann := joinWS(t, ts, "ann")
	bob := joinWS(t, ts, "bob")
	ann.sync()
	ann.r.(*wsc).conn.Close()
	if got := bob.until("goes still"); !strings.Contains(got, "Ann goes still") {
		t.Fatalf("Bob did not see Ann go link-dead: %s", got)
	}
	bob.do("say are you there", "You say:")

	w := ts.dial(t, "session="+ann.token+"&since="+strconv.FormatUint(ann.seq, 10), nil)
	ann.r = w
	ann.send = func(cmd string) { w.send(map[string]string{"cmd": cmd}) }
	if c := ann.next(); c.typ() != "connected" || c.seq() != ann.seq {
		t.Fatalf("resume got %v, want connected at seq %d", c, ann.seq)
	}
	if got := ann.until("are you there"); !strings.Contains(got, "Bob says: “are you there”") {
		t.Errorf("Ann missed what Bob said while she was away: %s", got)
	}
	if got := bob.until("back with you"); !strings.Contains(got, "Ann stirs, and is back with you.") {
		t.Errorf("Bob did not see Ann come back: %s", got)
	}
	if who := ann.sync(); !strings.Contains(who, "There are two players") {
		t.Errorf("who after the resume: %s", who)
	}
}

// Once the grace is over the player has left: the token's next
// connection is in the lobby again, and the name is free.
func TestMUDLinkDeadGraceEnds(t *testing.T) {
	ts := startMUD(t, driver.Options{LinkDeadGrace: time.Second}, nil)
	ann := joinWS(t, ts, "ann")
	bob := joinWS(t, ts, "bob")
	ann.r.(*wsc).conn.Close()
	if got := bob.until("has left the game"); !strings.Contains(got, "Ann fades from sight") {
		t.Fatalf("Bob did not see Ann leave: %s", got)
	}
	// The driver tells the room before the seat hears its player's stream
	// end: a reconnect in between still finds the leaving player, whose
	// stream then closes (1000), and the next connection is in the lobby.
	query := "session=" + ann.token + "&since=" + strconv.FormatUint(ann.seq, 10)
	probe := ts.dial(t, query, nil)
	if first := probe.next(); first.typ() == "connected" && first.seq() != 0 {
		if code := closeCode(probe.closed()); code != closeNormal {
			t.Fatalf("the leaving player's stream closed with %d, want %d", code, closeNormal)
		}
	}
	probe.conn.Close()
	back := &mudPlayer{t: t, name: "Ann again"}
	w := ts.dial(t, query, nil)
	back.r, back.send = w, func(cmd string) { w.send(map[string]string{"cmd": cmd}) }
	back.lobby()
	if back.token != ann.token {
		t.Errorf("the seat changed its token: %q, was %q", back.token, ann.token)
	}
	back.do("Ann", "The Slipway")
}

// Quit in MUD mode leaves the world: every connection of the seat closes
// with 1000, the others read that the player left, and the seat's next
// connection may join again.
func TestMUDQuitLeavesTheWorld(t *testing.T) {
	ts := startMUD(t, driver.Options{}, nil)
	ann := joinWS(t, ts, "ann")
	bob := joinWS(t, ts, "bob")
	ann.do("quit", "Are you sure")
	ann.do("yes", "Goodbye")
	err := ann.r.(*wsc).closed()
	if closeCode(err) != closeNormal || !strings.Contains(err.Error(), "you have left the game") {
		t.Errorf("quit ended the connection with %v, want 1000 saying the player left", err)
	}
	if got := bob.until("has left"); !strings.Contains(got, "Ann has left the game.") {
		t.Errorf("Bob did not see Ann leave: %s", got)
	}
	again := &mudPlayer{t: t, name: "Ann again"}
	w := ts.dial(t, "session="+ann.token, nil)
	again.r, again.send = w, func(cmd string) { w.send(map[string]string{"cmd": cmd}) }
	again.lobby()
	again.do("ann", "The Slipway")
	if got := bob.until("appears"); !strings.Contains(got, "Ann appears.") {
		t.Errorf("Bob did not see Ann join again: %s", got)
	}
}

// A command that panics in the driver (here an on_enter that teleports
// into its own room, which the driver stops with a panic) is dropped
// whole: its player reads one sentence, the others see nothing of it and
// play on.
func TestMUDPanicLeavesOthersUntouched(t *testing.T) {
	ts := startMUD(t, driver.Options{}, func(s *story.Story) {
		s.Locations["ledge"].OnEnter = append(s.Locations["ledge"].OnEnter, &story.Reaction{Do: story.Effects{{Teleport: "ledge"}}})
	})
	ann := joinWS(t, ts, "ann")
	bob := joinWS(t, ts, "bob")
	ann.do("north", "Cliff Path")
	bob.do("north", "Cliff Path")
	ann.sync()
	got := ann.do("east", "Something went wrong with that command; nothing happened.")
	if strings.Contains(got, "Ledge") {
		t.Errorf("the failed command showed its effects: %s", got)
	}
	if got := bob.sync(); strings.Contains(got, "Ann leaves") || strings.Contains(got, "wrong") {
		t.Errorf("Bob saw the failed command: %s", got)
	}
	ann.do("look", "Cliff Path")
	bob.do("say still here", "You say:")
	if got := ann.until("still here"); !strings.Contains(got, "Bob says: “still here”") {
		t.Errorf("the world did not go on: %s", got)
	}
}

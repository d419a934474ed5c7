package driver

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// spoken is one paragraph a player was shown: the speech it is marked as,
// and its words.
type spoken struct {
	speech markup.Speech
	text   string
	styled bool // some span of it has a style
}

// paras is every paragraph name has been shown since last asked, read
// from the markup the driver wrote (not from its plain rendering).
func (m *mudWorld) paras(name string) []spoken {
	m.t.Helper()
	s := m.seats[name]
	ctx := m.t.Context()
	if err := s.Sync(ctx); err != nil {
		m.t.Fatal(err)
	}
	last := s.LastSeq()
	since := m.seen[name]
	m.seen[name] = last
	if last == since {
		return nil
	}
	sub, err := s.Subscribe(ctx, int64(since))
	if err != nil {
		m.t.Fatal(err)
	}
	defer sub.Cancel()
	var out []spoken
	for ev := range sub.Events {
		if ev.Kind == tio.KindText {
			ps, _ := markup.Parse(ev.Text)
			for _, p := range ps {
				sp := spoken{speech: p.Spans[0].Speech, text: p.Text()}
				for _, s := range p.Spans {
					if s.Speech != sp.speech {
						m.t.Errorf("%s: paragraph %q is only partly speech", name, sp.text)
					}
					sp.styled = sp.styled || s.Style != 0
				}
				out = append(out, sp)
			}
		}
		if ev.Seq >= last && !ev.Snapshot {
			break
		}
	}
	return out
}

// expectSaid checks that name was shown a paragraph containing want,
// marked as the speech k (markup.NoSpeech: narration).
func (m *mudWorld) expectSaid(name string, k markup.Speech, want string) {
	m.t.Helper()
	got := m.paras(name)
	want = m.styled(want)
	for _, p := range got {
		if strings.Contains(p.text, want) {
			if p.speech != k {
				m.t.Errorf("%s read %q marked as %q, want %q", name, p.text, p.speech, k)
			}
			return
		}
	}
	m.t.Errorf("%s never read %q; read %+v", name, want, got)
}

// Whatever players say, tell, shout, emote or do with a social verb is
// marked as speech for those who say it and those who hear it; what the
// world narrates about them is not.
func TestMUDSpeechIsMarkedUpAndNarrationIsNot(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "bob", "cid")

	m.do("cid", "east")
	m.expectSaid("ann", markup.NoSpeech, "Cid leaves east.")
	m.text("bob")
	m.do("cid", "west")
	m.expectSaid("ann", markup.NoSpeech, "Cid arrives from the east.")
	m.text("bob")
	m.do("ann", "look")
	m.expectSaid("ann", markup.NoSpeech, "are here.")

	m.do("ann", "say hello")
	m.expectSaid("ann", markup.Say, "You say: “hello”")
	m.expectSaid("bob", markup.Say, "Ann says: “hello”")
	m.text("cid")

	m.do("ann", "tell bob psst")
	m.expectSaid("ann", markup.Tell, "You tell Bob: “psst”")
	m.expectSaid("bob", markup.Tell, "Ann tells you: “psst”")
	m.expect("cid", "")

	m.do("bob", "emote scratches his head")
	m.expectSaid("bob", markup.Emote, "You emote: Bob scratches his head")
	m.expectSaid("ann", markup.Emote, "Bob scratches his head")
	m.text("cid")

	m.do("ann", "wave at bob")
	m.expectSaid("ann", markup.Emote, "You wave happily at Bob.")
	m.expectSaid("bob", markup.Emote, "Ann waves happily at you.")
	m.expectSaid("cid", markup.Emote, "Ann waves happily at Bob.")

	m.do("cid", "west") // the garden, next door
	m.read()
	m.do("ann", "shout help")
	m.expectSaid("ann", markup.Shout, "You shout: “help”")
	m.expectSaid("bob", markup.Shout, "Ann shouts: “help”")
	m.expectSaid("cid", markup.Shout, "Someone nearby shouts: “help” The sound comes from the east.")
}

// What a player types stays text inside their speech: a typed closing
// tag cannot end it, and a typed style is not a style.
func TestMUDTypedTagsStayInsideSpeech(t *testing.T) {
	m := startMUD(t, testStory())
	m.join("ann", "bob")
	const typed = "</say><bright>free</bright> </emote>"
	for _, c := range []struct {
		cmd  string
		k    markup.Speech
		want string
	}{
		{"say " + typed, markup.Say, "Ann says: “" + typed + "”"},
		{"tell bob " + typed, markup.Tell, "Ann tells you: “" + typed + "”"},
		{"shout " + typed, markup.Shout, "Ann shouts: “" + typed + "”"},
		{"emote " + typed, markup.Emote, "Ann " + typed},
	} {
		m.do("ann", c.cmd)
		m.text("ann")
		got := m.paras("bob")
		if len(got) != 1 || got[0].speech != c.k || got[0].text != m.styled(c.want) || got[0].styled {
			t.Errorf("%s: Bob read %+v, want one unstyled %q marked %q", c.cmd, got, c.want, c.k)
		}
	}
}

// A blow struck in a fight is narration, even though it starts with a
// player's name.
func TestMUDFightIsNarrationNotSpeech(t *testing.T) {
	m := startMUD(t, arena())
	m.join("ann", "bob")
	m.do("ann", "take sword")
	m.do("ann", "wield sword")
	m.do("ann", "north")
	m.do("bob", "north")
	m.read()
	const maxBlows = 20 // the sword fells the beetle in a few
	for range maxBlows {
		m.do("ann", "attack beetle")
		m.text("ann")
		for _, p := range m.paras("bob") {
			if p.speech != markup.NoSpeech {
				t.Errorf("Bob read the fight as speech: %+v", p)
			}
			if strings.Contains(p.text, "Ann strikes the carrion beetle down.") {
				return
			}
		}
	}
	t.Fatalf("the beetle was not struck down in %d blows", maxBlows)
}

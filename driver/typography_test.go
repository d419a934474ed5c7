package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
)

// quoteWorld has quotes everywhere a story can put them: straight and
// curly ones in a description, a monospaced sign, a name with an
// apostrophe in the status line, a menu, a topic and an ending's title.
const quoteWorld = `
locations:
  kitchen:
    name: Maud's Kitchen
    description: |
      "Mind the step," says a note. It's Tom's, and the old sign says “Keep out”.
      <monospaced>'NO' "ENTRY"</monospaced>
    exits: {east: {to: yard}}
  yard: {name: Yard, description: A yard.}
items:
  note:
    name: Tom's note
    at: kitchen
    actions:
      - verbs: [burn]
        do: [{end: burnt}]
npcs:
  maud:
    proper_name: Maud
    at: kitchen
    topics:
      - about: [lamp]
        text: '"It''s in the store," she says.'
    talk: chat
    menus:
      chat:
        prompt: What's on your mind?
        options:
          - text: I'll go.
            reply: '"Go on, then."'
`

func quoteStory(t *testing.T, typography string) *story.Story {
	t.Helper()
	cfg := "name: Maud's Light\nstart: kitchen\nmodes: [if, mud]\n" +
		"endings: {burnt: {kind: lose, title: Tom's Note Burns, text: 'It''s gone.'}}\n"
	if typography != "" {
		cfg += "typography: " + typography + "\n"
	}
	s, err := story.Load(fstest.MapFS{
		"s/story.yaml": {Data: []byte(cfg)},
		"s/world.yaml": {Data: []byte(strings.TrimPrefix(quoteWorld, "\n"))},
	}, "s")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// rawText is the markup of the text events in evs.
func rawText(evs []tio.Event) string {
	var parts []string
	for _, ev := range evs {
		if ev.Kind == tio.KindText {
			parts = append(parts, ev.Text)
		}
	}
	return strings.Join(parts, "\n\n")
}

func lastOf(evs []tio.Event, k tio.Kind) *tio.Event {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Kind == k {
			return &evs[i]
		}
	}
	return nil
}

func expectIn(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

// TestCurlyTypography: by default the story's straight quotes and Tale's
// own apostrophes are curly, in text, names, menus and titles, while the
// monospaced sign stays as written.
func TestCurlyTypography(t *testing.T) {
	h := newHarness(t, quoteStory(t, ""))
	look := h.do("look")
	expectIn(t, "look", look, "Maud’s Kitchen", "“Mind the step,” says a note. It’s Tom’s, and the old sign says “Keep out”.",
		`'NO' "ENTRY"`)
	h.g.play(tio.Line("west"))
	expectIn(t, "a refusal", rawText(h.events()), "You can’t go that way.")
	h.g.play(tio.Line("x note"))
	st := lastOf(append(replayed(h.g), h.events()...), tio.KindState).State
	if st.Location != "Maud’s Kitchen" || len(st.Items) != 1 || st.Items[0] != "Tom’s note" || st.Story != "Maud’s Light" {
		t.Errorf("status %+v, want curly names", st)
	}
	if got := h.g.Session().Info().Name; got != "Maud’s Light" {
		t.Errorf("story name %q", got)
	}
	expectIn(t, "a topic", h.do("ask maud about lamp"), "“It’s in the store,” she says.")
	h.g.play(tio.Line("talk to maud"))
	evs := h.events()
	ch := lastOf(evs, tio.KindChoices).Choices
	if ch.Prompt != "What’s on your mind?" || ch.Options[0].Text != "I’ll go." {
		t.Errorf("menu %+v, want curly", ch)
	}
	h.pick("1")
	h.g.play(tio.Line("burn note"))
	evs = h.events()
	if e := lastOf(evs, tio.KindEnd); e == nil || e.Ending.Title != "Tom’s Note Burns" {
		t.Errorf("ending %+v, want a curly title", e)
	}
	expectIn(t, "the ending", rawText(evs), "It’s gone.")
}

// TestStraightTypography: typography: straight makes every quote
// straight, Tale's own and the curly ones the author wrote.
func TestStraightTypography(t *testing.T) {
	h := newHarness(t, quoteStory(t, story.TypographyStraight))
	look := h.do("look")
	expectIn(t, "look", look, `"Mind the step," says a note. It's Tom's, and the old sign says "Keep out".`)
	if strings.ContainsAny(look, "‘’“”") {
		t.Errorf("a curly quote in a straight game:\n%s", look)
	}
	expectIn(t, "a refusal", h.do("west"), "You can't go that way.")
	expectIn(t, "the pronouns", h.do("pronouns"), `"it"`)
	h.do("x note")
	expectIn(t, "an unknown word", h.do("jump xyzzy"), `I don't know the word "xyzzy".`)
	if got := h.do("save"); strings.ContainsAny(got, "‘’“”") {
		t.Errorf("save: %q", got)
	}
	h.g.play(tio.Line("burn note"))
	for _, ev := range h.events() {
		if s := ev.Text; strings.ContainsAny(s, "‘’“”") {
			t.Errorf("a curly quote in %q", s)
		}
	}
}

// TestTypedWordsStayAsTyped: what a player says keeps its apostrophes in
// either style, between the game's own quotes; so does a word the parser
// does not know.
func TestTypedWordsStayAsTyped(t *testing.T) {
	for _, c := range []struct{ typography, said, unknown string }{
		{"", "You say: “it's 'mine'”", "I don’t know the word “o'clock”."},
		{story.TypographyStraight, `You say: "it's 'mine'"`, `I don't know the word "o'clock".`},
	} {
		h := newHarness(t, quoteStory(t, c.typography))
		h.do("east") // away from Maud, who would answer
		if got := strings.TrimSpace(h.do("say it's 'mine'")); got != c.said {
			t.Errorf("%q: say: %q, want %q", c.typography, got, c.said)
		}
		if got := strings.TrimSpace(h.do("jump o'clock")); got != c.unknown {
			t.Errorf("%q: unknown word: %q, want %q", c.typography, got, c.unknown)
		}
	}
}

// TestMUDSpeechStaysAsTyped: the others read a player's words and name as
// typed, between the quotes of the game's style.
func TestMUDSpeechStaysAsTyped(t *testing.T) {
	for _, c := range []struct{ typography, says, shouts string }{
		{"", "O'Neil says: “it's 'late'”", "O'Neil shouts: “don't”"},
		{story.TypographyStraight, `O'Neil says: "it's 'late'"`, `O'Neil shouts: "don't"`},
	} {
		m := startMUD(t, quoteStory(t, c.typography))
		m.join("O'Neil", "bob")
		m.do("O'Neil", "say it's 'late'")
		if got := m.text("bob"); got != c.says {
			t.Errorf("%q: bob read %q, want %q", c.typography, got, c.says)
		}
		m.do("O'Neil", "shout don't")
		if got := m.text("bob"); got != c.shouts {
			t.Errorf("%q: bob read %q, want %q", c.typography, got, c.shouts)
		}
		// A name looked for and not found is quoted back as typed.
		m.do("bob", "who o'hara")
		if got, want := m.text("bob"), "There is no player called o'hara here."; got != want {
			t.Errorf("%q: who: %q, want %q", c.typography, got, want)
		}
	}
}

// TestReconnectLookIsTypeset: a reader who joins late draws the screen
// from the look, in the game's style like everything else.
func TestReconnectLookIsTypeset(t *testing.T) {
	h := newHarness(t, quoteStory(t, ""))
	h.do("x note")
	sub := h.g.you().subscribe(-1)
	defer sub.Cancel()
	var evs []tio.Event
	for len(sub.Events) > 0 {
		evs = append(evs, <-sub.Events)
	}
	expectIn(t, "the look", rawText(evs), "Maud’s Kitchen", "It’s Tom’s")
	if st := lastOf(evs, tio.KindState); st == nil || st.State.Location != "Maud’s Kitchen" {
		t.Errorf("the look's state: %+v", st)
	}
}

// TestTranscriptIsTypeset: the transcript records what the player saw.
func TestTranscriptIsTypeset(t *testing.T) {
	h := newHarness(t, quoteStory(t, ""))
	h.do("transcript on")
	h.do("look")
	h.do("say it's")
	h.do("transcript off")
	data, err := os.ReadFile(filepath.Join(h.g.opts.DataDir, "transcripts", "s-1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	expectIn(t, "the transcript", string(data), "Maud’s Kitchen", "> say it's\nYou say: “it's”")
}

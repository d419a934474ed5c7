package driver

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tale-if/tale/story"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// varyWorld puts a varying part in every kind of story text the driver
// shows by saying it: topics, replies, menu prompts, hints, exits, refusals.
const varyWorld = `
locations:
  porch:
    name: Porch
    description: A porch.
    exits:
      west: {to: yard, message: "[if wet]You splash west.[else]You stroll west.[end]"}
      down: {to: yard, if: [{flag: wet}], blocked: "[if carrying bell]The bell is too heavy for the ladder.[else]The hatch is shut.[end]"}
  yard: {name: Yard, description: A yard., exits: {east: porch}}
flags:
  wet: {}
items:
  bell:
    name: bell
    at: porch
  anvil:
    name: anvil
    at: porch
    fixed: true
    fixed_message: "[if carrying bell]Your hands are full of bell.[else]The anvil will not budge.[end]"
npcs:
  maud:
    name: Maud
    at: porch
    default_reply: "[if carrying bell]\"Put that bell down.\"[else]\"Not now.\"[end]"
    topics:
      - about: [lamp]
        text: "[if carrying bell]She frowns at the bell.[else]She points at the lamp.[end]"
      - about: [weather]
        text: "[one of]\"Rain.\"[or]\"More rain.\"[cycling]"
    accepts:
      - item: bell
        reply: "[if wet]\"A wet bell,\" she says.[else]\"A dry bell,\" she says.[end]"
    talk: main
    menus:
      main:
        prompt: "[if carrying bell]Maud eyes the bell.[else]Maud waits.[end]"
        options:
          - text: Hello.
            reply: "[if carrying bell]\"Hello, bell-ringer.\"[else]\"Hello.\"[end]"
`

func varyStory(t *testing.T) *story.Story {
	t.Helper()
	fsys := fstest.MapFS{
		"s/story.yaml": {Data: []byte(`name: Vary
start: porch
typography: straight
hints:
  - text: "[if carrying bell]Ring the bell.[else]Find a bell.[end]"
`)},
		"s/world.yaml": {Data: []byte(strings.TrimPrefix(varyWorld, "\n"))},
	}
	s, err := story.Load(fsys, "s")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestEverySaidStoryTextVaries: a story text shown by the driver shows
// its [if] and [one of] as they are now, wherever it is said.
func TestEverySaidStoryTextVaries(t *testing.T) {
	h := newHarness(t, varyStory(t))
	for _, c := range []struct{ cmd, want string }{
		{"hint", "Find a bell."},
		{"ask maud about lamp", "She points at the lamp."},
		{"ask maud about cheese", "\"Not now.\""},
		{"take anvil", "The anvil will not budge."},
		{"down", "The hatch is shut."},
		{"take bell", "Taken."},
		{"hint", "Ring the bell."},
		{"ask maud about lamp", "She frowns at the bell."},
		{"ask maud about cheese", "\"Put that bell down.\""},
		{"take anvil", "Your hands are full of bell."},
		{"down", "The bell is too heavy for the ladder."},
		{"ask maud about weather", "\"Rain.\""},
		{"ask maud about weather", "\"More rain.\""},
		{"ask maud about weather", "\"Rain.\""},
	} {
		got := h.do(c.cmd)
		if !strings.Contains(got, c.want) || strings.Contains(got, "[") {
			t.Errorf("%s: got\n%s\nwant %q", c.cmd, got, c.want)
		}
	}
	h.g.play(tio.Line("talk to maud"))
	evs := h.events()
	var prompt string
	for _, ev := range evs {
		if ev.Kind == tio.KindChoices {
			prompt = strings.TrimSpace(markup.Plain(ev.Choices.Prompt, 0))
		}
	}
	if prompt != "Maud eyes the bell." {
		t.Errorf("menu prompt = %q, want the bell branch", prompt)
	}
	if got := h.pick("1"); !strings.Contains(got, "Hello, bell-ringer.") {
		t.Errorf("menu reply:\n%s", got)
	}
	if got := h.do("give bell to maud"); !strings.Contains(got, "\"A dry bell,\" she says.") {
		t.Errorf("accept reply:\n%s", got)
	}
	if got := h.do("west"); !strings.Contains(got, "You stroll west.") {
		t.Errorf("exit message:\n%s", got)
	}
}

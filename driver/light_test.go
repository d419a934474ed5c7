package driver

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tale-if/tale/story"
)

// yamlStory loads a story written as its author would, so that what the
// loader adds (parsed varying text) is there.
func yamlStory(t testing.TB, world string) *story.Story {
	t.Helper()
	fsys := fstest.MapFS{
		"s/story.yaml": {Data: []byte("name: Lamps\nstart: porch\nmodes: [if, mud]\ntypography: straight\n")},
		"s/world.yaml": {Data: []byte(strings.TrimPrefix(world, "\n"))},
	}
	s, err := story.Load(fsys, "s")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const lampWorld = `
locations:
  porch:
    name: Porch
    description: A porch. Stairs go down into the cellar.
    exits: {down: {to: cellar, back: up}}
  cellar:
    name: Cellar
    dark: true
    description: A damp cellar, shelves on every wall.
    details: [{words: [shelves], text: Dusty shelves.}]
items:
  lamp:
    name: brass lamp
    at: porch
    light_source: true
    in_room: A brass lamp hangs on a hook by the door.
    description: A brass lamp, [if it is lit]burning brightly[else]cold[end].
    actions:
      - verbs: [light]
        if: {thing: lamp, is: not lit}
        do: [{now: lamp, is: lit}, {say: The lamp flares.}]
        refuse: It is already lit.
      - verbs: [douse]
        do: [{now: lamp, is: unlit}, {say: You put out the lamp.}]
  coin: {name: gold coin, at: cellar}
  box: {name: tin box, at: porch, container: {}}
`

func TestDarkRoomNeedsALitLamp(t *testing.T) {
	h := newHarness(t, yamlStory(t, lampWorld))
	h.expect("look", "A brass lamp hangs on a hook by the door.")
	out := h.expect("down", "Darkness", "It is pitch dark, and you can't see a thing.")
	if strings.Contains(out, "coin") || strings.Contains(out, "Cellar") {
		t.Errorf("the dark shows what is in it:\n%s", out)
	}
	h.expect("take coin", "You can't see any such thing")
	h.expect("x shelves", "You can't see any such thing")
	h.expect("up", "Porch")
	h.expect("take lamp", "Taken")
	h.expect("x lamp", "cold")
	h.expect("light lamp", "The lamp flares.")
	h.expect("x lamp", "burning brightly")
	h.expect("light lamp", "It is already lit.")
	h.expect("down", "Cellar", "A damp cellar", "gold coin")
	h.expect("take coin", "Taken")
	h.expect("douse lamp", "You put out the lamp.", "It is now pitch dark in here!")
	h.expect("look", "It is pitch dark")
	h.expect("light lamp", "The lamp flares.", "A damp cellar")
}

// A lamp left behind lights the room it is in, and the room goes dark
// again when the lamp leaves; light shows through an open box only.
func TestLightStaysWithTheLamp(t *testing.T) {
	h := newHarness(t, yamlStory(t, lampWorld))
	h.do("take lamp")
	h.do("light lamp")
	h.do("down")
	h.expect("drop lamp", "Dropped")
	h.do("up")
	h.expect("down", "A damp cellar") // still lit by the lamp on the floor
	h.do("take lamp")
	h.do("up")
	h.do("open box")
	h.do("put lamp in box")
	h.expect("close box")
	h.expect("look", "Porch") // the porch is not dark: boxes do not matter there
	h.do("open box")
	h.do("take lamp")
	h.do("down")
	h.expect("put lamp in box", "You can't see any such thing") // the box is upstairs
	if got := h.where("lamp"); got != youHold {
		t.Fatalf("lamp at %q", got)
	}
}

// The in_room sentence describes a thing where the story put it, until a
// player first takes it.
func TestInRoomSentenceUntilFirstTaken(t *testing.T) {
	h := newHarness(t, yamlStory(t, lampWorld))
	h.expect("look", "A brass lamp hangs on a hook by the door.")
	h.do("take lamp")
	h.do("drop lamp")
	out := h.expect("look", "You see a brass lamp")
	if strings.Contains(out, "hangs on a hook") {
		t.Errorf("a dropped lamp still hangs on its hook:\n%s", out)
	}
	for range 3 { // the look, the drop, the take
		h.expect("undo", "You take back your last move.")
	}
	h.expect("look", "hangs on a hook")
}

// In MUD mode another player's lamp lights the room for everyone there.
func TestAnotherPlayersLampLightsTheRoom(t *testing.T) {
	m := startMUD(t, yamlStory(t, lampWorld))
	m.join("ann", "bob")
	reads := func(name, want string) {
		t.Helper()
		if got := m.text(name); !strings.Contains(got, want) {
			t.Errorf("%s read %q, want %q in it", name, got, want)
		}
	}
	m.do("ann", "take lamp")
	m.do("ann", "light lamp")
	m.do("bob", "down")
	reads("bob", "It is pitch dark")
	m.do("ann", "down")
	m.read()
	m.do("bob", "look")
	reads("bob", "A damp cellar")
	m.do("ann", "douse lamp")
	reads("bob", "It is now pitch dark in here!")
	m.do("bob", "look")
	reads("bob", "It is pitch dark")
}

// A thing taken is handled from that command on, even when something in
// the same turn's tick (a gull) takes it from the player again.
func TestInRoomSentenceGoesWhenTakenThenSnatched(t *testing.T) {
	world := lampWorld + `events:
  gull:
    at_turn: 1
    do: [{move: lamp, to: porch}, {say: A gull snatches the lamp and drops it by the door.}]
`
	h := newHarness(t, yamlStory(t, world))
	h.expect("take lamp", "Taken.", "A gull snatches the lamp")
	out := h.expect("look", "You see a brass lamp")
	if strings.Contains(out, "hangs on a hook") {
		t.Errorf("a snatched lamp is back on its hook:\n%s", out)
	}
}

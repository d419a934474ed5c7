package story

import (
	"strings"
	"testing"
)

func TestNormalisationRules(t *testing.T) {
	s, err := loadWith(t, zz(`
locations:
  cave:
    name: Cave
    passages:
      trapdoor: {to: shore, back: u, hidden: true, message: You squeeze up.}
    exits:
      nw: {to: yard, hidden: true}
items:
  bowl:
    name: bowl
    at: cave
    container: {open: true}
  crate:
    name: crate
    at: cave
    container: {open: true, openable: true}
  torch:
    name: torch
    at: player
rules:
  - once: false
    do: [{reveal: cave.nw}, {hide: "cave.trapdoor"}]
  - do: [{teleport: cave}]
`))
	if err != nil {
		t.Fatal(err)
	}
	// back: on a passage creates a plain exit in the target: it shares
	// no hidden flag or message with the side where it was written.
	if e := s.Locations["shore"].Exits["up"]; e == nil || e.To != "cave" || e.Hidden || e.Message != "" {
		t.Errorf("shore up = %+v, want a plain exit back to the cave", e)
	}
	if s.Items["bowl"].Container.Openable {
		t.Error("an open container without openable: should not be openable")
	}
	if !s.Items["crate"].Container.Openable {
		t.Error("openable: true given must be kept")
	}
	if got := strings.Join(s.Config.Player.Inventory, " "); got != "note torch" {
		t.Errorf("inventory %q, want story.yaml's list then items at: player", got)
	}
	if r := s.Rules[2]; !r.Repeat || r.Once {
		t.Errorf("once: false should mean repeat: %+v", r)
	}
	if got := s.Rules[2].Do[0].Reveal; got != "cave.northwest" {
		t.Errorf("reveal = %q, want the direction in full", got)
	}
}

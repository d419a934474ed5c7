package story

import (
	"strings"
	"testing"
)

// TestNewMistakesAreReported has one case per message about thing states,
// varying text, flags, counters and menus.
func TestNewMistakesAreReported(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"flag typo", zz(`
rules:
  - if: [{flag: lamp_lti}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].flag: no flag "lamp_lti" is set anywhere; did you mean "lamp_lit"?`},
		{"not_flag never set", zz(`
rules:
  - if: [{not_flag: gone}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].not_flag: no effect ever sets flag "gone", and no flags: declares it, so this never changes`},
		{"counter typo", zz(`
rules:
  - if: [{counter: turns_sen, at_least: 2}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].counter: no counter "turns_sen" is changed anywhere; did you mean "turns_seen"?`},
		{"counter never changed", zz(`
rules:
  - if: [{counter: coins, at_least: 2}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].counter: no effect ever changes counter "coins", and no counters: declares it, so it stays 0`},
		{"flag name with a dot", zz(`
rules:
  - do: [{set: lamp.lit}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].set: cannot be "lamp.lit": a flag or counter name has no dots, spaces or ~ (write lamp_lit, not lamp.lit)`},
		{"menu option that does nothing", zz(`
npcs:
  cat:
    name: cat
    talk: hello
    menus:
      hello:
        options:
          - text: Nice cat.
`), `demo/world/zz.yaml:8:13: npcs.cat.menus.hello.options[0]: does nothing when picked: give it a reply, a do or a next menu`},
		{"thing unknown", zz(`
rules:
  - if: [{thing: lmap, is: lit}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].thing: no item, door or npc "lmap"`},
		{"thing is a location", zz(`
rules:
  - if: [{thing: yard, is: lit}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].thing: no item, door or npc "yard" ("yard" is a location, which has no states)`},
		{"thing without is", zz(`
rules:
  - if: [{thing: chest}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:10: rules[2].if[0].is: missing; thing needs is: and a state, e.g. is: lit or is: not open`},
		{"not a light source", zz(`
rules:
  - if: [{thing: note, is: lit}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:24: rules[2].if[0].is: "lit" is not a state of "note"; it can be held (add light_source: true to the item to make it one)`},
		{"undeclared property", zz(`
rules:
  - if: [{thing: chest, is: not broken}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:25: rules[2].if[0].is: "broken" is not a state of "chest"; it can be open, closed, locked, unlocked, held (declare it: properties: {broken: false})`},
		{"property typo", zz(`
items:
  vase: {name: vase, at: yard, properties: {broken: false}}
rules:
  - do: [{now: vase, is: brokn}]
`), `demo/world/zz.yaml:4:22: rules[2].do[0].is: "brokn" is not a state of "vase"; did you mean "broken"?`},
		{"now held", zz(`
rules:
  - do: [{now: note, is: held}]
`), `demo/world/zz.yaml:2:22: rules[2].do[0].is: "held" can be tested but not set`},
		{"now without is", zz(`
rules:
  - do: [{now: tower_door}]
`), `demo/world/zz.yaml:2:10: rules[2].do[0].is: missing; now needs is: and a state`},
		{"is on a flag", zz(`
rules:
  - if: [{flag: lamp_lit, is: lit}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:27: rules[2].if[0].is: is does not go with flag (only with thing)`},
		{"property named like a state", zz(`
items:
  vase: {name: vase, at: yard, properties: {open: false}}
`), `demo/world/zz.yaml:2:45: items.vase.properties.open: "open" is a built-in state; choose another name for a property`},
		{"text if without end", zz(`
items:
  lamp:
    name: lamp
    at: yard
    light_source: true
    description: |
      A brass lamp.
      It is [if it is lit]burning.
`), `demo/world/zz.yaml:6:5: items.lamp.description: [if it is lit] has no [end] (line 2 of the text)`},
		{"text stray else", zz(`
items:
  lamp: {name: lamp, at: yard, description: "Brass.[else] Dull."}
`), `demo/world/zz.yaml:2:32: items.lamp.description: [else] has no [if] or [one of] to belong to`},
		{"text one of without mode", zz(`
locations:
  cave: {name: Cave, description: "[one of]Drip.[or]Drop.", exits: {n: shore}}
`), `demo/world/zz.yaml:2:22: locations.cave.description: [one of] has no [cycling], [stopping] or [at random] to end it`},
		{"text end inside one of", zz(`
locations:
  cave: {name: Cave, description: "[one of]Drip.[end]", exits: {n: shore}}
`), `demo/world/zz.yaml:2:22: locations.cave.description: [end] inside [one of], which needs [cycling], [stopping] or [at random] first`},
		{"text unreadable condition", zz(`
rules:
  - do: [{say: "[if the lamp glows]Warm.[end]"}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].say: cannot read the condition "the lamp glows"`},
		{"text it without a thing", zz(`
locations:
  cave: {name: Cave, description: "[if it is lit]Bright.[end]", exits: {n: shore}}
`), `demo/world/zz.yaml:2:22: locations.cave.description: [if it is …] needs a thing`},
		{"text flag typo", zz(`
locations:
  cave: {name: Cave, description: "[if lamp_lti]Bright.[end]", exits: {n: shore}}
`), `demo/world/zz.yaml:2:22: locations.cave.description[if].flag: no flag "lamp_lti" is set anywhere; did you mean "lamp_lit"?`},
		{"text with it under two things", zz(`
items:
  a: {name: red lamp, at: yard, light_source: true, description: &d "[if it is lit]Warm.[end]"}
  b: {name: blue lamp, at: yard, light_source: true, description: *d}
`), `demo/world/zz.yaml:3:54: items.b.description: this text is also "a"'s, so [if it is …] cannot tell which thing it means; name the thing instead`},
		{"text condition in braces", zz(`
locations:
  cave: {name: Cave, description: "[if {counter: turns_seen, at_lest: 2}]Late.[end]", exits: {n: shore}}
`), `demo/world/zz.yaml:2:22: locations.cave.description: in the condition {counter: turns_seen, at_lest: 2}: at_lest: unknown field "at_lest"; did you mean "at_least"?`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadWith(t, c.files)
			got := problemsOf(t, err)
			for _, line := range got {
				if strings.HasPrefix(line, c.want) {
					return
				}
			}
			t.Errorf("want a problem\n  %s\ngot\n  %s", c.want, strings.Join(got, "\n  "))
		})
	}
}

// Brackets that are none of the varying-text words stay text, and a
// well-formed text is parsed once, at load.
func TestVaryingTextParsedAtLoad(t *testing.T) {
	s, err := loadWith(t, zz(`
items:
  lamp:
    name: lamp
    at: yard
    light_source: true
    description: "A lamp [sic], [if it is lit]burning[else if lamp_lit]odd[else]cold[end]. [one of]A[or]B[cycling]"
`))
	if err != nil {
		t.Fatal(err)
	}
	tx := s.Texts[s.Items["lamp"].Description]
	if len(tx) != 4 || tx[0].Lit != "A lamp [sic], " || tx[1].If == nil || tx[1].If.Thing != "lamp" || tx[3].Mode != Cycling || len(tx[3].OneOf) != 2 {
		t.Fatalf("parsed %+v", tx)
	}
	if e := tx[1].Else; len(e) != 1 || e[0].If == nil || e[0].If.Flag != "lamp_lit" || e[0].Else[0].Lit != "cold" {
		t.Errorf("[else if] should nest an [if] in the [else]: %+v", tx[1].Else)
	}
}

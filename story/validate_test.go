package story

import (
	"strings"
	"testing"
)

// zz is a world file added to the valid story; the leading newline of a raw
// string is dropped so line numbers read naturally.
func zz(text string) map[string]string {
	return map[string]string{"world/zz.yaml": strings.TrimPrefix(text, "\n")}
}

// config replaces story.yaml.
func config(text string) map[string]string {
	return map[string]string{"story.yaml": strings.TrimPrefix(text, "\n")}
}

const goodConfig = `
name: Test
start: shore
endings: {lit: {kind: win}}
`

// TestEachMistakeIsReported has one case per message the loader gives:
// each breaks one thing and expects the problem line (file:line:col:
// field: message) an author would read.
func TestEachMistakeIsReported(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		// Reading and decoding.
		{"yaml syntax", zz(`
items:
  a: b: c
`), `demo/world/zz.yaml:2:3: YAML syntax error: mapping values are not allowed in this context`},
		{"unknown field with suggestion", zz(`
items:
  lamp:
    name: lamp
    wieght: 3
`), `demo/world/zz.yaml:4:5: items.lamp.wieght: unknown field "wieght"; did you mean "weight"?`},
		{"number", zz(`
items:
  lamp:
    weight: heavy
`), `demo/world/zz.yaml:3:5: items.lamp.weight: cannot be "heavy", want a whole number`},
		{"fraction", zz(`
items:
  lamp:
    weight: 1.5
`), `demo/world/zz.yaml:3:5: items.lamp.weight: cannot be "1.5", want a whole number`},
		{"bool", zz(`
items:
  lamp:
    fixed: maybe
`), `demo/world/zz.yaml:3:5: items.lamp.fixed: cannot be "maybe", want true or false`},
		{"list", zz(`
items:
  lamp:
    aliases: light
`), `demo/world/zz.yaml:3:5: items.lamp.aliases: cannot be "light", want a list`},
		{"text", zz(`
items:
  lamp:
    name: {first: a}
`), `demo/world/zz.yaml:3:5: items.lamp.name: cannot be a mapping, want text`},
		{"fields", zz(`
items:
  lamp:
    container: yes
`), `demo/world/zz.yaml:3:5: items.lamp.container: cannot be "yes", want a mapping of fields`},
		{"map", zz(`
npcs:
  cat:
    menus: [a]
`), `demo/world/zz.yaml:3:5: npcs.cat.menus: cannot be a list, want a mapping of names to values`},
		{"unsigned", config(goodConfig + "seed: -1\n"), `demo/story.yaml:4:1: seed: cannot be "-1", want a whole number of zero or more`},
		{"duplicate key", zz(`
items:
  lamp: {name: lamp}
  lamp: {name: lamp}
`), `demo/world/zz.yaml:3:3: items.lamp: is defined twice in this mapping (first at line 2)`},
		{"duplicate id across files", zz(`
locations:
  shore:
    name: Shore again
`), `demo/world/zz.yaml:2:3: locations.shore: location id "shore" is already used at demo/world/places.yaml:2`},
		{"alias loop", zz(`
rules:
  - if: &c [{any: *c}]
`), `demo/world/zz.yaml:2:14: rules[2].if[0].any[0].any: alias *c refers to itself`},
		{"merge of a scalar", zz(`
items:
  lamp:
    <<: 3
`), `demo/world/zz.yaml:3:9: items.lamp: << must merge a mapping, not "3"`},
		{"non-scalar key", zz(`
items:
  [a]: {}
`), `demo/world/zz.yaml:2:3: items: a key must be a plain name, not a list`},
		{"unknown section", zz(`
itmes:
  lamp: {name: lamp}
`), `demo/world/zz.yaml:1:1: itmes: unknown section "itmes"; did you mean "items"?`},
		{"world file is a list", zz(`
- lamp
`), `demo/world/zz.yaml:1:1: a world file holds a mapping with locations:, items:, doors:, npcs:, events:, rules:, flags: or counters:, not a list`},
		{"section is a list", zz(`
items: [lamp]
`), `demo/world/zz.yaml:1:1: items: cannot be a list, want a mapping of item ids to their definitions`},
		{"rules is a mapping", zz(`
rules: {a: 1}
`), `demo/world/zz.yaml:1:1: rules: cannot be a mapping, want a list of rules`},
		{"reserved id", zz(`
items:
  player: {name: me}
`), `demo/world/zz.yaml:2:3: items.player: "player" is reserved (it means the player's inventory or out of play) and cannot be an id`},
		{"id with a dot", zz(`
items:
  a.b: {name: ab}
`), `demo/world/zz.yaml:2:3: items.a.b: id "a.b" cannot contain dots or spaces`},
		{"empty id", zz(`
items:
  "": {name: nothing}
`), `demo/world/zz.yaml:2:3: items.: an id cannot be empty`},
		{"two documents in story.yaml", config(goodConfig + "---\nname: again\n"), `demo/story.yaml:4:1: story.yaml must hold one document, not several separated by ---`},
		{"world in story.yaml", config(goodConfig + "items: {}\n"), `demo/story.yaml:4:1: items: unknown field "items"; the world (items) goes in other .yaml files of the folder, story.yaml holds the configuration`},
		{"missing image", zz(`
locations:
  yard2:
    name: Yard
    image: pics/none.png
`), `demo/world/zz.yaml:4:5: locations.yard2.image: file "pics/none.png" not found in the story folder`},
		{"image outside the folder", zz(`
locations:
  yard2:
    name: Yard
    image: ../x.png
`), `demo/world/zz.yaml:4:5: locations.yard2.image: "../x.png" must be a path inside the story folder, like images/hall.png`},

		// story.yaml.
		{"missing name", config("start: shore\n"), `demo/story.yaml: name: missing; every story needs a name`},
		{"missing start", config("name: Test\n"), `demo/story.yaml: start: missing; name the location where the player begins`},
		{"unknown start", config("name: Test\nstart: shroe\n"), `demo/story.yaml:2:1: start: no location "shroe"; did you mean "shore"?`},
		// Scopes (MUD mode): story.yaml's defaults, endings, declared
		// flags and counters, timed events, and where the fallen wake.
		{"scope with suggestion", config(goodConfig + "scope: {flags: plyer}\n"), `demo/story.yaml:4:9: scope.flags: unknown scope "plyer"; did you mean "player"?`},
		{"scope", config(goodConfig + "scope:\n  score: team\n"), `demo/story.yaml:5:3: scope.score: unknown scope "team"; want player or world`},
		{"unknown scope field", config(goodConfig + "scope: {ending: world}\n"), `demo/story.yaml:4:9: scope.ending: unknown field "ending"; did you mean "endings"?`},
		{"ending scope", config(strings.Replace(goodConfig, "{lit: {kind: win}}", "{lit: {kind: win, scope: all}}", 1)), `demo/story.yaml:3:28: endings.lit.scope: unknown scope "all"; want player or world`},
		{"flag scope", zz(`
flags:
  lamp_lit: {scope: wrld}
`), `demo/world/zz.yaml:2:14: flags.lamp_lit.scope: unknown scope "wrld"; did you mean "world"?`},
		{"counter scope", zz(`
counters:
  oil:
    scope: everyone
`), `demo/world/zz.yaml:3:5: counters.oil.scope: unknown scope "everyone"; want player or world`},
		{"flag declared twice", zz(`
flags:
  lamp_lit: {}
---
flags:
  lamp_lit: {scope: player}
`), `demo/world/zz.yaml:5:3: flags.lamp_lit: flag id "lamp_lit" is already used at demo/world/zz.yaml:2`},
		{"event scope", zz(`
events:
  gust:
    do: {say: Wind.}
    scope: mine
`), `demo/world/zz.yaml:4:5: events.gust.scope: unknown scope "mine"; want player or world`},
		{"flags in story.yaml", config(goodConfig + "flags: {lamp_lit: {}}\n"), `demo/story.yaml:4:1: flags: unknown field "flags"; the world (flags) goes in other .yaml files of the folder, story.yaml holds the configuration`},
		{"respawn", config(goodConfig + "respawn: shroe\n"), `demo/story.yaml:4:1: respawn: no location "shroe"; did you mean "shore"?`},
		{"mode", config(goodConfig + "modes: [if, web]\n"), `demo/story.yaml:4:13: modes[1]: unknown mode "web"; want if or mud`},
		{"tick method", config(goodConfig + "tick: {method: realtime}\n"), `demo/story.yaml:4:8: tick.method: unknown method "realtime"; want command or timer`},
		{"tick period", config(goodConfig + "tick: {method: timer, period: fast}\n"), `demo/story.yaml:4:23: tick.period: cannot be "fast", want a duration such as 2s or 500ms`},
		{"timer without period", config(goodConfig + "tick: {method: timer}\n"), `demo/story.yaml:4:1: tick.period: missing; method: timer needs a period such as 2s`},
		{"period without timer", config(goodConfig + "tick: {period: 2s}\n"), `demo/story.yaml:4:8: tick.period: only applies to method: timer`},
		{"clock start", config(goodConfig + "clock: {start: noon}\n"), `demo/story.yaml:4:9: clock.start: cannot be "noon", want a date and time like "1893-10-14 18:30"`},
		{"minutes per tick", config(goodConfig + "clock: {minutes_per_tick: -5}\n"), `demo/story.yaml:4:9: clock.minutes_per_tick: must be at least 1`},
		{"max score", config(goodConfig + "max_score: -1\n"), `demo/story.yaml:4:1: max_score: cannot be negative`},
		{"ending kind", config("name: Test\nstart: shore\nendings: {lit: {kind: win}, lost: {kind: draw}}\n"), `demo/story.yaml:3:36: endings.lost.kind: unknown kind "draw"; want win or lose`},
		{"empty ending", config("name: Test\nstart: shore\nendings: {lit: {kind: win}, lost: }\n"), `demo/story.yaml:3:29: endings.lost: is empty; an ending needs kind: win or kind: lose`},
		{"player gender", config(goodConfig + "player: {gender: x}\n"), `demo/story.yaml:4:10: player.gender: unknown gender "x"; want f, m or n`},
		{"typography", config(goodConfig + "typography: fancy\n"), `demo/story.yaml:4:1: typography: unknown typography "fancy"; want curly or straight`},
		{"typography with suggestion", config(goodConfig + "typography: straght\n"), `demo/story.yaml:4:1: typography: unknown typography "straght"; did you mean "straight"?`},
		{"player capacity", config(goodConfig + "player: {capacity: -3}\n"), `demo/story.yaml:4:10: player.capacity: cannot be negative`},
		{"inventory item", config(goodConfig + "player: {inventory: [lmap]}\n"), `demo/story.yaml:4:22: player.inventory[0]: no item "lmap"`},
		{"inventory twice", config(goodConfig + "player: {inventory: [note, note]}\n"), `demo/story.yaml:4:28: player.inventory[1]: item "note" is listed twice`},
		{"inventory item placed elsewhere", config(goodConfig + "player: {inventory: [matches]}\n"), `demo/story.yaml:4:22: player.inventory[0]: item "matches" is carried at the start but also placed at "chest"; give it one place`},
		{"hint text", config(goodConfig + "hints: [{if: {flag: x}}]\n"), `demo/story.yaml:4:9: hints[0].text: missing; a hint needs text`},
		{"empty hint", config(goodConfig + "hints: [~]\n"), `demo/story.yaml:4:9: hints[0]: is empty`},
		{"unknown generator", config("name: Test\ngenerator: {name: nope}\n"), `demo/story.yaml:2:13: generator.name: no generator "nope"`},
		{"generator without name", config("name: Test\ngenerator: {params: {size: 3}}\n"), `demo/story.yaml:2:1: generator.name: missing; name the generator, e.g. dungeon`},

		// Locations and exits.
		{"location name", zz(`
locations:
  cave:
`), `demo/world/zz.yaml:2:3: locations.cave.name: missing; a location needs a name`},
		{"direction typo", zz(`
locations:
  cave:
    name: Cave
    exits: {nrth: shore}
`), `demo/world/zz.yaml:4:13: locations.cave.exits.nrth: "nrth" is not a direction; did you mean "north"?`},
		{"named exit under exits", zz(`
locations:
  cave:
    name: Cave
    exits: {gate: shore}
`), `demo/world/zz.yaml:4:13: locations.cave.exits.gate: "gate" is not a direction; exits are keyed by north, northeast, east, southeast, south, southwest, west, northwest, up, down, in, out (or n, ne, e, se, s, sw, w, nw, u, d); put a named way such as a gate under passages:`},
		{"two exits one way", zz(`
locations:
  cave:
    name: Cave
    exits: {n: shore, north: yard}
`), `demo/world/zz.yaml:4:13: locations.cave.exits.north: two exits lead north; keep one`},
		{"direction under passages", zz(`
locations:
  cave:
    name: Cave
    passages: {up: shore}
`), `demo/world/zz.yaml:4:16: locations.cave.passages.up: "up" is a direction; put it under exits: as up`},
		{"exit to unknown location", zz(`
locations:
  cave:
    name: Cave
    exits: {up: shroe}
`), `demo/world/zz.yaml:4:13: locations.cave.exits.up.to: no location "shroe"; did you mean "shore"?`},
		{"exit to an item", zz(`
locations:
  cave:
    name: Cave
    exits: {up: chest}
`), `demo/world/zz.yaml:4:13: locations.cave.exits.up.to: no location "chest" ("chest" is an item)`},
		{"exit without to", zz(`
locations:
  cave:
    name: Cave
    exits: {up: {message: You climb.}}
`), `demo/world/zz.yaml:4:13: locations.cave.exits.up.to: missing; an exit needs the location it leads to`},
		{"exit door", zz(`
locations:
  cave:
    name: Cave
    exits: {up: {to: shore, door: trapdoor}}
`), `demo/world/zz.yaml:4:29: locations.cave.exits.up.door: no door "trapdoor"`},
		{"back not a direction", zz(`
locations:
  cave:
    name: Cave
    exits: {up: {to: shore, back: sideways}}
`), `demo/world/zz.yaml:4:29: locations.cave.exits.up.back: "sideways" is not a direction`},
		{"back onto an existing exit", zz(`
locations:
  cave:
    name: Cave
    exits: {up: {to: yard, back: south}}
`), `demo/world/zz.yaml:4:28: locations.cave.exits.up.back: cannot create the way back: yard.south already exists and leads to "shore"`},
		{"unreachable", zz(`
locations:
  cave:
    name: Cave
`), `demo/world/zz.yaml:2:3: locations.cave: location "cave" cannot be reached: no exit from the start (shore) leads here, and no teleport: names it`},
		{"detail words", zz(`
locations:
  cave:
    name: Cave
    details: [{text: Damp.}]
`), `demo/world/zz.yaml:4:15: locations.cave.details[0].words: missing; a detail needs the words that name it`},
		{"detail text", zz(`
locations:
  cave:
    name: Cave
    details: [{words: [wall]}]
`), `demo/world/zz.yaml:4:15: locations.cave.details[0].text: missing; a detail needs the text shown when it is examined`},
		{"action verbs", zz(`
locations:
  cave:
    name: Cave
    actions: [{do: [{say: Echo.}]}]
`), `demo/world/zz.yaml:4:15: locations.cave.actions[0].verbs: missing; an action needs the verbs it answers`},
		{"empty hook", zz(`
locations:
  cave:
    name: Cave
    on_enter: [~]
`), `demo/world/zz.yaml:4:16: locations.cave.on_enter[0]: is empty`},

		// Items.
		{"item name", zz(`
items:
  lamp:
    at: shore
`), `demo/world/zz.yaml:2:3: items.lamp.name: missing; an item needs a name`},
		{"item at nothing", zz(`
items:
  lamp:
    name: lamp
    at: shroe
`), `demo/world/zz.yaml:4:5: items.lamp.at: no location, item or npc "shroe"; did you mean "shore"?`},
		{"item in a non-container", zz(`
items:
  lamp:
    name: lamp
    at: note
`), `demo/world/zz.yaml:4:5: items.lamp.at: item "note" is neither a container nor a supporter, so nothing can be in or on it`},
		{"item weight", zz(`
items:
  lamp:
    name: lamp
    weight: -2
`), `demo/world/zz.yaml:4:5: items.lamp.weight: cannot be negative`},
		{"container key", zz(`
items:
  box:
    name: box
    container: {locked: true, key: kye}
`), `demo/world/zz.yaml:4:31: items.box.container.key: no item "kye"; did you mean "key"?`},
		{"container open and locked", zz(`
items:
  box:
    name: box
    container: {locked: true, open: true}
`), `demo/world/zz.yaml:4:17: items.box.container.locked: a container cannot be both open and locked`},
		{"container locked, not openable", zz(`
items:
  box:
    name: box
    container: {locked: true, openable: false}
`), `demo/world/zz.yaml:4:17: items.box.container.locked: a locked container must be openable`},
		{"container capacity", zz(`
items:
  box:
    name: box
    container: {capacity: -1}
`), `demo/world/zz.yaml:4:17: items.box.container.capacity: cannot be negative`},
		{"item inside itself", zz(`
items:
  bag:
    name: bag
    at: box
    container: {}
  box:
    name: box
    at: bag
    container: {}
`), `demo/world/zz.yaml:4:5: items.bag.at: item "bag" is inside itself (bag in box in bag)`},
		{"id of two kinds", zz(`
items:
  shore: {name: shore}
`), `demo/world/zz.yaml:2:3: items.shore: id "shore" is also used for a location; references such as at: would be ambiguous, so give each its own id`},

		// Doors.
		{"door name", zz(`
doors:
  grate: {}
`), `demo/world/zz.yaml:2:3: doors.grate.name: missing; a door needs a name`},
		{"door state", zz(`
doors:
  grate: {name: grate, state: ajar}
`), `demo/world/zz.yaml:2:24: doors.grate.state: unknown state "ajar"; want open, closed or locked`},
		{"door key", zz(`
doors:
  grate:
    name: grate
    key: kye
`), `demo/world/zz.yaml:4:5: doors.grate.key: no item "kye"; did you mean "key"?`},
		{"door on no exit", zz(`
doors:
  grate: {name: grate}
`), `demo/world/zz.yaml:2:3: doors.grate: door "grate" is on no exit; add door: grate to the exits it closes`},
		{"door exits do not pair", zz(`
locations:
  cave:
    name: Cave
    exits: {up: {to: yard, door: grate}}
  pit:
    name: Pit
    exits: {up: {to: shore, door: grate}}
doors:
  grate: {name: grate}
`), `demo/world/zz.yaml:9:3: doors.grate: door "grate" is on exits that do not pair up: cave.up → yard, pit.up → shore; a door's two exits must lead opposite ways between the same two locations`},
		{"door on three exits", zz(`
locations:
  cave:
    name: Cave
    exits:
      up: {to: pit, door: grate}
      down: {to: pit, door: grate}
  pit:
    name: Pit
    exits: {up: {to: cave, door: grate}}
doors:
  grate: {name: grate}
`), `demo/world/zz.yaml:11:3: doors.grate: door "grate" is on 3 exits (cave.up → pit, cave.down → pit, pit.up → cave); a door joins two locations, one exit each way`},
		{"door missing on the way back", zz(`
locations:
  cave:
    name: Cave
    exits:
      east: {to: pit, door: grate}
  pit:
    name: Pit
    exits: {west: cave}
doors:
  grate: {name: grate}
`), `demo/world/zz.yaml:10:3: doors.grate: door "grate" is on cave.east but not on the way back pit.west; add door: grate there (or back: to the first exit)`},

		// NPCs.
		{"npc name", zz(`
npcs:
  cat: {at: shore}
`), `demo/world/zz.yaml:2:3: npcs.cat.name: missing; an npc needs a name or a proper_name`},
		{"npc gender", zz(`
npcs:
  cat: {name: cat, gender: x}
`), `demo/world/zz.yaml:2:20: npcs.cat.gender: unknown gender "x"; want f, m or n`},
		{"npc at", zz(`
npcs:
  cat:
    name: cat
    at: yrad
`), `demo/world/zz.yaml:4:5: npcs.cat.at: no location "yrad"; did you mean "yard"?`},
		{"talk menu", zz(`
npcs:
  cat:
    name: cat
    talk: hello
    menus:
      hi:
        options: [{text: Hi}]
`), `demo/world/zz.yaml:4:5: npcs.cat.talk: no menu "hello" in this npc's menus`},
		{"option next", zz(`
npcs:
  cat:
    name: cat
    menus:
      hi:
        options: [{text: Hi, next: bye}]
`), `demo/world/zz.yaml:6:30: npcs.cat.menus.hi.options[0].next: no menu "bye" in this npc's menus`},
		{"option text", zz(`
npcs:
  cat:
    name: cat
    menus:
      hi:
        options: [{reply: Meow}]
`), `demo/world/zz.yaml:6:19: npcs.cat.menus.hi.options[0].text: missing; an option needs the text the player picks`},
		{"menu options", zz(`
npcs:
  cat:
    name: cat
    menus:
      hi: {prompt: Pick one}
`), `demo/world/zz.yaml:5:7: npcs.cat.menus.hi.options: missing; a menu needs options`},
		{"topic about", zz(`
npcs:
  cat:
    name: cat
    topics: [{text: Meow}]
`), `demo/world/zz.yaml:4:14: npcs.cat.topics[0].about: missing; a topic needs the words that select it`},
		{"wander within", zz(`
npcs:
  cat:
    name: cat
    behaviour:
      wander: {every: 2, within: [yard, attik]}
`), `demo/world/zz.yaml:5:41: npcs.cat.behaviour.wander.within[1]: no location "attik"`},
		{"wander every", zz(`
npcs:
  cat:
    name: cat
    behaviour:
      wander: {within: [yard]}
`), `demo/world/zz.yaml:5:7: npcs.cat.behaviour.wander.every: must be at least 1 (ticks between moves)`},
		{"on_event", zz(`
npcs:
  cat:
    name: cat
    behaviour:
      on_event:
        storm: [{do: [{say: Meow}]}]
`), `demo/world/zz.yaml:6:9: npcs.cat.behaviour.on_event.storm: no event "storm"`},
		{"accepts item", zz(`
npcs:
  cat:
    name: cat
    accepts: [{item: fihs, reply: Purr}]
`), `demo/world/zz.yaml:4:16: npcs.cat.accepts[0].item: no item "fihs"`},
		{"accepts without item", zz(`
npcs:
  cat:
    name: cat
    accepts: [{reply: Purr}]
`), `demo/world/zz.yaml:4:15: npcs.cat.accepts[0].item: missing; name the item the npc accepts`},

		// Events and rules.
		{"event without effects", zz(`
events:
  storm: {at_turn: 3}
`), `demo/world/zz.yaml:2:3: events.storm.do: missing; an event needs effects to run`},
		{"event turn", zz(`
events:
  storm: {at_turn: -3, do: [{say: Rain.}]}
`), `demo/world/zz.yaml:2:11: events.storm.at_turn: cannot be negative`},
		{"event every", zz(`
events:
  storm: {every: -3, do: [{say: Rain.}]}
`), `demo/world/zz.yaml:2:11: events.storm.every: cannot be negative`},
		{"rule without effects", zz(`
rules:
  - if: [{flag: x}]
`), `demo/world/zz.yaml:2:5: rules[2].do: missing; a rule needs effects to run`},
		{"rule once and repeat", zz(`
rules:
  - {once: true, repeat: true, do: [{say: x}]}
`), `demo/world/zz.yaml:2:18: rules[2].repeat: a rule cannot be both once: true and repeat: true`},
		{"rule id twice", zz(`
rules:
  - {id: tick, do: [{say: x}]}
`), `demo/world/zz.yaml:2:6: rules[2].id: rule id "tick" is already used by rules[1]`},

		// Conditions.
		{"condition without a test", zz(`
rules:
  - if: [{at: shore}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:10: rules[2].if[0]: a condition needs exactly one of flag, not_flag, counter, carrying, not_carrying, in, item, door, npc, turn, visited, thing, any, not; this one has none`},
		{"condition with two tests", zz(`
rules:
  - if: [{flag: a, in: shore}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:10: rules[2].if[0]: a condition needs exactly one of flag, not_flag, counter, carrying, not_carrying, in, item, door, npc, turn, visited, thing, any, not; this one has flag and in (write them as separate entries of the list)`},
		{"qualifier on the wrong test", zz(`
rules:
  - if: [{flag: a, at_least: 2}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:20: rules[2].if[0].at_least: at_least does not go with flag (only with counter or turn)`},
		{"counter without comparison", zz(`
rules:
  - if: [{counter: c}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].counter: needs at_least, at_most or equals`},
		{"carrying", zz(`
rules:
  - if: [{carrying: lmap}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].carrying: no item "lmap"`},
		{"not_carrying", zz(`
rules:
  - if: [{not_carrying: shore}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].not_carrying: no item "shore" ("shore" is a location)`},
		{"in", zz(`
rules:
  - if: [{in: yrad}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].in: no location "yrad"; did you mean "yard"?`},
		{"visited", zz(`
rules:
  - if: [{visited: cave}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].visited: no location "cave"`},
		{"item condition without at", zz(`
rules:
  - if: [{item: key}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:10: rules[2].if[0].at: missing; item needs at: (a location, container, npc, player or nowhere)`},
		{"item condition at", zz(`
rules:
  - if: [{item: key, at: moon}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:22: rules[2].if[0].at: no location, item or npc "moon" (player means carried, nowhere means out of play)`},
		{"npc condition without at", zz(`
rules:
  - if: [{npc: keeper}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:10: rules[2].if[0].at: missing; npc needs at: (a location or nowhere)`},
		{"npc condition", zz(`
rules:
  - if: [{npc: kepeer, at: yard}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:11: rules[2].if[0].npc: no npc "kepeer"; did you mean "keeper"?`},
		{"door condition without state", zz(`
rules:
  - if: [{door: tower_door}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:10: rules[2].if[0].state: missing; door needs state: open, closed or locked`},
		{"door condition state", zz(`
rules:
  - if: [{door: tower_door, state: ajar}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:29: rules[2].if[0].state: unknown state "ajar"; want open, closed or locked`},
		{"nested condition", zz(`
rules:
  - if: [{any: [{flag: a}, {in: nowhere}]}]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:29: rules[2].if[0].any[1].in: no location "nowhere"`},
		{"empty condition entry", zz(`
rules:
  - if: [~]
    do: [{say: x}]
`), `demo/world/zz.yaml:2:10: rules[2].if[0]: a condition needs exactly one of`},

		// Effects.
		{"effect without a change", zz(`
rules:
  - do: [{to: shore}]
`), `demo/world/zz.yaml:2:10: rules[2].do[0]: an effect needs exactly one of say, move, set, unset, counter, open, close, lock, unlock, reveal, hide, score, schedule, cancel, end, teleport, move_npc, now; this one has none`},
		{"effect with two changes", zz(`
rules:
  - do: [{say: hi, set: x}]
`), `demo/world/zz.yaml:2:10: rules[2].do[0]: an effect needs exactly one of say, move, set, unset, counter, open, close, lock, unlock, reveal, hide, score, schedule, cancel, end, teleport, move_npc, now; this one has say and set (write them as separate entries of the list)`},
		{"effect qualifier", zz(`
rules:
  - do: [{say: hi, to: shore}]
`), `demo/world/zz.yaml:2:20: rules[2].do[0].to: to does not go with say (only with move or move_npc)`},
		{"move item", zz(`
rules:
  - do: [{move: lmap, to: player}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].move: no item "lmap"`},
		{"move without to", zz(`
rules:
  - do: [{move: key}]
`), `demo/world/zz.yaml:2:10: rules[2].do[0].to: missing; move needs to: (a location, container, npc, player or nowhere)`},
		{"move to", zz(`
rules:
  - do: [{move: key, to: note}]
`), `demo/world/zz.yaml:2:22: rules[2].do[0].to: item "note" is neither a container nor a supporter, so nothing can be in or on it`},
		{"move_npc", zz(`
rules:
  - do: [{move_npc: keeper, to: note}]
`), `demo/world/zz.yaml:2:29: rules[2].do[0].to: no location "note" ("note" is an item)`},
		{"move_npc without to", zz(`
rules:
  - do: [{move_npc: keeper}]
`), `demo/world/zz.yaml:2:10: rules[2].do[0].to: missing; move_npc needs to: (a location or nowhere)`},
		{"counter add and value", zz(`
rules:
  - do: [{counter: c, add: 1, value: 2}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].counter: needs exactly one of add or value`},
		{"open a non-container", zz(`
rules:
  - do: [{open: note}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].open: item "note" is not a container`},
		{"unlock nothing", zz(`
rules:
  - do: [{unlock: gate}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].unlock: no door or container "gate"`},
		{"reveal a visible exit", zz(`
rules:
  - do: [{reveal: shore.n}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].reveal: exit shore.north is not hidden, so there is nothing to reveal; add hidden: true to it`},
		{"reveal a missing exit", zz(`
rules:
  - do: [{reveal: shore.up}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].reveal: location "shore" has no exit or passage "up"`},
		{"hide in an unknown location", zz(`
rules:
  - do: [{hide: cave.up}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].hide: no location "cave"`},
		{"reveal format", zz(`
rules:
  - do: [{reveal: shore}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].reveal: cannot be "shore", want location.direction or location.passage, e.g. hall.north`},
		{"schedule", zz(`
rules:
  - do: [{schedule: storm, in: 2}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].schedule: no event "storm"`},
		{"schedule in", zz(`
events:
  storm: {do: [{say: Rain.}]}
rules:
  - do: [{schedule: storm, in: -2}]
`), `demo/world/zz.yaml:4:28: rules[2].do[0].in: cannot be negative`},
		{"cancel", zz(`
rules:
  - do: [{cancel: storm}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].cancel: no event "storm"`},
		{"end", zz(`
rules:
  - do: [{end: won}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].end: no ending "won"`},
		{"teleport", zz(`
rules:
  - do: [{teleport: shroe}]
`), `demo/world/zz.yaml:2:11: rules[2].do[0].teleport: no location "shroe"; did you mean "shore"?`},
		{"effect in a topic", zz(`
npcs:
  cat:
    name: cat
    topics:
      - about: [fish]
        do: [{set: fed, say: Purr}]
`), `demo/world/zz.yaml:6:14: npcs.cat.topics[0].do[0]: an effect needs exactly one of`},
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

// A misspelt exit cuts off everything behind it; the author should see the
// misspelling and one line about its consequence, not a screenful.
func TestUnreachableLocationsAreOneProblem(t *testing.T) {
	_, err := loadWith(t, map[string]string{"world/zz.yaml": `locations:
  cave:
    name: Cave
    exits:
      nort: grotto
  grotto:
    name: Grotto
    exits:
      south: cave
  pool:
    name: Pool
    exits:
      west: grotto
`})
	var unreachable []string
	for _, p := range problemsOf(t, err) {
		if strings.Contains(p, "cannot be reached") {
			unreachable = append(unreachable, p)
		}
	}
	if len(unreachable) != 1 {
		t.Fatalf("want one unreachable problem, got %d:\n%s", len(unreachable), strings.Join(unreachable, "\n"))
	}
	if !strings.Contains(unreachable[0], "3 locations cannot be reached") || !strings.Contains(unreachable[0], "cave, grotto, pool") {
		t.Errorf("the problem should count and name them: %s", unreachable[0])
	}
	if !strings.Contains(err.Error(), "nort") {
		t.Errorf("the misspelt exit itself must be reported:\n%v", err)
	}
}

package driver

import (
	"sort"

	"github.com/tale-if/tale/story"
)

// testStory is a ten-room world exercising every verb family: a locked
// door and its key, a box and a table, a hidden exit, a dark stair with a
// condition, an NPC with topics, a menu and gifts, a wandering cat, a dog
// that follows, timed events, a rule and two endings.
func testStory() *story.Story {
	n := func(i int) *int { return &i }
	s := &story.Story{
		ID: "test",
		Config: story.Config{
			Name: "The Test House", Author: "A. Tester", Version: "1.0",
			Intro: "You have come to the house at last.", Welcome: "Welcome, tester.",
			Start:    "hall",
			Modes:    []string{"if", "mud"},
			Player:   story.Player{Name: "Wren", Gender: "f", Capacity: 10, Description: "You look like a tester."},
			MaxScore: 30,
			// Tests of verbs read Tale's words as the source writes
			// them; typography_test.go is about quotes.
			Typography: story.TypographyStraight,
			Endings: map[string]*story.Ending{
				"escaped": {Kind: "win", Title: "Escaped", Text: "You climb into the tower and see the way home. *** You have won ***"},
				"drowned": {Kind: "lose", Title: "Drowned", Text: "The pond is deeper than it looks."},
			},
			Hints: []*story.Hint{
				{If: story.Conditions{{NotCarrying: "key"}}, Text: "Have you looked in the box?"},
				{Text: "Try the door to the north."},
			},
		},
		Locations: map[string]*story.Location{
			"hall": {Name: "Entrance Hall", Description: "A draughty hall with a portrait on the wall.",
				Details: []*story.Detail{{Words: []string{"portrait", "painting"}, Text: "A stern ancestor glares down at you."}},
				Exits: map[string]*story.Exit{
					"north": {To: "library", Door: "oak"},
					"east":  {To: "kitchen"},
					"west":  {To: "garden", Message: "You step out into the fresh air."},
					"up":    {To: "attic", Hidden: true},
				}},
			"kitchen": {Name: "Kitchen", Description: "Pots hang from the ceiling.", Brief: "The kitchen.",
				Exits: map[string]*story.Exit{
					"west": {To: "hall"},
					"down": {To: "cellar", If: story.Conditions{{Carrying: "lamp"}}, Blocked: "It is too dark to go down without a light."},
				}},
			"cellar":  {Name: "Cellar", Description: "Damp and cold.", Exits: map[string]*story.Exit{"up": {To: "kitchen"}}},
			"library": {Name: "Library", Description: "Shelves of dusty books.", Image: "library.png", Exits: map[string]*story.Exit{"south": {To: "hall", Door: "oak"}, "up": {To: "tower"}}},
			"tower":   {Name: "Tower", Description: "The top of the house.", Exits: map[string]*story.Exit{"down": {To: "library"}}},
			"attic":   {Name: "Attic", Description: "Cobwebs everywhere.", Exits: map[string]*story.Exit{"down": {To: "hall"}}},
			"garden": {Name: "Garden", Description: "An overgrown garden.",
				Exits:    map[string]*story.Exit{"east": {To: "hall"}, "north": {To: "orchard"}, "south": {To: "shed"}},
				Passages: map[string]*story.Exit{"gate": {To: "pond", Aliases: []string{"garden gate"}}}},
			"orchard": {Name: "Orchard", Description: "Apple trees in rows.", Exits: map[string]*story.Exit{"south": {To: "garden"}}},
			"shed":    {Name: "Shed", Description: "A tool shed.", Exits: map[string]*story.Exit{"north": {To: "garden"}}},
			"pond": {Name: "Pond", Description: "Still water.", Exits: map[string]*story.Exit{"out": {To: "garden"}},
				OnEnter: []*story.Reaction{{Do: story.Effects{{End: "drowned"}}}}},
		},
		Doors: map[string]*story.Door{
			"oak": {Name: "oak door", Description: "A heavy door of oak.", State: "locked", Key: "key"},
		},
		Items: map[string]*story.Item{
			"lamp": {Name: "brass lamp", Aliases: []string{"lantern"}, Description: "A battered lamp.", At: "hall", Weight: 2},
			"box":  {Name: "wooden box", Description: "A small box.", At: "hall", Weight: 3, Container: &story.Container{Openable: true, Capacity: 3}},
			"key":  {Name: "brass key", At: "box", Weight: 1},
			"table": {Name: "table", At: "hall", Fixed: true, Supporter: true, Description: "A long table.",
				InRoom: "A long table stands against the wall."},
			"cup":    {Name: "cup", At: "table", Weight: 1},
			"statue": {Name: "marble statue", At: "hall", Fixed: true, FixedMsg: "The statue is far too heavy.", InRoom: "A marble statue guards the stairs."},
			"rope": {Name: "rope", At: "hall", Fixed: true, InRoom: "A rope dangles from the ceiling.",
				Actions: []*story.Action{{Verbs: []string{"pull"}, Once: true,
					Do: story.Effects{{Say: "A ladder folds down from the ceiling."}, {Reveal: "hall.up"}, {Score: 5}}}}},
			"book":  {Name: "old book", At: "library", Text: "It reads: THE WAY HOME IS UP.", Score: 10, Weight: 1},
			"apple": {Name: "apple", At: "orchard", Edible: true, Weight: 1},
			"wine":  {Name: "wine", At: "cellar", Drinkable: true, Plural: true, Article: "some", Weight: 1},
			"cloak": {Name: "velvet cloak", At: "shed", Wearable: true, Weight: 1},
			"anvil": {Name: "anvil", At: "shed", Weight: 50},
		},
		NPCs: map[string]*story.NPC{
			"keeper": {Name: "old keeper", Gender: "m", At: "kitchen", Description: "A stooped old man.",
				Topics: []*story.Topic{{About: []string{"key", "door"}, Text: "“The key is in the box,” he says."},
					{About: []string{"lamp"}, Text: "“Take good care of it,” he says.", Do: story.Effects{{Set: "asked_lamp"}}}},
				DefaultReply: "The keeper shrugs.",
				Talk:         "main",
				Menus: map[string]*story.Menu{
					"main": {Prompt: "What do you say?", Options: []*story.MenuOption{
						{Text: "Ask about the house", Reply: "“Old as the hills,” he says.", Next: "more"},
						{Text: "Ask for a reward", Reply: "He gives you a wink.", Once: true, Do: story.Effects{{Score: 1}}},
						{Text: "Ask about the book", Reply: "“Read it!”", If: story.Conditions{{Carrying: "book"}}},
					}},
					"more": {Prompt: "And then?", Options: []*story.MenuOption{
						{Text: "Say goodbye", Reply: "He nods."},
					}},
				},
				Accepts: []*story.Accept{{Item: "apple", Reply: "“Thank you!” He munches the apple.", Do: story.Effects{{Score: 5}}}},
			},
			"cat": {Name: "grey cat", Gender: "f", At: "garden",
				Behaviour: story.Behaviour{Wander: &story.Wander{Every: 1, Within: []string{"garden", "orchard", "shed"}}}},
			"dog": {Name: "dog", ProperName: "Rex", Gender: "m", At: "nowhere", Behaviour: story.Behaviour{Follow: true}},
		},
		Events: map[string]*story.TimedEvent{
			"bell": {AtTurn: 3, Do: story.Effects{{Say: "A bell tolls in the distance."}}},
			"drip": {Do: story.Effects{{Counter: "drips", Add: n(1)}}, Every: 2},
		},
		Rules: []*story.Rule{
			{ID: "win", If: story.Conditions{{In: "tower"}, {Carrying: "book"}}, Do: story.Effects{{End: "escaped"}}},
			{ID: "lit", If: story.Conditions{{Carrying: "lamp"}}, Do: story.Effects{{Set: "lamp_taken"}}},
		},
	}
	fill(s)
	return s
}

// fill does what the loader does for a story written as Go: ids and a
// declaration order (sorted here, since a map literal has none).
func fill(s *story.Story) {
	keys := func(m any) []string {
		var out []string
		switch m := m.(type) {
		case map[string]*story.Location:
			for k, v := range m {
				v.ID = k
				out = append(out, k)
			}
		case map[string]*story.Item:
			for k, v := range m {
				v.ID = k
				out = append(out, k)
			}
		case map[string]*story.Door:
			for k, v := range m {
				v.ID = k
				out = append(out, k)
			}
		case map[string]*story.NPC:
			for k, v := range m {
				v.ID = k
				out = append(out, k)
			}
		case map[string]*story.TimedEvent:
			for k, v := range m {
				v.ID = k
				out = append(out, k)
			}
		}
		sort.Strings(out)
		return out
	}
	s.Order = story.Order{Locations: keys(s.Locations), Items: keys(s.Items), Doors: keys(s.Doors),
		NPCs: keys(s.NPCs), Events: keys(s.Events)}
}

package parse

import (
	"strings"
	"testing"
)

// room is the test world: a lighthouse keeper's room with two keys, so
// that "key" is ambiguous, and the player carrying some of it.
func room() Scope {
	return Scope{
		Nouns: []Noun{
			{ID: "brass-key", Kind: Thing, Name: "brass key", Words: []string{"key"}, Adjectives: []string{"brass", "small"}, Held: true},
			{ID: "iron-key", Kind: Thing, Name: "iron key", Words: []string{"key"}, Adjectives: []string{"iron", "rusty"}, Here: true},
			{ID: "lamp", Kind: Thing, Name: "old lamp", Words: []string{"lamp", "lantern"}, Adjectives: []string{"old", "brass"}, Here: true},
			{ID: "box", Kind: Thing, Name: "wooden box", Words: []string{"box", "chest"}, Adjectives: []string{"wooden"}, Here: true},
			{ID: "coin", Kind: Thing, Name: "gold coin", Words: []string{"coin"}, Adjectives: []string{"gold"}, Here: true, Within: "box"},
			{ID: "cloak", Kind: Thing, Name: "cloak", Words: []string{"cloak"}, Held: true},
			{ID: "door", Kind: Thing, Name: "oak door", Words: []string{"door"}, Adjectives: []string{"oak"}, Here: true},
			{ID: "keeper", Kind: Person, Name: "keeper", Words: []string{"keeper", "man"}, Adjectives: []string{"old"}, Gender: "m", Here: true},
			{ID: "wren", Kind: Person, Name: "Wren", Words: []string{"wren", "woman"}, Gender: "f", Here: true},
			{ID: "window", Kind: Scenery, Name: "window", Words: []string{"window"}, Here: true},
			{ID: "me", Kind: Self, Name: "yourself", Words: []string{"yourself"}},
		},
		Exits: []string{"north", "up", "gate"},
		Verbs: []string{"ring", "push on"},
	}
}

// show renders a Result compactly, so a table can say what a player would
// get: "take lamp", "? Which do you mean …", "! You can't …".
func show(r Result) string {
	switch {
	case r.Question != "":
		return "? " + r.Question
	case r.Error != "":
		return "! " + r.Error
	case r.Command == nil:
		return "(empty)"
	}
	c := r.Command
	var b strings.Builder
	b.WriteString(c.Verb)
	if c.Social {
		b.WriteString("(social)")
	}
	if c.All {
		b.WriteString(" all:")
	}
	for _, o := range c.Objects {
		b.WriteString(" " + o.ID)
	}
	if c.Second != nil {
		b.WriteString(" " + c.Prep + " " + c.Second.ID)
	} else if c.Prep != "" {
		b.WriteString(" " + c.Prep)
	}
	if c.Direction != "" {
		b.WriteString(" >" + c.Direction)
	}
	if c.Adverb != "" {
		b.WriteString(" ~" + c.Adverb)
	}
	if c.Topic != "" {
		b.WriteString(" #" + c.Topic)
	}
	if c.Text != "" {
		b.WriteString(` "` + c.Text + `"`)
	}
	if r.Meta {
		b.WriteString(" [meta]")
	}
	return b.String()
}

// talk plays lines into one parser and checks each reply.
func talk(t *testing.T, p *Parser, scope Scope, pairs ...string) []Result {
	t.Helper()
	var out []Result
	for i := 0; i+1 < len(pairs); i += 2 {
		r := p.Parse(pairs[i], scope)
		if got := show(r); got != pairs[i+1] {
			t.Errorf("after %q:\n got  %s\n want %s", pairs[i], got, pairs[i+1])
		}
		out = append(out, r)
	}
	return out
}

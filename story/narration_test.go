package story

import (
	"slices"
	"strings"
	"testing"
)

// Each mistake in narration: is named with its file, line and field.
func TestNarrationMistakes(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"mood", "narration:\n  world_mood: 9\n",
			`demo/story.yaml:5:3: narration.world_mood: cannot be 9, want -5 (hostile) to 5 (friendly)`},
		{"kind", "narration:\n  rewrite: [rooms, dialog]\n",
			`demo/story.yaml:5:20: narration.rewrite[1]: unknown kind "dialog"; want rooms, examine, dialogue, actions or none; did you mean "dialogue"?`},
		{"npc", "narration:\n  npcs:\n    kepeer: {personality: gruff}\n",
			`demo/story.yaml:6:5: narration.npcs.kepeer: no NPC "kepeer"; did you mean "keeper"?`},
		{"field", "narration:\n  voise: second person\n",
			`demo/story.yaml:5:3: narration.voise: unknown field "voise"; did you mean "voice"?`},
		{"npc field", "narration:\n  npcs:\n    keeper: {knows: lots}\n",
			`demo/story.yaml:6:14: narration.npcs.keeper.knows: cannot be "lots", want a list`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadWith(t, config(goodConfig+c.yaml))
			got := problemsOf(t, err)
			if !slices.ContainsFunc(got, func(l string) bool { return strings.HasPrefix(l, c.want) }) {
				t.Errorf("want a problem\n  %s\ngot\n  %s", c.want, strings.Join(got, "\n  "))
			}
		})
	}
}

// A whole narration: block loads, and rewrite decides what a model may
// retell: the default without it, nothing with [none].
func TestNarrationLoads(t *testing.T) {
	s, err := loadWith(t, config(goodConfig+`narration:
  voice: second person
  style: wry
  type: gothic
  context: a storm
  world_info: an island
  world_mood: -2
  rewrite: [rooms, actions]
  npcs:
    keeper: {personality: gruff, occupation: keeper, knows: [the light]}
`))
	if err != nil {
		t.Fatal(err)
	}
	n := s.Config.Narration
	if n.Voice != "second person" || n.WorldMood != -2 || n.NPCs["keeper"].Knows[0] != "the light" || n.WorldInfo != "an island" {
		t.Errorf("narration = %+v", n)
	}
	if !s.Config.Rewrites(RewriteActions) || s.Config.Rewrites(RewriteDialogue) {
		t.Errorf("rewrite [rooms, actions]: actions %v, dialogue %v", s.Config.Rewrites(RewriteActions), s.Config.Rewrites(RewriteDialogue))
	}
	plain := Config{}
	if !plain.Rewrites(RewriteRooms) || plain.Rewrites(RewriteActions) {
		t.Error("without narration: rooms, examine and dialogue, not actions")
	}
	none := Config{Narration: &Narration{Rewrite: []string{"none"}}}
	if none.Rewrites(RewriteRooms) {
		t.Error("rewrite [none] still rewrites rooms")
	}
}

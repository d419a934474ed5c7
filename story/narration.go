package story

// Narration is story.yaml's narration: what a language model (tale
// --llm-url) is told of the story's voice and world, what it may retell,
// and who the people are when they answer freely. Every field is
// optional; without the block a model still retells the default kinds in
// a plain narrator's voice. The model's text never changes the world.
//
// context, type, world_info and world_mood are LlamaTale's story fields
// of the same names, so a LlamaTale story keeps what fed its prompts.
type Narration struct {
	Voice     string `yaml:"voice"`      // e.g. "second person, present tense"
	Style     string `yaml:"style"`      // e.g. "terse and wry, like Infocom"
	Type      string `yaml:"type"`       // LlamaTale "type": the genre, e.g. "gothic mystery"
	Context   string `yaml:"context"`    // LlamaTale "context": the premise, what the player knows
	WorldInfo string `yaml:"world_info"` // LlamaTale "world_info": the world beyond this place
	// WorldMood is LlamaTale's "world_mood": -5 (uttermost hostile) to 5
	// (uttermost friendly); 0 or absent says nothing.
	WorldMood int `yaml:"world_mood"`
	// Rewrite lists the kinds of text a model may retell: rooms, examine,
	// dialogue, actions (fights, and other players' deeds in MUD mode).
	// Absent: DefaultRewrite. [] or [none]: nothing.
	Rewrite []string `yaml:"rewrite"`
	// NPCs gives people their personality and knowledge, by NPC id.
	NPCs map[string]*NarrationNPC `yaml:"npcs"`
}

// NarrationNPC is what a model is told of a person who answers freely
// (`ask X about anything` with no authored topic, `X, anything`).
type NarrationNPC struct {
	Personality string   `yaml:"personality"` // LlamaTale "personality": how they speak and behave
	Occupation  string   `yaml:"occupation"`  // LlamaTale "occupation"
	Knows       []string `yaml:"knows"`       // facts they may tell
}

// The kinds of text narration.rewrite names.
const (
	RewriteRooms    = "rooms"
	RewriteExamine  = "examine"
	RewriteDialogue = "dialogue"
	RewriteActions  = "actions"
	rewriteNone     = "none"
)

// DefaultRewrite is what a model retells when the story does not say:
// actions are left out, because a fight narrated at length slows a fight.
var DefaultRewrite = []string{RewriteRooms, RewriteExamine, RewriteDialogue}

// maxMood bounds world_mood, as LlamaTale does.
const maxMood = 5

// Rewrites reports whether the story lets a model retell kind (one of
// the Rewrite constants).
func (c *Config) Rewrites(kind string) bool {
	list := DefaultRewrite
	if c.Narration != nil && c.Narration.Rewrite != nil {
		list = c.Narration.Rewrite
	}
	for _, k := range list {
		if k == kind {
			return true
		}
	}
	return false
}

// checkNarration checks story.yaml's narration. With world false (a
// generator builds the world) NPC ids are not checked.
func checkNarration(s *Story, rep *report, world bool) {
	n := s.Config.Narration
	if n == nil {
		return
	}
	if n.WorldMood < -maxMood || n.WorldMood > maxMood {
		rep.add("narration.world_mood", "cannot be %d, want -5 (hostile) to 5 (friendly)", n.WorldMood)
	}
	kinds := []string{RewriteRooms, RewriteExamine, RewriteDialogue, RewriteActions, rewriteNone}
	for i, k := range n.Rewrite {
		ok := false
		for _, want := range kinds {
			ok = ok || k == want
		}
		if !ok {
			rep.add(index("narration.rewrite", i), "unknown kind %q; want rooms, examine, dialogue, actions or none%s", k, didYouMean(k, kinds))
		}
	}
	if !world {
		return
	}
	for _, id := range keys(n.NPCs) {
		if s.NPCs[id] == nil {
			rep.add(join("narration.npcs", id), "no NPC %q%s", id, didYouMean(id, keys(s.NPCs)))
		}
	}
}

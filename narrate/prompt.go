package narrate

import (
	"fmt"
	"strings"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// PromptVersion is part of every cache key: change it whenever the prompts
// below (or Sanitize) change, so old rewrites are not served for new ones.
const PromptVersion = 1

const (
	// maxFactsBytes bounds the authored text sent: a long room is ~1 KB.
	maxFactsBytes = 4096
	// maxFieldBytes bounds each story or NPC field in a prompt, so one
	// overlong field cannot crowd out the facts or the model's context.
	maxFieldBytes = 2048
	// maxListItems bounds an NPC's topics and facts in a prompt.
	maxListItems = 32
)

// Words asked for, by kind: a room is a paragraph, an answer a few lines.
// The prompt asks; MaxTextBytes enforces.
var wordsFor = [...]int{Room: 120, Examine: 80, Dialogue: 60, Action: 50}

// prompt is the two messages of one request.
type prompt struct{ system, user string }

// buildPrompt writes the messages for r in s's voice. Everything from a
// story is bounded; what a player said is cleaned like any input line.
func buildPrompt(s *Story, r *Request) prompt {
	var sys strings.Builder
	facts := field(markup.Strip(r.Facts), maxFactsBytes)
	words := wordsFor[r.Kind]
	switch r.Kind {
	case Dialogue:
		npc := r.NPC
		if npc == nil {
			npc = &NPC{Name: "someone"}
		}
		fmt.Fprintf(&sys, "You are %s", field(npc.Name, maxFieldBytes))
		if npc.Occupation != "" {
			fmt.Fprintf(&sys, ", %s", field(npc.Occupation, maxFieldBytes))
		}
		fmt.Fprintf(&sys, ", a character in %s.\n", storyName(s))
		line(&sys, "Personality", npc.Personality)
		listLine(&sys, "You know", npc.Knows)
		listLine(&sys, "You can talk about", npc.Topics)
		setting(&sys, s)
		fmt.Fprintf(&sys, "Answer the player in character, as %s speaking, in at most %d words.\n", field(npc.Name, maxFieldBytes), words)
		sys.WriteString("You can only talk: you cannot give, take, open, unlock, move or fight, and nothing you say changes the world, so never claim it does. " +
			"If you do not know something, say so in character. Do not invent exits, items or people. " +
			"Reply with the spoken answer only: no markup, no stage directions, no notes.")
		return prompt{sys.String(), "Where you are: " + facts + "\n\nThe player says: " + tio.CleanLine(r.Said)}
	case Action:
		fmt.Fprintf(&sys, "You are the narrator of %s, a text adventure.\n", storyName(s))
		setting(&sys, s)
		fmt.Fprintf(&sys, "Narrate the moment you are given vividly, in at most %d words. ", words)
		sys.WriteString("Keep exactly who acted, what they did and how it ended; add no people, items, wounds or outcomes. " +
			"Reply with the narration only: no markup, no notes.")
		return prompt{sys.String(), "What happened: " + facts}
	}
	fmt.Fprintf(&sys, "You are the narrator of %s, a text adventure.\n", storyName(s))
	setting(&sys, s)
	fmt.Fprintf(&sys, "Rewrite the game text you are given in this voice, in at most %d words. ", words)
	sys.WriteString("The game text is the only truth: keep every exit, item and person it names, and do not add exits, items or people. " +
		"Do not say that anything opens, moves, appears or changes. Do not give advice or speak about the game. " +
		"Reply with the rewritten text only: no markup, lists, headings or notes.")
	return prompt{sys.String(), "Game text: " + facts}
}

// setting writes the story's voice and world, the fields it has.
func setting(b *strings.Builder, s *Story) {
	line(b, "Voice", s.Voice)
	line(b, "Style", s.Style)
	line(b, "Genre", s.Genre)
	line(b, "Premise", s.Context)
	line(b, "World", s.World)
	if m := moodWords(s.Mood); m != "" {
		line(b, "The world is", m)
	}
}

func storyName(s *Story) string {
	if s.Title == "" {
		return "this story"
	}
	return field(s.Title, maxFieldBytes)
}

func line(b *strings.Builder, label, v string) {
	if v = field(v, maxFieldBytes); v != "" {
		fmt.Fprintf(b, "%s: %s\n", label, v)
	}
}

func listLine(b *strings.Builder, label string, items []string) {
	var kept []string
	for _, it := range items[:min(len(items), maxListItems)] {
		if it = field(it, maxFieldBytes); it != "" {
			kept = append(kept, it)
		}
	}
	if len(kept) > 0 {
		fmt.Fprintf(b, "%s: %s.\n", label, strings.Join(kept, "; "))
	}
}

// field is a story string made one bounded, printable line.
func field(s string, n int) string {
	return strings.TrimSpace(cut(tio.Printable(s), n))
}

// moodWords says LlamaTale's world_mood (-5..5) in words.
func moodWords(m int) string {
	switch {
	case m <= -4:
		return "utterly hostile"
	case m <= -2:
		return "hostile"
	case m < 0:
		return "unfriendly"
	case m == 0:
		return ""
	case m < 2:
		return "friendly"
	case m < 4:
		return "welcoming"
	}
	return "utterly friendly"
}
